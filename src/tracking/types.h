// Experiment-tracking domain types (SPEC §2 "Experiments", "Runs"). Plain structs: no SQL, no
// JSON, no HTTP. Times are int64 milliseconds UTC. Thread-compatible values.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/page.h"

namespace cairn::tracking {

using StringMap = std::map<std::string, std::string>;

enum class ExperimentStatus { kActive, kCompleted, kArchived };
enum class RunStatus { kRunning, kCompleted, kFailed, kKilled };

[[nodiscard]] std::string_view ToString(ExperimentStatus s);
[[nodiscard]] std::string_view ToString(RunStatus s);
[[nodiscard]] std::optional<ExperimentStatus> ParseExperimentStatus(std::string_view s);
[[nodiscard]] std::optional<RunStatus> ParseRunStatus(std::string_view s);
[[nodiscard]] inline bool IsTerminal(RunStatus s) { return s != RunStatus::kRunning; }

struct Experiment {
  std::string name;
  std::string description;
  std::string owner;
  ExperimentStatus status = ExperimentStatus::kActive;
  StringMap tags;
  int64_t run_count = 0;  // derived on read
  std::string created_by;
  int64_t created_at = 0;
  int64_t updated_at = 0;
  int64_t revision = 1;
};

struct LatestMetric {
  double value = 0;
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

struct Run {
  std::string run_id;
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
  std::vector<Artifact> artifacts;
  int64_t created_at = 0;
  int64_t updated_at = 0;
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

// Absent fields are left unchanged; `tags` replaces the whole map.
struct ExperimentPatch {
  std::optional<std::string> description;
  std::optional<std::string> owner;
  std::optional<std::string> status;
  std::optional<StringMap> tags;
};

struct ExperimentListRequest {
  std::optional<std::string> owner;
  std::optional<std::string> status;
  std::optional<int64_t> limit;
  std::string page_token;
};

// What the store filters on (validated).
struct ExperimentQuery {
  std::optional<std::string> owner;
  std::optional<ExperimentStatus> status;
  int limit = kDefaultPageSize;
  std::string page_token;
};

struct RunCreate {
  std::string experiment_name;
  std::optional<std::string> name;
  std::optional<StringMap> params;
  std::optional<StringMap> tags;
  std::optional<StringMap> source;
  std::optional<std::vector<std::string>> inputs;
  std::optional<int64_t> start_time;
};

// Absent fields are left unchanged. `tags` replaces the whole tag map; `params` adds new
// params (an existing key with a different value is a conflict).
struct RunPatch {
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
  std::optional<int64_t> limit;
  std::string page_token;
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

}  // namespace cairn::tracking
