// Referential checks over real HTTP against `cairn serve`, on every backend: a dataset used by a
// queued or running evaluation run cannot be deleted (409 naming the run) while finished runs do
// not hold it and their reports stay readable.
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

INSTANTIATE_TEST_SUITE_P(Backends, ReferentialApi, ::testing::ValuesIn(AvailableBackends()),
                         BackendParamName);
INSTANTIATE_TEST_SUITE_P(Backends, QueueOnlyApi, ::testing::ValuesIn(AvailableBackends()),
                         BackendParamName);

}  // namespace
}  // namespace cairn::testing
