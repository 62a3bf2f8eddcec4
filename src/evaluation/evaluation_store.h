// EvaluationStore: the storage contract of the evaluation domain (tables eval_scenarios,
// eval_runs). Every mutation appends its audit record in the same transaction.
//
// Job claiming: ClaimRun moves a run from queued to running with a conditional UPDATE
// (… WHERE run_id = ? AND status = 'queued'), so of several servers sharing one database exactly
// one wins; FinishRun only succeeds for the worker that holds the claim.
//
// Thread safety: implementations are thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "audit/types.h"
#include "common/status.h"
#include "evaluation/types.h"
#include "storage/sql_database.h"

namespace cairn::evaluation {

struct ScenarioQuery {
  std::optional<TaskType> task_type;
  std::optional<std::string> dataset_id;
  int limit = kDefaultPageSize;
  std::string page_token;
};

struct RunQuery {
  std::optional<std::string> scenario_name;
  std::optional<RunStatus> status;
  int limit = kDefaultPageSize;
  std::string page_token;
};

class EvaluationStore {
 public:
  virtual ~EvaluationStore() = default;

  // `hold` runs first in the transaction (the dataset's Hold, so that a concurrent DELETE of it
  // cannot miss the reference); its error is returned as is. Same for UpdateScenario and
  // CreateRun. Errors: AlreadyExists, hold's.
  virtual Status CreateScenario(const Scenario& s, const audit::Entry& audit,
                                const storage::TxStep& hold) = 0;
  // Errors: NotFound.
  virtual Result<Scenario> GetScenario(const std::string& name) = 0;
  // Newest first. Errors: InvalidArgument (page token).
  virtual Result<Page<Scenario>> ListScenarios(const ScenarioQuery& q) = 0;
  // Writes every field of `s` (revision = expected_revision + 1) when the stored revision is
  // `expected_revision`. Errors: NotFound, Aborted (revision changed meanwhile).
  virtual Status UpdateScenario(const Scenario& s, int64_t expected_revision,
                                const audit::Entry& audit, const storage::TxStep& hold) = 0;
  // What keeps `dataset_id` from being deleted, read in the caller's transaction `tx` (the
  // dataset delete's): "scenario '<name>'" for the scenarios that evaluate it and
  // "evaluation run '<id>' (queued|running)" for the unfinished runs on it, at most `limit` of
  // each.
  virtual Result<std::vector<std::string>> UsersOfDataset(storage::Transaction& tx,
                                                          const std::string& dataset_id,
                                                          int limit) = 0;

  // Inserts a run in its current status (queued, or completed/failed for inline runs).
  // Errors: NotFound (scenario gone), hold's.
  virtual Status CreateRun(const EvalRun& run, const audit::Entry& audit,
                           const storage::TxStep& hold) = 0;
  // Errors: NotFound.
  virtual Result<EvalRun> GetRun(const std::string& run_id) = 0;
  // Newest first; stored_report is left empty. Errors: InvalidArgument (page token).
  virtual Result<Page<EvalRun>> ListRuns(const RunQuery& q) = 0;

  // Oldest queued runs first.
  virtual Result<std::vector<std::string>> QueuedRunIds(int limit) = 0;
  // queued -> running for `worker`; false when another worker (or server) claimed it first.
  virtual Result<bool> ClaimRun(const std::string& run_id, const std::string& worker,
                                int64_t now) = 0;
  // running (claimed by `worker`) -> run.status (completed|failed) with verdict, reason,
  // n_rows, report, finished_at. Errors: FailedPrecondition when the claim was lost.
  virtual Status FinishRun(const EvalRun& run, const std::string& worker,
                           const audit::Entry& audit) = 0;
  // Refreshes heartbeat_at of the running runs claimed by `worker`.
  virtual Status Heartbeat(const std::string& worker, int64_t now) = 0;
  // running runs whose heartbeat is older than `stale_before` -> failed with `reason` (one
  // audit record each). Returns how many.
  virtual Result<int64_t> FailStaleRuns(int64_t stale_before, const std::string& reason,
                                        int64_t now) = 0;
};

}  // namespace cairn::evaluation
