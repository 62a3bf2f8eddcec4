// TrackingService: experiment tracking rules (SPEC §2 "Experiments", "Runs").
//
// Holds validation, invariants and state machines; no SQL, no HTTP. Decisions documented here:
// - Names follow SPEC §1 (IsValidName). Metric keys: 1..250 chars of [A-Za-z0-9_.\-/], starting
//   alphanumeric ('/' allowed for grouping like "train/loss"). Param and tag keys: 1..250 chars,
//   values up to 8000 chars, at most 1000 entries per map.
// - Experiments: owner defaults to the creator; status may move freely between active,
//   completed and archived; PATCH `tags` replaces the whole map.
// - Runs start `running`. Creating a run in an archived experiment is FailedPrecondition (409).
//   running -> completed|failed|killed (end_time defaults to now; end_time is only accepted
//   with, or on, a terminal status, and must not precede start_time). A terminal run accepts
//   only tag changes (409 otherwise; repeating its current status/end_time is a no-op). PATCH
//   `tags` replaces the run's tags; `params` adds params: an existing key with another value is
//   409 naming the key, the same value is a no-op. A PATCH that changes nothing does not bump
//   the revision.
// - Metrics: 1..10000 points per batch, finite values, step integer (default 0), timestamp
//   integer ms (default now). Logging to a terminal run is 409 (SPEC: a terminal run can only
//   have tags changed; unlike MLflow). Each batch bumps the run revision (metrics are part of
//   the run representation). Unknown metric key in history: empty items.
// - Artifacts: path rules in ValidateArtifactPath; immutable once uploaded (409 on an existing
//   path, like MLflow's write-once artifacts); uploading to a terminal run is 409; stored at
//   <data_dir>/artifacts/<run_id>/<path>.
// - If-Match: when given and different from the current revision, Aborted (412), no change.
// - Every mutation writes its audit record in the same transaction (see TrackingStore).
//
// Thread safety: thread-safe (immutable options; the store and the clock are thread-safe).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/status.h"
#include "tracking/metric_history.h"
#include "tracking/tracking_store.h"
#include "tracking/types.h"

namespace cairn::tracking {

struct TrackingServiceOptions {
  // Root data directory; artifacts live under <data_dir>/artifacts.
  std::string data_dir = "./cairn-data";
};

struct ArtifactFile {
  Artifact artifact;
  std::string file_path;  // absolute or relative to the working directory
};

// Errors: InvalidArgument unless `path` is 1..1024 chars, relative, without empty, "." or ".."
// segments, backslashes, NUL or control characters.
Status ValidateArtifactPath(std::string_view path);
[[nodiscard]] bool IsValidMetricKey(std::string_view key);

class TrackingService {
 public:
  TrackingService(std::unique_ptr<TrackingStore> store, TrackingServiceOptions options,
                  const Clock& clock = Clock::System());

  // Errors: InvalidArgument, AlreadyExists.
  Result<Experiment> CreateExperiment(const ExperimentCreate& request, const std::string& actor);
  // Errors: NotFound.
  Result<ExperimentDetail> GetExperiment(const std::string& name);
  // Errors: InvalidArgument (status, limit, page token).
  Result<Page<Experiment>> ListExperiments(const ExperimentListRequest& request);
  // Errors: InvalidArgument, NotFound, Aborted (If-Match).
  Result<Experiment> UpdateExperiment(const std::string& name, const ExperimentPatch& patch,
                                      std::optional<int64_t> if_match, const std::string& actor);

  // Errors: InvalidArgument, NotFound (experiment), FailedPrecondition (archived experiment).
  Result<Run> CreateRun(const RunCreate& request, const std::string& actor);
  // Errors: NotFound (also for ids that are not UUIDs).
  Result<Run> GetRun(const std::string& run_id);
  // Errors: NotFound.
  Result<int64_t> GetRunRevision(const std::string& run_id);
  // Errors: InvalidArgument (filter, order_by, status, limit, page token).
  Result<Page<Run>> ListRuns(const RunListRequest& request);
  // Errors: InvalidArgument, NotFound, FailedPrecondition (terminal run, param conflict),
  // Aborted (If-Match).
  Result<Run> UpdateRun(const std::string& run_id, const RunPatch& patch,
                        std::optional<int64_t> if_match, const std::string& actor);

  // Returns the number of points stored. Points with timestamp kNoTimestamp get "now".
  // Errors: InvalidArgument, NotFound, FailedPrecondition (terminal run).
  Result<int64_t> LogMetrics(const std::string& run_id, MetricBatch batch,
                             const std::string& actor);
  // Errors: InvalidArgument (key, steps, max_points < 2), NotFound (run).
  Result<MetricHistory> GetMetricHistory(const std::string& run_id, const std::string& key,
                                         const MetricHistoryRequest& request);
  // The same history handed to `sink` block by block (Begin with the exact count first), without
  // holding every point in memory: what the HTTP handler uses to write the response.
  // Errors: as GetMetricHistory (nothing reaches the sink on a validation error).
  Status StreamMetricHistory(const std::string& run_id, const std::string& key,
                             const MetricHistoryRequest& request, MetricPointSink& sink);

  // Takes ownership of `temp_file` (moved into the artifact store on success).
  // Errors: InvalidArgument (path; a segment over 255 bytes), NotFound, FailedPrecondition
  // (terminal run), AlreadyExists (the path is taken, or collides with a stored artifact: `f`
  // then `f/g`, or `p/q` then `p`; logged), Internal (I/O).
  Result<Artifact> PutArtifact(const std::string& run_id, const std::string& path,
                               const std::string& temp_file, const std::string& content_type,
                               const std::string& actor);
  // Errors: InvalidArgument (path), NotFound.
  Result<ArtifactFile> GetArtifact(const std::string& run_id, const std::string& path);
  // Errors: NotFound.
  Result<std::vector<Artifact>> ListArtifacts(const std::string& run_id);

 private:
  std::string ArtifactPath(const std::string& run_id, const std::string& path) const;

  std::unique_ptr<TrackingStore> store_;
  TrackingServiceOptions options_;
  const Clock& clock_;
};

}  // namespace cairn::tracking
