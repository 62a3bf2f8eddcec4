// Tracking types <-> JSON (SPEC §2). Request parsers are strict: unknown fields and wrong types
// are InvalidArgument with one FieldError each; `tags`, `params` and `source` are free string
// maps. Times are RFC 3339 strings, except metric timestamps: integer ms (the logging API's
// unit, kept the same in run `metrics` and in metric history).
//
// ParseMetricBatch is the ingestion hot path: a per-thread Boost.JSON stream_parser over a
// per-thread monotonic buffer, one validating pass, points grouped by key in request order.
//
// Thread safety: all functions are thread-safe (per-thread parser state).
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "common/status.h"
#include "tracking/metric_history.h"
#include "tracking/types.h"

namespace cairn::tracking {

Result<ExperimentCreate> ParseExperimentCreate(std::string_view body);
Result<ExperimentPatch> ParseExperimentPatch(std::string_view body);
Result<RunCreate> ParseRunCreate(std::string_view body);
Result<RunPatch> ParseRunPatch(std::string_view body);
// {"metrics":[{"key","value","step"?,"timestamp"?}]}; a missing timestamp is kNoTimestamp.
// Rejects more than kMaxMetricPointsPerBatch points early (the service checks the rest).
Result<MetricBatch> ParseMetricBatch(std::string_view body);

enum class RunView {
  kFull,     // everything (GET /runs/{id})
  kList,     // without artifacts (search results)
  kSummary,  // identity, status and times only (experiment detail's latest_runs)
};

[[nodiscard]] std::string ExperimentToJson(const Experiment& e);
[[nodiscard]] std::string ExperimentDetailToJson(const ExperimentDetail& d);
[[nodiscard]] std::string ExperimentPageToJson(const Page<Experiment>& page);
[[nodiscard]] std::string RunToJson(const Run& run, RunView view = RunView::kFull);
[[nodiscard]] std::string RunPageToJson(const Page<Run>& page);
// The same page from its items already serialized (RunToJson(run, RunView::kList) each, in
// order): the bytes RunPageToJson writes for those runs.
[[nodiscard]] std::string RunPageFromItems(std::span<const std::string_view> items,
                                           const std::optional<std::string>& next_page_token);
[[nodiscard]] std::string MetricHistoryToJson(const MetricHistory& h);

// Writes {"key","items":[...],"downsampled"} as the points arrive (MetricPointSink), into one
// buffer sized from the count given to Begin, so a full read never holds the points and a copy
// of them at once. The bytes equal MetricHistoryToJson of the same history.
//
// Streamed (`streamed`): Begin reserves nothing, and Take hands out what was written so far, so
// that the document goes out piece by piece; the pieces of every Take, then Finish, concatenate
// to the same bytes.
class MetricHistoryJsonWriter final : public MetricPointSink {
 public:
  explicit MetricHistoryJsonWriter(std::string_view key, bool streamed = false);
  void Begin(size_t count, bool downsampled) override;
  void Append(std::span<const MetricPoint> points) override;
  // Moves the bytes written since the last Take into `out` (which must be empty), keeping the
  // writer's state.
  void Take(std::string& out);
  // The rest of the document (call once, after the history was read).
  [[nodiscard]] std::string Finish();

 private:
  std::string out_;
  bool streamed_ = false;
  bool downsampled_ = false;
  bool first_ = true;
};

[[nodiscard]] std::string ArtifactToJson(const Artifact& a);
[[nodiscard]] std::string ArtifactListToJson(const std::vector<Artifact>& items);
[[nodiscard]] std::string AcceptedToJson(int64_t n);

}  // namespace cairn::tracking
