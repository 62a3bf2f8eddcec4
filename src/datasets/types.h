// Dataset domain types (SPEC §3 "Datasets"): stored CSV datasets, their columns and profiles.
// Plain structs; no SQL, no JSON, no HTTP. Thread-compatible values.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/page.h"
#include "datasets/dataset_reader.h"

namespace cairn::datasets {

using StringMap = std::map<std::string, std::string>;

[[nodiscard]] std::string_view ToString(ColumnType t);
[[nodiscard]] std::optional<ColumnType> ParseColumnType(std::string_view s);

// The quantile probabilities of a profile, in order: p1 p5 p25 p50 p75 p95 p99.
inline constexpr std::array<double, 7> kQuantileProbs = {0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99};
inline constexpr std::array<std::string_view, 7> kQuantileNames = {"p1",  "p5",  "p25", "p50",
                                                                   "p75", "p95", "p99"};
inline constexpr int kHistogramBins = 20;
inline constexpr int kTopValues = 20;

struct Histogram {
  std::vector<double> edges;    // kHistogramBins + 1 edges
  std::vector<int64_t> counts;  // kHistogramBins counts
};

struct TopValue {
  std::string value;
  int64_t count = 0;
};

// Profile of one column. Numeric statistics (int64, float64, timestamp in ms, bool as 0/1) are
// over present cells; std is the sample standard deviation (n - 1), absent when n < 2.
struct ColumnProfile {
  std::string name;
  ColumnType type = ColumnType::kString;
  int64_t count = 0;    // present (non-missing) cells
  int64_t missing = 0;  // empty cells
  int64_t distinct = 0;
  bool distinct_exact = true;  // false: HyperLogLog estimate (string columns past the bound)
  std::optional<double> min, max, mean, std;
  std::vector<double> quantiles;       // kQuantileProbs order; empty for bool/string or n = 0
  std::optional<Histogram> histogram;  // int64, float64, timestamp
  std::vector<TopValue> top_values;    // bool, string: most frequent first, ties by value
  bool top_values_exact = true;
};

struct Dataset {
  std::string id;
  std::string name;
  std::string description;
  std::string source_type = "csv_upload";
  std::string table_name;  // storage location under the data directory: datasets/<id>
  std::vector<std::pair<std::string, ColumnType>> columns;  // file order
  int64_t row_count = 0;
  int64_t size_bytes = 0;    // bytes of the uploaded CSV
  int64_t stored_bytes = 0;  // bytes of the column files
  std::string sha256;        // of the uploaded CSV bytes
  StringMap tags;
  std::vector<ColumnProfile> profile;  // one per column, file order
  std::string created_by;
  int64_t created_at = 0;
  int64_t updated_at = 0;
  int64_t revision = 1;
};

inline constexpr int kMaxPreviewRows = 1000;

// PATCH /features/datasets/{id}: metadata only (the data, its schema and profile are
// immutable). Absent fields are left unchanged; `tags` replaces the whole map.
struct DatasetPatch {
  std::optional<std::string> description;
  std::optional<StringMap> tags;
};

struct DatasetListRequest {
  std::optional<std::string> name;
  std::optional<int64_t> limit;
  std::string page_token;
};

// Datasets of a list view (without profiles).
using DatasetPage = Page<Dataset>;

// A cell of a preview row: nullopt = missing. Values keep their type for JSON rendering.
struct PreviewCell {
  ColumnType type = ColumnType::kString;
  bool present = false;
  int64_t i = 0;
  double d = 0;
  std::string s;
};

struct DatasetRows {
  std::vector<std::string> columns;
  std::vector<ColumnType> types;
  int64_t offset = 0;
  int64_t total = 0;
  std::vector<std::vector<PreviewCell>> rows;
};

}  // namespace cairn::datasets
