// EvaluationService: evaluation scenarios and runs (SPEC §4). Validation, the run state machine
// and the background job runner; no SQL, no HTTP.
//
// Decisions a user should know:
// - Scenario validation reads the dataset's schema (DatasetReader::Describe): every named
//   column must exist (400 naming it). binary: label and score numeric (int64/float64/bool;
//   label values 0/1 are checked when the run reads them); multiclass: label and prediction any
//   type, compared as strings; regression: numeric target and prediction; feature_columns and
//   model inputs numeric. A scenario has either a prediction source in the dataset
//   (score_column for binary, prediction_column otherwise) or a model (model_name + version whose
//   artifact is xgboost-json, plus feature_columns in the model's feature order) — not both.
//   thresholds: metric names of the task, op one of >= > <= < ==, finite value. metrics: a
//   subset of the task's (default all). decision_threshold in [0, 1] (binary, default 0.5).
//   importance_repeats 0..50 (0 disables permutation importance; default 5), importance_seed.
//   Unknown model version: 404. PATCH re-validates the merged scenario; `null` clears an
//   optional field; If-Match mismatch → 412. A PATCH that changes nothing keeps the revision.
// - Class cap (multiclass): at most max_classes (default 1000, setting evaluation_max_classes)
//   distinct classes, labels and predictions together. A scenario whose label or prediction
//   column has more distinct values in the dataset's profile is 400 naming the column; a run
//   that finds more (e.g. a model predicting new classes) fails with the limit as its reason,
//   before any K x K matrix is built.
// - Runs: POST /runs evaluates the scenario's current revision (recorded in the run and the
//   report's compliance block); `model_name` + `version` in the request execute that model
//   version instead of the scenario's prediction source (needs feature_columns).
//   Inline rule: a run without model execution over a dataset of fewer than inline_max_rows
//   rows (default 50 000) is evaluated during the request → 201 with status completed (or
//   failed with failure_reason, e.g. a label that is not 0/1). Any other run is stored as
//   `queued` → 202 and executed by the job runner: queued → running → completed|failed.
//   A run evaluates the dataset its scenario named when the run was created (recorded with
//   it), even if the scenario is patched to another dataset before the run executes. A queued
//   or running run holds that dataset: DELETE of it is 409 naming the run; the run is written
//   holding the dataset's row (DatasetReader::Hold), so a concurrent DELETE cannot slip in.
//   Scenarios hold their dataset the same way when created or patched.
// - Job runner: Start() launches `workers` threads (default 1; 0 queues only, setting
//   evaluation_workers) and one heartbeat thread;
//   Stop() joins them (a run being executed finishes first). Workers poll the database for
//   queued runs (oldest first; woken at once for runs created by this server) and claim each
//   with a conditional UPDATE, so servers sharing PostgreSQL never double-run a job. Queued
//   runs survive restarts (they stay in the database and are picked up by the next runner).
//   A claimed run's heartbeat_at is refreshed every heartbeat_interval_ms; a running run whose
//   heartbeat is older than stale_after_ms (default 60 s) is marked failed with reason
//   "interrupted by server restart" (checked at Start() and on every heartbeat). Results are
//   not resumed: a restarted evaluation would recompute the same report, and failing is the
//   honest, auditable outcome; run it again.
// - A completed run with verdict pass, at least one threshold and an executed model version
//   ticks that version's evaluation_passed checklist item through ModelCatalog (actor: the user
//   who requested the run; note: the run id). Recorded as compliance.evaluation_passed_ticked.
//   A scenario without thresholds passes vacuously and never ticks the checklist.
// - Model artifacts: the file's sha256 is recomputed at run time; a mismatch with the
//   registry's recorded sha256 fails the run.
//
// Thread safety: thread-safe.
#pragma once

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "common/clock.h"
#include "common/status.h"
#include "datasets/dataset_reader.h"
#include "evaluation/evaluation_store.h"
#include "evaluation/model_catalog.h"
#include "evaluation/types.h"

namespace cairn::evaluation {

inline constexpr char kInterruptedReason[] = "interrupted by server restart";

struct EvaluationServiceOptions {
  int64_t inline_max_rows = 50000;
  int workers = 1;  // 0: queue only (another server sharing the database executes the runs)
  int64_t poll_interval_ms = 1000;
  int64_t heartbeat_interval_ms = 5000;
  int64_t stale_after_ms = 60000;
  int xgboost_nthread = 1;  // per model prediction; 0 = XGBoost's default (all cores)
  int64_t max_classes = kDefaultMaxClasses;  // multiclass: distinct labels + predictions
};

// "cairn-evaluation/<cairn version> (xgboost <version>)".
std::string EvaluatorVersion();

class EvaluationService {
 public:
  // `catalog` may be null (no registry wired): scenarios and runs naming a model are then 409.
  EvaluationService(std::unique_ptr<EvaluationStore> store, datasets::DatasetReader& datasets,
                    ModelCatalog* catalog, EvaluationServiceOptions options = {},
                    const Clock& clock = Clock::System());
  ~EvaluationService();
  EvaluationService(const EvaluationService&) = delete;
  EvaluationService& operator=(const EvaluationService&) = delete;

  // Errors: InvalidArgument, NotFound (model version), AlreadyExists.
  Result<Scenario> CreateScenario(Scenario request, const std::string& actor);
  // Errors: NotFound.
  Result<Scenario> GetScenario(const std::string& name);
  // Errors: InvalidArgument (filters, limit, page token).
  Result<Page<Scenario>> ListScenarios(const ScenarioListRequest& request);
  // Errors: InvalidArgument, NotFound, Aborted (If-Match or a concurrent change).
  Result<Scenario> UpdateScenario(const std::string& name, const ScenarioPatch& patch,
                                  std::optional<int64_t> if_match, const std::string& actor);
  // For the datasets domain (DELETE of a dataset still in use is 409), read in the delete's
  // transaction: up to 20 scenarios evaluating the dataset ("scenario '<name>'") and up to 20
  // queued or running runs on it ("evaluation run '<id>' (queued)"). Finished runs do not
  // count: their reports are stored whole and stay readable once the dataset is gone.
  Result<std::vector<std::string>> UsersOfDataset(storage::Transaction& tx,
                                                  const std::string& dataset_id);

  // Errors: InvalidArgument, NotFound (scenario, model version), FailedPrecondition (dataset
  // gone, no registry).
  Result<EvalRun> CreateRun(const RunCreate& request, const std::string& actor);
  // Errors: NotFound.
  Result<EvalRun> GetRun(const std::string& run_id);
  // Errors: InvalidArgument.
  Result<Page<EvalRun>> ListRuns(const RunListRequest& request);

  // Starts the job runner (idempotent); first fails stale running runs.
  void Start();
  // Stops and joins the runner threads (idempotent; also done by the destructor).
  void Stop();

  // Claims and executes the oldest queued run, if any, on the calling thread. Returns whether a
  // run was executed. (What the workers do; exposed for tests and tools.)
  Result<bool> RunOnePendingJob();
  // Heartbeats this server's running runs and fails stale ones. Returns how many failed.
  Result<int64_t> RecoverStaleRuns();
  const std::string& instance_id() const { return instance_id_; }

 private:
  Status ValidateScenario(Scenario& s);
  Result<ModelRef> ResolveModel(const std::string& name, int64_t version, const std::string& field);
  // Evaluates `run` (status/verdict/report fields filled); never fails: errors become
  // status failed + failure_reason.
  void Execute(EvalRun& run, int64_t requested_at);
  void WorkerLoop();
  void HeartbeatLoop();

  std::unique_ptr<EvaluationStore> store_;
  datasets::DatasetReader& datasets_;
  ModelCatalog* catalog_;
  EvaluationServiceOptions options_;
  const Clock& clock_;
  std::string instance_id_;

  std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false;
  bool started_ = false;
  int64_t wakeups_ = 0;
  std::vector<std::thread> threads_;
};

}  // namespace cairn::evaluation
