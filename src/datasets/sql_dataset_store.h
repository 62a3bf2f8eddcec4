// SqlDatasetStore: DatasetStore on storage::SqlDatabase (migration 0002_features.sql).
// Profiles are stored as JSON text (dataset_json.h codec). Thread-safe.
#pragma once

#include "datasets/dataset_store.h"
#include "storage/sql_database.h"

namespace cairn::datasets {

class SqlDatasetStore final : public DatasetStore {
 public:
  explicit SqlDatasetStore(storage::SqlDatabase& db) : db_(db) {}
  Status Create(const Dataset& d, const audit::Entry& audit) override;
  Result<Dataset> Get(const std::string& id) override;
  Result<DatasetPage> List(const std::optional<std::string>& name, int limit,
                           const std::string& page_token) override;
  Result<Dataset> Update(const std::string& id, const DatasetMutator& mutate) override;
  Status Delete(const std::string& id, const audit::Entry& audit,
                const storage::TxStep& check_unused) override;
  Status Hold(storage::Transaction& tx, const std::string& id) override;

 private:
  storage::SqlDatabase& db_;
};

}  // namespace cairn::datasets
