// DatasetReader: how other domains (drift, evaluation) read a stored dataset's columns by name,
// without knowing the columnar file format or the dataset tables. Implemented by the datasets
// domain (DatasetService); consumers depend only on this header.
//
// Thread safety: implementations are thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/status.h"

namespace cairn::storage {
class Transaction;
}  // namespace cairn::storage

namespace cairn::datasets {

enum class ColumnType { kInt64, kFloat64, kBool, kTimestamp, kString };

// One column, fully loaded. Numeric-like types (int64, float64, bool as 0/1, timestamp as ms)
// fill `numbers` with NaN for missing cells; kString fills `strings` with nullopt for missing.
struct ColumnData {
  std::string name;
  ColumnType type = ColumnType::kString;
  std::vector<double> numbers;
  std::vector<std::optional<std::string>> strings;
  int64_t missing = 0;
  size_t size() const { return type == ColumnType::kString ? strings.size() : numbers.size(); }
};

struct DatasetInfo {
  std::string id;
  std::string name;
  int64_t row_count = 0;
  std::vector<std::pair<std::string, ColumnType>> columns;  // in file order
  std::string sha256;  // of the ingested CSV bytes (compliance reports)
  // Per column (file order), a lower bound on its distinct present values, from the profile
  // (exact up to the profile's exact-distinct bound). Empty when the reader does not know.
  std::vector<int64_t> distinct_at_least;
};

class DatasetReader {
 public:
  virtual ~DatasetReader() = default;
  // Errors: NotFound for an unknown dataset id.
  virtual Result<DatasetInfo> Describe(const std::string& dataset_id) = 0;
  // Errors: NotFound for an unknown dataset or column.
  virtual Result<ColumnData> ReadColumn(const std::string& dataset_id,
                                        const std::string& column) = 0;
  // Holds the dataset against deletion until `tx` commits, so that a reference to it written in
  // `tx` (a scenario, a queued run) cannot slip past a concurrent DELETE (see
  // DatasetStore::Hold). `tx` must be a write transaction on the database the datasets live in.
  // Errors: NotFound when the dataset does not exist (any more). Readers that keep no datasets in
  // that database (test doubles) hold nothing.
  virtual Status Hold(storage::Transaction& /*tx*/, const std::string& /*dataset_id*/) {
    return Status::Ok();
  }
};

}  // namespace cairn::datasets
