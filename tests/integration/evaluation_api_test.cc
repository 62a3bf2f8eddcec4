// SPEC §4 (evaluation harness) over real HTTP against `cairn serve`: datasets uploaded through
// the feature store, a model version with an xgboost-json artifact in the registry, scenarios,
// inline and background runs, reports, the evaluation_passed checklist tick, and error paths.
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "tests/integration/api_fixture.h"

namespace cairn::testing {
namespace {

constexpr std::string_view kEval = "/api/v1/ml/evaluation";

// shared/testdata next to the repository (CMake passes its absolute path; __FILE__ may be
// relative under a compiler cache).
std::string ReadTestdata(const std::string& rel) {
  const std::filesystem::path dir = CAIRN_TESTDATA_DIR;
  std::ifstream in(dir / rel, std::ios::binary);
  EXPECT_TRUE(in.good()) << (dir / rel);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string E(std::string_view suffix) { return std::string(kEval) + std::string(suffix); }

class EvaluationApi : public ApiTest {
 protected:
  std::string UploadDataset(const std::string& rel) {
    auto r = Do("POST", "/api/v1/features/datasets?name=" + UniqueName("ds"), ReadTestdata(rel),
                {{"Content-Type", "text/csv"}});
    EXPECT_EQ(r.status, 201) << r.body;
    auto v = BodyJson(r);
    return v.is_object() && v.as_object().contains("id") ? std::string(v.at("id").as_string()) : "";
  }
  // Registers a model version with the classifier artifact; returns the model name.
  std::string RegisterClassifier() {
    const std::string name = UniqueName("clf");
    auto r = DoJson("POST", Url("/models"), bj::object{{"model_name", name}});
    EXPECT_EQ(r.status, 201) << r.body;
    auto a = Do("PUT", Url("/models/" + name + "/1/artifact?format=xgboost-json"),
                ReadTestdata("xgboost/classifier/model.json"),
                {{"Content-Type", "application/octet-stream"}});
    EXPECT_EQ(a.status, 201) << a.body;
    return name;
  }
  bj::object BinaryScenario(const std::string& name, const std::string& dataset) {
    return bj::object{
        {"name", name},
        {"task_type", "binary_classification"},
        {"dataset_id", dataset},
        {"label_column", "label"},
        {"score_column", "score"},
        {"slice_column", "group"},
        {"thresholds", bj::object{{"roc_auc", bj::object{{"op", ">="}, {"value", 0.7}}}}}};
  }
  bj::value WaitForReport(const std::string& run_id) {
    for (int i = 0; i < 600; ++i) {
      auto r = Do("GET", E("/runs/" + run_id + "/report"));
      auto v = BodyJson(r);
      if (r.status != 200) return v;
      const std::string status(v.at("status").as_string());
      if (status == "completed" || status == "failed") return v;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    ADD_FAILURE() << "run " << run_id << " did not finish";
    return nullptr;
  }
};

TEST_P(EvaluationApi, ScenarioCrudAndInlineRunReport) {
  const std::string ds = UploadDataset("evaluation/binary/01_basic/data.csv");
  ASSERT_FALSE(ds.empty());
  const std::string name = UniqueName("scn");
  auto c = DoJson("POST", E("/scenarios"), BinaryScenario(name, ds), {{"X-Cairn-User", "erin"}});
  ASSERT_EQ(c.status, 201) << c.body;
  EXPECT_EQ(BodyJson(c).at("revision").as_int64(), 1);
  ExpectProblem(DoJson("POST", E("/scenarios"), BinaryScenario(name, ds)), 409);
  EXPECT_EQ(Do("GET", E("/scenarios/" + name)).status, 200);
  EXPECT_EQ(Do("GET", E("/scenarios")).status, 200);

  auto p = DoJson("PATCH", E("/scenarios/" + name), bj::object{{"description", "d"}},
                  {{"If-Match", "1"}});
  ASSERT_EQ(p.status, 200) << p.body;
  EXPECT_EQ(BodyJson(p).at("revision").as_int64(), 2);
  ExpectProblem(DoJson("PATCH", E("/scenarios/" + name), bj::object{{"description", "x"}},
                       {{"If-Match", "1"}}),
                412);

  auto run =
      DoJson("POST", E("/runs"), bj::object{{"scenario_name", name}}, {{"X-Cairn-User", "ivan"}});
  ASSERT_EQ(run.status, 201) << run.body;
  const std::string id(BodyJson(run).at("run_id").as_string());
  auto rep = BodyJson(Do("GET", E("/runs/" + id + "/report")));
  EXPECT_EQ(rep.at("verdict").as_string(), "pass");
  EXPECT_EQ(rep.at("n_rows").as_int64(), 2000);
  EXPECT_TRUE(rep.at("metrics").at("roc_auc").is_number());
  EXPECT_EQ(rep.at("confusion_matrix").at("matrix").as_array().size(), 2u);
  EXPECT_FALSE(rep.at("slices").as_object().empty());
  EXPECT_TRUE(rep.at("worst_slice_gap").at("roc_auc").at("gap").is_number());
  EXPECT_EQ(rep.at("compliance").at("scenario_revision").as_int64(), 2);
  EXPECT_EQ(rep.at("compliance").at("run_by").as_string(), "ivan");
  EXPECT_EQ(rep.at("compliance").at("dataset_sha256").as_string().size(), 64u);

  auto list = Do("GET", E("/runs?scenario_name=" + name + "&status=completed"));
  ASSERT_EQ(list.status, 200);
  EXPECT_EQ(BodyJson(list).at("items").as_array().size(), 1u);
}

TEST_P(EvaluationApi, ModelRunIsQueuedExecutedAndTicksTheChecklist) {
  const std::string ds = UploadDataset("xgboost/classifier/eval.csv");
  const std::string model = RegisterClassifier();
  bj::array features;
  for (int j = 0; j < 8; ++j) features.emplace_back("f" + std::to_string(j));
  const std::string name = UniqueName("m");
  auto c = DoJson("POST", E("/scenarios"),
                  bj::object{{"name", name},
                             {"task_type", "binary_classification"},
                             {"dataset_id", ds},
                             {"label_column", "label"},
                             {"model_name", model},
                             {"version", 1},
                             {"feature_columns", features},
                             {"importance_repeats", 2},
                             {"thresholds",
                              bj::object{{"roc_auc", bj::object{{"op", ">="}, {"value", 0.8}}}}}});
  ASSERT_EQ(c.status, 201) << c.body;
  auto run =
      DoJson("POST", E("/runs"), bj::object{{"scenario_name", name}}, {{"X-Cairn-User", "ivan"}});
  ASSERT_EQ(run.status, 202) << run.body;
  const std::string id(BodyJson(run).at("run_id").as_string());
  auto rep = WaitForReport(id);
  ASSERT_TRUE(rep.is_object());
  ASSERT_EQ(rep.at("status").as_string(), "completed") << bj::serialize(rep);
  EXPECT_NEAR(rep.at("metrics").at("roc_auc").as_double(), 0.8819349925465033, 1e-12);
  EXPECT_EQ(rep.at("verdict").as_string(), "pass");
  EXPECT_EQ(rep.at("explainability").at("permutation_importance").as_object().size(), 8u);
  EXPECT_EQ(rep.at("compliance").at("model_sha256").as_string().size(), 64u);
  EXPECT_TRUE(rep.at("compliance").at("evaluation_passed_ticked").as_bool());
  auto version = BodyJson(Do("GET", Url("/models/" + model + "/1")));
  bool ticked = false;
  for (const auto& item : version.at("checklist").as_array()) {
    if (item.at("key").as_string() == "evaluation_passed") {
      ticked = item.at("done").as_bool();
      EXPECT_EQ(item.at("done_by").as_string(), "ivan");
      EXPECT_NE(std::string(item.at("note").as_string()).find(id), std::string::npos);
    }
  }
  EXPECT_TRUE(ticked);
}

TEST_P(EvaluationApi, ValidationErrors) {
  const std::string ds = UploadDataset("evaluation/binary/01_basic/data.csv");
  auto bad_col = BinaryScenario(UniqueName("s"), ds);
  bad_col["score_column"] = "nope";
  ExpectProblem(DoJson("POST", E("/scenarios"), bad_col), 400, "score_column");
  auto string_label = BinaryScenario(UniqueName("s"), ds);
  string_label["label_column"] = "group";
  ExpectProblem(DoJson("POST", E("/scenarios"), string_label), 400, "label_column");
  auto bad_metric = BinaryScenario(UniqueName("s"), ds);
  bad_metric["thresholds"] = bj::object{{"rmse", bj::object{{"op", "<"}, {"value", 1}}}};
  ExpectProblem(DoJson("POST", E("/scenarios"), bad_metric), 400, "thresholds.rmse");
  auto unknown = BinaryScenario(UniqueName("s"), ds);
  unknown["typo"] = 1;
  ExpectProblem(DoJson("POST", E("/scenarios"), unknown), 400, "typo");
  ExpectProblem(Do("POST", E("/scenarios"), "{", {{"Content-Type", "application/json"}}), 400);
  ExpectProblem(Do("POST", E("/scenarios"), "x", {{"Content-Type", "text/plain"}}), 415);
  ExpectProblem(Do("DELETE", E("/scenarios/x")), 405);
  ExpectProblem(Do("GET", E("/scenarios/nope")), 404);
  ExpectProblem(DoJson("POST", E("/runs"), bj::object{{"scenario_name", "nope"}}), 404);
  ExpectProblem(Do("GET", E("/runs/00000000-0000-4000-8000-000000000000/report")), 404);
}

INSTANTIATE_TEST_SUITE_P(Backends, EvaluationApi, ::testing::ValuesIn(AvailableBackends()),
                         BackendParamName);

}  // namespace
}  // namespace cairn::testing
