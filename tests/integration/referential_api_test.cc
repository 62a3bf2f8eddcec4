// Referential checks over real HTTP against `cairn serve`, on every backend: a dataset used by a
// queued or running evaluation run cannot be deleted (409 naming the run) while finished runs do
// not hold it and their reports stay readable; drift events and computations must name a model,
// version and deployment that exist (404); U+0000 in request text is refused (400).
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
  EXPECT_NE(r.body.find("model version '" + model + "' 2 not found"), std::string::npos) << r.body;
  r = event({{"model_version", 1}, {"deployment_id", unknown_deployment}});
  ExpectProblem(r, 404);
  EXPECT_NE(r.body.find("deployment '" + unknown_deployment + "' not found"), std::string::npos)
      << r.body;
  EXPECT_EQ(count(), 0u);  // nothing was recorded

  auto dep =
      DoJson("POST", Url("/deployments"),
             bj::object{{"model_name", model}, {"model_version", 1}, {"environment", "staging"}});
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
  EXPECT_EQ(compute({}).status, 200);                         // no model named: nothing to check
  EXPECT_EQ(count(), 3u);
}

// U+0000 in any string of a JSON body, in a CSV header or in a query parameter: 400 naming the
// field, and nothing is created.
TEST_P(ReferentialApi, NulBytesAreRefusedNamingTheField) {
  const std::string nul("a\0b", 3);
  const std::string name = UniqueName("exp");
  auto r = DoJson("POST", Url("/experiments"), bj::object{{"name", name}, {"description", nul}});
  ExpectProblem(r, 400, "description");
  EXPECT_NE(r.body.find("must not contain NUL (U+0000)"), std::string::npos) << r.body;
  EXPECT_EQ(Do("GET", Url("/experiments/" + name)).status, 404);
  // Keys and nested values are named by their path.
  ExpectProblem(DoJson("POST", Url("/experiments"),
                       bj::object{{"name", name}, {"tags", bj::object{{"team", nul}}}}),
                400, "tags.team");
  ExpectProblem(DoJson("POST", Url("/experiments"),
                       bj::object{{"name", name}, {"tags", bj::object{{nul, "v"}}}}),
                400, "tags.a");
  EXPECT_EQ(Do("GET", Url("/experiments/" + name)).status, 404);
  // A name with a NUL (refused by the JSON reader before the name rule sees it).
  ExpectProblem(DoJson("POST", Url("/experiments"), bj::object{{"name", nul}}), 400, "name");
  // Arrays: the element's index.
  const std::string ds = Upload(BinaryCsv(4));
  ExpectProblem(DoJson("POST", E("/scenarios"),
                       bj::object{{"name", UniqueName("scn")},
                                  {"task_type", "regression"},
                                  {"dataset_id", ds},
                                  {"label_column", "label"},
                                  {"prediction_column", "score"},
                                  {"metrics", bj::array{"rmse", nul}}}),
                400, "metrics[1]");
  // Prompt template bodies are free text too.
  const std::string prompt = UniqueName("tpl");
  ExpectProblem(DoJson("POST", "/api/v1/prompt-governance/templates",
                       bj::object{{"name", prompt}, {"body", "Hello " + nul}}),
                400, "body");
  // A run's metric batch (a parser of its own).
  CreateExperiment(name);
  const std::string run_id(CreateRun(name).at("run_id").as_string());
  ExpectProblem(LogMetrics(run_id, bj::array{bj::object{{"key", nul}, {"value", 1.0}}}), 400);

  // CSV: a NUL in a header names the column. (A %00 in a query parameter, e.g. the dataset's
  // description, is refused by the query parser.)
  const std::string bad_header("x,y\0z\n1,2\n", 10);
  auto csv = Do("POST", std::string(kDatasets) + "?name=" + UniqueName("ds"), bad_header,
                {{"Content-Type", "text/csv"}});
  ExpectProblem(csv, 400);
  EXPECT_NE(csv.body.find("line 1, column 2: column name must not contain NUL"), std::string::npos)
      << csv.body;
  auto described =
      Do("POST", std::string(kDatasets) + "?name=" + UniqueName("ds") + "&description=a%00b",
         BinaryCsv(4), {{"Content-Type", "text/csv"}});
  ExpectProblem(described, 400);
  auto list = Do("GET", std::string(kDatasets) + "?limit=1000");
  ASSERT_EQ(list.status, 200);
  EXPECT_EQ(BodyJson(list).at("items").as_array().size(), 1u);  // only the scenario's dataset

  // Tab, newline and carriage return stay fine in free text.
  EXPECT_EQ(DoJson("POST", Url("/experiments"),
                   bj::object{{"name", UniqueName("exp")}, {"description", "a\tb\r\nc"}})
                .status,
            201);
}

INSTANTIATE_TEST_SUITE_P(Backends, ReferentialApi, ::testing::ValuesIn(AvailableBackends()),
                         BackendParamName);
INSTANTIATE_TEST_SUITE_P(Backends, QueueOnlyApi, ::testing::ValuesIn(AvailableBackends()),
                         BackendParamName);

}  // namespace
}  // namespace cairn::testing
