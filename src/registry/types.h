// Model-registry domain types (SPEC §2 "Model registry"). Plain structs: no SQL, no JSON, no
// HTTP. Times are int64 milliseconds UTC. Thread-compatible values.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "common/page.h"

namespace cairn::registry {

using StringMap = std::map<std::string, std::string>;
using MetricMap = std::map<std::string, double>;

enum class Stage { kNone, kStaging, kProduction, kArchived };
enum class ArtifactFormat { kXgboostJson, kOnnx, kOther };

[[nodiscard]] std::string_view ToString(Stage s);
[[nodiscard]] std::string_view ToString(ArtifactFormat f);
[[nodiscard]] std::optional<Stage> ParseStage(std::string_view s);
[[nodiscard]] std::optional<ArtifactFormat> ParseArtifactFormat(std::string_view s);

// A checklist item as configured (the default checklist of new versions).
struct ChecklistItemSpec {
  std::string key;
  std::string description;
  bool required = true;
};

struct ChecklistItem {
  std::string key;
  std::string description;
  bool required = true;
  bool done = false;
  std::optional<std::string> done_by;
  std::optional<int64_t> done_at;
  std::string note;
};

struct ModelArtifact {
  ArtifactFormat format = ArtifactFormat::kOther;
  std::string path;  // relative to the data directory
  int64_t size_bytes = 0;
  std::string sha256;  // lowercase hex
};

struct ModelVersion {
  std::string model_name;
  int64_t version = 0;
  std::optional<std::string> run_id;
  std::string description;
  Stage stage = Stage::kNone;
  MetricMap metrics;
  StringMap params;
  StringMap tags;
  std::optional<ModelArtifact> artifact;
  std::vector<ChecklistItem> checklist;
  std::string source;                // MLflow's model source URI ("" for native registrations)
  std::string run_link;              // MLflow's run link
  std::vector<std::string> aliases;  // the model's aliases naming this version, sorted
  std::string created_by;
  std::string updated_by;
  int64_t created_at = 0;
  int64_t updated_at = 0;
  int64_t revision = 1;
};

// A registered model with all its versions (newest first).
struct Model {
  std::string name;
  int64_t latest_version = 0;
  std::optional<int64_t> production_version;
  std::string description;
  StringMap tags;
  std::map<std::string, int64_t> aliases;  // alias -> version
  std::string created_by;
  int64_t revision = 1;
  int64_t created_at = 0;
  int64_t updated_at = 0;
  std::vector<ModelVersion> versions;
};

// --- requests (validated by RegistryService) ---

struct VersionCreate {
  std::string model_name;
  std::optional<std::string> run_id;
  std::optional<std::string> description;
  std::optional<StringMap> tags;
  std::optional<MetricMap> metrics;  // overlaid on the run's metrics
  std::optional<StringMap> params;   // overlaid on the run's params
  std::string source;                // MLflow's model source URI
  std::string run_link;              // MLflow's run link
  // MLflow's create-model-version: the registered model must exist already (NotFound
  // otherwise); the native API creates it with its first version.
  bool require_model = false;
};

// An explicitly created registered model (MLflow's registered-models/create).
struct ModelCreate {
  std::string name;
  std::optional<std::string> description;
  std::optional<StringMap> tags;
};

struct ChecklistUpdate {
  std::string key;
  bool done = false;
  std::optional<std::string> note;
};

// Absent fields are left unchanged; `tags` replaces the whole map.
struct VersionPatch {
  std::optional<std::string> description;
  std::optional<std::string> stage;
  std::optional<StringMap> tags;
  std::vector<ChecklistUpdate> checklist;
  // Single-tag edits applied to the current tags inside the update's transaction (MLflow's
  // set-tag/delete-tag): a value sets the key, nullopt deletes it.
  std::map<std::string, std::optional<std::string>> tag_edits;
  // MLflow's archive_existing_versions: moving into staging or production archives the other
  // versions in that stage (production always archives the previous production version).
  bool archive_others_in_stage = false;
};

struct VersionListRequest {
  std::optional<std::string> model_name;
  std::optional<std::string> stage;
  std::optional<int64_t> limit;
  std::string page_token;
};

struct VersionQuery {
  std::optional<std::string> model_name;
  std::optional<Stage> stage;
  int limit = kDefaultPageSize;
  std::string page_token;
};

// A registered model's description and single-tag edits (MLflow's registered-models/update,
// set-tag and delete-tag). Absent fields are left unchanged.
struct ModelPatch {
  std::optional<std::string> description;
  // Applied to the current tags inside the update's transaction: a value sets the key, nullopt
  // deletes it (deleting a missing key is no change).
  std::map<std::string, std::optional<std::string>> tag_edits;
};

// --- MLflow's registry searches (translated from its filter grammar by the MLflow routes) ---

// One clause of a registered-model search: name or a tag, with =, !=, LIKE or ILIKE.
struct ModelSearchClause {
  enum class Field { kName, kTag };
  Field field = Field::kName;
  std::string key;  // the tag key (kTag)
  std::string op;   // "=", "!=", "LIKE", "ILIKE"
  std::string value;
};

struct ModelSearchOrder {
  enum class Field { kName, kLastUpdated };
  Field field = Field::kName;
  bool descending = false;
};

// MLflow's search_registered_models: clauses ANDed; ordered by `order_by`, then name ASC unless
// named; `offset` rows skipped (MLflow's page tokens are offsets).
struct ModelSearch {
  std::vector<ModelSearchClause> filter;
  std::vector<ModelSearchOrder> order_by;
  int64_t offset = 0;
  int limit = 100;
};

// One clause of a model-version search. Values: text for name/source/tags (and run_id, which is
// MLflow's undashed form), a list for run_id IN, a number for the version.
struct VersionSearchClause {
  enum class Field { kName, kRunId, kSource, kVersion, kTag };
  Field field = Field::kName;
  std::string key;  // the tag key (kTag)
  std::string op;   // "=", "!=", "<", "<=", ">", ">=", "LIKE", "ILIKE", "IN"
  std::variant<std::string, std::vector<std::string>, double> value;
};

struct VersionSearchOrder {
  enum class Field { kName, kVersion, kCreated, kLastUpdated };
  Field field = Field::kLastUpdated;
  bool descending = true;
};

// MLflow's search_model_versions: deleted versions excluded; ordered by `order_by` (empty:
// last_updated DESC), then name ASC and version DESC unless named.
struct VersionSearch {
  std::vector<VersionSearchClause> filter;
  std::vector<VersionSearchOrder> order_by;
  int64_t offset = 0;
  int limit = 10000;
};

// An offset-paged search result: the items and whether more follow.
template <typename T>
struct SearchPage {
  std::vector<T> items;
  bool has_more = false;
};

struct CompareRequest {
  std::vector<int64_t> versions;
  std::optional<std::vector<std::string>> metrics;  // default: every metric of the versions
};

struct MetricComparison {
  std::string metric;
  bool higher_is_better = true;
  std::vector<std::optional<double>> values;  // one per requested version
  std::optional<int64_t> best_version;        // none when no version has the metric
  std::vector<std::optional<double>> deltas;  // value - value of the first version
};

struct ParamDifference {
  std::string param;
  std::vector<std::optional<std::string>> values;  // one per requested version
};

struct Comparison {
  std::string model_name;
  std::vector<int64_t> versions;
  std::vector<MetricComparison> metrics;
  std::vector<ParamDifference> params_diff;  // only params whose values differ
};

}  // namespace cairn::registry
