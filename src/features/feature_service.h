// FeatureService: the feature store rules (SPEC §3 "Features", "Values").
//
// Decisions:
// - Names follow SPEC §1; `datasets`, `values`, `online` and `historical` are reserved (they are
//   paths under /api/v1/features). Entity
//   names follow the same rule. Owner defaults to the creator. Status moves freely between
//   active, deprecated and archived (DELETE = archive; kept for history). Archived features
//   accept no new version and no values (409) but stay readable.
// - Versions are immutable. POST /versions must change value_type, schema or source (else 400)
//   and needs a changelog; absent members inherit from the latest version. PATCH changes
//   metadata only (description, owner, tags (replaced), status) and never creates a version.
//   Both bump `revision`; If-Match mismatches are 412.
// - Schema constraints must fit the type: min/max for int64, float64, float_vector (element-wise);
//   allowed for int64, float64, string; dimension (1..65536) for float_vector only; min <= max.
//   nullable defaults to true.
// - A dataset source must name an existing dataset column of a compatible type (int64 for int64;
//   int64 or float64 for float64; same type otherwise; float_vector has no dataset source).
// - Values: 1..10000 rows per batch, each checked against its feature's latest version (type and
//   constraints); the first bad rows are reported as rows[i].<field> and nothing is written.
//   int64 features take JSON integers only; float64 take any number; timestamps take RFC 3339
//   strings (stored normalised to ms). Value identity and tie rule: see feature_store.h (last
//   write wins for equal (feature, key, event_time)).
// - Online: entity required, 1..1000 keys, 1..100 distinct features; unknown feature 404, a
//   feature of another entity 400. Historical: point-in-time join, latest value with
//   event_time <= the row's; processed per feature in batches of keys (one query per 500 keys),
//   then a sorted sweep per key: O(R log R + V) for R rows and V stored values read.
//
// Thread safety: thread-safe.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "common/clock.h"
#include "datasets/dataset_service.h"
#include "features/feature_store.h"
#include "features/types.h"

namespace cairn::features {

class FeatureService final : public datasets::DatasetUsage {
 public:
  // `datasets` is not owned and may be null (then dataset sources and materialize are refused).
  FeatureService(std::unique_ptr<FeatureStore> store, datasets::DatasetService* datasets,
                 const Clock& clock = Clock::System());

  // Errors: InvalidArgument, AlreadyExists.
  Result<Feature> Create(const FeatureCreate& request, const std::string& actor);
  // Errors: NotFound (feature or version), InvalidArgument (version < 1).
  Result<Feature> Get(const std::string& name, std::optional<int64_t> version);
  // Errors: InvalidArgument (filters, limit, page token).
  Result<FeaturePage> List(const FeatureListRequest& request);
  // Errors: InvalidArgument, NotFound, Aborted.
  Result<Feature> Update(const std::string& name, const FeaturePatch& patch,
                         std::optional<int64_t> if_match, const std::string& actor);
  // Archives. Errors: NotFound, Aborted.
  Result<Feature> Archive(const std::string& name, std::optional<int64_t> if_match,
                          const std::string& actor);
  // Errors: NotFound.
  Result<std::vector<FeatureVersion>> Versions(const std::string& name);
  // Errors: NotFound, InvalidArgument.
  Result<FeatureVersion> GetVersion(const std::string& name, int64_t version);
  // Errors: InvalidArgument (no change, bad schema/source, missing changelog), NotFound,
  // FailedPrecondition (archived), Aborted.
  Result<Feature> AddVersion(const std::string& name, const VersionCreate& request,
                             std::optional<int64_t> if_match, const std::string& actor);

  // Errors: InvalidArgument (rows[i].field), FailedPrecondition (archived feature).
  Result<int64_t> WriteValues(std::vector<ValueRowInput> rows, const std::string& actor);
  // Errors: InvalidArgument, NotFound (feature).
  Result<OnlineResult> Online(const OnlineRequest& request);
  // Errors: InvalidArgument, NotFound (feature).
  Result<HistoricalResult> Historical(const HistoricalRequest& request);
  // Loads a dataset's (entity, timestamp, value) columns as values of the feature.
  // Errors: InvalidArgument (columns, types, bad cells naming the row), NotFound (feature,
  // dataset), FailedPrecondition (archived).
  Result<int64_t> Materialize(const std::string& name, const MaterializeRequest& request,
                              const std::string& actor);

  // datasets::DatasetUsage: non-archived features whose latest source is the dataset.
  Result<std::vector<std::string>> UsersOfDataset(const std::string& dataset_id) override;

 private:
  Status ValidateSource(const FeatureSource& source, ValueType type);
  Result<std::vector<Feature>> RequireFeatures(const std::vector<std::string>& names);

  std::unique_ptr<FeatureStore> store_;
  datasets::DatasetService* datasets_;
  const Clock& clock_;
};

// Checks `v` against a type and constraints, normalising it (int64 -> double for float64,
// RFC 3339 text -> ms for timestamp). `field` names the value in errors.
Status CheckValue(ValueType type, const FeatureSchema& schema, RawValue& v,
                  const std::string& field);
// Errors: InvalidArgument naming schema.<member>.
Status ValidateSchema(ValueType type, const FeatureSchema& schema);

}  // namespace cairn::features
