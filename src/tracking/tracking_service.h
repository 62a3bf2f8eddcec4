// TrackingService: experiment tracking rules (SPEC §2 "Experiments", "Runs").
//
// Holds validation, invariants and state machines; no SQL, no HTTP. Decisions documented here:
// - Experiment names follow the wide rule (IsValidWideName: what MLflow users choose, like
//   "/Users/me/churn"); native routes address them percent-encoded. Metric keys logged natively:
//   1..250 chars of [A-Za-z0-9_.\-/], starting alphanumeric ('/' allowed for grouping like
//   "train/loss"); through the MLflow API, MLflow's own rule (checked by src/mlflow) within
//   1..250 chars. Param and tag keys: 1..250 chars, values up to 8000 chars, at most 1000 entries
//   per map.
// - Experiments have MLflow's numeric id (the Default experiment is 0) and soft delete: deleting
//   an experiment deletes its runs, restoring it restores the runs deleted with it. A deleted
//   experiment or run accepts no writes but its restore (FailedPrecondition naming
//   lifecycle_stage; see DeletedError); lists hide deleted items unless asked. Deleting what is
//   deleted, or restoring what is active, is NotFound (as MLflow answers). The Default
//   experiment can be deleted, as in MLflow.
// - Run ids are UUIDs; every method taking one also accepts MLflow's form without dashes.
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

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/safe_dir.h"
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
  // The artifact's file, opened without following links (common/safe_dir.h).
  std::shared_ptr<const files::UniqueFd> file;
};

// Errors: InvalidArgument unless `path` is 1..1024 chars, relative, without empty, "." or ".."
// segments, backslashes, NUL or control characters.
Status ValidateArtifactPath(std::string_view path);
[[nodiscard]] bool IsValidMetricKey(std::string_view key);

// An MLflow search_experiments request, validated by src/mlflow.
struct ExperimentSearch {
  LifecycleFilter lifecycle = LifecycleFilter::kActive;
  std::vector<ExperimentClause> filter;
  std::vector<ExperimentOrderKey> order_by;  // empty: newest first
  int64_t offset = 0;
  int limit = 1000;  // 1..50000
};

// An MLflow search_runs request, validated by src/mlflow (the clauses use the attributes of
// IsSearchAttribute).
struct RunSearch {
  std::vector<int64_t> experiment_ids;
  LifecycleFilter lifecycle = LifecycleFilter::kActive;
  std::vector<FilterClause> filter;
  std::vector<OrderKey> order_by;
  int64_t offset = 0;
  int limit = 1000;                                // 1..50000
  std::function<bool(const Run&)> needs_children;  // as RunQuery's
};

class TrackingService {
 public:
  TrackingService(std::unique_ptr<TrackingStore> store, TrackingServiceOptions options,
                  const Clock& clock = Clock::System());

  // Errors: InvalidArgument, AlreadyExists (also the name of a deleted experiment).
  Result<Experiment> CreateExperiment(const ExperimentCreate& request, const std::string& actor);
  // Errors: NotFound.
  Result<ExperimentDetail> GetExperiment(const std::string& name);
  // The experiment alone, deleted or not. Errors: NotFound.
  Result<Experiment> GetExperimentInfo(const ExperimentRef& ref);
  // Errors: InvalidArgument (status, lifecycle, limit, page token).
  Result<Page<Experiment>> ListExperiments(const ExperimentListRequest& request);
  // Errors: InvalidArgument (bad limit).
  Result<OffsetPage<Experiment>> SearchExperiments(const ExperimentSearch& search);
  // A rename is refused for a deleted experiment (MLflow's rule) and cascades to its runs.
  // Errors: InvalidArgument, NotFound, AlreadyExists (rename onto a taken name),
  // FailedPrecondition (deleted), Aborted (If-Match).
  Result<Experiment> UpdateExperiment(const ExperimentRef& ref, const ExperimentPatch& patch,
                                      std::optional<int64_t> if_match, const std::string& actor);
  // Soft delete of the experiment and its runs. Errors: NotFound (also when already deleted),
  // Aborted (If-Match).
  Result<Experiment> DeleteExperiment(const ExperimentRef& ref, std::optional<int64_t> if_match,
                                      const std::string& actor);
  // Errors: NotFound (also when not deleted), Aborted (If-Match).
  Result<Experiment> RestoreExperiment(const ExperimentRef& ref, std::optional<int64_t> if_match,
                                       const std::string& actor);

  // `experiment_id` may name the experiment instead of `experiment_name`. The run's created_by
  // is `actor`; when the caller is anonymous (no identity) and the request carries a user_id
  // (MLflow's field), that user_id.
  // Errors: InvalidArgument, NotFound (experiment), FailedPrecondition (archived or deleted
  // experiment).
  Result<Run> CreateRun(const RunCreate& request, const std::string& actor);
  // Errors: NotFound (also for ids that are not UUIDs).
  Result<Run> GetRun(const std::string& run_id);
  // Errors: NotFound.
  Result<int64_t> GetRunRevision(const std::string& run_id);
  // Errors: InvalidArgument (filter, order_by, status, lifecycle, limit, page token).
  Result<Page<Run>> ListRuns(const RunListRequest& request);
  // Errors: InvalidArgument (bad limit).
  Result<OffsetPage<Run>> SearchRuns(const RunSearch& search);
  // Errors: InvalidArgument, NotFound, FailedPrecondition (terminal or deleted run, param
  // conflict), Aborted (If-Match).
  Result<Run> UpdateRun(const std::string& run_id, const RunPatch& patch,
                        std::optional<int64_t> if_match, const std::string& actor);
  // Soft delete; idempotent. Errors: NotFound, Aborted (If-Match).
  Result<Run> DeleteRun(const std::string& run_id, std::optional<int64_t> if_match,
                        const std::string& actor);
  // Idempotent. Errors: NotFound, Aborted (If-Match).
  Result<Run> RestoreRun(const std::string& run_id, std::optional<int64_t> if_match,
                         const std::string& actor);

  // MLflow's logging semantics (log-batch, log-metric, log-parameter, set-tag, delete-tag,
  // log-inputs): unlike the native API, a finished run still accepts metrics, params and tags;
  // metric values may be NaN (±infinity must already be clamped to ±DBL_MAX, as MLflow stores
  // them); params are write-once (a changed value is returned as a conflict and nothing is
  // written); mlflow.runName in set_tags renames the run. Keys must have passed MLflow's rule.
  // Errors: InvalidArgument (empty or over-long keys or values), NotFound (run, or a tag to
  // delete), FailedPrecondition (deleted run).
  Result<RunLogResult> LogToRun(const std::string& run_id, RunLog log, const std::string& actor);
  // MLflow's runs/update: sets any status, the end time and the name (no state machine).
  // Errors: InvalidArgument (name too long), NotFound, FailedPrecondition (deleted run).
  Result<Run> UpdateRunInfo(const std::string& run_id, const RunInfoUpdate& update,
                            const std::string& actor);

  // Returns the number of points stored. Points with timestamp kNoTimestamp get "now".
  // Errors: InvalidArgument, NotFound, FailedPrecondition (terminal or deleted run).
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
  // The same history for a response that streams while the client reads it: validated, the run
  // checked and the blocks listed now (one read transaction) and the count known (Start done);
  // the cursor then reads and hands out the points piece by piece, each piece in a short read
  // transaction of its own (TrackingStore::OpenMetricBlocks: the history as of the listing).
  // Errors: as GetMetricHistory.
  Result<std::unique_ptr<MetricHistoryCursor>> OpenMetricHistory(
      const std::string& run_id, const std::string& key, const MetricHistoryRequest& request);

  // Takes ownership of `temp_file` (moved into the artifact store on success).
  // Errors: InvalidArgument (path; a segment over 255 bytes), NotFound, FailedPrecondition
  // (terminal or deleted run), AlreadyExists (the path is taken, or collides with a stored
  // artifact: `f` then `f/g`, or `p/q` then `p`; logged), Internal (I/O).
  Result<Artifact> PutArtifact(const std::string& run_id, const std::string& path,
                               const std::string& temp_file, const std::string& content_type,
                               const std::string& actor);
  // MLflow's artifact semantics (the artifact proxy): a path already uploaded is overwritten,
  // and a run of any status (not deleted) accepts uploads. Same file layout, sha256 recorded.
  // Errors: as PutArtifact, without AlreadyExists and the terminal-run rule.
  Result<Artifact> ReplaceArtifact(const std::string& run_id, const std::string& path,
                                   const std::string& temp_file, const std::string& content_type,
                                   const std::string& actor);
  // Removes the artifact at `path` or every artifact under the directory `path` (MLflow's
  // DELETE on the artifact proxy); nothing to remove is not an error. Returns the removed ones.
  // Errors: InvalidArgument (path), NotFound (run), FailedPrecondition (deleted run).
  Result<std::vector<Artifact>> DeleteArtifacts(const std::string& run_id, const std::string& path,
                                                const std::string& actor);
  // Errors: InvalidArgument (path), NotFound.
  Result<ArtifactFile> GetArtifact(const std::string& run_id, const std::string& path);
  // Errors: NotFound.
  Result<std::vector<Artifact>> ListArtifacts(const std::string& run_id);
  // Runs with artifacts (for the artifact proxy's listings of experiment directories), at most
  // 10 000.
  Result<std::vector<ArtifactOwner>> ListArtifactOwners(std::optional<int64_t> experiment_id);

 private:
  // The artifact's file relative to the data directory.
  static std::string ArtifactPath(const std::string& run_id, const std::string& path);
  Result<Artifact> StoreArtifact(const std::string& run_id, const std::string& path,
                                 const std::string& temp_file, const std::string& content_type,
                                 const std::string& actor, bool mlflow_rules);
  Result<Experiment> ChangeLifecycle(const ExperimentRef& ref, bool deleted,
                                     std::optional<int64_t> if_match, const std::string& actor);
  Result<Run> ChangeRunLifecycle(const std::string& run_id, bool deleted,
                                 std::optional<int64_t> if_match, const std::string& actor);

  std::unique_ptr<TrackingStore> store_;
  TrackingServiceOptions options_;
  const Clock& clock_;
};

}  // namespace cairn::tracking
