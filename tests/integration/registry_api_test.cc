// SPEC §2 model registry, deployments and drift over real HTTP against `cairn serve`: success
// paths and error paths (problem+json), on every backend under test.
#include <cmath>
#include <limits>
#include <string>

#include "tests/integration/api_fixture.h"

namespace cairn::testing {
namespace {

std::string Str(const bj::value& v, std::string_view key) {
  const auto* f = v.is_object() ? v.as_object().if_contains(key) : nullptr;
  return f && f->is_string() ? std::string(f->as_string()) : "";
}

using RegistryApi = ApiTest;

TEST_P(RegistryApi, RegisterFromRunCompareAndPromote) {
  const std::string exp = UniqueName("exp");
  CreateExperiment(exp);
  auto run = CreateRun(exp, bj::object{{"params", bj::object{{"depth", "6"}}}});
  const std::string run_id(run.at("run_id").as_string());
  ASSERT_EQ(LogMetrics(run_id, bj::array{bj::object{{"key", "auc"}, {"value", 0.81}}}).status, 200);
  const std::string model = UniqueName("model");
  auto v1 = DoJson("POST", Url("/models"), bj::object{{"model_name", model}, {"run_id", run_id}},
                   {{"X-Cairn-User", "rita"}});
  ASSERT_EQ(v1.status, 201) << v1.body;
  auto b1 = BodyJson(v1);
  EXPECT_EQ(b1.at("version").as_int64(), 1);
  EXPECT_DOUBLE_EQ(b1.at("metrics").at("auc").as_double(), 0.81);
  EXPECT_EQ(Str(b1.at("params"), "depth"), "6");
  EXPECT_EQ(Str(b1, "created_by"), "rita");
  auto v2 = DoJson("POST", Url("/models"),
                   bj::object{{"model_name", model},
                              {"metrics", bj::object{{"auc", 0.9}, {"val_loss", 0.2}}},
                              {"params", bj::object{{"depth", "8"}}}});
  ASSERT_EQ(v2.status, 201);
  EXPECT_EQ(BodyJson(v2).at("version").as_int64(), 2);

  auto cmp = DoJson("POST", Url("/models/" + model + "/compare"),
                    bj::object{{"versions", bj::array{1, 2}}});
  ASSERT_EQ(cmp.status, 200) << cmp.body;
  auto c = BodyJson(cmp);
  EXPECT_EQ(c.at("metrics").at("auc").at("best_version").as_int64(), 2);
  EXPECT_EQ(Str(c.at("params_diff").at("depth"), "2"), "8");

  auto refused =
      DoJson("PATCH", Url("/models/" + model + "/2"), bj::object{{"stage", "production"}});
  ExpectProblem(refused, 409);
  bj::array ticks;
  for (const char* k : {"evaluation_passed", "data_validated", "bias_reviewed", "owner_signoff"})
    ticks.push_back(bj::object{{"key", k}, {"done", true}});
  for (int v : {1, 2}) {
    auto p = DoJson("PATCH", Url("/models/" + model + "/" + std::to_string(v)),
                    bj::object{{"stage", "production"}, {"checklist", ticks}},
                    {{"X-Cairn-User", "pat"}});  // not the registrar (four-eyes)
    ASSERT_EQ(p.status, 200) << p.body;
  }
  auto first = Do("GET", Url("/models/" + model + "/1"));
  EXPECT_EQ(Str(BodyJson(first), "stage"), "archived");
  auto m = Do("GET", Url("/models/" + model));
  ASSERT_EQ(m.status, 200);
  EXPECT_EQ(BodyJson(m).at("production_version").as_int64(), 2);
  auto stale = DoJson("PATCH", Url("/models/" + model + "/2"), bj::object{{"description", "x"}},
                      {{"If-Match", "1"}});
  ExpectProblem(stale, 412);
  auto list = Do("GET", Url("/models?model_name=" + model + "&stage=production"));
  ASSERT_EQ(list.status, 200);
  EXPECT_EQ(BodyJson(list).at("items").as_array().size(), 1u);
  auto audit = Do("GET", "/api/v1/audit?resource=model_version/" + model + "/1");
  ASSERT_EQ(audit.status, 200);
  EXPECT_GE(BodyJson(audit).at("items").as_array().size(), 3u);
}

TEST_P(RegistryApi, ErrorsAreProblems) {
  ExpectProblem(Do("POST", Url("/models"), "{", {{"Content-Type", "application/json"}}), 400);
  ExpectProblem(DoJson("POST", Url("/models"), bj::object{{"model_name", "m"}, {"oops", 1}}), 400,
                "oops");
  ExpectProblem(
      DoJson("POST", Url("/models"),
             bj::object{{"model_name", "m"}, {"run_id", "00000000-0000-4000-8000-000000000000"}}),
      404);
  ExpectProblem(Do("GET", Url("/models/" + UniqueName("none") + "/1")), 404);
  ExpectProblem(Do("POST", Url("/models"), "x", {{"Content-Type", "text/plain"}}), 415);
  ExpectProblem(Do("DELETE", Url("/models")), 405);
}

TEST_P(RegistryApi, ArtifactUploadIsStreamedHashedAndWriteOnce) {
  const std::string model = UniqueName("model");
  ASSERT_EQ(DoJson("POST", Url("/models"), bj::object{{"model_name", model}}).status, 201);
  const std::string bytes = R"({"learner":{"gradient_booster":{}},"version":[2,0,3]})";
  auto put = Do("PUT", Url("/models/" + model + "/1/artifact"), bytes,
                {{"Content-Type", "application/octet-stream"}});
  ASSERT_EQ(put.status, 201) << put.body;
  auto a = BodyJson(put).at("artifact");
  EXPECT_EQ(Str(a, "format"), "xgboost-json");
  EXPECT_EQ(a.at("size_bytes").as_int64(), static_cast<int64_t>(bytes.size()));
  EXPECT_EQ(Str(a, "sha256").size(), 64u);
  auto get = Do("GET", Url("/models/" + model + "/1/artifact"));
  ASSERT_EQ(get.status, 200);
  EXPECT_EQ(get.body, bytes);
  ExpectProblem(Do("PUT", Url("/models/" + model + "/1/artifact"), bytes), 409);
  ExpectProblem(Do("PUT", Url("/models/" + model + "/1/artifact?format=bad"), bytes), 400);
}

TEST_P(RegistryApi, DeploymentLifecycle) {
  const std::string model = UniqueName("model");
  ASSERT_EQ(DoJson("POST", Url("/models"), bj::object{{"model_name", model}}).status, 201);
  ExpectProblem(
      DoJson(
          "POST", Url("/deployments"),
          bj::object{{"model_name", model}, {"model_version", 1}, {"environment", "production"}}),
      409);
  ExpectProblem(
      DoJson("POST", Url("/deployments"),
             bj::object{{"model_name", model}, {"model_version", 2}, {"environment", "staging"}}),
      404);
  ExpectProblem(DoJson("POST", Url("/deployments"),
                       bj::object{{"model_name", model},
                                  {"model_version", 1},
                                  {"environment", "staging"},
                                  {"config", bj::object{{"replicas", 0}}}}),
                400, "config.replicas");
  auto c =
      DoJson("POST", Url("/deployments"),
             bj::object{{"model_name", model}, {"model_version", 1}, {"environment", "staging"}});
  ASSERT_EQ(c.status, 201) << c.body;
  const std::string id = Str(BodyJson(c), "id");
  ExpectProblem(DoJson("PATCH", Url("/deployments/" + id), bj::object{{"status", "active"}}), 409);
  for (const char* s : {"validating", "deploying", "active"}) {
    auto p = DoJson("PATCH", Url("/deployments/" + id), bj::object{{"status", s}});
    ASSERT_EQ(p.status, 200) << p.body;
  }
  auto list =
      Do("GET", Url("/deployments?model_name=" + model + "&status=active&environment=staging"));
  ASSERT_EQ(list.status, 200);
  EXPECT_EQ(BodyJson(list).at("items").as_array().size(), 1u);
  auto del = Do("DELETE", Url("/deployments/" + id));
  ASSERT_EQ(del.status, 200);
  EXPECT_EQ(Str(BodyJson(del), "status"), "terminated");
  ExpectProblem(DoJson("PATCH", Url("/deployments/" + id), bj::object{{"status", "active"}}), 409);
  EXPECT_EQ(Do("GET", Url("/deployments/" + id)).status, 200);
}

TEST_P(RegistryApi, AliasesOverHttp) {
  const std::string model = UniqueName("model");
  for (int i = 0; i < 2; ++i)
    ASSERT_EQ(DoJson("POST", Url("/models"), bj::object{{"model_name", model}}).status, 201);
  const std::string alias = Url("/models/" + model + "/aliases/champion");
  auto put = DoJson("PUT", alias, bj::object{{"version", 1}}, {{"X-Cairn-User", "rita"}});
  ASSERT_EQ(put.status, 200) << put.body;
  EXPECT_EQ(BodyJson(put).at("aliases"), bj::parse(R"(["champion"])"));
  ASSERT_EQ(DoJson("PUT", alias, bj::object{{"version", 2}}).status, 200);
  auto got = Do("GET", alias);
  ASSERT_EQ(got.status, 200) << got.body;
  EXPECT_EQ(BodyJson(got).at("version").as_int64(), 2);
  EXPECT_EQ(BodyJson(Do("GET", Url("/models/" + model))).at("aliases"),
            bj::parse(R"({"champion":2})"));
  auto audit = Do("GET", "/api/v1/audit?resource=registered_model/" + model);
  ASSERT_EQ(audit.status, 200) << audit.body;
  EXPECT_NE(audit.body.find("registered_model.set_alias"), std::string::npos);
  EXPECT_NE(audit.body.find("rita"), std::string::npos);
  ExpectProblem(
      DoJson("PUT", Url("/models/" + model + "/aliases/latest"), bj::object{{"version", 1}}), 400);
  ExpectProblem(DoJson("PUT", alias, bj::object{{"version", 7}}), 404);
  ExpectProblem(DoJson("PUT", alias, bj::object{}), 400, "version");
  EXPECT_EQ(Do("DELETE", alias).status, 204);
  ExpectProblem(Do("GET", alias), 404);
  ExpectProblem(Do("DELETE", Url("/models/" + UniqueName("nope") + "/aliases/champion")), 404);
}

TEST_P(RegistryApi, MlflowAliasesAppearWhereMlflowPutsThem) {
  const std::string model = UniqueName("model");
  const std::string api = "/api/2.0/mlflow";
  ASSERT_EQ(DoJson("POST", api + "/registered-models/create", bj::object{{"name", model}}).status,
            200);
  ASSERT_EQ(DoJson("POST", api + "/model-versions/create",
                   bj::object{{"name", model}, {"source", "s3://bucket/m"}})
                .status,
            200);
  for (const char* alias : {"champion", "blue"}) {
    auto set = DoJson("POST", api + "/registered-models/alias",
                      bj::object{{"name", model}, {"alias", alias}, {"version", "1"}});
    ASSERT_EQ(set.status, 200) << set.body;
    EXPECT_EQ(set.body, "{}");
  }
  auto mv = Do("GET", api + "/model-versions/get?name=" + model + "&version=1");
  ASSERT_EQ(mv.status, 200) << mv.body;
  EXPECT_EQ(BodyJson(mv).at("model_version").at("aliases"), bj::parse(R"(["blue","champion"])"));
  auto rm = Do("GET", api + "/registered-models/get?name=" + model);
  EXPECT_EQ(BodyJson(rm).at("registered_model").at("aliases"),
            bj::parse(R"([{"alias":"blue","version":"1"},{"alias":"champion","version":"1"}])"));
  auto by_alias = Do("GET", api + "/registered-models/alias?name=" + model + "&alias=blue");
  ASSERT_EQ(by_alias.status, 200) << by_alias.body;
  EXPECT_EQ(Str(BodyJson(by_alias).at("model_version"), "version"), "1");
  // MLflow's get-latest-versions answers the versions without their aliases.
  auto latest =
      DoJson("POST", api + "/registered-models/get-latest-versions", bj::object{{"name", model}});
  ASSERT_EQ(latest.status, 200) << latest.body;
  EXPECT_FALSE(BodyJson(latest).at("model_versions").at(0).as_object().contains("aliases"));
  auto reserved = DoJson("POST", api + "/registered-models/alias",
                         bj::object{{"name", model}, {"alias", "V7"}, {"version", "1"}});
  EXPECT_EQ(reserved.status, 400);
  EXPECT_EQ(Str(BodyJson(reserved), "error_code"), "INVALID_PARAMETER_VALUE");
  auto unknown = Do("GET", api + "/registered-models/alias?name=" + model + "&alias=nope");
  EXPECT_EQ(unknown.status, 400);
  EXPECT_EQ(Str(BodyJson(unknown), "message"), "Registered model alias nope not found.");
}

TEST_P(RegistryApi, MlflowDeleteAndRenameAreRefusedWhileDeployed) {
  const std::string model = UniqueName("model");
  ASSERT_EQ(DoJson("POST", Url("/models"), bj::object{{"model_name", model}}).status, 201);
  auto c =
      DoJson("POST", Url("/deployments"),
             bj::object{{"model_name", model}, {"model_version", 1}, {"environment", "staging"}});
  ASSERT_EQ(c.status, 201) << c.body;
  const std::string id = Str(BodyJson(c), "id");
  const std::string api = "/api/2.0/mlflow";
  auto del = DoJson("DELETE", api + "/model-versions/delete",
                    bj::object{{"name", model}, {"version", "1"}});
  EXPECT_EQ(del.status, 409) << del.body;
  EXPECT_EQ(Str(BodyJson(del), "error_code"), "RESOURCE_CONFLICT");
  EXPECT_NE(Str(BodyJson(del), "message").find(id), std::string::npos) << del.body;
  auto delm = DoJson("DELETE", api + "/registered-models/delete", bj::object{{"name", model}});
  EXPECT_EQ(delm.status, 409) << delm.body;
  auto ren = DoJson("POST", api + "/registered-models/rename",
                    bj::object{{"name", model}, {"new_name", model + "-2"}});
  EXPECT_EQ(ren.status, 409) << ren.body;
  EXPECT_EQ(Do("GET", Url("/models/" + model + "/1")).status, 200);

  // Once the deployment is terminated the same calls succeed.
  ASSERT_EQ(Do("DELETE", Url("/deployments/" + id)).status, 200);
  auto renamed = DoJson("POST", api + "/registered-models/rename",
                        bj::object{{"name", model}, {"new_name", model + "-2"}});
  ASSERT_EQ(renamed.status, 200) << renamed.body;
  EXPECT_EQ(Str(BodyJson(renamed).at("registered_model"), "name"), model + "-2");
  EXPECT_EQ(Do("GET", Url("/models/" + model + "-2/1")).status, 200);
  auto gone = DoJson("DELETE", api + "/model-versions/delete",
                     bj::object{{"name", model + "-2"}, {"version", "1"}});
  ASSERT_EQ(gone.status, 200) << gone.body;
  ExpectProblem(Do("GET", Url("/models/" + model + "-2/1")), 404);
  ASSERT_EQ(DoJson("DELETE", api + "/registered-models/delete", bj::object{{"name", model + "-2"}})
                .status,
            200);
  ExpectProblem(Do("GET", Url("/models/" + model + "-2")), 404);
}

TEST_P(RegistryApi, DriftComputeRecordsEvents) {
  bj::array ref, cur;
  for (int i = 0; i < 400; ++i) {
    ref.emplace_back(std::sin(i) * 1.0);
    cur.emplace_back(std::sin(i) * 1.0 + 3.0);
  }
  const std::string model = UniqueName("model");
  ASSERT_EQ(DoJson("POST", Url("/models"), bj::object{{"model_name", model}}).status, 201);
  auto r = DoJson("POST", Url("/drift/compute"),
                  bj::object{{"reference", bj::object{{"x", ref}}},
                             {"current", bj::object{{"x", cur}}},
                             {"model_name", model}});
  ASSERT_EQ(r.status, 200) << r.body;
  auto v = BodyJson(r);
  EXPECT_TRUE(v.at("columns").at("x").at("drifted").as_bool());
  EXPECT_TRUE(v.at("dataset_drift").as_bool());
  ASSERT_EQ(v.at("events").as_array().size(), 1u);
  auto events = Do("GET", Url("/drift-events?model_name=" + model + "&severity=critical"));
  ASSERT_EQ(events.status, 200);
  EXPECT_EQ(BodyJson(events).at("items").as_array().size(), 1u);
  ExpectProblem(DoJson("POST", Url("/drift/compute"),
                       bj::object{{"reference", bj::object{{"x", bj::array{1, "a"}}}},
                                  {"current", bj::object{{"x", bj::array{1}}}}}),
                400, "reference.x");
  ExpectProblem(
      DoJson("POST", Url("/drift-events"),
             bj::object{{"model_name", model}, {"feature", "x"}, {"method", "kl"}, {"score", 1}}),
      400, "method");
  ExpectProblem(Do("GET", Url("/drift-events?since=yesterday")), 400, "since");
}

TEST_P(RegistryApi, DriftComputeNearDoubleMaxIsDriftedWithFiniteScores) {
  // Reference near -DBL_MAX, current near +DBL_MAX: max - min overflows a double. Wasserstein
  // (about 1.9 DBL_MAX) has no double and is null; everything else is finite and it drifts.
  constexpr double kMax = std::numeric_limits<double>::max();
  bj::array ref, cur;
  for (int i = 0; i < 300; ++i) {
    ref.emplace_back(-kMax * (0.9 + 0.1 * std::fabs(std::sin(i))));
    cur.emplace_back(kMax * (0.9 + 0.1 * std::fabs(std::cos(i))));
  }
  const std::string model = UniqueName("model");
  ASSERT_EQ(DoJson("POST", Url("/models"), bj::object{{"model_name", model}}).status, 201);
  auto r = DoJson("POST", Url("/drift/compute"),
                  bj::object{{"reference", bj::object{{"x", ref}}},
                             {"current", bj::object{{"x", cur}}},
                             {"model_name", model}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.body.find("inf"), std::string::npos) << r.body;
  EXPECT_EQ(r.body.find("nan"), std::string::npos) << r.body;
  auto v = BodyJson(r);
  const auto& x = v.at("columns").at("x");
  EXPECT_TRUE(x.at("drifted").as_bool()) << r.body;
  EXPECT_EQ(x.at("ks").at("statistic").to_number<double>(), 1.0);
  EXPECT_GE(x.at("psi").to_number<double>(), 0.1);
  EXPECT_TRUE(x.at("js").is_number());
  EXPECT_TRUE(x.at("wasserstein").is_null());
  for (const auto& e : x.at("histogram").at("edges").as_array()) EXPECT_TRUE(e.is_number());
  // The recorded event's details (which carry the same statistics) read back as JSON.
  auto events = Do("GET", Url("/drift-events?model_name=" + model));
  ASSERT_EQ(events.status, 200) << events.body;
  EXPECT_EQ(BodyJson(events).at("items").as_array().size(), 1u) << events.body;
}

INSTANTIATE_TEST_SUITE_P(Backends, RegistryApi, ::testing::ValuesIn(AvailableBackends()),
                         BackendParamName);

}  // namespace
}  // namespace cairn::testing
