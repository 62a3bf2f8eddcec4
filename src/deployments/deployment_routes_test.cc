// Deployment routes through http::Router::Dispatch (no sockets) with real services on SQLite.
#include "deployments/deployment_routes.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "deployments/sql_deployment_store.h"
#include "registry/registry_test_support.h"

namespace cairn::deployments {
namespace {

namespace bj = boost::json;
using http::Method;

class DeploymentRoutesTest : public registry::testing::RegistryBackendTest {
 protected:
  void SetUp() override {
    RegistryBackendTest::SetUp();
    if (HasFatalFailure()) return;
    service_ =
        std::make_unique<DeploymentService>(std::make_unique<SqlDeploymentStore>(*db_), *registry_);
    RegisterDeploymentRoutes(router_, *service_);
    Register("m");
  }
  void TearDown() override {
    service_.reset();
    RegistryBackendTest::TearDown();
  }
  http::Response Call(Method m, const std::string& path, const std::string& body = "",
                      std::vector<std::pair<std::string, std::string>> headers = {},
                      std::vector<std::pair<std::string, std::string>> query = {}) {
    http::Request req;
    req.method = m;
    req.path = "/api/v1/ml/lifecycle" + path;
    req.target = req.path;
    req.query = std::move(query);
    req.body = body;
    if (!body.empty()) {
      req.headers.emplace_back("content-type", "application/json");
      req.headers.emplace_back("content-length", std::to_string(body.size()));
    }
    for (auto& h : headers) req.headers.push_back(h);
    return router_.Dispatch(req);
  }
  static bj::value Body(const http::Response& r) { return bj::parse(r.body); }
  static bool HasError(const http::Response& r, const std::string& field) {
    const bj::value body = Body(r);
    for (const auto& e : body.at("errors").as_array())
      if (e.at("field").as_string() == field) return true;
    return false;
  }
  std::string CreateId() {
    auto r = Call(Method::kPost, "/deployments",
                  R"({"model_name":"m","model_version":1,"environment":"staging",
                      "config":{"replicas":2,"autoscaling":{"min_replicas":1,"max_replicas":4,
                      "target_rps":50}}})");
    EXPECT_EQ(r.status, 201) << r.body;
    return std::string(Body(r).at("id").as_string());
  }
  std::unique_ptr<DeploymentService> service_;
  http::Router router_;
};

TEST_P(DeploymentRoutesTest, CreateGetListPatchDelete) {
  std::string id = CreateId();
  auto g = Call(Method::kGet, "/deployments/" + id);
  ASSERT_EQ(g.status, 200);
  auto v = Body(g);
  EXPECT_EQ(v.at("status").as_string(), "pending");
  EXPECT_EQ(v.at("config").at("autoscaling").at("max_replicas").as_int64(), 4);
  EXPECT_EQ(v.at("metrics").at("request_count").as_int64(), 0);
  EXPECT_TRUE(v.at("deployed_at").is_null());
  auto p = Call(Method::kPatch, "/deployments/" + id,
                R"({"status":"validating","health_status":"healthy",
                    "metrics":{"request_count":10,"error_count":1}})",
                {{"if-match", "1"}});
  ASSERT_EQ(p.status, 200) << p.body;
  EXPECT_DOUBLE_EQ(Body(p).at("metrics").at("error_rate").as_double(), 0.1);
  auto l = Call(Method::kGet, "/deployments", "", {},
                {{"model_name", "m"}, {"environment", "staging"}, {"status", "validating"}});
  ASSERT_EQ(l.status, 200);
  EXPECT_EQ(Body(l).at("items").as_array().size(), 1u);
  auto d = Call(Method::kDelete, "/deployments/" + id);
  ASSERT_EQ(d.status, 200);
  EXPECT_EQ(Body(d).at("status").as_string(), "terminated");
  EXPECT_EQ(Call(Method::kGet, "/deployments/" + id).status, 200);  // kept for history
}

TEST_P(DeploymentRoutesTest, ErrorPaths) {
  EXPECT_EQ(Call(Method::kPost, "/deployments", "nope").status, 400);
  auto types = Call(Method::kPost, "/deployments",
                    R"({"model_name":"m","model_version":"1","environment":"staging",
                        "config":{"replicas":1.5,"replica":2}})");
  ASSERT_EQ(types.status, 400);
  EXPECT_TRUE(HasError(types, "model_version"));
  EXPECT_TRUE(HasError(types, "config.replicas"));
  EXPECT_TRUE(HasError(types, "config.replica"));
  auto range = Call(Method::kPost, "/deployments",
                    R"({"model_name":"m","model_version":1,"environment":"staging",
                        "config":{"traffic_percent":150,"timeout_ms":0}})");
  ASSERT_EQ(range.status, 400);
  EXPECT_TRUE(HasError(range, "config.traffic_percent"));
  EXPECT_TRUE(HasError(range, "config.timeout_ms"));
  EXPECT_EQ(Call(Method::kPost, "/deployments",
                 R"({"model_name":"m","model_version":7,"environment":"staging"})")
                .status,
            404);
  EXPECT_EQ(Call(Method::kPost, "/deployments",
                 R"({"model_name":"m","model_version":1,"environment":"production"})")
                .status,
            409);
  std::string id = CreateId();
  EXPECT_EQ(Call(Method::kPatch, "/deployments/" + id, R"({"status":"active"})").status, 409);
  EXPECT_EQ(Call(Method::kPatch, "/deployments/" + id, R"({"status":"paused"})").status, 400);
  EXPECT_EQ(Call(Method::kPatch, "/deployments/" + id, R"({"metrics":{"latency":1}})").status, 400);
  EXPECT_EQ(Call(Method::kPatch, "/deployments/" + id, R"({"health_status":"healthy"})",
                 {{"if-match", "5"}})
                .status,
            412);
  EXPECT_EQ(Call(Method::kGet, "/deployments/00000000-0000-4000-8000-000000000000").status, 404);
  EXPECT_EQ(Call(Method::kDelete, "/deployments/xyz").status, 404);
  EXPECT_EQ(Call(Method::kPut, "/deployments/" + id).status, 405);
  EXPECT_EQ(Call(Method::kGet, "/deployments", "", {}, {{"status", "nope"}}).status, 400);
  http::Request req;
  req.method = Method::kPost;
  req.path = "/api/v1/ml/lifecycle/deployments";
  req.body = "x";
  req.headers = {{"content-type", "text/plain"}, {"content-length", "1"}};
  EXPECT_EQ(router_.Dispatch(req).status, 415);
}

INSTANTIATE_TEST_SUITE_P(Sqlite, DeploymentRoutesTest, ::testing::Values(storage::Backend::kSqlite),
                         registry::testing::BackendParamName);

}  // namespace
}  // namespace cairn::deployments
