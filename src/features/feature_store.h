// FeatureStore: the storage contract of the feature store (tables features, feature_tags,
// feature_versions, feature_values, feature_online).
//
// Values: (feature, entity_key, event_time) identifies a value; writing it again replaces it
// (last write wins, also within one batch: later rows win). feature_online holds the latest value
// per (feature, key): a write replaces it when its event_time >= the stored one, so equal event
// times also resolve to the last write.
//
// Thread safety: implementations are thread-safe.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "audit/types.h"
#include "common/status.h"
#include "features/types.h"

namespace cairn::features {

class FeatureStore {
 public:
  virtual ~FeatureStore() = default;

  // Inserts the feature, its tags and version `f.current` (version 1). Errors: AlreadyExists.
  virtual Status Create(const Feature& f, const audit::Entry& audit) = 0;
  // The feature with `version` (latest when nullopt). Errors: NotFound (feature or version).
  virtual Result<Feature> Get(const std::string& name, std::optional<int64_t> version) = 0;
  // Errors: InvalidArgument (page token).
  virtual Result<FeaturePage> List(const FeatureQuery& query) = 0;
  // Every version, oldest first. Errors: NotFound.
  virtual Result<std::vector<FeatureVersion>> Versions(const std::string& name) = 0;

  // Read-modify-write of the metadata in one write transaction: loads the latest feature, calls
  // `mutate` (which changes metadata, bumps revision/updated_* and returns the audit entry, or an
  // error that aborts everything), stores metadata and tags. Errors: NotFound, mutate's errors.
  using MutateFn = std::function<Result<audit::Entry>(Feature& feature)>;
  virtual Result<Feature> Mutate(const std::string& name, const MutateFn& mutate) = 0;
  // Like Mutate, and also inserts `feature.current` as a new version (mutate sets it and
  // latest_version).
  virtual Result<Feature> AddVersion(const std::string& name, const MutateFn& mutate) = 0;

  // Latest versions of the named features (absent names are missing from the map).
  virtual Result<std::map<std::string, Feature>> GetLatestMany(
      const std::vector<std::string>& names) = 0;
  // Features whose latest version's source is the dataset, excluding archived ones.
  virtual Result<std::vector<std::string>> FeaturesUsingDataset(const std::string& dataset_id) = 0;

  // Writes values (upsert) and the online table in one transaction, with the audit entry.
  virtual Status WriteValues(const std::vector<StoredValue>& values, const audit::Entry& audit) = 0;
  // Latest cells of (feature, key) pairs: result[f][k] for features x keys (missing = no value).
  virtual Result<std::vector<std::vector<Cell>>> Online(const std::vector<std::string>& features,
                                                        const std::vector<std::string>& keys) = 0;
  // Stored points of `feature` for `keys` with event_time <= max_time, ordered by key then
  // event_time ascending.
  virtual Result<std::vector<HistoryPoint>> History(const std::string& feature,
                                                    const std::vector<std::string>& keys,
                                                    int64_t max_time) = 0;
};

}  // namespace cairn::features
