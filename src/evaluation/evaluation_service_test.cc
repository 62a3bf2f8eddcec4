#include "evaluation/evaluation_service.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <chrono>
#include <thread>

#include "common/testing/status_matchers.h"
#include "common/time.h"
#include "evaluation/testing/service_fixture.h"

namespace cairn::evaluation {
namespace {

namespace bj = boost::json;
using testing::ServiceTest;

class EvaluationServiceTest : public ServiceTest {};

bool HasField(const Status& s, const std::string& f) {
  for (const auto& e : s.errors())
    if (e.field == f) return true;
  return false;
}

TEST_P(EvaluationServiceTest, CreateGetListScenario) {
  const int64_t audits = AuditCount();
  auto s = service_->CreateScenario(BinaryScenario("s1"), "alice");
  ASSERT_OK(s);
  EXPECT_EQ(s->revision, 1);
  EXPECT_EQ(s->created_by, "alice");
  EXPECT_EQ(AuditCount(), audits + 1);
  auto g = service_->GetScenario("s1");
  ASSERT_OK(g);
  EXPECT_EQ(*g->score_column, "score");
  EXPECT_EQ(service_->CreateScenario(BinaryScenario("s1"), "bob").status().code(),
            StatusCode::kAlreadyExists);
  EXPECT_EQ(service_->GetScenario("nope").status().code(), StatusCode::kNotFound);
  ASSERT_OK(service_->CreateScenario(BinaryScenario("s2"), "alice"));
  ASSERT_OK(service_->CreateScenario(BinaryScenario("s3"), "alice"));
  ScenarioListRequest lr;
  lr.limit = 2;
  auto p1 = service_->ListScenarios(lr);
  ASSERT_OK(p1);
  ASSERT_EQ(p1->items.size(), 2u);
  ASSERT_TRUE(p1->next_page_token);
  lr.page_token = *p1->next_page_token;
  auto p2 = service_->ListScenarios(lr);
  ASSERT_OK(p2);
  ASSERT_EQ(p2->items.size(), 1u);
  EXPECT_FALSE(p2->next_page_token);
  lr.page_token = "garbage!";
  EXPECT_EQ(service_->ListScenarios(lr).status().code(), StatusCode::kInvalidArgument);
  lr = {};
  lr.limit = 0;
  EXPECT_EQ(service_->ListScenarios(lr).status().code(), StatusCode::kInvalidArgument);
  auto tx = db_->Begin(storage::TxMode::kRead);
  ASSERT_OK(tx);
  EXPECT_EQ(service_->UsersOfDataset(**tx, "bin")->size(), 3u);
  EXPECT_EQ(service_->UsersOfDataset(**tx, "bin")->front(), "scenario 's1'");
  EXPECT_TRUE(service_->UsersOfDataset(**tx, "reg")->empty());
}

TEST_P(EvaluationServiceTest, ScenarioValidationNamesTheField) {
  const int64_t audits = AuditCount();
  auto bad = [&](Scenario s, const std::string& field) {
    auto r = service_->CreateScenario(s, "alice");
    ASSERT_FALSE(r.ok()) << field;
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument) << field;
    EXPECT_TRUE(HasField(r.status(), field)) << field << ": " << r.status().ToString();
  };
  Scenario s = BinaryScenario("bad name!");
  bad(s, "name");
  s = BinaryScenario("x", "no-such-dataset");
  bad(s, "dataset_id");
  s = BinaryScenario("x");
  s.label_column = "nope";
  bad(s, "label_column");
  s = BinaryScenario("x");
  s.label_column = "group";  // string label for binary
  bad(s, "label_column");
  s = BinaryScenario("x");
  s.score_column = "group";
  bad(s, "score_column");
  s = BinaryScenario("x");
  s.score_column.reset();
  bad(s, "score_column");
  s = BinaryScenario("x");
  s.prediction_column = "score";
  bad(s, "prediction_column");
  s = BinaryScenario("x");
  s.metrics = {"rmse"};
  bad(s, "metrics");
  s = BinaryScenario("x");
  s.thresholds["r2"] = {">=", 0.5};
  bad(s, "thresholds.r2");
  s = BinaryScenario("x");
  s.thresholds["f1"] = {"=>", 0.5};
  bad(s, "thresholds.f1.op");
  s = BinaryScenario("x");
  s.slice_column = "nope";
  bad(s, "slice_column");
  s = BinaryScenario("x");
  s.decision_threshold = 1.5;
  bad(s, "decision_threshold");
  s = BinaryScenario("x");
  s.importance_repeats = 51;
  bad(s, "importance_repeats");
  s = ModelScenario("x");
  s.feature_columns = {"f0", "label2"};
  bad(s, "feature_columns");
  s = ModelScenario("x");
  s.feature_columns.clear();
  bad(s, "feature_columns");
  s = ModelScenario("x");
  s.score_column = "f0";
  bad(s, "score_column");
  s = ModelScenario("x");
  s.model_version = 2;  // onnx
  bad(s, "model_name");
  s.model_version = 3;  // no artifact
  bad(s, "model_name");
  s.model_version = 9;
  EXPECT_EQ(service_->CreateScenario(s, "a").status().code(), StatusCode::kNotFound);
  Scenario reg;
  reg.name = "r";
  reg.task_type = TaskType::kRegression;
  reg.dataset_id = "reg";
  reg.label_column = "target";
  reg.score_column = "prediction";
  bad(reg, "score_column");
  EXPECT_EQ(AuditCount(), audits);  // nothing written
}

TEST_P(EvaluationServiceTest, MulticlassAcceptsStringColumns) {
  Scenario s;
  s.name = "mc";
  s.task_type = TaskType::kMulticlass;
  s.dataset_id = "mc";
  s.label_column = "label";
  s.prediction_column = "prediction";
  ASSERT_OK(service_->CreateScenario(s, "a"));
}

TEST_P(EvaluationServiceTest, PatchIsRevisionedAndRevalidated) {
  ASSERT_OK(service_->CreateScenario(BinaryScenario("s"), "alice"));
  ScenarioPatch p;
  p.description = "new";
  p.slice_column = "group";
  auto u = service_->UpdateScenario("s", p, 1, "bob");
  ASSERT_OK(u);
  EXPECT_EQ(u->revision, 2);
  EXPECT_EQ(u->updated_by, "bob");
  EXPECT_EQ(u->created_by, "alice");
  EXPECT_EQ(service_->UpdateScenario("s", p, 1, "bob").status().code(), StatusCode::kAborted);
  auto same = service_->UpdateScenario("s", p, std::nullopt, "bob");  // no change
  ASSERT_OK(same);
  EXPECT_EQ(same->revision, 2);
  ScenarioPatch clear;
  clear.clear_slice_column = true;
  auto c = service_->UpdateScenario("s", clear, 2, "bob");
  ASSERT_OK(c);
  EXPECT_FALSE(c->slice_column);
  ScenarioPatch bad;
  bad.label_column = "group";
  auto b = service_->UpdateScenario("s", bad, std::nullopt, "bob");
  EXPECT_TRUE(HasField(b.status(), "label_column"));
  EXPECT_EQ(service_->GetScenario("s")->revision, 3);
  EXPECT_EQ(service_->UpdateScenario("nope", p, std::nullopt, "bob").status().code(),
            StatusCode::kNotFound);
}

TEST_P(EvaluationServiceTest, SmallRunCompletesInlineWithReport) {
  Scenario s = BinaryScenario("s");
  s.slice_column = "group";
  s.thresholds["roc_auc"] = {">=", 0.5};
  ASSERT_OK(service_->CreateScenario(s, "alice"));
  auto run = service_->CreateRun({"s", {}, {}}, "carol");
  ASSERT_OK(run);
  EXPECT_EQ(run->status, RunStatus::kCompleted);
  EXPECT_EQ(*run->verdict, "pass");
  auto stored = service_->GetRun(run->run_id);
  ASSERT_OK(stored);
  auto report = bj::parse(stored->stored_report).as_object();
  EXPECT_EQ(report.at("status").as_string(), "completed");
  EXPECT_EQ(report.at("n_rows").as_int64(), *stored->n_rows);
  EXPECT_TRUE(report.at("slices").as_object().size() > 1);
  const auto& c = report.at("compliance").as_object();
  EXPECT_EQ(c.at("dataset_sha256").as_string(), "sha-bin");
  EXPECT_EQ(c.at("scenario_revision").as_int64(), 1);
  EXPECT_EQ(c.at("run_by").as_string(), "carol");
  EXPECT_TRUE(c.at("model_sha256").is_null());
  EXPECT_TRUE(catalog_.ticks().empty());  // no model, nothing to tick
  RunListRequest lr;
  lr.scenario_name = "s";
  lr.status = "completed";
  EXPECT_EQ(service_->ListRuns(lr)->items.size(), 1u);
  lr.status = "queued";
  EXPECT_EQ(service_->ListRuns(lr)->items.size(), 0u);
  lr.status = "bogus";
  EXPECT_EQ(service_->ListRuns(lr).status().code(), StatusCode::kInvalidArgument);
}

TEST_P(EvaluationServiceTest, InlineRunWithBadDataIsStoredAsFailed) {
  ASSERT_OK(datasets_.AddCsvText("twos", "y,p\n0,0.5\n2,0.5\n"));
  Scenario s = BinaryScenario("s", "twos");
  s.label_column = "y";
  s.score_column = "p";
  ASSERT_OK(service_->CreateScenario(s, "alice"));
  auto run = service_->CreateRun({"s", {}, {}}, "carol");
  ASSERT_OK(run);
  EXPECT_EQ(run->status, RunStatus::kFailed);
  EXPECT_NE(run->failure_reason->find("0 or 1"), std::string::npos);
  EXPECT_EQ(service_->GetRun(run->run_id)->status, RunStatus::kFailed);
}

TEST_P(EvaluationServiceTest, RunErrors) {
  EXPECT_EQ(service_->CreateRun({"nope", {}, {}}, "a").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(service_->CreateRun({"", {}, {}}, "a").status().code(), StatusCode::kInvalidArgument);
  ASSERT_OK(service_->CreateScenario(BinaryScenario("s"), "alice"));
  EXPECT_EQ(service_->CreateRun({"s", "clf", {}}, "a").status().code(),
            StatusCode::kInvalidArgument);
  // The scenario has no feature columns to feed a model.
  EXPECT_TRUE(HasField(service_->CreateRun({"s", "clf", 1}, "a").status(), "model_name"));
  EXPECT_EQ(service_->GetRun("not-a-uuid").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(service_->GetRun("00000000-0000-4000-8000-000000000000").status().code(),
            StatusCode::kNotFound);
}

TEST_P(EvaluationServiceTest, ModelRunIsQueuedThenExecutedAndTicksChecklist) {
  ASSERT_OK(service_->CreateScenario(ModelScenario("m"), "alice"));
  auto run = service_->CreateRun({"m", {}, {}}, "carol");
  ASSERT_OK(run);
  EXPECT_EQ(run->status, RunStatus::kQueued);
  EXPECT_EQ(*run->model_version, 1);
  auto ran = service_->RunOnePendingJob();
  ASSERT_OK(ran);
  EXPECT_TRUE(*ran);
  EXPECT_FALSE(*service_->RunOnePendingJob());  // queue empty
  auto done = service_->GetRun(run->run_id);
  ASSERT_OK(done);
  EXPECT_EQ(done->status, RunStatus::kCompleted) << done->failure_reason.value_or("");
  EXPECT_EQ(*done->verdict, "pass");
  auto report = bj::parse(done->stored_report).as_object();
  EXPECT_NEAR(report.at("metrics").at("roc_auc").as_double(), 0.8819349925465033, 1e-12);
  EXPECT_EQ(report.at("explainability").at("permutation_importance").as_object().size(), 8u);
  EXPECT_EQ(report.at("compliance").at("model_sha256").as_string(),
            Sha256File(stats::testing::TestdataPath("xgboost/classifier/model.json"))->sha256);
  EXPECT_TRUE(report.at("compliance").at("evaluation_passed_ticked").as_bool());
  auto ticks = catalog_.ticks();
  ASSERT_EQ(ticks.size(), 1u);
  EXPECT_EQ(ticks[0].model_name, "clf");
  EXPECT_EQ(ticks[0].version, 1);
  EXPECT_EQ(ticks[0].actor, "carol");
  EXPECT_EQ(ticks[0].run_id, run->run_id);
}

TEST_P(EvaluationServiceTest, FailingModelRunDoesNotTick) {
  Scenario s = ModelScenario("m");
  s.thresholds["roc_auc"] = {">=", 0.99};
  ASSERT_OK(service_->CreateScenario(s, "alice"));
  auto run = service_->CreateRun({"m", {}, {}}, "carol");
  ASSERT_TRUE(*service_->RunOnePendingJob());
  auto done = service_->GetRun(run->run_id);
  EXPECT_EQ(done->status, RunStatus::kCompleted);
  EXPECT_EQ(*done->verdict, "fail");
  EXPECT_TRUE(catalog_.ticks().empty());
}

TEST_P(EvaluationServiceTest, TamperedArtifactFailsTheRun) {
  Scenario s = ModelScenario("m");
  s.model_name = "tampered";
  ASSERT_OK(service_->CreateScenario(s, "alice"));
  auto run = service_->CreateRun({"m", {}, {}}, "carol");
  ASSERT_OK(run);
  ASSERT_TRUE(*service_->RunOnePendingJob());
  auto done = service_->GetRun(run->run_id);
  EXPECT_EQ(done->status, RunStatus::kFailed);
  EXPECT_NE(done->failure_reason->find("sha256"), std::string::npos);
}

TEST_P(EvaluationServiceTest, ClaimIsExclusiveAcrossServers) {
  ASSERT_OK(service_->CreateScenario(BinaryScenario("s", "big"), "alice"));
  auto run = service_->CreateRun({"s", {}, {}}, "carol");
  ASSERT_OK(run);
  EXPECT_EQ(run->status, RunStatus::kQueued);  // 1 000 000 announced rows
  SqlEvaluationStore a(*db_), b(*db_);
  EXPECT_TRUE(*a.ClaimRun(run->run_id, "server-a", NowMillis()));
  EXPECT_FALSE(*b.ClaimRun(run->run_id, "server-b", NowMillis()));
  EvalRun finished = *a.GetRun(run->run_id);
  finished.status = RunStatus::kFailed;
  finished.failure_reason = "x";
  audit::Entry e{NowMillis(), "x", "evaluation_run.finish", "evaluation_run", run->run_id, {}};
  EXPECT_EQ(b.FinishRun(finished, "server-b", e).code(), StatusCode::kFailedPrecondition);
  EXPECT_OK(a.FinishRun(finished, "server-a", e));
}

TEST_P(EvaluationServiceTest, StaleRunningRunIsFailedAfterRestart) {
  ASSERT_OK(service_->CreateScenario(BinaryScenario("s", "big"), "alice"));
  auto run = service_->CreateRun({"s", {}, {}}, "carol");
  auto queued = service_->CreateRun({"s", {}, {}}, "carol");
  ASSERT_OK(run);
  ASSERT_OK(queued);
  // A server that died while running: claimed long ago, no heartbeat since.
  SqlEvaluationStore dead(*db_);
  ASSERT_TRUE(*dead.ClaimRun(run->run_id, "dead-server", NowMillis() - 3600 * 1000));
  EvaluationServiceOptions o;
  o.stale_after_ms = 1000;
  MakeService(o);
  service_->Start();
  // The queued run survives the restart and is executed; the stale one is failed.
  for (int i = 0; i < 500; ++i) {
    if (service_->GetRun(queued->run_id)->status == RunStatus::kCompleted) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  service_->Stop();
  auto stale = service_->GetRun(run->run_id);
  EXPECT_EQ(stale->status, RunStatus::kFailed);
  EXPECT_EQ(*stale->failure_reason, kInterruptedReason);
  EXPECT_EQ(service_->GetRun(queued->run_id)->status, RunStatus::kCompleted);
}

TEST_P(EvaluationServiceTest, HeartbeatKeepsLiveRunsAlive) {
  ASSERT_OK(service_->CreateScenario(BinaryScenario("s", "big"), "alice"));
  auto run = service_->CreateRun({"s", {}, {}}, "carol");
  SqlEvaluationStore store(*db_);
  ASSERT_TRUE(*store.ClaimRun(run->run_id, service_->instance_id(), NowMillis() - 3600 * 1000));
  // Our own claim: the heartbeat refreshes it before the stale check.
  EXPECT_EQ(*service_->RecoverStaleRuns(), 0);
  EXPECT_EQ(service_->GetRun(run->run_id)->status, RunStatus::kRunning);
}

TEST_P(EvaluationServiceTest, BackgroundRunnerPicksUpNewRunsPromptly) {
  ASSERT_OK(service_->CreateScenario(ModelScenario("m"), "alice"));
  service_->Start();
  service_->Start();  // idempotent
  auto run = service_->CreateRun({"m", {}, {}}, "carol");
  ASSERT_OK(run);
  RunStatus status = RunStatus::kQueued;
  for (int i = 0; i < 1000 && status != RunStatus::kCompleted && status != RunStatus::kFailed;
       ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    status = service_->GetRun(run->run_id)->status;
  }
  service_->Stop();
  service_->Stop();
  EXPECT_EQ(status, RunStatus::kCompleted);
}

INSTANTIATE_TEST_SUITE_P(Backends, EvaluationServiceTest,
                         ::testing::ValuesIn(storage::testing::TestBackends()),
                         [](const auto& info) {
                           return storage::testing::BackendName(info.param);
                         });

}  // namespace
}  // namespace cairn::evaluation
