// The access table: every route of the real App has a declaration, the table names no route
// that does not exist, the roles follow issue 11's rules, the body-dependent rules hold, and the
// committed scripts/openapi/route-roles.json (read by the OpenAPI generator) is current.
//   Refresh the JSON deliberately: CAIRN_UPDATE_ROUTE_ROLES=1 ./server_test
#include "server/route_roles.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "server/app.h"

namespace cairn::server {
namespace {

using http::Method;

class AppRoutes : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    shared_dir = new std::filesystem::path(std::filesystem::temp_directory_path() /
                                           ("cairn_route_roles_" + std::to_string(::getpid())));
    std::filesystem::remove_all(*shared_dir);
    Config config;
    config.data_dir = shared_dir->string();
    config.storage = "sqlite://" + (*shared_dir / "cairn.db").string();
    config.port = 0;
    config.password_hash_cost = 10;
    config.auth_required = true;  // the identity routes exist only then
    auto app = App::Create(config);
    ASSERT_TRUE(app.ok()) << app.status().ToString();
    shared_app = app->release();
  }
  static void TearDownTestSuite() {
    if (shared_app) shared_app->Stop();
    delete shared_app;
    shared_app = nullptr;
    std::filesystem::remove_all(*shared_dir);
    delete shared_dir;
  }
  static const http::Router& router() { return shared_app->router(); }

  static App* shared_app;
  static std::filesystem::path* shared_dir;
};

App* AppRoutes::shared_app = nullptr;
std::filesystem::path* AppRoutes::shared_dir = nullptr;

// Admission control (hardening issue, item 11): the heavy computations run on the compute pool
// with its bounded queue; nothing else does.
TEST_F(AppRoutes, HeavyComputationsAreComputeRoutes) {
  std::set<std::string> compute;
  for (const auto& r : router().Routes()) {
    if (r.options->compute)
      compute.insert(std::string(http::MethodName(r.method)) + " " + r.pattern);
  }
  EXPECT_THAT(compute, ::testing::UnorderedElementsAre("POST /api/v1/ml/lifecycle/drift/compute",
                                                       "POST /api/v1/features/datasets",
                                                       "POST /api/v1/features/historical",
                                                       "POST /api/v1/ml/evaluation/runs"));
}

TEST_F(AppRoutes, EveryRouteHasAnAccessRule) {
  EXPECT_THAT(router().AccessProblems(), ::testing::IsEmpty());
  for (const auto& r : router().Routes()) {
    ASSERT_TRUE(r.options->access.has_value()) << http::MethodName(r.method) << " " << r.pattern;
  }
}

TEST_F(AppRoutes, TableNamesOnlyRoutesThatExist) {
  std::set<std::pair<Method, std::string>> routed;
  for (const auto& r : router().Routes()) routed.emplace(r.method, r.pattern);
  for (const RouteRole& e : RouteRoleTable()) {
    if (e.optional_route) continue;
    EXPECT_TRUE(routed.count({e.method, std::string(e.pattern)}))
        << "stale entry in route_roles.cc: " << http::MethodName(e.method) << " " << e.pattern;
  }
}

TEST_F(AppRoutes, RolesFollowTheRules) {
  for (const auto& r : router().Routes()) {
    const http::RouteAccess& a = *r.options->access;
    const std::string route = std::string(http::MethodName(r.method)) + " " + r.pattern;
    // MLflow's web UI calls the same API under /ajax-api/.
    const bool api = r.pattern.rfind("/api/", 0) == 0 || r.pattern.rfind("/ajax-api/", 0) == 0;
    if (!api) {
      EXPECT_TRUE(a.is_public) << route << ": platform routes are public";
      continue;
    }
    if (r.pattern == "/api/v1/auth/login") {
      EXPECT_TRUE(a.is_public) << route;
      continue;
    }
    EXPECT_FALSE(a.is_public) << route << ": API routes need a role";
    if (r.pattern.rfind("/api/v1/auth/users", 0) == 0) {
      EXPECT_EQ(a.role, Role::kAdmin) << route;
    } else if (r.method == Method::kGet) {
      EXPECT_EQ(a.role, Role::kViewer) << route << ": every read is viewer";
    } else {
      EXPECT_NE(a.role, Role::kAdmin) << route;
    }
  }
  auto role_of = [&](Method m, std::string_view pattern) -> std::optional<Role> {
    for (const auto& r : router().Routes()) {
      if (r.method == m && r.pattern == pattern) return r.options->access->role;
    }
    return std::nullopt;
  };
  const std::string pg = "/api/v1/prompt-governance/templates/{id}";
  EXPECT_EQ(role_of(Method::kPost, pg + "/{version}/approve"), Role::kApprover);
  EXPECT_EQ(role_of(Method::kPost, pg + "/{version}/reject"), Role::kApprover);
  EXPECT_EQ(role_of(Method::kPost, pg + "/{version}/submit"), Role::kEditor);
  EXPECT_EQ(role_of(Method::kPost, pg + "/versions"), Role::kEditor);
  EXPECT_EQ(role_of(Method::kPost, "/api/v1/ml/lifecycle/runs"), Role::kEditor);
  EXPECT_EQ(role_of(Method::kPost, "/api/v1/features/datasets"), Role::kEditor);
  EXPECT_EQ(role_of(Method::kPost, "/api/v1/ml/evaluation/runs"), Role::kEditor);
  EXPECT_EQ(role_of(Method::kPost, "/api/v1/auth/users"), Role::kAdmin);
  // MLflow's API: the searches are reads sent as POST; logging writes.
  for (std::string prefix : {"/api/2.0/mlflow", "/ajax-api/2.0/mlflow"}) {
    EXPECT_EQ(role_of(Method::kPost, prefix + "/runs/search"), Role::kViewer);
    EXPECT_EQ(role_of(Method::kPost, prefix + "/experiments/search"), Role::kViewer);
    EXPECT_EQ(role_of(Method::kPost, prefix + "/runs/log-batch"), Role::kEditor);
    EXPECT_EQ(role_of(Method::kPost, prefix + "/experiments/delete"), Role::kEditor);
  }
  EXPECT_EQ(role_of(Method::kPut, "/api/2.0/mlflow-artifacts/artifacts/{path...}"), Role::kEditor);
}

TEST_F(AppRoutes, CommittedRouteRolesJsonIsCurrent) {
  const std::string path = std::string(CAIRN_SOURCE_DIR) + "/scripts/openapi/route-roles.json";
  const std::string now = AccessTableJson(router());
  const char* update = std::getenv("CAIRN_UPDATE_ROUTE_ROLES");
  if (update != nullptr && std::string(update) == "1") {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << now;
    ASSERT_TRUE(out.good()) << "cannot write " << path;
    GTEST_SKIP() << "rewrote " << path;
  }
  std::ifstream in(path, std::ios::binary);
  ASSERT_TRUE(in.good()) << path << " is missing: run with CAIRN_UPDATE_ROUTE_ROLES=1";
  std::stringstream committed;
  committed << in.rdbuf();
  EXPECT_EQ(now, committed.str()) << "route roles changed: rerun with CAIRN_UPDATE_ROUTE_ROLES=1, "
                                     "then node scripts/gen-openapi.js > openapi.json";
}

http::Request WithBody(std::string body) {
  http::Request req;
  req.body = std::move(body);
  return req;
}

TEST(ModelVersionPatchRole, ProductionAndSignOffsNeedApprover) {
  EXPECT_FALSE(ModelVersionPatchRole(WithBody(R"({"description":"x"})")));
  EXPECT_FALSE(ModelVersionPatchRole(WithBody(R"({"stage":"staging"})")));
  EXPECT_FALSE(ModelVersionPatchRole(
      WithBody(R"({"checklist":[{"key":"evaluation_passed","done":true}]})")));
  for (const char* body : {R"({"stage":"production"})", R"({"stage":"PRODUCTION"})",
                           R"({"checklist":[{"key":"owner_signoff","done":true}]})",
                           R"({"checklist":[{"key":"data_validated","done":true},
                                            {"key":"bias_reviewed","done":false}]})",
                           R"({"stage":"staging","stage":"production"})", "not json", "[]"}) {
    auto need = ModelVersionPatchRole(WithBody(body));
    ASSERT_TRUE(need.has_value()) << body;
    EXPECT_EQ(need->role, Role::kApprover) << body;
  }
}

TEST(DeploymentCreateRole, ProductionNeedsApprover) {
  EXPECT_FALSE(DeploymentCreateRole(WithBody(R"({"environment":"staging"})")));
  EXPECT_EQ(DeploymentCreateRole(WithBody(R"({"environment":"production"})"))->role,
            Role::kApprover);
  EXPECT_EQ(DeploymentCreateRole(WithBody("{"))->role, Role::kApprover);
}

TEST(MlflowTransitionRole, ProductionInAnyCaseNeedsApprover) {
  for (const char* body : {R"({"name":"m","version":"1","stage":"Staging"})",
                           R"({"name":"m","version":"1","stage":"Archived"})",
                           R"({"name":"m","version":"1","stage":"None"})"}) {
    EXPECT_FALSE(MlflowTransitionRole(WithBody(body))) << body;
  }
  for (const char* body :
       {R"({"name":"m","version":"1","stage":"Production"})",
        R"({"stage":"production","archive_existing_versions":true})", R"({"stage":"PRODUCTION"})",
        R"({"stage":"Staging","stage":"Production"})", "not json", "[]", ""}) {
    auto need = MlflowTransitionRole(WithBody(body));
    ASSERT_TRUE(need.has_value()) << body;
    EXPECT_EQ(need->role, Role::kApprover) << body;
  }
}

TEST(AccessForRoute, UnknownRouteHasNoDeclaration) {
  EXPECT_FALSE(AccessForRoute(Method::kGet, "/nowhere").has_value());
  EXPECT_TRUE(AccessForRoute(Method::kGet, "/healthz")->is_public);
}

}  // namespace
}  // namespace cairn::server
