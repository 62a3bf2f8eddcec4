// SqlEvaluationStore: EvaluationStore over storage::SqlDatabase (portable SQL, `?` only).
// Thread-safe (the database is).
#pragma once

#include "evaluation/evaluation_store.h"
#include "storage/sql_database.h"

namespace cairn::evaluation {

class SqlEvaluationStore : public EvaluationStore {
 public:
  explicit SqlEvaluationStore(storage::SqlDatabase& db) : db_(db) {}

  Status CreateScenario(const Scenario& s, const audit::Entry& audit,
                        const storage::TxStep& hold) override;
  Result<Scenario> GetScenario(const std::string& name) override;
  Result<Page<Scenario>> ListScenarios(const ScenarioQuery& q) override;
  Status UpdateScenario(const Scenario& s, int64_t expected_revision, const audit::Entry& audit,
                        const storage::TxStep& hold) override;
  Result<std::vector<std::string>> UsersOfDataset(storage::Transaction& tx,
                                                  const std::string& dataset_id,
                                                  int limit) override;

  Status CreateRun(const EvalRun& run, const audit::Entry& audit,
                   const storage::TxStep& hold) override;
  Result<EvalRun> GetRun(const std::string& run_id) override;
  Result<Page<EvalRun>> ListRuns(const RunQuery& q) override;
  Result<std::vector<std::string>> QueuedRunIds(int limit) override;
  Result<bool> ClaimRun(const std::string& run_id, const std::string& worker, int64_t now) override;
  Status FinishRun(const EvalRun& run, const std::string& worker,
                   const audit::Entry& audit) override;
  Status Heartbeat(const std::string& worker, int64_t now) override;
  Result<int64_t> FailStaleRuns(int64_t stale_before, const std::string& reason,
                                int64_t now) override;

 private:
  storage::SqlDatabase& db_;
};

}  // namespace cairn::evaluation
