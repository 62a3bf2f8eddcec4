// DatasetService: CSV datasets kept by the platform (SPEC §3 "Datasets"), and the
// DatasetReader other domains use to read columns.
//
// Decisions:
// - Upload: `name` follows the name rule; names need not be unique (re-uploads of the same name
//   are separate datasets, told apart by id). Values go to <data_dir>/datasets/<id>/ as column
//   files (column_file.h); metadata and the profile go to the `datasets` table. On any error
//   the directory is removed and nothing is recorded. A crash between writing the files and
//   committing the row can leave an orphan directory (never referenced; safe to delete).
// - Delete refuses (FailedPrecondition, 409) while a registered DatasetUsage reports a user:
//   features whose source uses the dataset, evaluation scenarios that evaluate it, and
//   evaluation runs that are queued or running on it (named by run id). Finished runs do not
//   hold a dataset: their reports are stored whole and stay readable after it is deleted.
//   Usages answered in the delete's transaction (UsersOfDatasetInTransaction: evaluation) are
//   race-free: their writers Hold the dataset row while they record the reference
//   (dataset_store.h). Features still answer before the transaction: a feature created in
//   between keeps a dangling reference (reads of it then answer NotFound).
// - Preview: offset >= 0, 1 <= limit <= 1000 (default 100).
//
// Thread safety: thread-safe (usages are added before serving).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/status.h"
#include "datasets/column_file.h"
#include "datasets/dataset_reader.h"
#include "datasets/dataset_store.h"
#include "datasets/types.h"

namespace cairn::datasets {

// Another domain's resources that reference datasets.
class DatasetUsage {
 public:
  virtual ~DatasetUsage() = default;
  // Human-readable names of what uses the dataset (e.g. "feature 'price'"); empty when unused.
  // Asked before the delete's transaction.
  virtual Result<std::vector<std::string>> UsersOfDataset(const std::string& dataset_id) = 0;
  // The same, asked inside the delete's transaction, after the dataset row is locked: a usage
  // whose writers call DatasetReader::Hold answers here and is race-free.
  virtual Result<std::vector<std::string>> UsersOfDatasetInTransaction(
      storage::Transaction& /*tx*/, const std::string& /*dataset_id*/) {
    return std::vector<std::string>{};
  }
};

struct DatasetServiceOptions {
  std::string data_dir = "./cairn-data";
};

inline constexpr int64_t kDefaultPreviewRows = 100;

class DatasetService final : public DatasetReader {
 public:
  DatasetService(std::unique_ptr<DatasetStore> store, DatasetServiceOptions options,
                 const Clock& clock = Clock::System());

  // Registers a usage hook (not owned; must outlive the service). Call before serving.
  void AddUsage(DatasetUsage* usage) { usages_.push_back(usage); }

  // Ingests the CSV file at `csv_file` (left in place; the caller removes it).
  // Errors: InvalidArgument (name, CSV content naming line and column), Internal (I/O).
  Result<Dataset> Ingest(const std::string& name, const std::string& description,
                         const std::string& csv_file, const std::string& actor);
  // Errors: NotFound.
  Result<Dataset> Get(const std::string& id);
  // Errors: InvalidArgument (limit, page token).
  Result<DatasetPage> List(const DatasetListRequest& request);
  // Errors: InvalidArgument (offset, limit), NotFound.
  Result<DatasetRows> Rows(const std::string& id, std::optional<int64_t> offset,
                           std::optional<int64_t> limit);
  // Changes the description and/or tags. A patch that changes nothing keeps the revision.
  // Errors: InvalidArgument, NotFound, Aborted (stale If-Match or a concurrent change).
  Result<Dataset> Update(const std::string& id, const DatasetPatch& patch,
                         std::optional<int64_t> if_match, const std::string& actor);
  // Errors: NotFound, FailedPrecondition (in use).
  Status Delete(const std::string& id, const std::string& actor);

  // Exact typed values of one column. Errors: NotFound (dataset, column), Internal (corrupt).
  Result<TypedColumn> ReadTypedColumn(const std::string& dataset_id, const std::string& column);

  // DatasetReader.
  Result<DatasetInfo> Describe(const std::string& dataset_id) override;
  Result<ColumnData> ReadColumn(const std::string& dataset_id, const std::string& column) override;
  Status Hold(storage::Transaction& tx, const std::string& dataset_id) override;

 private:
  // The dataset's folder relative to the data directory.
  static std::string DatasetDir(const std::string& id);
  // The column file at `index`, opened without following links. Errors: NotFound (missing, or
  // a link in the way), Internal.
  Result<TypedColumn> ReadColumn(const std::string& id, size_t index) const;

  std::unique_ptr<DatasetStore> store_;
  DatasetServiceOptions options_;
  std::vector<DatasetUsage*> usages_;
  const Clock& clock_;
};

}  // namespace cairn::datasets
