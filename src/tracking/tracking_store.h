// TrackingStore: the storage contract of experiment tracking (experiments, runs, params, tags,
// metrics, artifacts metadata).
//
// Every mutating method runs in ONE write transaction that also appends the audit record(s)
// (audit::AppendInTx): the change and its audit record commit together or not at all. Methods
// that must check state before writing take a callback that the store calls inside the
// transaction with the current state; a non-OK result aborts the transaction unchanged. This
// keeps invariants in TrackingService while the read-check-write stays atomic.
//
// Every change to a run (patch, metrics, artifacts, its experiment's rename) increments
// runs.revision, so (run_id, revision) identifies one representation of a run (used for
// response caching).
//
// Thread safety: implementations are thread-safe.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "audit/types.h"
#include "common/status.h"
#include "tracking/metric_history.h"
#include "tracking/run_filter.h"
#include "tracking/types.h"

namespace cairn::tracking {

// What happens to an experiment's runs with a lifecycle change of the experiment (MLflow deletes
// and restores them together with their experiment).
enum class RunsCascade {
  kNone,
  kDelete,   // runs that are not deleted get deleted_at = the experiment's new deleted_at
  kRestore,  // runs whose deleted_at equals the experiment's previous deleted_at are restored
};

// Returns the updated experiment and its audit entry, or an error to abort.
struct ExperimentChange {
  Experiment updated;  // name, description, owner, status, tags, deleted_at, updated_at written
  std::optional<audit::Entry> audit;  // nullopt: nothing changed, write nothing
  RunsCascade runs = RunsCascade::kNone;
};
using ExperimentMutator = std::function<Result<ExperimentChange>(const Experiment& current)>;

struct RunChange {
  std::string name;
  RunStatus status = RunStatus::kRunning;
  std::optional<int64_t> end_time;
  std::optional<int64_t> deleted_at;
  std::optional<StringMap> tags;  // replacement map when set
  StringMap new_params;           // inserted
  int64_t updated_at = 0;
  std::optional<audit::Entry> audit;  // nullopt: nothing changed, write nothing
};
// `current` carries params and tags (not metrics or artifacts).
using RunMutator = std::function<Result<RunChange>(const Run& current)>;

// Called with the run's current status before a write that requires it; non-OK aborts. Writes
// to a deleted run are refused by the store before the check is called (FailedPrecondition
// naming lifecycle_stage, see DeletedError).
using RunCheck = std::function<Status(RunStatus current)>;
// Called with the experiment a run is about to be created in; non-OK aborts.
using ExperimentCheck = std::function<Status(const Experiment& current)>;

// FailedPrecondition for a write to a soft-deleted experiment or run, with the field error
// {"lifecycle_stage", "deleted"} that lets the MLflow API answer INVALID_PARAMETER_VALUE, as
// MLflow does.
[[nodiscard]] Status DeletedError(const std::string& what);

// Runs paged by keyset (the native default order) or by offset (a client-chosen order, and
// every MLflow search).
enum class RunOrderStyle {
  kNative,  // ties broken by created_at DESC, run_id DESC; no keys: newest first (keyset)
  kMlflow,  // MLflow's: start_time DESC unless ordered by it, then run_id ASC (offset)
};

struct RunQuery {
  std::optional<std::string> experiment_name;
  // When set: runs of these experiments only (MLflow's experiment_ids; empty matches nothing).
  std::optional<std::vector<int64_t>> experiment_ids;
  std::optional<RunStatus> status;
  LifecycleFilter lifecycle = LifecycleFilter::kActive;
  std::vector<FilterClause> filter;
  std::vector<OrderKey> order_by;  // empty: newest first
  RunOrderStyle order_style = RunOrderStyle::kNative;
  std::optional<int64_t> offset;  // set: offset paging (next_page_token marks more rows)
  int limit = kDefaultPageSize;
  std::string page_token;
  // When set, the page is read as run keys first: it is called once per run of the page with a
  // Run holding only run_id, experiment_id, revision and created_at (read in the query's
  // transaction). The runs it returns true for come back whole (row, params, tags, latest
  // metrics, inputs, as of that revision); the others come back as that key only. A caller that
  // keeps serialized runs by revision uses it to read only what it does not have.
  std::function<bool(const Run&)> needs_children;
};

// A run that has artifacts, for the MLflow artifact proxy's directory listings.
struct ArtifactOwner {
  int64_t experiment_id = 0;
  std::string run_id;
};

class TrackingStore {
 public:
  virtual ~TrackingStore() = default;

  // Inserts the experiment with the next experiment id (the counter is bumped in the same
  // transaction) and returns that id; `experiment.experiment_id` is ignored.
  // Errors: AlreadyExists (name taken, also by a deleted experiment).
  virtual Result<int64_t> CreateExperiment(const Experiment& experiment,
                                           const audit::Entry& audit) = 0;
  // Deleted experiments included. Errors: NotFound.
  virtual Result<Experiment> GetExperiment(const ExperimentRef& ref) = 0;
  // Experiment with run counts by status and the newest `latest_runs` runs (deleted runs
  // excluded). Errors: NotFound.
  virtual Result<ExperimentDetail> GetExperimentDetail(const std::string& name,
                                                       int latest_runs) = 0;
  // Newest first (created_at, name) by keyset, or by `order_by` and offset (see
  // ExperimentQuery). Errors: InvalidArgument (bad page token).
  virtual Result<Page<Experiment>> ListExperiments(const ExperimentQuery& query) = 0;
  // Read-check-write of one experiment; the store writes `updated` guarded by the revision it
  // read (a rename cascades to the experiment's runs and bumps their revisions), and the runs
  // cascade.
  // Errors: NotFound, the mutator's error, AlreadyExists (rename onto a taken name), Aborted on
  // a concurrent change.
  virtual Result<Experiment> UpdateExperiment(const ExperimentRef& ref,
                                              const ExperimentMutator& mutate) = 0;

  // Inserts a run with its params and tags after `check` accepts the experiment (named by
  // run.experiment_name, or by `experiment_id` when set). Returns the stored run's experiment
  // name and id (run_count as before the insert). Errors: NotFound (experiment), the check's error,
  // AlreadyExists (run id).
  virtual Result<Experiment> CreateRun(const Run& run, std::optional<int64_t> experiment_id,
                                       const ExperimentCheck& check, const audit::Entry& audit) = 0;
  // The full run: params, tags, latest metrics, dataset inputs, artifacts. Deleted runs
  // included. Errors: NotFound.
  virtual Result<Run> GetRun(const std::string& run_id) = 0;
  // The current revision only (cheap). Errors: NotFound.
  virtual Result<int64_t> GetRunRevision(const std::string& run_id) = 0;
  // Runs with params, tags, latest metrics and dataset inputs (no artifacts).
  // Errors: InvalidArgument (bad page token).
  virtual Result<Page<Run>> ListRuns(const RunQuery& query) = 0;
  // Errors: NotFound, the mutator's error, Aborted on a concurrent change.
  virtual Result<Run> UpdateRun(const std::string& run_id, const RunMutator& mutate) = 0;
  // Applies an MLflow-style log (metrics, params, tags, inputs; mlflow.runName renames) in one
  // transaction after `check` accepts the run's status, bumping the revision. Params are
  // write-once: a logged key with another value is returned as a conflict and NOTHING is
  // written. Errors: NotFound (run, or a tag to delete), the check's error, FailedPrecondition
  // (deleted run).
  virtual Result<RunLogResult> LogToRun(const std::string& run_id, const RunLog& log,
                                        const RunCheck& check, const audit::Entry& audit) = 0;

  // Stores each series as one metric_blocks row (next seq per run and key), upserts
  // latest_metrics (MLflow's rule: the greatest (step, timestamp, value) wins, NaN below any
  // number), bumps the run revision and appends `audit`, after `check` accepts the run's status.
  // Errors: NotFound (run), FailedPrecondition (deleted run), the check's error.
  virtual Status AppendMetrics(const std::string& run_id, const MetricBatch& batch,
                               const RunCheck& check, const audit::Entry& audit) = 0;
  // Hands the blocks of `key` that overlap [min_step, max_step] to `read` as a
  // MetricBlockSource (metric_history.h), inside one read transaction; blocks are decoded only
  // when `read` asks. Unknown key: no blocks. Errors: NotFound (run), Internal (corrupt block),
  // those of `read`.
  virtual Status ReadMetricBlocks(const std::string& run_id, const std::string& key,
                                  int64_t min_step, int64_t max_step,
                                  const std::function<Status(MetricBlockSource&)>& read) = 0;
  // The same blocks as a source that outlives the call, for a history read piece by piece while
  // a response streams (no transaction may stay open while a client reads): the run check and
  // the block list come from one read transaction, then each Read opens a short read
  // transaction of its own. Metric blocks are immutable once written and never deleted, so
  // those reads see exactly the listed rows — the history as of the listing, on every backend
  // and isolation level. Errors: NotFound (run); Read: Internal (corrupt block or a listed block
  // missing), storage errors.
  virtual Result<std::unique_ptr<MetricBlockSource>> OpenMetricBlocks(const std::string& run_id,
                                                                      const std::string& key,
                                                                      int64_t min_step,
                                                                      int64_t max_step) = 0;

  // Records an artifact after `check` accepts the run's status, then calls `finalize` (which
  // moves the file into place) before committing; a finalize error aborts the transaction.
  // With `replace`, an artifact already recorded at the path is overwritten (MLflow's
  // semantics); otherwise it is AlreadyExists.
  // Errors: NotFound (run), FailedPrecondition (deleted run), the check's error, AlreadyExists
  // (path recorded), finalize's.
  virtual Status AddArtifact(const std::string& run_id, const Artifact& artifact,
                             const RunCheck& check, const std::function<Status()>& finalize,
                             const audit::Entry& audit, bool replace = false) = 0;
  // Removes the artifact at `path` and every artifact under `path/`, returning what was removed
  // (nothing is not an error), after `check` accepts the run; `finalize` (which removes the
  // files) runs before the commit. Errors: NotFound (run), FailedPrecondition (deleted run).
  virtual Result<std::vector<Artifact>> DeleteArtifacts(
      const std::string& run_id, const std::string& path, const RunCheck& check,
      const std::function<Status(const std::vector<Artifact>&)>& finalize,
      const audit::Entry& audit) = 0;
  // Errors: NotFound (run or artifact).
  virtual Result<Artifact> GetArtifact(const std::string& run_id, const std::string& path) = 0;
  // Ordered by path. Errors: NotFound (run).
  virtual Result<std::vector<Artifact>> ListArtifacts(const std::string& run_id) = 0;
  // Runs that have artifacts, of one experiment or of all, ordered by experiment id and run id,
  // at most `limit`.
  virtual Result<std::vector<ArtifactOwner>> ListArtifactOwners(
      std::optional<int64_t> experiment_id, int limit) = 0;
};

}  // namespace cairn::tracking
