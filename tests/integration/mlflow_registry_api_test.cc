// MLflow's registry search and edit endpoints over real HTTP against `cairn serve`, on every
// backend under test: registered-models update/set-tag/delete-tag/search and model-versions
// get-download-uri/search, under /api/2.0/mlflow and /ajax-api/2.0/mlflow, success and error
// paths (MLflow's {"error_code", "message"}). The recorded MLflow exchanges are replayed by
// mlflow_contract_test; this test covers the answers those recordings cannot (they see
// promotions that Cairn's checklist refuses) and Cairn's own limits.
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "tests/integration/api_fixture.h"

namespace cairn::testing {
namespace {

constexpr std::string_view kApi = "/api/2.0/mlflow";

class MlflowRegistryApi : public ApiTest {
 protected:
  std::string At(std::string_view path) const { return std::string(kApi) + std::string(path); }

  bj::value Ok(const RawReply& r) {
    EXPECT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.Header("content-type").value_or(""), "application/json");
    return BodyJson(r);
  }

  // Asserts MLflow's error shape; returns the message.
  std::string MlflowError(const RawReply& r, int status, std::string_view code) {
    EXPECT_EQ(r.status, status) << r.body;
    bj::value b = BodyJson(r);
    if (!b.is_object()) return "";
    EXPECT_EQ(bj::value_to<std::string>(b.at("error_code")), code) << r.body;
    return bj::value_to<std::string>(b.at("message"));
  }

  void CreateModel(const std::string& name, bj::array tags = {}) {
    bj::object body{{"name", name}};
    if (!tags.empty()) body["tags"] = std::move(tags);
    Ok(DoJson("POST", At("/registered-models/create"), body));
  }

  void CreateVersion(const std::string& name, const std::string& source,
                     const std::string& run_id = "") {
    bj::object body{{"name", name}, {"source", source}};
    if (!run_id.empty()) body["run_id"] = run_id;
    Ok(DoJson("POST", At("/model-versions/create"), body));
  }

  std::vector<std::string> ModelNames(const bj::value& body) {
    std::vector<std::string> out;
    if (const auto* a = body.as_object().if_contains("registered_models"))
      for (const auto& m : a->as_array()) out.push_back(bj::value_to<std::string>(m.at("name")));
    return out;
  }

  std::vector<std::string> VersionKeys(const bj::value& body) {
    std::vector<std::string> out;
    if (const auto* a = body.as_object().if_contains("model_versions"))
      for (const auto& v : a->as_array())
        out.push_back(bj::value_to<std::string>(v.at("name")) + "/" +
                      bj::value_to<std::string>(v.at("version")));
    return out;
  }
};

using Strings = std::vector<std::string>;

TEST_P(MlflowRegistryApi, UpdateAndTagsEditTheModelAndAreAuditedWithTheCaller) {
  CreateModel("churn", bj::array{bj::object{{"key", "owner"}, {"value", "ml"}}});
  CreateVersion("churn", "s3://bucket/churn/1");
  auto u = Ok(DoJson("PATCH", At("/registered-models/update"),
                     bj::object{{"name", "churn"}, {"description", "predicts churn"}},
                     {{"X-Cairn-User", "rita"}}));
  const auto& m = u.at("registered_model").as_object();
  EXPECT_EQ(m.at("description"), "predicts churn");
  ASSERT_EQ(m.at("latest_versions").as_array().size(), 1u);
  EXPECT_EQ(m.at("latest_versions").at(0).at("version"), "1");
  EXPECT_EQ(m.at("latest_versions").at(0).at("current_stage"), "None");
  EXPECT_EQ(m.at("tags").as_array().size(), 1u);

  Ok(DoJson("POST", At("/registered-models/set-tag"),
            bj::object{{"name", "churn"}, {"key", "domain"}, {"value", "crm"}},
            {{"X-Cairn-User", "rita"}}));
  Ok(DoJson("DELETE", At("/registered-models/delete-tag"),
            bj::object{{"name", "churn"}, {"key", "owner"}}, {{"X-Cairn-User", "rita"}}));
  auto got = Ok(Do("GET", At("/registered-models/get?name=churn")));
  const auto& tags = got.at("registered_model").at("tags").as_array();
  ASSERT_EQ(tags.size(), 1u);
  EXPECT_EQ(tags[0].at("key"), "domain");
  EXPECT_EQ(got.at("registered_model").at("description"), "predicts churn");

  // Each change is one audit record with the caller's identity.
  auto audit = Do("GET", "/api/v1/audit?actor=rita&resource=registered_model/churn");
  ASSERT_EQ(audit.status, 200) << audit.body;
  size_t updates = 0;
  const bj::value records = BodyJson(audit);
  for (const auto& e : records.at("items").as_array())
    if (e.at("action") == "registered_model.update") ++updates;
  EXPECT_EQ(updates, 3u) << audit.body;

  // An absent description clears it, as MLflow's update does.
  auto cleared =
      Ok(DoJson("PATCH", At("/registered-models/update"), bj::object{{"name", "churn"}}));
  EXPECT_FALSE(cleared.at("registered_model").as_object().contains("description"));
}

TEST_P(MlflowRegistryApi, EditErrorsAreMlflowsAndChangeNothing) {
  CreateModel("churn");
  EXPECT_EQ(MlflowError(DoJson("PATCH", At("/registered-models/update"),
                               bj::object{{"name", "nope"}, {"description", "x"}}),
                        404, "RESOURCE_DOES_NOT_EXIST"),
            "Registered Model with name=nope not found");
  EXPECT_EQ(MlflowError(DoJson("PATCH", At("/registered-models/update"), bj::object{}), 400,
                        "INVALID_PARAMETER_VALUE"),
            "Missing value for required parameter 'name'. See the API docs for more information "
            "about request parameters.");
  EXPECT_EQ(MlflowError(DoJson("POST", At("/registered-models/set-tag"),
                               bj::object{{"name", "churn"}, {"key", "a*b"}, {"value", "v"}}),
                        400, "INVALID_PARAMETER_VALUE"),
            "Invalid tag name: 'a*b'. Names may only contain alphanumerics, underscores (_), "
            "dashes (-), periods (.), spaces ( ), and slashes (/).");
  EXPECT_EQ(
      MlflowError(
          DoJson("POST", At("/registered-models/set-tag"),
                 bj::object{{"name", "churn"}, {"key", "k"}, {"value", std::string(5001, 'v')}}),
          400, "INVALID_PARAMETER_VALUE"),
      "Registered model value '" + std::string(250, 'v') +
          "' had length 5001, which exceeded length limit of 5000");
  MlflowError(DoJson("POST", At("/registered-models/set-tag"),
                     bj::object{{"name", "churn"}, {"key", std::string(251, 'k')}, {"value", "v"}}),
              400, "INVALID_PARAMETER_VALUE");
  MlflowError(DoJson("POST", At("/registered-models/set-tag"),
                     bj::object{{"name", "nope"}, {"key", "k"}, {"value", "v"}}),
              404, "RESOURCE_DOES_NOT_EXIST");
  MlflowError(DoJson("DELETE", At("/registered-models/delete-tag"),
                     bj::object{{"name", "nope"}, {"key", "k"}}),
              404, "RESOURCE_DOES_NOT_EXIST");
  MlflowError(DoJson("DELETE", At("/registered-models/delete-tag"), bj::object{{"name", "churn"}}),
              400, "INVALID_PARAMETER_VALUE");
  auto got = Ok(Do("GET", At("/registered-models/get?name=churn")));
  EXPECT_FALSE(got.at("registered_model").as_object().contains("tags")) << got;

  EXPECT_EQ(MlflowError(Do("GET", At("/model-versions/get-download-uri?name=churn&version=9")), 404,
                        "RESOURCE_DOES_NOT_EXIST"),
            "Model Version (name=churn, version=9) not found");
  MlflowError(Do("GET", At("/model-versions/get-download-uri?name=churn")), 400,
              "INVALID_PARAMETER_VALUE");
  CreateVersion("churn", "s3://bucket/churn/1");
  auto uri = Ok(Do("GET", At("/model-versions/get-download-uri?name=churn&version=1")));
  EXPECT_EQ(uri.at("artifact_uri"), "s3://bucket/churn/1");
}

TEST_P(MlflowRegistryApi, SearchRegisteredModelsFiltersOrdersAndPages) {
  CreateModel("churn", bj::array{bj::object{{"key", "owner"}, {"value", "ml"}}});
  CreateModel("fraud");
  CreateModel("churn-eu");
  CreateVersion("churn", "s3://bucket/churn/1");
  for (std::string_view prefix : {"/api/2.0/mlflow", "/ajax-api/2.0/mlflow"}) {
    const std::string search = std::string(prefix) + "/registered-models/search";
    auto all = Ok(Do("GET", search));
    EXPECT_EQ(ModelNames(all), (Strings{"churn", "churn-eu", "fraud"}));
    EXPECT_FALSE(all.as_object().contains("next_page_token"));
    const auto& churn = all.at("registered_models").at(0).as_object();
    ASSERT_TRUE(churn.contains("latest_versions")) << all;
    EXPECT_EQ(churn.at("latest_versions").at(0).at("source"), "s3://bucket/churn/1");
    EXPECT_FALSE(all.at("registered_models").at(2).as_object().contains("latest_versions"));
    EXPECT_EQ(ModelNames(Ok(Do("GET", search + "?filter=name%20LIKE%20%27churn%25%27"))),
              (Strings{"churn", "churn-eu"}));
    EXPECT_EQ(ModelNames(Ok(Do("GET", search + "?filter=name%20!%3D%20%27fraud%27"))),
              (Strings{"churn", "churn-eu"}));
    EXPECT_EQ(ModelNames(Ok(Do("GET", search + "?filter=tags.owner%20%3D%20%27ml%27"))),
              (Strings{"churn"}));
    EXPECT_EQ(ModelNames(Ok(Do("GET", search + "?filter=name%20ILIKE%20%27FR%25%27"))),
              (Strings{"fraud"}));
    EXPECT_EQ(ModelNames(Ok(Do("GET", search + "?order_by=name%20DESC"))),
              (Strings{"fraud", "churn-eu", "churn"}));
    // churn's version is its latest update.
    const Strings by_update =
        ModelNames(Ok(Do("GET", search + "?order_by=last_updated_timestamp%20DESC")));
    ASSERT_EQ(by_update.size(), 3u);
    EXPECT_EQ(by_update[0], "churn");
    // Pages: MLflow's offset tokens, a token only while more follow.
    auto p1 = Ok(Do("GET", search + "?max_results=2"));
    EXPECT_EQ(ModelNames(p1), (Strings{"churn", "churn-eu"}));
    ASSERT_TRUE(p1.as_object().contains("next_page_token"));
    const std::string token = bj::value_to<std::string>(p1.at("next_page_token"));
    std::string encoded;
    for (char c : token) encoded += c == '=' ? "%3D" : c == '+' ? "%2B" : std::string(1, c);
    auto p2 = Ok(Do("GET", search + "?max_results=2&page_token=" + encoded));
    EXPECT_EQ(ModelNames(p2), (Strings{"fraud"}));
    EXPECT_FALSE(p2.as_object().contains("next_page_token"));
  }
  const std::string search = At("/registered-models/search");
  EXPECT_EQ(MlflowError(Do("GET", search + "?filter=run_id%20%3D%20%27x%27"), 400,
                        "INVALID_PARAMETER_VALUE"),
            "Invalid attribute key 'run_id' specified. Valid keys are '{'name'}'");
  // MLflow orders registered models by name and last update only.
  EXPECT_EQ(MlflowError(Do("GET", search + "?order_by=creation_timestamp"), 400,
                        "INVALID_PARAMETER_VALUE"),
            "Invalid order by key 'creation_timestamp' specified. Valid keys are "
            "'{'name', 'timestamp'}'");
  MlflowError(Do("GET", search + "?order_by=name&order_by=name%20DESC"), 400,
              "INVALID_PARAMETER_VALUE");
  MlflowError(Do("GET", search + "?max_results=1001"), 400, "INVALID_PARAMETER_VALUE");
  MlflowError(Do("GET", search + "?max_results=0"), 400, "INVALID_PARAMETER_VALUE");
  MlflowError(Do("GET", search + "?max_results=ten"), 400, "INVALID_PARAMETER_VALUE");
  MlflowError(Do("GET", search + "?page_token=notatoken"), 400, "INVALID_PARAMETER_VALUE");
  // Bound parameters: quotes inside a value are data.
  auto none = Ok(Do("GET", search + "?filter=name%20%3D%20%22x%27%20OR%20%271%27%3D%271%22"));
  EXPECT_TRUE(ModelNames(none).empty());
}

TEST_P(MlflowRegistryApi, SearchModelVersionsFiltersOrdersAndPages) {
  const std::string exp = UniqueName("exp");
  CreateExperiment(exp);
  auto run = CreateRun(exp);
  std::string run_id = bj::value_to<std::string>(run.at("run_id"));
  std::string undashed;
  for (char c : run_id)
    if (c != '-') undashed += c;
  CreateModel("churn");
  CreateModel("fraud");
  CreateVersion("churn", "s3://bucket/churn/1", undashed);
  CreateVersion("churn", "s3://bucket/churn/2");
  Ok(DoJson(
      "POST", At("/model-versions/set-tag"),
      bj::object{{"name", "churn"}, {"version", "2"}, {"key", "validated"}, {"value", "yes"}}));
  std::this_thread::sleep_for(std::chrono::milliseconds(5));  // a later last update
  CreateVersion("fraud", "gs://other/fraud/1", undashed);
  for (std::string_view prefix : {"/api/2.0/mlflow", "/ajax-api/2.0/mlflow"}) {
    const std::string search = std::string(prefix) + "/model-versions/search";
    // Default order: last updated first.
    EXPECT_EQ(VersionKeys(Ok(Do("GET", search))), (Strings{"fraud/1", "churn/2", "churn/1"}));
    EXPECT_EQ(VersionKeys(Ok(Do("GET", search + "?filter=name%3D%27churn%27"))),
              (Strings{"churn/2", "churn/1"}));
    EXPECT_EQ(VersionKeys(Ok(Do("GET", search + "?filter=run_id%20IN%20(%27" + undashed +
                                           "%27,%27" + std::string(32, 'a') + "%27)"))),
              (Strings{"fraud/1", "churn/1"}));
    EXPECT_EQ(VersionKeys(Ok(Do("GET", search + "?filter=run_id%3D%27" + undashed +
                                           "%27%20AND%20name%3D%27fraud%27"))),
              (Strings{"fraud/1"}));
    EXPECT_EQ(VersionKeys(Ok(Do("GET", search + "?filter=source_path%20LIKE%20%27s3%3A%25%27"))),
              (Strings{"churn/2", "churn/1"}));
    EXPECT_EQ(VersionKeys(Ok(Do("GET", search + "?filter=version_number%20%3E%201"))),
              (Strings{"churn/2"}));
    EXPECT_EQ(VersionKeys(Ok(Do("GET", search + "?filter=tags.validated%20%3D%20%27yes%27"))),
              (Strings{"churn/2"}));
    auto p1 = Ok(Do("GET", search + "?order_by=version_number%20ASC&order_by=name&max_results=2"));
    EXPECT_EQ(VersionKeys(p1), (Strings{"churn/1", "fraud/1"}));
    ASSERT_TRUE(p1.as_object().contains("next_page_token"));
    std::string encoded;
    for (char c : bj::value_to<std::string>(p1.at("next_page_token")))
      encoded += c == '=' ? "%3D" : c == '+' ? "%2B" : std::string(1, c);
    auto p2 = Ok(Do("GET", search + "?order_by=version_number%20ASC&order_by=name&max_results=2" +
                               "&page_token=" + encoded));
    EXPECT_EQ(VersionKeys(p2), (Strings{"churn/2"}));
    EXPECT_FALSE(p2.as_object().contains("next_page_token"));
    // The version JSON is MLflow's (run_id undashed).
    auto one = Ok(Do("GET", search + "?filter=name%3D%27fraud%27"));
    EXPECT_EQ(bj::value_to<std::string>(one.at("model_versions").at(0).at("run_id")), undashed);
    EXPECT_EQ(one.at("model_versions").at(0).at("current_stage"), "None");
  }
  const std::string search = At("/model-versions/search");
  EXPECT_EQ(MlflowError(Do("GET", search + "?filter=stage%3D%27Production%27"), 400,
                        "INVALID_PARAMETER_VALUE")
                .rfind("Invalid attribute key 'stage' specified.", 0),
            0u);
  MlflowError(Do("GET", search + "?filter=name%20IN%20(%27a%27)"), 400, "INVALID_PARAMETER_VALUE");
  MlflowError(Do("GET", search + "?order_by=stage"), 400, "INVALID_PARAMETER_VALUE");
  MlflowError(Do("GET", search + "?max_results=200001"), 400, "INVALID_PARAMETER_VALUE");
  MlflowError(Do("GET", search + "?max_results=-1"), 400, "INVALID_PARAMETER_VALUE");
  auto empty = Ok(Do("GET", search + "?filter=name%3D%27nope%27"));
  EXPECT_TRUE(empty.as_object().empty()) << empty;
}

INSTANTIATE_TEST_SUITE_P(Backends, MlflowRegistryApi, ::testing::ValuesIn(AvailableBackends()),
                         BackendParamName);

}  // namespace
}  // namespace cairn::testing
