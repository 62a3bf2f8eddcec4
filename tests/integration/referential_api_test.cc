// Referential checks over real HTTP against `cairn serve`, on every backend: a dataset used by a
// queued or running evaluation run cannot be deleted (409 naming the run) while finished runs do
// not hold it and their reports stay readable; drift events and computations must name a model,
// version and deployment that exist (404).
#include <string>

#include "tests/integration/api_fixture.h"

namespace cairn::testing {
namespace {

constexpr std::string_view kEval = "/api/v1/ml/evaluation";
constexpr std::string_view kDatasets = "/api/v1/features/datasets";

std::string E(std::string_view suffix) { return std::string(kEval) + std::string(suffix); }
std::string D(std::string_view id) { return std::string(kDatasets) + "/" + std::string(id); }

class ReferentialApi : public ApiTest {
 protected:
  std::string Upload(const std::string& csv) {
    auto r = Do("POST", std::string(kDatasets) + "?name=" + UniqueName("ds"), csv,
                {{"Content-Type", "text/csv"}});
    EXPECT_EQ(r.status, 201) << r.body.substr(0, 500);
    auto v = BodyJson(r);
    return v.is_object() && v.as_object().contains("id") ? std::string(v.at("id").as_string()) : "";
  }
  // `rows` rows of a binary label and score.
  static std::string BinaryCsv(int rows) {
    std::string csv = "label,score\n";
    for (int i = 0; i < rows; ++i) csv += i % 2 ? "1,0.75\n" : "0,0.25\n";
    return csv;
  }
  static bj::object Scenario(const std::string& name, const std::string& dataset) {
    return bj::object{{"name", name},
                      {"task_type", "binary_classification"},
                      {"dataset_id", dataset},
                      {"label_column", "label"},
                      {"score_column", "score"}};
  }
};

// A server that queues runs but never executes them: a queued run stays queued.
class QueueOnlyApi : public ReferentialApi {
 protected:
  std::vector<std::string> ExtraArgs() const override { return {"--evaluation-workers", "0"}; }
};

TEST_P(QueueOnlyApi, DatasetOfAQueuedRunCannotBeDeleted) {
  // 50 000 rows: over the inline limit, so the run is queued.
  const std::string csv = BinaryCsv(50000);
  const std::string first = Upload(csv);
  const std::string second = Upload(csv);
  ASSERT_FALSE(first.empty());
  ASSERT_FALSE(second.empty());
  const std::string name = UniqueName("scn");
  ASSERT_EQ(DoJson("POST", E("/scenarios"), Scenario(name, first)).status, 201);
  auto run = DoJson("POST", E("/runs"), bj::object{{"scenario_name", name}});
  ASSERT_EQ(run.status, 202) << run.body;
  const std::string run_id(BodyJson(run).at("run_id").as_string());
  EXPECT_EQ(BodyJson(run).at("status").as_string(), "queued");

  auto refused = Do("DELETE", D(first));
  ExpectProblem(refused, 409);
  EXPECT_NE(refused.body.find("scenario '" + name + "'"), std::string::npos) << refused.body;
  EXPECT_NE(refused.body.find("evaluation run '" + run_id + "' (queued)"), std::string::npos)
      << refused.body;

  // The scenario is pointed at another dataset: the queued run still holds the first one.
  ASSERT_EQ(DoJson("PATCH", E("/scenarios/" + name), bj::object{{"dataset_id", second}}).status,
            200);
  const auto before = Do("GET", D(first));
  ASSERT_EQ(before.status, 200);
  refused = Do("DELETE", D(first));
  ExpectProblem(refused, 409);
  EXPECT_NE(refused.body.find(run_id), std::string::npos) << refused.body;
  EXPECT_EQ(refused.body.find("scenario"), std::string::npos) << refused.body;
  for (const char* internal : {"eval_runs", "SELECT", "datasets WHERE"}) {
    EXPECT_EQ(refused.body.find(internal), std::string::npos) << refused.body;
  }
  // Nothing changed: the dataset, its revision and the run are as they were.
  const auto after = Do("GET", D(first));
  ASSERT_EQ(after.status, 200);
  EXPECT_EQ(BodyJson(after).at("revision"), BodyJson(before).at("revision"));
  auto report = Do("GET", E("/runs/" + run_id + "/report"));
  ASSERT_EQ(report.status, 200) << report.body;
  EXPECT_EQ(BodyJson(report).at("status").as_string(), "queued");

  // The second dataset is held by the scenario now.
  refused = Do("DELETE", D(second));
  ExpectProblem(refused, 409);
  EXPECT_NE(refused.body.find("scenario '" + name + "'"), std::string::npos) << refused.body;
}

TEST_P(ReferentialApi, FinishedRunsDoNotHoldTheirDatasetAndTheirReportsStay) {
  const std::string first = Upload(BinaryCsv(40));
  const std::string second = Upload(BinaryCsv(40));
  const std::string name = UniqueName("scn");
  ASSERT_EQ(DoJson("POST", E("/scenarios"), Scenario(name, first)).status, 201);
  auto run = DoJson("POST", E("/runs"), bj::object{{"scenario_name", name}});
  ASSERT_EQ(run.status, 201) << run.body;
  const std::string run_id(BodyJson(run).at("run_id").as_string());
  auto report = Do("GET", E("/runs/" + run_id + "/report"));
  ASSERT_EQ(report.status, 200);
  EXPECT_EQ(BodyJson(report).at("status").as_string(), "completed");
  EXPECT_EQ(BodyJson(report).at("compliance").at("dataset_id").as_string(), first);

  ExpectProblem(Do("DELETE", D(first)), 409);  // the scenario still evaluates it
  ASSERT_EQ(DoJson("PATCH", E("/scenarios/" + name), bj::object{{"dataset_id", second}}).status,
            200);
  EXPECT_EQ(Do("DELETE", D(first)).status, 204);
  EXPECT_EQ(Do("GET", D(first)).status, 404);
  auto kept = Do("GET", E("/runs/" + run_id + "/report"));
  ASSERT_EQ(kept.status, 200);
  EXPECT_EQ(kept.body, report.body);
  // Unknown dataset: 404, as before.
  ExpectProblem(Do("DELETE", D(first)), 404);
}

// Drift events and computations name a model, a version and a deployment that must exist.
TEST_P(ReferentialApi, DriftReferencesMustExist) {
  const std::string model = UniqueName("model");
  auto event = [&](bj::object extra) {
    bj::object body{{"model_name", model}, {"feature", "x"}, {"method", "psi"}, {"score", 0.3}};
    for (auto& kv : extra) body[kv.key()] = kv.value();
    return DoJson("POST", Url("/drift-events"), body);
  };
  auto count = [&] {
    auto r = Do("GET", Url("/drift-events?model_name=" + model));
    EXPECT_EQ(r.status, 200) << r.body;
    return BodyJson(r).at("items").as_array().size();
  };
  const std::string unknown_deployment = "2f1d3c4b-5a69-4788-9a0b-1c2d3e4f5a6b";
  auto r = event({});
  ExpectProblem(r, 404);
  EXPECT_NE(r.body.find("model '" + model + "' not found"), std::string::npos) << r.body;

  ASSERT_EQ(DoJson("POST", Url("/models"), bj::object{{"model_name", model}}).status, 201);
  r = event({{"model_version", 2}});
  ExpectProblem(r, 404);
  EXPECT_NE(r.body.find("model version '" + model + "' 2 not found"), std::string::npos)
      << r.body;
  r = event({{"model_version", 1}, {"deployment_id", unknown_deployment}});
  ExpectProblem(r, 404);
  EXPECT_NE(r.body.find("deployment '" + unknown_deployment + "' not found"), std::string::npos)
      << r.body;
  EXPECT_EQ(count(), 0u);  // nothing was recorded

  auto dep = DoJson("POST", Url("/deployments"),
                    bj::object{{"model_name", model}, {"model_version", 1},
                               {"environment", "staging"}});
  ASSERT_EQ(dep.status, 201) << dep.body;
  const std::string deployment(BodyJson(dep).at("id").as_string());
  EXPECT_EQ(event({}).status, 201);
  EXPECT_EQ(event({{"model_version", 1}}).status, 201);
  EXPECT_EQ(event({{"model_version", 1}, {"deployment_id", deployment}}).status, 201);
  EXPECT_EQ(count(), 3u);

  // drift/compute: refused before any work, whether or not a column drifts.
  bj::array same;
  for (int i = 0; i < 50; ++i) same.emplace_back(i);
  auto compute = [&](bj::object extra) {
    bj::object body{{"reference", bj::object{{"x", same}}}, {"current", bj::object{{"x", same}}}};
    for (auto& kv : extra) body[kv.key()] = kv.value();
    return DoJson("POST", Url("/drift/compute"), body);
  };
  ExpectProblem(compute({{"model_name", UniqueName("nomodel")}}), 404);
  ExpectProblem(compute({{"model_name", model}, {"model_version", 7}}), 404);
  ExpectProblem(compute({{"model_name", model}, {"deployment_id", unknown_deployment}}), 404);
  auto ok = compute({{"model_name", model}, {"model_version", 1}, {"deployment_id", deployment}});
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_TRUE(BodyJson(ok).at("events").as_array().empty());  // nothing drifted
  EXPECT_EQ(compute({}).status, 200);  // no model named: nothing to check
  EXPECT_EQ(count(), 3u);
}

INSTANTIATE_TEST_SUITE_P(Backends, ReferentialApi, ::testing::ValuesIn(AvailableBackends()),
                         BackendParamName);
INSTANTIATE_TEST_SUITE_P(Backends, QueueOnlyApi, ::testing::ValuesIn(AvailableBackends()),
                         BackendParamName);

}  // namespace
}  // namespace cairn::testing
