#include "evaluation/evaluation_json.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "common/json_columns.h"
#include "common/testing/status_matchers.h"

namespace cairn::evaluation {
namespace {

bool HasField(const Status& s, const std::string& f) {
  for (const auto& e : s.errors())
    if (e.field == f) return true;
  return false;
}

TEST(EvaluationJsonTest, ParsesFullScenario) {
  auto s = ParseScenarioCreate(R"({"name":"s","task_type":"binary_classification",
    "dataset_id":"d","label_column":"y","score_column":"p","metrics":["roc_auc"],
    "thresholds":{"roc_auc":{"op":">=","value":0.8}},"slice_column":"g",
    "decision_threshold":0.3,"importance_repeats":3,"importance_seed":7,"tags":{"a":"b"}})");
  ASSERT_OK(s);
  EXPECT_EQ(s->task_type, TaskType::kBinary);
  EXPECT_EQ(*s->score_column, "p");
  EXPECT_EQ(s->thresholds.at("roc_auc").op, ">=");
  EXPECT_EQ(s->thresholds.at("roc_auc").value, 0.8);
  EXPECT_EQ(s->decision_threshold, 0.3);
  EXPECT_EQ(s->importance_repeats, 3);
  EXPECT_EQ(s->tags.at("a"), "b");
}

TEST(EvaluationJsonTest, RejectsUnknownFieldsWrongTypesAndMissingRequired) {
  auto s = ParseScenarioCreate(R"({"name":"s","task_type":"clustering","label_column":3,
    "thresholds":{"roc_auc":{"op":">="}},"bogus":1})");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(HasField(s.status(), "task_type"));
  EXPECT_TRUE(HasField(s.status(), "label_column"));
  EXPECT_TRUE(HasField(s.status(), "dataset_id"));
  EXPECT_TRUE(HasField(s.status(), "thresholds.roc_auc.value"));
  EXPECT_TRUE(HasField(s.status(), "bogus"));
  EXPECT_FALSE(ParseScenarioCreate("{").ok());
  EXPECT_FALSE(ParseScenarioCreate("[]").ok());
  EXPECT_FALSE(ParseScenarioCreate(R"({"thresholds":[]})").ok());
  EXPECT_FALSE(ParseScenarioCreate(R"({"thresholds":{"f1":5}})").ok());
  EXPECT_FALSE(ParseScenarioCreate(R"({"feature_columns":["a",1]})").ok());
}

TEST(EvaluationJsonTest, PatchNullClearsOptionalFields) {
  auto p = ParseScenarioPatch(R"({"slice_column":null,"model_name":null,"description":"x"})");
  ASSERT_OK(p);
  EXPECT_TRUE(p->clear_slice_column);
  EXPECT_TRUE(p->clear_model);
  EXPECT_FALSE(p->clear_score_column);
  EXPECT_EQ(*p->description, "x");
  EXPECT_FALSE(ParseScenarioPatch(R"({"name":"renamed"})").ok());
}

TEST(EvaluationJsonTest, RunCreate) {
  auto r = ParseRunCreate(R"({"scenario_name":"s","model_name":"m","version":2})");
  ASSERT_OK(r);
  EXPECT_EQ(*r->model_version, 2);
  EXPECT_TRUE(HasField(ParseRunCreate("{}").status(), "scenario_name"));
  EXPECT_TRUE(
      HasField(ParseRunCreate(R"({"scenario_name":"s","version":"2"})").status(), "version"));
}

TEST(EvaluationJsonTest, ReportHasExactlyTheSpecShape) {
  EvalRun run;
  run.run_id = "r";
  run.scenario_name = "s";
  Report rep;
  rep.passed = true;
  rep.n_rows = 4;
  rep.metrics = {{"accuracy", 0.75}, {"roc_auc", std::nullopt}};
  rep.has_confusion = true;
  rep.numeric_confusion_labels = true;
  rep.confusion_labels = {"0", "1"};
  rep.confusion = {{1, 1}, {0, 2}};
  rep.thresholds = {{"accuracy", ">=", 0.7, 0.75, true}};
  rep.slice_column = "g";
  rep.slices["a"] = {2, {{"accuracy", 1.0}}};
  rep.worst_slice_gap["accuracy"] = {0.5, "a", 1.0, "b", 0.5};
  auto v = boost::json::parse(ReportToJson(run, rep)).as_object();
  for (const char* k :
       {"run_id", "scenario_name", "status", "verdict", "n_rows", "metrics", "confusion_matrix",
        "thresholds", "slices", "worst_slice_gap", "explainability", "compliance"})
    EXPECT_TRUE(v.contains(k)) << k;
  EXPECT_EQ(v.size(), 12u);
  EXPECT_EQ(v.at("verdict").as_string(), "pass");
  EXPECT_TRUE(v.at("metrics").at("roc_auc").is_null());
  EXPECT_EQ(v.at("confusion_matrix").at("labels").as_array()[1].as_int64(), 1);
  EXPECT_EQ(v.at("confusion_matrix").at("matrix").as_array()[1].as_array()[1].as_int64(), 2);
  EXPECT_TRUE(v.at("thresholds").as_array()[0].at("passed").as_bool());
  EXPECT_EQ(v.at("slices").at("a").at("n_rows").as_int64(), 2);
  EXPECT_EQ(v.at("worst_slice_gap").at("accuracy").at("min_slice").as_string(), "b");
  EXPECT_TRUE(v.at("explainability").is_null());
}

TEST(EvaluationJsonTest, QueuedRunReportHasNullResults) {
  EvalRun run;
  run.run_id = "r";
  run.scenario_name = "s";
  run.status = RunStatus::kQueued;
  auto v = boost::json::parse(RunReportToJson(run)).as_object();
  EXPECT_EQ(v.at("status").as_string(), "queued");
  EXPECT_TRUE(v.at("verdict").is_null());
}

TEST(EvaluationJsonTest, StorageRoundTrips) {
  std::map<std::string, Threshold> t{{"f1", {"<", 2}}, {"r2", {"==", 0.5}}};
  auto back = ThresholdsFromJson(ThresholdsToJson(t));
  ASSERT_EQ(back.size(), 2u);
  EXPECT_EQ(back["f1"].op, "<");
  EXPECT_EQ(back["f1"].value, 2);
  EXPECT_EQ(back["r2"].value, 0.5);
  EXPECT_EQ(json::DecodeStringList(json::EncodeStringList({"a", "b"})),
            (std::vector<std::string>{"a", "b"}));
}

}  // namespace
}  // namespace cairn::evaluation
