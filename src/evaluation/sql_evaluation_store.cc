#include "evaluation/sql_evaluation_store.h"

#include "audit/audit_writer.h"
#include "common/json_columns.h"
#include "evaluation/evaluation_json.h"
#include "storage/pagination.h"
#include "storage/revision_guard.h"

namespace cairn::evaluation {
namespace {

using storage::Row;
using storage::Value;

constexpr char kScenarioColumns[] =
    "name, description, task_type, dataset_id, label_column, score_column, prediction_column, "
    "model_name, model_version, feature_columns, metrics, thresholds, slice_column, "
    "decision_threshold, importance_repeats, importance_seed, tags, created_by, updated_by, "
    "created_at, updated_at, revision";
constexpr char kRunColumns[] =
    "run_id, scenario_name, scenario_revision, model_name, model_version, status, verdict, "
    "failure_reason, n_rows, created_by, created_at, started_at, finished_at, revision, "
    "dataset_id";

Scenario ScenarioFromRow(const Row& r) {
  Scenario s;
  s.name = r.Text(0);
  s.description = r.Text(1);
  s.task_type = ParseTaskType(r.Text(2)).value_or(TaskType::kBinary);
  s.dataset_id = r.Text(3);
  s.label_column = r.Text(4);
  s.score_column = r.OptText(5);
  s.prediction_column = r.OptText(6);
  s.model_name = r.OptText(7);
  s.model_version = r.OptInt(8);
  s.feature_columns = json::DecodeStringList(r.Text(9));
  s.metrics = json::DecodeStringList(r.Text(10));
  s.thresholds = ThresholdsFromJson(r.Text(11));
  s.slice_column = r.OptText(12);
  s.decision_threshold = r.Double(13);
  s.importance_repeats = static_cast<int>(r.Int(14));
  s.importance_seed = r.Int(15);
  s.tags = json::DecodeStringMap(r.Text(16));
  s.created_by = r.Text(17);
  s.updated_by = r.Text(18);
  s.created_at = r.Int(19);
  s.updated_at = r.Int(20);
  s.revision = r.Int(21);
  return s;
}

EvalRun RunFromRow(const Row& r) {
  EvalRun run;
  run.run_id = r.Text(0);
  run.scenario_name = r.Text(1);
  run.scenario_revision = r.Int(2);
  run.model_name = r.OptText(3);
  run.model_version = r.OptInt(4);
  run.status = ParseRunStatus(r.Text(5)).value_or(RunStatus::kQueued);
  run.verdict = r.OptText(6);
  run.failure_reason = r.OptText(7);
  run.n_rows = r.OptInt(8);
  run.created_by = r.Text(9);
  run.created_at = r.Int(10);
  run.started_at = r.OptInt(11);
  run.finished_at = r.OptInt(12);
  run.revision = r.Int(13);
  run.dataset_id = r.OptText(14).value_or("");
  return run;
}

// The scenario's stored fields after `name`, in kScenarioColumns order.
std::vector<Value> ScenarioValues(const Scenario& s) {
  return {s.description,
          std::string(TaskTypeName(s.task_type)),
          s.dataset_id,
          s.label_column,
          storage::Nullable(s.score_column),
          storage::Nullable(s.prediction_column),
          storage::Nullable(s.model_name),
          storage::Nullable(s.model_version),
          json::EncodeStringList(s.feature_columns),
          json::EncodeStringList(s.metrics),
          ThresholdsToJson(s.thresholds),
          storage::Nullable(s.slice_column),
          s.decision_threshold,
          static_cast<int64_t>(s.importance_repeats),
          s.importance_seed,
          json::EncodeStringMap(s.tags),
          s.created_by,
          s.updated_by,
          s.created_at,
          s.updated_at,
          s.revision};
}

const storage::Keyset kScenarioOrder("eval_scenarios", {{"created_at", storage::KeyType::kInt},
                                                        {"name", storage::KeyType::kText}});
const storage::Keyset kRunOrder("eval_runs", {{"created_at", storage::KeyType::kInt},
                                              {"run_id", storage::KeyType::kText}});

// The report document to store: the service's report, rendered once, at completion.
std::optional<std::string> StoredReport(const EvalRun& run) {
  if (run.report) return ReportToJson(run, *run.report);
  if (!run.stored_report.empty()) return run.stored_report;
  return std::nullopt;
}

}  // namespace

Status SqlEvaluationStore::CreateScenario(const Scenario& s, const audit::Entry& audit,
                                          const storage::TxStep& hold) {
  ASSIGN_OR_RETURN(auto tx, db_.Begin(storage::TxMode::kWrite));
  if (hold) RETURN_IF_ERROR(hold(*tx));
  std::vector<Value> p = ScenarioValues(s);
  p.insert(p.begin(), s.name);
  auto r =
      tx->Exec(std::string("INSERT INTO eval_scenarios (") + kScenarioColumns +
                   ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
               p);
  if (!r.ok()) {
    if (r.status().code() == StatusCode::kAlreadyExists) {
      return AlreadyExists("scenario '" + s.name + "' already exists");
    }
    return r.status();
  }
  RETURN_IF_ERROR(audit::AppendInTx(*tx, audit));
  return tx->Commit();
}

Result<Scenario> SqlEvaluationStore::GetScenario(const std::string& name) {
  ASSIGN_OR_RETURN(auto tx, db_.Begin(storage::TxMode::kRead));
  const Value p[] = {name};
  ASSIGN_OR_RETURN(auto row, tx->QueryOne(std::string("SELECT ") + kScenarioColumns +
                                              " FROM eval_scenarios WHERE name = ?",
                                          p));
  if (!row) return NotFound("scenario '" + name + "' not found");
  return ScenarioFromRow(*row);
}

Result<Page<Scenario>> SqlEvaluationStore::ListScenarios(const ScenarioQuery& q) {
  std::string sql = std::string("SELECT ") + kScenarioColumns + " FROM eval_scenarios WHERE 1 = 1";
  std::vector<Value> params;
  if (q.task_type) {
    sql += " AND task_type = ?";
    params.emplace_back(std::string(TaskTypeName(*q.task_type)));
  }
  if (q.dataset_id) {
    sql += " AND dataset_id = ?";
    params.emplace_back(*q.dataset_id);
  }
  RETURN_IF_ERROR(kScenarioOrder.AppendAfter(q.page_token, sql, params));
  kScenarioOrder.AppendOrderAndLimit(q.limit, sql, params);
  ASSIGN_OR_RETURN(auto tx, db_.Begin(storage::TxMode::kRead));
  ASSIGN_OR_RETURN(auto rows, tx->Query(sql, params));
  Page<Scenario> page;
  for (const auto& row : rows) page.items.push_back(ScenarioFromRow(row));
  kScenarioOrder.FinishPage(page, q.limit, [](const Scenario& s) {
    return storage::Keyset::Position{s.created_at, s.name};
  });
  return page;
}

Status SqlEvaluationStore::UpdateScenario(const Scenario& s, int64_t expected_revision,
                                          const audit::Entry& audit, const storage::TxStep& hold) {
  ASSIGN_OR_RETURN(auto tx, db_.Begin(storage::TxMode::kWrite));
  if (hold) RETURN_IF_ERROR(hold(*tx));
  std::vector<Value> p = ScenarioValues(s);
  p.pop_back();  // the revision: the guarded update moves it by one
  Status written = storage::UpdateWithRevision(
      *tx, {.table = "eval_scenarios",
            .set = "description = ?, task_type = ?, dataset_id = ?, label_column = ?, "
                   "score_column = ?, prediction_column = ?, model_name = ?, model_version = ?, "
                   "feature_columns = ?, metrics = ?, thresholds = ?, slice_column = ?, "
                   "decision_threshold = ?, importance_repeats = ?, importance_seed = ?, tags = ?, "
                   "created_by = ?, updated_by = ?, created_at = ?, updated_at = ?",
            .set_values = std::move(p),
            .where = "name = ?",
            .where_values = {s.name},
            .revision = expected_revision,
            .resource = "scenario '" + s.name + "'"});
  if (written.code() == StatusCode::kAborted) {
    const Value q[] = {s.name};
    ASSIGN_OR_RETURN(auto row, tx->QueryOne("SELECT 1 FROM eval_scenarios WHERE name = ?", q));
    if (!row) return NotFound("scenario '" + s.name + "' not found");
  }
  RETURN_IF_ERROR(written);
  RETURN_IF_ERROR(audit::AppendInTx(*tx, audit));
  return tx->Commit();
}

Result<std::vector<std::string>> SqlEvaluationStore::UsersOfDataset(storage::Transaction& tx,
                                                                    const std::string& dataset_id,
                                                                    int limit) {
  const Value p[] = {dataset_id, static_cast<int64_t>(limit)};
  ASSIGN_OR_RETURN(auto scenarios, tx.Query("SELECT name FROM eval_scenarios WHERE dataset_id = ? "
                                            "ORDER BY name LIMIT ?",
                                            p));
  ASSIGN_OR_RETURN(auto runs, tx.Query("SELECT run_id, status FROM eval_runs "
                                       "WHERE dataset_id = ? AND status IN ('queued', 'running') "
                                       "ORDER BY created_at, run_id LIMIT ?",
                                       p));
  std::vector<std::string> users;
  for (const auto& r : scenarios) users.push_back("scenario '" + r.Text(0) + "'");
  for (const auto& r : runs) {
    users.push_back("evaluation run '" + r.Text(0) + "' (" + r.Text(1) + ")");
  }
  return users;
}

Status SqlEvaluationStore::CreateRun(const EvalRun& run, const audit::Entry& audit,
                                     const storage::TxStep& hold) {
  ASSIGN_OR_RETURN(auto tx, db_.Begin(storage::TxMode::kWrite));
  if (hold) RETURN_IF_ERROR(hold(*tx));
  const std::optional<std::string> report = StoredReport(run);
  const Value p[] = {run.run_id,
                     run.scenario_name,
                     run.scenario_revision,
                     storage::Nullable(run.model_name),
                     storage::Nullable(run.model_version),
                     std::string(RunStatusName(run.status)),
                     storage::Nullable(run.verdict),
                     storage::Nullable(run.failure_reason),
                     storage::Nullable(run.n_rows),
                     storage::Nullable(report),
                     run.created_by,
                     run.created_at,
                     storage::Nullable(run.started_at),
                     storage::Nullable(run.finished_at),
                     run.revision,
                     run.dataset_id};
  auto r = tx->Exec(
      "INSERT INTO eval_runs (run_id, scenario_name, scenario_revision, model_name, "
      "model_version, status, verdict, failure_reason, n_rows, report, created_by, created_at, "
      "started_at, finished_at, revision, dataset_id) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      p);
  if (!r.ok()) {
    if (r.status().code() == StatusCode::kFailedPrecondition) {
      return NotFound("scenario '" + run.scenario_name + "' not found");
    }
    return r.status();
  }
  RETURN_IF_ERROR(audit::AppendInTx(*tx, audit));
  return tx->Commit();
}

Result<EvalRun> SqlEvaluationStore::GetRun(const std::string& run_id) {
  ASSIGN_OR_RETURN(auto tx, db_.Begin(storage::TxMode::kRead));
  const Value p[] = {run_id};
  ASSIGN_OR_RETURN(auto row, tx->QueryOne(std::string("SELECT ") + kRunColumns +
                                              ", report FROM eval_runs WHERE run_id = ?",
                                          p));
  if (!row) return NotFound("evaluation run '" + run_id + "' not found");
  EvalRun run = RunFromRow(*row);
  run.stored_report = row->Text(15);
  return run;
}

Result<Page<EvalRun>> SqlEvaluationStore::ListRuns(const RunQuery& q) {
  std::string sql = std::string("SELECT ") + kRunColumns + " FROM eval_runs WHERE 1 = 1";
  std::vector<Value> params;
  if (q.scenario_name) {
    sql += " AND scenario_name = ?";
    params.emplace_back(*q.scenario_name);
  }
  if (q.status) {
    sql += " AND status = ?";
    params.emplace_back(std::string(RunStatusName(*q.status)));
  }
  RETURN_IF_ERROR(kRunOrder.AppendAfter(q.page_token, sql, params));
  kRunOrder.AppendOrderAndLimit(q.limit, sql, params);
  ASSIGN_OR_RETURN(auto tx, db_.Begin(storage::TxMode::kRead));
  ASSIGN_OR_RETURN(auto rows, tx->Query(sql, params));
  Page<EvalRun> page;
  for (const auto& row : rows) page.items.push_back(RunFromRow(row));
  kRunOrder.FinishPage(page, q.limit, [](const EvalRun& r) {
    return storage::Keyset::Position{r.created_at, r.run_id};
  });
  return page;
}

Result<std::vector<std::string>> SqlEvaluationStore::QueuedRunIds(int limit) {
  ASSIGN_OR_RETURN(auto tx, db_.Begin(storage::TxMode::kRead));
  const Value p[] = {static_cast<int64_t>(limit)};
  ASSIGN_OR_RETURN(auto rows, tx->Query("SELECT run_id FROM eval_runs WHERE status = 'queued' "
                                        "ORDER BY created_at, run_id LIMIT ?",
                                        p));
  std::vector<std::string> ids;
  for (const auto& r : rows) ids.push_back(r.Text(0));
  return ids;
}

Result<bool> SqlEvaluationStore::ClaimRun(const std::string& run_id, const std::string& worker,
                                          int64_t now) {
  ASSIGN_OR_RETURN(auto tx, db_.Begin(storage::TxMode::kWrite));
  const Value p[] = {now, worker, now, run_id};
  ASSIGN_OR_RETURN(int64_t n, tx->Exec("UPDATE eval_runs SET status = 'running', started_at = ?, "
                                       "claimed_by = ?, heartbeat_at = ?, "
                                       "revision = revision + 1 "
                                       "WHERE run_id = ? AND status = 'queued'",
                                       p));
  if (n == 0) return false;
  RETURN_IF_ERROR(tx->Commit());
  return true;
}

Status SqlEvaluationStore::FinishRun(const EvalRun& run, const std::string& worker,
                                     const audit::Entry& audit) {
  ASSIGN_OR_RETURN(auto tx, db_.Begin(storage::TxMode::kWrite));
  const std::optional<std::string> report = StoredReport(run);
  const Value p[] = {std::string(RunStatusName(run.status)),
                     storage::Nullable(run.verdict),
                     storage::Nullable(run.failure_reason),
                     storage::Nullable(run.n_rows),
                     storage::Nullable(report),
                     storage::Nullable(run.finished_at),
                     run.scenario_revision,
                     run.run_id,
                     worker};
  ASSIGN_OR_RETURN(int64_t n,
                   tx->Exec("UPDATE eval_runs SET status = ?, verdict = ?, failure_reason = ?, "
                            "n_rows = ?, report = ?, finished_at = ?, scenario_revision = ?, "
                            "revision = revision + 1 "
                            "WHERE run_id = ? AND status = 'running' AND claimed_by = ?",
                            p));
  if (n == 0) {
    return FailedPrecondition("evaluation run '" + run.run_id + "' is no longer claimed by " +
                              worker);
  }
  RETURN_IF_ERROR(audit::AppendInTx(*tx, audit));
  return tx->Commit();
}

Status SqlEvaluationStore::Heartbeat(const std::string& worker, int64_t now) {
  ASSIGN_OR_RETURN(auto tx, db_.Begin(storage::TxMode::kWrite));
  const Value p[] = {now, worker};
  RETURN_IF_ERROR(tx->Exec("UPDATE eval_runs SET heartbeat_at = ? "
                           "WHERE status = 'running' AND claimed_by = ?",
                           p)
                      .status());
  return tx->Commit();
}

Result<int64_t> SqlEvaluationStore::FailStaleRuns(int64_t stale_before, const std::string& reason,
                                                  int64_t now) {
  ASSIGN_OR_RETURN(auto tx, db_.Begin(storage::TxMode::kWrite));
  const Value p[] = {stale_before};
  ASSIGN_OR_RETURN(auto rows, tx->Query("SELECT run_id, created_by FROM eval_runs "
                                        "WHERE status = 'running' AND heartbeat_at < ?",
                                        p));
  int64_t failed = 0;
  for (const auto& row : rows) {
    const std::string run_id = row.Text(0);
    const Value q[] = {reason, now, run_id, stale_before};
    ASSIGN_OR_RETURN(int64_t n,
                     tx->Exec("UPDATE eval_runs SET status = 'failed', failure_reason = ?, "
                              "finished_at = ?, revision = revision + 1 "
                              "WHERE run_id = ? AND status = 'running' AND heartbeat_at < ?",
                              q));
    if (n == 0) continue;
    ++failed;
    audit::Entry e{now,
                   "system",
                   "evaluation_run.fail",
                   "evaluation_run",
                   run_id,
                   {{"status", std::string("failed")}, {"reason", reason}}};
    RETURN_IF_ERROR(audit::AppendInTx(*tx, e));
  }
  RETURN_IF_ERROR(tx->Commit());
  return failed;
}

}  // namespace cairn::evaluation
