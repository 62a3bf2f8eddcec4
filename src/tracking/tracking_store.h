// TrackingStore: the storage contract of experiment tracking (experiments, runs, params, tags,
// metrics, artifacts metadata).
//
// Every mutating method runs in ONE write transaction that also appends the audit record(s)
// (audit::AppendInTx): the change and its audit record commit together or not at all. Methods
// that must check state before writing take a callback that the store calls inside the
// transaction with the current state; a non-OK result aborts the transaction unchanged. This
// keeps invariants in TrackingService while the read-check-write stays atomic.
//
// Every change to a run (patch, metrics, artifacts) increments runs.revision, so
// (run_id, revision) identifies one representation of a run (used for response caching).
//
// Thread safety: implementations are thread-safe.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "audit/types.h"
#include "common/status.h"
#include "tracking/metric_history.h"
#include "tracking/run_filter.h"
#include "tracking/types.h"

namespace cairn::tracking {

// Returns the updated experiment and its audit entry, or an error to abort.
struct ExperimentChange {
  Experiment updated;
  std::optional<audit::Entry> audit;  // nullopt: nothing changed, write nothing
};
using ExperimentMutator = std::function<Result<ExperimentChange>(const Experiment& current)>;

struct RunChange {
  RunStatus status = RunStatus::kRunning;
  std::optional<int64_t> end_time;
  std::optional<StringMap> tags;  // replacement map when set
  StringMap new_params;           // inserted
  int64_t updated_at = 0;
  std::optional<audit::Entry> audit;  // nullopt: nothing changed, write nothing
};
// `current` carries params and tags (not metrics or artifacts).
using RunMutator = std::function<Result<RunChange>(const Run& current)>;

// Called with the run's current status before a write that requires it; non-OK aborts.
using RunCheck = std::function<Status(RunStatus current)>;
using ExperimentCheck = std::function<Status(ExperimentStatus current)>;

struct RunQuery {
  std::optional<std::string> experiment_name;
  std::optional<RunStatus> status;
  std::vector<FilterClause> filter;
  std::vector<OrderKey> order_by;  // empty: newest first
  int limit = kDefaultPageSize;
  std::string page_token;
};

class TrackingStore {
 public:
  virtual ~TrackingStore() = default;

  // Errors: AlreadyExists (name taken).
  virtual Status CreateExperiment(const Experiment& experiment, const audit::Entry& audit) = 0;
  // Errors: NotFound.
  virtual Result<Experiment> GetExperiment(const std::string& name) = 0;
  // Experiment with run counts by status and the newest `latest_runs` runs. Errors: NotFound.
  virtual Result<ExperimentDetail> GetExperimentDetail(const std::string& name,
                                                       int latest_runs) = 0;
  // Newest first (created_at, name). Errors: InvalidArgument (bad page token).
  virtual Result<Page<Experiment>> ListExperiments(const ExperimentQuery& query) = 0;
  // Read-check-write of one experiment; the store writes `updated` guarded by the revision it
  // read. Errors: NotFound, the mutator's error, Aborted on a concurrent change.
  virtual Result<Experiment> UpdateExperiment(const std::string& name,
                                              const ExperimentMutator& mutate) = 0;

  // Inserts a run with its params and tags after `check` accepts the experiment's status.
  // Errors: NotFound (experiment), the check's error, AlreadyExists (run id).
  virtual Status CreateRun(const Run& run, const ExperimentCheck& check,
                           const audit::Entry& audit) = 0;
  // The full run: params, tags, latest metrics, artifacts. Errors: NotFound.
  virtual Result<Run> GetRun(const std::string& run_id) = 0;
  // The current revision only (cheap). Errors: NotFound.
  virtual Result<int64_t> GetRunRevision(const std::string& run_id) = 0;
  // Runs with params, tags and latest metrics (no artifacts). Errors: InvalidArgument (bad
  // page token).
  virtual Result<Page<Run>> ListRuns(const RunQuery& query) = 0;
  // Errors: NotFound, the mutator's error, Aborted on a concurrent change.
  virtual Result<Run> UpdateRun(const std::string& run_id, const RunMutator& mutate) = 0;

  // Stores each series as one metric_blocks row (next seq per run and key), upserts
  // latest_metrics (greatest (step, timestamp) wins; ties: the later write), bumps the run
  // revision and appends `audit`, after `check` accepts the run's status.
  // Errors: NotFound (run), the check's error.
  virtual Status AppendMetrics(const std::string& run_id, const MetricBatch& batch,
                               const RunCheck& check, const audit::Entry& audit) = 0;
  // Hands the blocks of `key` that overlap [min_step, max_step] to `read` as a
  // MetricBlockSource (metric_history.h), inside one read transaction; blocks are decoded only
  // when `read` asks. Unknown key: no blocks. Errors: NotFound (run), Internal (corrupt block),
  // those of `read`.
  virtual Status ReadMetricBlocks(const std::string& run_id, const std::string& key,
                                  int64_t min_step, int64_t max_step,
                                  const std::function<Status(MetricBlockSource&)>& read) = 0;

  // Records an artifact after `check` accepts the run's status, then calls `finalize` (which
  // moves the file into place) before committing; a finalize error aborts the transaction.
  // Errors: NotFound (run), the check's error, AlreadyExists (path recorded), finalize's.
  virtual Status AddArtifact(const std::string& run_id, const Artifact& artifact,
                             const RunCheck& check, const std::function<Status()>& finalize,
                             const audit::Entry& audit) = 0;
  // Errors: NotFound (run or artifact).
  virtual Result<Artifact> GetArtifact(const std::string& run_id, const std::string& path) = 0;
  // Ordered by path. Errors: NotFound (run).
  virtual Result<std::vector<Artifact>> ListArtifacts(const std::string& run_id) = 0;
};

}  // namespace cairn::tracking
