// DeploymentService + SqlDeploymentStore contract tests, on every backend under test.
#include "deployments/deployment_service.h"

#include <gtest/gtest.h>

#include <set>

#include "common/ids.h"
#include "common/testing/status_matchers.h"
#include "deployments/sql_deployment_store.h"
#include "registry/registry_test_support.h"

namespace cairn::deployments {
namespace {

using S = DeploymentStatus;

constexpr S kAllStatuses[] = {S::kPending, S::kValidating, S::kDeploying, S::kActive,
                              S::kFailed,  S::kRollback,   S::kTerminated};

class DeploymentServiceTest : public registry::testing::RegistryBackendTest {
 protected:
  void SetUp() override {
    RegistryBackendTest::SetUp();
    if (HasFatalFailure()) return;
    service_ =
        std::make_unique<DeploymentService>(std::make_unique<SqlDeploymentStore>(*db_), *registry_);
    Register("m");
  }
  void TearDown() override {
    service_.reset();
    RegistryBackendTest::TearDown();
  }
  Deployment Create(const std::string& env = "staging") {
    DeploymentCreate c;
    c.model_name = "m";
    c.model_version = 1;
    c.environment = env;
    auto d = service_->Create(c, "alice");
    EXPECT_OK(d);
    return d.ok() ? *d : Deployment{};
  }
  Result<Deployment> SetStatus(const std::string& id, S to) {
    DeploymentPatch p;
    p.status = std::string(ToString(to));
    return service_->Update(id, p, std::nullopt, "ops");
  }
  // A deployment driven to `target` along legal transitions.
  Deployment At(S target) {
    Deployment d = Create();
    std::vector<S> path;
    switch (target) {
      case S::kPending:
        break;
      case S::kValidating:
        path = {S::kValidating};
        break;
      case S::kDeploying:
        path = {S::kValidating, S::kDeploying};
        break;
      case S::kActive:
        path = {S::kValidating, S::kDeploying, S::kActive};
        break;
      case S::kFailed:
        path = {S::kFailed};
        break;
      case S::kRollback:
        path = {S::kValidating, S::kDeploying, S::kActive, S::kRollback};
        break;
      case S::kTerminated:
        path = {S::kTerminated};
        break;
    }
    for (S s : path) {
      auto r = SetStatus(d.id, s);
      EXPECT_OK(r);
      if (r.ok()) d = *r;
    }
    EXPECT_EQ(d.status, target);
    return d;
  }
  std::unique_ptr<DeploymentService> service_;
};

// The machine of SPEC §2, written out independently of kTransitions.
const std::set<std::pair<S, S>>& Legal() {
  static const std::set<std::pair<S, S>> legal = {
      {S::kPending, S::kValidating},   {S::kValidating, S::kDeploying},
      {S::kDeploying, S::kActive},     {S::kPending, S::kFailed},
      {S::kValidating, S::kFailed},    {S::kDeploying, S::kFailed},
      {S::kActive, S::kRollback},      {S::kRollback, S::kTerminated},
      {S::kPending, S::kTerminated},   {S::kValidating, S::kTerminated},
      {S::kDeploying, S::kTerminated}, {S::kActive, S::kTerminated}};
  return legal;
}

TEST(DeploymentStateMachine, TableMatchesTheSpec) {
  for (S from : kAllStatuses) {
    for (S to : kAllStatuses) {
      if (from == to) continue;
      EXPECT_EQ(IsAllowedTransition(from, to), Legal().count({from, to}) == 1)
          << ToString(from) << " -> " << ToString(to);
    }
  }
  EXPECT_TRUE(IsTerminal(S::kFailed));
  EXPECT_TRUE(IsTerminal(S::kTerminated));
  EXPECT_FALSE(IsTerminal(S::kRollback));
}

TEST_P(DeploymentServiceTest, EveryTransitionThroughTheServiceIsAllowedOrConflict) {
  for (S from : kAllStatuses) {
    for (S to : kAllStatuses) {
      if (from == to) continue;
      Deployment d = At(from);
      auto r = SetStatus(d.id, to);
      if (Legal().count({from, to})) {
        ASSERT_OK(r) << ToString(from) << " -> " << ToString(to) << ": " << r.status().ToString();
        EXPECT_EQ(r->status, to);
        EXPECT_EQ(r->revision, d.revision + 1);
      } else {
        ASSERT_EQ(r.status().code(), StatusCode::kFailedPrecondition)
            << ToString(from) << " -> " << ToString(to);
        EXPECT_EQ(service_->Get(d.id)->revision, d.revision);  // unchanged
      }
    }
  }
}

TEST_P(DeploymentServiceTest, CreateDefaultsAndAudit) {
  Deployment d = Create();
  EXPECT_TRUE(IsUuid(d.id));
  EXPECT_EQ(d.status, S::kPending);
  EXPECT_EQ(d.health_status, HealthStatus::kUnknown);
  EXPECT_EQ(d.endpoint, "/serving/staging/m/1");
  EXPECT_EQ(d.config.replicas, 1);
  EXPECT_EQ(d.config.traffic_percent, 100);
  EXPECT_FALSE(d.deployed_at);
  auto got = service_->Get(d.id);
  ASSERT_OK(got);
  EXPECT_EQ(got->created_by, "alice");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'deployment.create'"), 1);
  EXPECT_EQ(service_->Get(NewUuid()).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(service_->Get("nope").status().code(), StatusCode::kNotFound);
}

TEST_P(DeploymentServiceTest, CreateChecksVersionAndProductionStage) {
  DeploymentCreate c;
  c.model_name = "m";
  c.model_version = 2;
  c.environment = "staging";
  EXPECT_EQ(service_->Create(c, "a").status().code(), StatusCode::kNotFound);
  c.model_name = "unknown";
  c.model_version = 1;
  EXPECT_EQ(service_->Create(c, "a").status().code(), StatusCode::kNotFound);
  c.model_name = "m";
  c.environment = "production";
  auto r = service_->Create(c, "a");
  ASSERT_EQ(r.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(r.status().message().find("stage none"), std::string::npos);
  Promote("m", 1);
  EXPECT_OK(service_->Create(c, "a"));
  EXPECT_EQ(Count("SELECT COUNT(*) FROM deployments"), 1);
}

TEST_P(DeploymentServiceTest, CreateValidatesConfig) {
  DeploymentCreate c;
  c.model_name = "m";
  c.model_version = 1;
  c.environment = "qa";
  c.endpoint = "no-slash";
  ConfigInput cfg;
  cfg.replicas = 0;
  cfg.traffic_percent = 101;
  cfg.timeout_ms = 0;
  cfg.max_batch_size = 0;
  cfg.autoscaling_present = true;
  cfg.autoscaling = Autoscaling{5, 2, 0};
  c.config = cfg;
  auto r = service_->Create(c, "a");
  ASSERT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  std::set<std::string> fields;
  for (const auto& e : r.status().errors()) fields.insert(e.field);
  for (const char* f : {"environment", "endpoint", "config.replicas", "config.traffic_percent",
                        "config.timeout_ms", "config.max_batch_size",
                        "config.autoscaling.min_replicas", "config.autoscaling.target_rps"})
    EXPECT_TRUE(fields.count(f)) << f;
  c.environment = "staging";
  c.endpoint = "/custom/path";
  ConfigInput good;
  good.replicas = 3;
  good.autoscaling_present = true;
  good.autoscaling = Autoscaling{2, 5, 100};
  c.config = good;
  auto ok = service_->Create(c, "a");
  ASSERT_OK(ok);
  EXPECT_EQ(ok->endpoint, "/custom/path");
  EXPECT_EQ(ok->config.autoscaling->max_replicas, 5);
  // replicas outside [min, max]
  good.replicas = 9;
  c.config = good;
  EXPECT_EQ(service_->Create(c, "a").status().code(), StatusCode::kInvalidArgument);
}

TEST_P(DeploymentServiceTest, PatchMergesConfigAndMetricsAndSetsDeployedAt) {
  Deployment d = At(S::kDeploying);
  DeploymentPatch p;
  p.status = "active";
  p.health_status = "healthy";
  ConfigInput cfg;
  cfg.traffic_percent = 10;
  p.config = cfg;
  MetricsInput m;
  m.request_count = 200;
  m.error_count = 5;
  m.latency_p50_ms = 3;
  m.latency_p95_ms = 8;
  m.latency_p99_ms = 12;
  p.metrics = m;
  auto u = service_->Update(d.id, p, d.revision, "ops");
  ASSERT_OK(u);
  EXPECT_EQ(u->status, S::kActive);
  EXPECT_TRUE(u->deployed_at);
  EXPECT_EQ(u->health_status, HealthStatus::kHealthy);
  EXPECT_EQ(u->config.traffic_percent, 10);
  EXPECT_EQ(u->config.replicas, 1);  // kept
  EXPECT_DOUBLE_EQ(u->metrics.error_rate, 0.025);
  EXPECT_EQ(u->updated_by, "ops");
  auto stored = service_->Get(d.id);
  EXPECT_EQ(stored->metrics, u->metrics);
  EXPECT_EQ(stored->config, u->config);
  EXPECT_EQ(stored->deployed_at, u->deployed_at);
}

TEST_P(DeploymentServiceTest, PatchRejectsBadMetricsConfigAndStaleRevision) {
  Deployment d = Create();
  DeploymentPatch p;
  MetricsInput m;
  m.request_count = 1;
  m.error_count = 2;
  m.error_rate = 1.5;
  m.latency_p50_ms = 10;
  m.latency_p95_ms = 5;
  m.requests_per_second = -1;
  p.metrics = m;
  auto r = service_->Update(d.id, p, std::nullopt, "ops");
  ASSERT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_GE(r.status().errors().size(), 4u);
  DeploymentPatch c;
  ConfigInput cfg;
  cfg.replicas = 0;
  c.config = cfg;
  EXPECT_EQ(service_->Update(d.id, c, std::nullopt, "ops").status().code(),
            StatusCode::kInvalidArgument);
  DeploymentPatch h;
  h.health_status = "fine";
  EXPECT_EQ(service_->Update(d.id, h, std::nullopt, "ops").status().code(),
            StatusCode::kInvalidArgument);
  h.health_status = "degraded";
  EXPECT_EQ(service_->Update(d.id, h, 5, "ops").status().code(), StatusCode::kAborted);
  EXPECT_EQ(service_->Get(d.id)->revision, 1);
  EXPECT_EQ(service_->Update(NewUuid(), h, std::nullopt, "ops").status().code(),
            StatusCode::kNotFound);
}

TEST_P(DeploymentServiceTest, TerminalDeploymentsAreReadOnly) {
  Deployment d = At(S::kFailed);
  DeploymentPatch p;
  p.health_status = "healthy";
  EXPECT_EQ(service_->Update(d.id, p, std::nullopt, "ops").status().code(),
            StatusCode::kFailedPrecondition);
  DeploymentPatch same;
  same.status = "failed";  // repeating the status is not a transition
  EXPECT_OK(service_->Update(d.id, same, std::nullopt, "ops"));
}

TEST_P(DeploymentServiceTest, TerminateKeepsHistoryAndIsIdempotent) {
  Deployment d = At(S::kActive);
  auto t = service_->Terminate(d.id, std::nullopt, "ops");
  ASSERT_OK(t);
  EXPECT_EQ(t->status, S::kTerminated);
  auto again = service_->Terminate(d.id, std::nullopt, "ops");
  ASSERT_OK(again);
  EXPECT_EQ(again->revision, t->revision);
  EXPECT_OK(service_->Get(d.id));
  Deployment f = At(S::kFailed);
  EXPECT_EQ(service_->Terminate(f.id, std::nullopt, "ops").status().code(),
            StatusCode::kFailedPrecondition);
  Deployment p = Create();
  EXPECT_EQ(service_->Terminate(p.id, 9, "ops").status().code(), StatusCode::kAborted);
  EXPECT_EQ(service_->Terminate(NewUuid(), std::nullopt, "ops").status().code(),
            StatusCode::kNotFound);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'deployment.terminate'"), 1);
}

TEST_P(DeploymentServiceTest, ListFiltersAndPages) {
  Register("n");
  Promote("n", 1);
  Deployment a = Create("staging");
  Deployment b = Create("development");
  DeploymentCreate c;
  c.model_name = "n";
  c.model_version = 1;
  c.environment = "production";
  ASSERT_OK(service_->Create(c, "a"));
  ASSERT_OK(SetStatus(b.id, S::kValidating));
  DeploymentListRequest all;
  all.limit = 2;
  auto p1 = service_->List(all);
  ASSERT_OK(p1);
  ASSERT_EQ(p1->items.size(), 2u);
  ASSERT_TRUE(p1->next_page_token);
  all.page_token = *p1->next_page_token;
  EXPECT_EQ(service_->List(all)->items.size(), 1u);
  DeploymentListRequest by_model;
  by_model.model_name = "m";
  EXPECT_EQ(service_->List(by_model)->items.size(), 2u);
  DeploymentListRequest by_env;
  by_env.environment = "production";
  EXPECT_EQ(service_->List(by_env)->items.size(), 1u);
  DeploymentListRequest by_status;
  by_status.status = "validating";
  auto v = service_->List(by_status);
  ASSERT_EQ(v->items.size(), 1u);
  EXPECT_EQ(v->items[0].id, b.id);
  by_status.status = "running";
  EXPECT_EQ(service_->List(by_status).status().code(), StatusCode::kInvalidArgument);
  by_env.environment = "prod";
  EXPECT_EQ(service_->List(by_env).status().code(), StatusCode::kInvalidArgument);
  DeploymentListRequest bad;
  bad.page_token = "%%";
  EXPECT_EQ(service_->List(bad).status().code(), StatusCode::kInvalidArgument);
  (void)a;
}

INSTANTIATE_TEST_SUITE_P(Backends, DeploymentServiceTest,
                         ::testing::ValuesIn(storage::testing::TestBackends()),
                         registry::testing::BackendParamName);

}  // namespace
}  // namespace cairn::deployments
