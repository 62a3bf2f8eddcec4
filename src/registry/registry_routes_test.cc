// Registry routes through http::Router::Dispatch (no sockets) with real services on SQLite.
#include "registry/registry_routes.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <boost/json.hpp>
#include <filesystem>
#include <fstream>

#include "registry/registry_test_support.h"

namespace cairn::registry {
namespace {

namespace bj = boost::json;
using http::Method;

class RegistryRoutesTest : public testing::RegistryBackendTest {
 protected:
  void SetUp() override {
    RegistryBackendTest::SetUp();
    if (HasFatalFailure()) return;
    RegisterRegistryRoutes(router_, *registry_);
  }
  http::Response Call(Method m, const std::string& path, const std::string& body = "",
                      std::vector<std::pair<std::string, std::string>> headers = {},
                      std::vector<std::pair<std::string, std::string>> query = {},
                      std::string content_type = "application/json") {
    http::Request req;
    req.method = m;
    req.path = std::string(kLifecyclePrefix) + path;
    req.target = req.path;
    req.query = std::move(query);
    req.body = body;
    if (!body.empty()) {
      req.headers.emplace_back("content-type", content_type);
      req.headers.emplace_back("content-length", std::to_string(body.size()));
    }
    for (auto& h : headers) req.headers.push_back(h);
    return router_.Dispatch(req);
  }
  http::Response Upload(const std::string& path, const std::string& bytes,
                        std::vector<std::pair<std::string, std::string>> query = {}) {
    http::Request req;
    req.method = Method::kPut;
    req.path = std::string(kLifecyclePrefix) + path;
    req.target = req.path;
    req.query = std::move(query);
    req.body_file = WriteFile(std::to_string(uploads_++), bytes);
    req.headers.emplace_back("content-length", std::to_string(bytes.size()));
    return router_.Dispatch(req);
  }
  static bj::value Body(const http::Response& r) { return bj::parse(r.body); }
  static bool HasError(const http::Response& r, const std::string& field) {
    auto v = Body(r);
    if (!v.as_object().contains("errors")) return false;
    for (const auto& e : v.at("errors").as_array())
      if (e.at("field").as_string() == field) return true;
    return false;
  }
  static std::string Header(const http::Response& r, const std::string& name) {
    for (const auto& [k, v] : r.headers)
      if (k == name) return v;
    return "";
  }
  http::Router router_;
  int uploads_ = 0;
};

TEST_P(RegistryRoutesTest, RegisterGetListAndModel) {
  auto c = Call(Method::kPost, "/models", R"({"model_name":"churn","metrics":{"auc":0.9},
      "params":{"depth":"6"},"tags":{"team":"risk"},"description":"first"})",
                {{"x-cairn-user", "erin"}});
  ASSERT_EQ(c.status, 201) << c.body;
  auto v = Body(c);
  EXPECT_EQ(v.at("version").as_int64(), 1);
  EXPECT_EQ(v.at("stage").as_string(), "none");
  EXPECT_EQ(v.at("created_by").as_string(), "erin");
  EXPECT_TRUE(v.at("artifact").is_null());
  EXPECT_EQ(v.at("checklist").as_array().size(), 4u);
  EXPECT_EQ(Header(c, "ETag"), "\"1\"");
  ASSERT_EQ(Call(Method::kPost, "/models", R"({"model_name":"churn"})").status, 201);
  auto g = Call(Method::kGet, "/models/churn/2");
  ASSERT_EQ(g.status, 200);
  EXPECT_EQ(Body(g).at("version").as_int64(), 2);
  auto l = Call(Method::kGet, "/models", "", {}, {{"model_name", "churn"}, {"stage", "none"}});
  ASSERT_EQ(l.status, 200);
  EXPECT_EQ(Body(l).at("items").as_array().size(), 2u);
  EXPECT_TRUE(Body(l).at("next_page_token").is_null());
  auto m = Call(Method::kGet, "/models/churn");
  ASSERT_EQ(m.status, 200);
  EXPECT_EQ(Body(m).at("latest_version").as_int64(), 2);
  EXPECT_EQ(Body(m).at("versions").as_array()[0].at("version").as_int64(), 2);
}

TEST_P(RegistryRoutesTest, ValidationErrorsAre400WithFields) {
  EXPECT_EQ(Call(Method::kPost, "/models", "{bad").status, 400);
  auto wrong = Call(Method::kPost, "/models", R"({"model_name":5,"metrics":{"auc":"x"}})");
  ASSERT_EQ(wrong.status, 400);
  EXPECT_TRUE(HasError(wrong, "model_name"));
  EXPECT_TRUE(HasError(wrong, "metrics.auc"));
  auto unknown = Call(Method::kPost, "/models", R"({"model_name":"m","stagee":"x"})");
  ASSERT_EQ(unknown.status, 400);
  EXPECT_TRUE(HasError(unknown, "stagee"));
  EXPECT_EQ(Call(Method::kPost, "/models", R"({"model_name":"m"})", {}, {}, "text/plain").status,
            415);
  EXPECT_EQ(Call(Method::kGet, "/models", "", {}, {{"limit", "x"}}).status, 400);
  EXPECT_EQ(Call(Method::kGet, "/models", "", {}, {{"stage", "live"}}).status, 400);
  EXPECT_EQ(Call(Method::kDelete, "/models").status, 405);
}

TEST_P(RegistryRoutesTest, NotFoundPaths) {
  EXPECT_EQ(Call(Method::kGet, "/models/nope").status, 404);
  EXPECT_EQ(Call(Method::kGet, "/models/nope/1").status, 404);
  EXPECT_EQ(Call(Method::kGet, "/models/nope/abc").status, 404);
  EXPECT_EQ(Call(Method::kPatch, "/models/nope/1", R"({"description":"x"})").status, 404);
  EXPECT_EQ(Call(Method::kPost, "/models/nope/compare", R"({"versions":[1]})").status, 404);
  EXPECT_EQ(Call(Method::kPost, "/models",
                 R"({"model_name":"m","run_id":"00000000-0000-4000-8000-000000000000"})")
                .status,
            404);
}

TEST_P(RegistryRoutesTest, PatchPromotionConflictIfMatchAndChecklist) {
  ASSERT_EQ(Call(Method::kPost, "/models", R"({"model_name":"m"})").status, 201);
  auto conflict = Call(Method::kPatch, "/models/m/1", R"({"stage":"production"})");
  ASSERT_EQ(conflict.status, 409);
  EXPECT_NE(Body(conflict).at("detail").as_string().find("evaluation_passed"), std::string::npos);
  EXPECT_EQ(
      Call(Method::kPatch, "/models/m/1", R"({"description":"x"})", {{"if-match", "\"9\""}}).status,
      412);
  EXPECT_EQ(
      Call(Method::kPatch, "/models/m/1", R"({"description":"x"})", {{"if-match", "abc"}}).status,
      400);
  auto bad_item = Call(Method::kPatch, "/models/m/1", R"({"checklist":[{"key":"x"}]})");
  ASSERT_EQ(bad_item.status, 400);
  EXPECT_TRUE(HasError(bad_item, "checklist[0].done"));
  auto ok = Call(Method::kPatch, "/models/m/1",
                 R"({"stage":"production","checklist":[{"key":"evaluation_passed","done":true},
                   {"key":"data_validated","done":true},{"key":"bias_reviewed","done":true},
                   {"key":"owner_signoff","done":true,"note":"lgtm"}]})",
                 {{"if-match", "1"}, {"x-cairn-user", "olga"}});
  ASSERT_EQ(ok.status, 200) << ok.body;
  auto v = Body(ok);
  EXPECT_EQ(v.at("stage").as_string(), "production");
  EXPECT_EQ(v.at("checklist").as_array()[3].at("done_by").as_string(), "olga");
  EXPECT_EQ(v.at("checklist").as_array()[3].at("note").as_string(), "lgtm");
  EXPECT_TRUE(v.at("checklist").as_array()[3].at("done_at").is_string());
  EXPECT_EQ(Header(ok, "ETag"), "\"2\"");
}

TEST_P(RegistryRoutesTest, CompareShape) {
  Call(Method::kPost, "/models",
       R"({"model_name":"m","metrics":{"auc":0.8,"rmse":2},"params":{"d":"1"}})");
  Call(Method::kPost, "/models",
       R"({"model_name":"m","metrics":{"auc":0.9,"rmse":3},"params":{"d":"2"}})");
  auto c = Call(Method::kPost, "/models/m/compare", R"({"versions":[1,2]})");
  ASSERT_EQ(c.status, 200) << c.body;
  auto v = Body(c);
  EXPECT_EQ(v.at("metrics").at("auc").at("best_version").as_int64(), 2);
  EXPECT_EQ(v.at("metrics").at("rmse").at("best_version").as_int64(), 1);
  EXPECT_FALSE(v.at("metrics").at("rmse").at("higher_is_better").as_bool());
  EXPECT_NEAR(v.at("metrics").at("auc").at("deltas").at("2").as_double(), 0.1, 1e-12);
  EXPECT_EQ(v.at("params_diff").at("d").at("1").as_string(), "1");
  EXPECT_EQ(Call(Method::kPost, "/models/m/compare", R"({"versions":"1"})").status, 400);
  EXPECT_EQ(Call(Method::kPost, "/models/m/compare", R"({"versions":[1],"x":1})").status, 400);
  EXPECT_EQ(Call(Method::kPost, "/models/m/compare", R"({"versions":[1,3]})").status, 404);
}

TEST_P(RegistryRoutesTest, ArtifactUploadAndDownload) {
  ASSERT_EQ(Call(Method::kPost, "/models", R"({"model_name":"m"})").status, 201);
  const std::string bytes = R"({"learner":{}})";
  auto u = Upload("/models/m/1/artifact", bytes);
  ASSERT_EQ(u.status, 201) << u.body;
  EXPECT_EQ(Body(u).at("artifact").at("format").as_string(), "xgboost-json");
  EXPECT_EQ(Body(u).at("artifact").at("size_bytes").as_int64(), static_cast<int64_t>(bytes.size()));
  EXPECT_EQ(Upload("/models/m/1/artifact", bytes).status, 409);
  EXPECT_EQ(Upload("/models/m/2/artifact", bytes).status, 404);
  ASSERT_EQ(Call(Method::kPost, "/models", R"({"model_name":"m"})").status, 201);
  EXPECT_EQ(Upload("/models/m/2/artifact", "x", {{"format", "tensorflow"}}).status, 400);
  EXPECT_EQ(Upload("/models/m/2/artifact", "x", {{"format", "xgboost-json"}}).status, 400);
  auto d = Call(Method::kGet, "/models/m/1/artifact");
  ASSERT_EQ(d.status, 200);
  ASSERT_TRUE(d.file);
  struct stat st {};
  ASSERT_EQ(::fstat(d.file->Get(), &st), 0);
  EXPECT_EQ(static_cast<size_t>(st.st_size), bytes.size());
  EXPECT_EQ(Header(d, "X-Content-SHA256"), Body(u).at("artifact").at("sha256").as_string());
  EXPECT_EQ(Call(Method::kGet, "/models/m/2/artifact").status, 404);
}

TEST_P(RegistryRoutesTest, AliasPutMovesGetResolvesDeleteRemoves) {
  for (int i = 0; i < 2; ++i)
    ASSERT_EQ(Call(Method::kPost, "/models", R"({"model_name":"churn"})").status, 201);
  auto put = Call(Method::kPut, "/models/churn/aliases/champion", R"({"version":1})",
                  {{"x-cairn-user", "erin"}});
  ASSERT_EQ(put.status, 200) << put.body;
  EXPECT_EQ(Body(put).at("version").as_int64(), 1);
  EXPECT_EQ(Body(put).at("aliases"), bj::parse(R"(["champion"])"));
  auto moved = Call(Method::kPut, "/models/churn/aliases/champion", R"({"version":2})");
  ASSERT_EQ(moved.status, 200) << moved.body;
  EXPECT_EQ(Body(moved).at("version").as_int64(), 2);

  auto got = Call(Method::kGet, "/models/churn/aliases/champion");
  ASSERT_EQ(got.status, 200) << got.body;
  EXPECT_EQ(Body(got).at("version").as_int64(), 2);
  EXPECT_FALSE(Header(got, "ETag").empty());
  auto v1 = Call(Method::kGet, "/models/churn/1");
  EXPECT_EQ(Body(v1).at("aliases"), bj::array());
  auto model = Call(Method::kGet, "/models/churn");
  EXPECT_EQ(Body(model).at("aliases"), bj::parse(R"({"champion":2})"));
  auto list = Call(Method::kGet, "/models", "", {}, {{"model_name", "churn"}});
  EXPECT_EQ(Body(list).at("items").at(0).at("aliases"), bj::parse(R"(["champion"])"));
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'registered_model.set_alias' "
                  "AND actor = 'erin'"),
            1);

  EXPECT_EQ(Call(Method::kDelete, "/models/churn/aliases/champion").status, 204);
  EXPECT_EQ(Call(Method::kDelete, "/models/churn/aliases/champion").status, 204);
  EXPECT_EQ(Call(Method::kGet, "/models/churn/aliases/champion").status, 404);
  // The alias segment does not shadow the version routes.
  EXPECT_EQ(Call(Method::kGet, "/models/churn/2").status, 200);
}

TEST_P(RegistryRoutesTest, AliasErrorsAreProblemsAndChangeNothing) {
  ASSERT_EQ(Call(Method::kPost, "/models", R"({"model_name":"churn"})").status, 201);
  const int64_t audit_before = AuditCount();
  auto reserved = Call(Method::kPut, "/models/churn/aliases/latest", R"({"version":1})");
  EXPECT_EQ(reserved.status, 400);
  EXPECT_EQ(reserved.content_type, "application/problem+json");
  EXPECT_EQ(Call(Method::kPut, "/models/churn/aliases/v3", R"({"version":1})").status, 400);
  EXPECT_EQ(Call(Method::kPut, "/models/churn/aliases/a.b", R"({"version":1})").status, 400);
  auto missing = Call(Method::kPut, "/models/churn/aliases/champion", R"({})");
  EXPECT_EQ(missing.status, 400);
  EXPECT_TRUE(HasError(missing, "version")) << missing.body;
  EXPECT_EQ(Call(Method::kPut, "/models/churn/aliases/champion", R"({"version":0})").status, 400);
  EXPECT_EQ(Call(Method::kPut, "/models/churn/aliases/champion", R"({"version":"1"})").status, 400);
  EXPECT_EQ(
      Call(Method::kPut, "/models/churn/aliases/champion", R"({"version":1,"extra":true})").status,
      400);
  EXPECT_EQ(Call(Method::kPut, "/models/churn/aliases/champion", "not json").status, 400);
  EXPECT_EQ(
      Call(Method::kPut, "/models/churn/aliases/champion", R"({"version":1})", {}, {}, "text/plain")
          .status,
      415);
  EXPECT_EQ(Call(Method::kPut, "/models/churn/aliases/champion", R"({"version":9})").status, 404);
  EXPECT_EQ(Call(Method::kPut, "/models/nope/aliases/champion", R"({"version":1})").status, 404);
  EXPECT_EQ(Call(Method::kDelete, "/models/nope/aliases/champion").status, 404);
  EXPECT_EQ(Call(Method::kDelete, "/models/churn/aliases/latest").status, 400);
  EXPECT_EQ(Call(Method::kGet, "/models/churn/aliases/nope").status, 404);
  EXPECT_EQ(Call(Method::kGet, "/models/churn/aliases/V1").status, 400);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM model_aliases"), 0);
  EXPECT_EQ(AuditCount(), audit_before);
}

INSTANTIATE_TEST_SUITE_P(Sqlite, RegistryRoutesTest, ::testing::Values(storage::Backend::kSqlite),
                         testing::BackendParamName);

}  // namespace
}  // namespace cairn::registry
