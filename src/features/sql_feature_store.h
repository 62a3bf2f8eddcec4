// SqlFeatureStore: FeatureStore on storage::SqlDatabase (migration 0002_features.sql).
// Value writes are multi-row upserts (kValuesPerStatement rows per statement); lookups use the
// primary keys (feature_name, entity_key[, event_time]). Thread-safe.
#pragma once

#include "features/feature_store.h"
#include "storage/sql_database.h"

namespace cairn::features {

class SqlFeatureStore final : public FeatureStore {
 public:
  explicit SqlFeatureStore(storage::SqlDatabase& db) : db_(db) {}

  Status Create(const Feature& f, const audit::Entry& audit) override;
  Result<Feature> Get(const std::string& name, std::optional<int64_t> version) override;
  Result<FeaturePage> List(const FeatureQuery& query) override;
  Result<std::vector<FeatureVersion>> Versions(const std::string& name) override;
  Result<Feature> Mutate(const std::string& name, const MutateFn& mutate) override;
  Result<Feature> AddVersion(const std::string& name, const MutateFn& mutate) override;
  Result<std::map<std::string, Feature>> GetLatestMany(
      const std::vector<std::string>& names) override;
  Result<std::vector<std::string>> FeaturesUsingDataset(const std::string& dataset_id) override;
  Status WriteValues(const std::vector<StoredValue>& values, const audit::Entry& audit) override;
  Result<std::vector<std::vector<Cell>>> Online(const std::vector<std::string>& features,
                                                const std::vector<std::string>& keys) override;
  Result<std::vector<HistoryPoint>> History(const std::string& feature,
                                            const std::vector<std::string>& keys,
                                            int64_t max_time) override;

 private:
  Result<Feature> MutateImpl(const std::string& name, const MutateFn& mutate, bool add_version);
  storage::SqlDatabase& db_;
};

}  // namespace cairn::features
