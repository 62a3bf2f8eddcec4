// Experiment-tracking domain types (SPEC §2 "Experiments", "Runs"). Plain structs: no SQL, no
// JSON, no HTTP. Times are int64 milliseconds UTC. Thread-compatible values.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "common/page.h"

namespace cairn::tracking {

using StringMap = std::map<std::string, std::string>;

enum class ExperimentStatus { kActive, kCompleted, kArchived };
// `scheduled` is MLflow's SCHEDULED (a run queued to start); it is not terminal.
enum class RunStatus { kRunning, kScheduled, kCompleted, kFailed, kKilled };
inline constexpr RunStatus kAllRunStatuses[] = {RunStatus::kRunning, RunStatus::kScheduled,
                                                RunStatus::kCompleted, RunStatus::kFailed,
                                                RunStatus::kKilled};
inline constexpr char kRunStatusNames[] = "running, scheduled, completed, failed, killed";

// Which experiments or runs a list shows: soft-deleted ones are hidden unless asked for
// (MLflow's view_type ACTIVE_ONLY / DELETED_ONLY / ALL; the native `?lifecycle=`).
enum class LifecycleFilter { kActive, kDeleted, kAll };

[[nodiscard]] std::string_view ToString(ExperimentStatus s);
[[nodiscard]] std::string_view ToString(RunStatus s);
[[nodiscard]] std::optional<ExperimentStatus> ParseExperimentStatus(std::string_view s);
[[nodiscard]] std::optional<RunStatus> ParseRunStatus(std::string_view s);
// "active", "deleted" or "all".
[[nodiscard]] std::optional<LifecycleFilter> ParseLifecycleFilter(std::string_view s);
[[nodiscard]] inline bool IsTerminal(RunStatus s) {
  return s == RunStatus::kCompleted || s == RunStatus::kFailed || s == RunStatus::kKilled;
}

// An experiment is addressed by its unique name (native API) or by its numeric id (MLflow's
// experiment_id).
using ExperimentRef = std::variant<std::string, int64_t>;
[[nodiscard]] std::string Describe(const ExperimentRef& ref);  // "experiment 'x'" / "experiment 3"

struct Experiment {
  int64_t experiment_id = 0;  // MLflow's id (unique; the Default experiment is 0)
  std::string name;
  std::string description;
  std::string owner;
  ExperimentStatus status = ExperimentStatus::kActive;
  StringMap tags;
  int64_t run_count = 0;  // runs that are not deleted (kept by the store, read-only here)
  std::string created_by;
  int64_t created_at = 0;
  int64_t updated_at = 0;
  std::optional<int64_t> deleted_at;  // soft delete: MLflow's lifecycle_stage "deleted"
  int64_t revision = 1;
};

struct LatestMetric {
  double value = 0;  // may be NaN (logged through the MLflow API)
  int64_t step = 0;
  int64_t timestamp = 0;  // ms UTC
};

struct Artifact {
  std::string path;
  int64_t size_bytes = 0;
  std::string sha256;  // lowercase hex
  std::string content_type;
  std::string created_by;
  int64_t created_at = 0;
};

// A dataset a run used, as MLflow's log-inputs records it (name + digest identify it).
struct DatasetInput {
  std::string name;
  std::string digest;
  std::string source_type;
  std::string source;
  std::optional<std::string> schema;
  std::optional<std::string> profile;
  StringMap tags;  // input tags, e.g. mlflow.data.context = training
};

struct Run {
  std::string run_id;
  int64_t experiment_id = 0;  // the experiment's MLflow id (derived on read)
  std::string experiment_name;
  std::string name;
  RunStatus status = RunStatus::kRunning;
  StringMap params;
  std::map<std::string, LatestMetric> metrics;
  StringMap tags;
  int64_t start_time = 0;
  std::optional<int64_t> end_time;
  std::string created_by;
  StringMap source;
  std::vector<std::string> inputs;
  std::vector<DatasetInput> dataset_inputs;  // in logging order
  std::vector<Artifact> artifacts;
  int64_t created_at = 0;
  int64_t updated_at = 0;
  std::optional<int64_t> deleted_at;  // soft delete: MLflow's lifecycle_stage "deleted"
  int64_t revision = 1;
};

// Experiment detail: the experiment, run counts by status, and the newest runs (summaries:
// params/metrics/tags/artifacts are left empty).
struct ExperimentDetail {
  Experiment experiment;
  std::map<RunStatus, int64_t> run_counts;  // every status present, zero when none
  std::vector<Run> latest_runs;
};

inline constexpr int kLatestRunsInDetail = 10;

// --- requests (validated by TrackingService) ---

struct ExperimentCreate {
  std::string name;
  std::optional<std::string> description;
  std::optional<std::string> owner;
  std::optional<StringMap> tags;
};

// Absent fields are left unchanged; `tags` replaces the whole map, `set_tags` adds or overwrites
// single tags (MLflow's set-experiment-tag); `name` renames (runs follow).
struct ExperimentPatch {
  std::optional<std::string> name;
  std::optional<std::string> description;
  std::optional<std::string> owner;
  std::optional<std::string> status;
  std::optional<StringMap> tags;
  std::optional<StringMap> set_tags;
};

struct ExperimentListRequest {
  std::optional<std::string> owner;
  std::optional<std::string> status;
  std::optional<std::string> lifecycle;  // active (default), deleted, all
  std::optional<int64_t> limit;
  std::string page_token;
};

// One condition of an experiment search (MLflow's search_experiments filter, validated).
struct ExperimentClause {
  enum class Field { kName, kCreationTime, kLastUpdateTime, kTag };
  Field field = Field::kName;
  std::string key;  // the tag key for kTag
  // "=", "!=", "<", "<=", ">", ">=", "LIKE", "ILIKE".
  std::string op;
  std::variant<std::string, int64_t> value;
};

struct ExperimentOrderKey {
  enum class Field { kName, kExperimentId, kCreationTime, kLastUpdateTime };
  Field field = Field::kName;
  bool descending = false;
};

// What the store filters on (validated).
struct ExperimentQuery {
  std::optional<std::string> owner;
  std::optional<ExperimentStatus> status;
  LifecycleFilter lifecycle = LifecycleFilter::kActive;
  std::vector<ExperimentClause> filter;
  // Non-empty (or `offset` set): a search ordered by these keys and paged by offset, with the
  // tie-breakers creation_time DESC, experiment_id ASC (MLflow's order); empty: newest first,
  // paged by keyset tokens.
  std::vector<ExperimentOrderKey> order_by;
  std::optional<int64_t> offset;
  int limit = kDefaultPageSize;
  std::string page_token;
};

// A search that pages by offset (the MLflow API's page tokens are offsets): the items and
// whether more follow.
template <typename T>
struct OffsetPage {
  std::vector<T> items;
  bool has_more = false;
};

struct RunCreate {
  std::string experiment_name;
  std::optional<int64_t> experiment_id;  // alternative to experiment_name (MLflow)
  std::optional<std::string> name;
  std::optional<StringMap> params;
  std::optional<StringMap> tags;
  std::optional<StringMap> source;
  std::optional<std::vector<std::string>> inputs;
  std::optional<int64_t> start_time;
  // MLflow: the run's user when the caller has no identity of its own (see TrackingService).
  std::optional<std::string> user_id;
};

// Absent fields are left unchanged. `tags` replaces the whole tag map; `params` adds new
// params (an existing key with a different value is a conflict); `name` renames.
struct RunPatch {
  std::optional<std::string> name;
  std::optional<std::string> status;
  std::optional<int64_t> end_time;
  std::optional<StringMap> tags;
  std::optional<StringMap> params;
};

struct RunListRequest {
  std::optional<std::string> experiment_name;
  std::optional<std::string> status;
  std::string filter;
  std::string order_by;
  std::optional<std::string> lifecycle;  // active (default), deleted, all
  std::optional<int64_t> limit;
  std::string page_token;
  std::function<bool(const Run&)> needs_children;  // as RunQuery's (tracking_store.h)
};

// One logged point. `timestamp` may be kNoTimestamp in a request (service fills "now").
struct MetricPoint {
  int64_t step = 0;
  int64_t timestamp = 0;
  double value = 0;
};
inline constexpr int64_t kNoTimestamp = INT64_MIN;

// The points of one key in a logging request, in request order.
struct MetricSeries {
  std::string key;
  std::vector<MetricPoint> points;
};

inline constexpr size_t kMaxMetricPointsPerBatch = 10000;

struct MetricBatch {
  std::vector<MetricSeries> series;  // distinct keys
  size_t total_points = 0;
};

struct MetricHistoryRequest {
  std::optional<int64_t> min_step;
  std::optional<int64_t> max_step;
  std::optional<int64_t> max_points;
};

struct MetricHistory {
  std::string key;
  std::vector<MetricPoint> points;  // ordered by step, ties in logging order
  bool downsampled = false;
};

// --- MLflow semantics (TrackingService::LogToRun, UpdateRunInfo) ---

// One logging request as MLflow's API makes it (log-batch, log-metric, log-parameter, set-tag,
// delete-tag, log-inputs): applied together in one transaction, or not at all.
struct RunLog {
  MetricBatch metrics;                   // values may be NaN or infinite
  StringMap params;                      // write-once: the same value again is a no-op
  StringMap set_tags;                    // added or overwritten; mlflow.runName renames the run
  std::vector<std::string> delete_tags;  // each must exist (NotFound otherwise)
  std::vector<DatasetInput> inputs;      // added unless the run has (name, digest) already
  // log-model: one model's JSON text (json.dumps form) appended to the list kept in the tag
  // mlflow.log-model.history (created as a one-item list), read and written in the transaction.
  std::optional<std::string> append_logged_model;
};

// The tag where MLflow keeps the models logged to a run (a JSON list).
inline constexpr char kLoggedModelsTag[] = "mlflow.log-model.history";

struct ParamConflict {
  std::string key;
  std::string logged_value;
  std::string new_value;
};

struct RunLogResult {
  std::vector<ParamConflict> param_conflicts;  // non-empty: nothing was written
};

// MLflow's runs/update: any status (MLflow has no state machine), the end time, the name.
struct RunInfoUpdate {
  std::optional<RunStatus> status;
  std::optional<int64_t> end_time;
  std::optional<std::string> name;
};

// The tag through which MLflow reads and sets a run's name.
inline constexpr char kRunNameTag[] = "mlflow.runName";

}  // namespace cairn::tracking
