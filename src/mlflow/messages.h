// MLflow's REST message shapes (service.proto, model_registry.proto, mlflow_artifacts.proto) as
// plain structs, their JSON writers, and readers for the request fields whose encoding MLflow
// is lenient about. Independent of Cairn's domain types: phase-2 routes translate Cairn structs
// into these and back.
//
// JSON as MLflow's server writes it (proto JSON with snake_case names, then int64 fields as
// numbers): enums as names ("RUNNING"), empty repeated fields and unset optional fields
// omitted, set strings written even when empty (MLflow sets user_id, description, run_link…),
// NaN metric values as the string "NaN" and ±infinity as ±1.7976931348623157e308 (what MLflow
// stores for them). Readers accept what the MLflow client and protobuf's ParseDict accept:
// int64 as a JSON number or a decimal string, doubles as numbers or strings ("0.5", "NaN",
// "Infinity"), enums by name or number.
//
// Plain values and pure functions; thread-compatible.
#pragma once

#include <boost/json.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace cairn::mlflow::msg {

namespace bj = boost::json;

// RunStatus, ViewType and ModelVersionStatus enums (proto numbers).
enum class RunStatus { kRunning = 1, kScheduled = 2, kFinished = 3, kFailed = 4, kKilled = 5 };
enum class ViewType { kActiveOnly = 1, kDeletedOnly = 2, kAll = 3 };

[[nodiscard]] std::string_view Name(RunStatus s);
[[nodiscard]] std::string_view Name(ViewType v);
// By name ("FINISHED") or number (3, "3"); nullopt otherwise.
[[nodiscard]] std::optional<RunStatus> ParseRunStatus(const bj::value& v);
[[nodiscard]] std::optional<ViewType> ParseViewType(const bj::value& v);

struct KeyValue {  // Param, RunTag, ExperimentTag, RegisteredModelTag, ModelVersionTag, InputTag
  std::string key;
  std::string value;
};

struct Metric {
  std::string key;
  double value = 0;
  int64_t timestamp = 0;
  int64_t step = 0;
  std::optional<std::string> run_id;  // MetricWithRunId (get-history-bulk-interval)
};

struct Experiment {
  std::string experiment_id;
  std::string name;
  std::string artifact_location;
  std::string lifecycle_stage;  // "active" | "deleted"
  std::optional<int64_t> last_update_time;
  std::optional<int64_t> creation_time;
  std::vector<KeyValue> tags;
};

struct RunInfo {
  std::string run_id;  // written as both run_id and run_uuid
  std::string experiment_id;
  std::string run_name;
  std::string user_id;
  RunStatus status = RunStatus::kRunning;
  int64_t start_time = 0;
  std::optional<int64_t> end_time;
  std::string artifact_uri;
  std::string lifecycle_stage;
};

struct Dataset {
  std::string name;
  std::string digest;
  std::string source_type;
  std::string source;
  std::optional<std::string> schema;
  std::optional<std::string> profile;
};

struct DatasetInput {
  std::vector<KeyValue> tags;
  Dataset dataset;
};

struct Run {
  RunInfo info;
  std::vector<Metric> metrics;  // latest value per key
  std::vector<KeyValue> params;
  std::vector<KeyValue> tags;
  std::vector<DatasetInput> inputs;
};

struct FileInfo {
  std::string path;
  bool is_dir = false;
  std::optional<int64_t> file_size;  // files only
};

struct ModelVersion {
  std::string name;
  std::string version;  // a decimal string in MLflow's API
  int64_t creation_timestamp = 0;
  int64_t last_updated_timestamp = 0;
  std::optional<std::string> user_id;
  std::string current_stage;  // "None" | "Staging" | "Production" | "Archived"
  std::string description;
  std::string source;
  std::string run_id;
  std::string status = "READY";
  std::optional<std::string> status_message;
  std::vector<KeyValue> tags;
  std::string run_link;
  std::vector<std::string> aliases;
};

struct RegisteredModelAlias {
  std::string alias;
  std::string version;
};

struct RegisteredModel {
  std::string name;
  int64_t creation_timestamp = 0;
  int64_t last_updated_timestamp = 0;
  std::optional<std::string> user_id;
  std::string description;
  std::vector<ModelVersion> latest_versions;
  std::vector<KeyValue> tags;
  std::vector<RegisteredModelAlias> aliases;
};

[[nodiscard]] bj::value ToJson(const Metric& m);
[[nodiscard]] bj::object ToJson(const Experiment& e);
[[nodiscard]] bj::object ToJson(const RunInfo& r);
[[nodiscard]] bj::object ToJson(const Run& r);
[[nodiscard]] bj::object ToJson(const FileInfo& f);
[[nodiscard]] bj::object ToJson(const ModelVersion& v);
[[nodiscard]] bj::object ToJson(const RegisteredModel& m);

// One metric point written straight into a string, as ToJson(Metric) serializes (same keys in
// the same order, NaN as "NaN", ±inf as ±max double, doubles keep a fraction or an exponent so
// clients read them as floating point): for a long history, a Boost.JSON object per point costs
// about ten times the database read. `prefix` is MetricPointPrefix(key), `{"key":…,"value":`,
// computed once per history.
[[nodiscard]] std::string MetricPointPrefix(std::string_view key);
void AppendMetricPoint(std::string& out, std::string_view prefix, double value, int64_t timestamp,
                       int64_t step);

// --- request readers ---

// int64 from a JSON number or a decimal string (protobuf's ParseDict rules).
[[nodiscard]] std::optional<int64_t> ReadInt64(const bj::value& v);
// double from a number or a string ("0.5", "1e3", "NaN", "Infinity", "-Infinity").
[[nodiscard]] std::optional<double> ReadDouble(const bj::value& v);

// MLflow's log-batch limits (mlflow/utils/validation.py).
inline constexpr size_t kMaxMetricsPerBatch = 1000;
inline constexpr size_t kMaxParamsTagsPerBatch = 100;
inline constexpr size_t kMaxEntitiesPerBatch = 1000;
inline constexpr size_t kMaxParamValueLength = 6000;  // longer values are truncated
inline constexpr size_t kMaxTagValueLength = 5000;    // longer values are truncated
inline constexpr size_t kMaxEntityKeyLength = 250;

struct LogBatch {
  std::string run_id;
  std::vector<Metric> metrics;
  std::vector<KeyValue> params;
  std::vector<KeyValue> tags;
};

// Reads and validates a log-batch body as MLflow's handler and store do: required fields,
// the batch limits, metric/param/tag key rules, duplicate param keys, value truncation.
// Errors: InvalidArgument with MLflow's message.
[[nodiscard]] Result<LogBatch> ReadLogBatch(const bj::value& body);
// The same for a body already known to be an object (no copy of it is made).
[[nodiscard]] Result<LogBatch> ReadLogBatch(const bj::object& body);

// MLflow's run id rule: [a-zA-Z0-9][\w\-]{0,255}. Error: "Invalid run ID: '...'".
[[nodiscard]] Status ValidateRunId(std::string_view run_id);

// MLflow's key rule for metrics, params and tags: [/\w.\- ]*, and not a path that normalises to
// something else ("a/../b", "/x", "."). `what` is "metric", "parameter" or "tag".
[[nodiscard]] Status ValidateKey(std::string_view what, std::string_view key);

// MLflow's _validate_length_limit without truncation: "<entity> '<first 250 of value>' had
// length N, which exceeded length limit of <limit>" (lengths in bytes).
[[nodiscard]] Status ValidateLength(std::string_view entity, size_t limit, std::string_view value);

}  // namespace cairn::mlflow::msg
