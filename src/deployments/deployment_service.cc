#include "deployments/deployment_service.h"

#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>

#include "common/identity.h"
#include "common/ids.h"
#include "common/log.h"
#include "common/revision.h"
#include "common/validation.h"
#include "registry/registry_service.h"

namespace cairn::deployments {
namespace {

using S = DeploymentStatus;

struct Transition {
  DeploymentStatus from;
  DeploymentStatus to;
};

// The status machine of SPEC §2, the one place it is written.
constexpr Transition kTransitions[] = {
    {S::kPending, S::kValidating},   {S::kValidating, S::kDeploying},
    {S::kDeploying, S::kActive},     {S::kPending, S::kFailed},
    {S::kValidating, S::kFailed},    {S::kDeploying, S::kFailed},
    {S::kActive, S::kRollback},      {S::kRollback, S::kTerminated},
    {S::kPending, S::kTerminated},   {S::kValidating, S::kTerminated},
    {S::kDeploying, S::kTerminated}, {S::kActive, S::kTerminated},
};

constexpr int64_t kMaxReplicas = 1000;
constexpr int64_t kMaxTimeoutMs = 3600000;
constexpr int64_t kMaxBatchSize = 100000;
constexpr size_t kMaxEndpointLength = 512;
using validation::kNameRule;

Status Check(std::vector<FieldError> errors) { return validation::Invalid(std::move(errors)); }

Status DeploymentNotFound(const std::string& id) {
  return NotFound("deployment '" + id + "' not found");
}

bool ValidEndpoint(const std::string& e) {
  if (e.empty() || e.size() > kMaxEndpointLength || e.front() != '/') return false;
  return std::none_of(e.begin(), e.end(),
                      [](char c) { return static_cast<unsigned char>(c) <= 0x20 || c == 0x7f; });
}

// Applies the sent fields on top of `base` and validates the result.
EndpointConfig MergeConfig(EndpointConfig c, const ConfigInput& in) {
  if (in.replicas) c.replicas = *in.replicas;
  if (in.traffic_percent) c.traffic_percent = *in.traffic_percent;
  if (in.timeout_ms) c.timeout_ms = *in.timeout_ms;
  if (in.max_batch_size) c.max_batch_size = *in.max_batch_size;
  if (in.autoscaling_present) c.autoscaling = in.autoscaling;
  return c;
}

void ValidateConfig(const EndpointConfig& c, std::vector<FieldError>& errors) {
  if (c.replicas < 1 || c.replicas > kMaxReplicas)
    errors.push_back({"config.replicas", "must be between 1 and 1000"});
  if (!(c.traffic_percent >= 0 && c.traffic_percent <= 100))
    errors.push_back({"config.traffic_percent", "must be between 0 and 100"});
  if (c.timeout_ms < 1 || c.timeout_ms > kMaxTimeoutMs)
    errors.push_back({"config.timeout_ms", "must be between 1 and 3600000"});
  if (c.max_batch_size < 1 || c.max_batch_size > kMaxBatchSize)
    errors.push_back({"config.max_batch_size", "must be between 1 and 100000"});
  if (c.autoscaling) {
    const Autoscaling& a = *c.autoscaling;
    if (a.min_replicas < 1 || a.min_replicas > kMaxReplicas)
      errors.push_back({"config.autoscaling.min_replicas", "must be between 1 and 1000"});
    if (a.max_replicas < 1 || a.max_replicas > kMaxReplicas)
      errors.push_back({"config.autoscaling.max_replicas", "must be between 1 and 1000"});
    if (a.min_replicas > a.max_replicas)
      errors.push_back({"config.autoscaling.min_replicas", "must not exceed max_replicas"});
    if (!(a.target_rps > 0))
      errors.push_back({"config.autoscaling.target_rps", "must be greater than 0"});
    if (a.min_replicas <= a.max_replicas &&
        (c.replicas < a.min_replicas || c.replicas > a.max_replicas))
      errors.push_back({"config.replicas",
                        "must be between autoscaling.min_replicas and autoscaling.max_replicas"});
  }
}

DeploymentMetrics MergeMetrics(DeploymentMetrics m, const MetricsInput& in) {
  if (in.request_count) m.request_count = *in.request_count;
  if (in.error_count) m.error_count = *in.error_count;
  if (in.error_rate) {
    m.error_rate = *in.error_rate;
  } else if (in.request_count || in.error_count) {
    m.error_rate = m.request_count > 0
                       ? static_cast<double>(m.error_count) / static_cast<double>(m.request_count)
                       : 0.0;
  }
  if (in.latency_p50_ms) m.latency_p50_ms = *in.latency_p50_ms;
  if (in.latency_p95_ms) m.latency_p95_ms = *in.latency_p95_ms;
  if (in.latency_p99_ms) m.latency_p99_ms = *in.latency_p99_ms;
  if (in.requests_per_second) m.requests_per_second = *in.requests_per_second;
  return m;
}

void ValidateMetrics(const DeploymentMetrics& m, std::vector<FieldError>& errors) {
  if (m.request_count < 0) errors.push_back({"metrics.request_count", "must be >= 0"});
  if (m.error_count < 0) errors.push_back({"metrics.error_count", "must be >= 0"});
  if (m.error_count > m.request_count && m.request_count >= 0)
    errors.push_back({"metrics.error_count", "must not exceed request_count"});
  if (!(m.error_rate >= 0 && m.error_rate <= 1))
    errors.push_back({"metrics.error_rate", "must be between 0 and 1"});
  for (auto [name, v] : {std::pair{"latency_p50_ms", m.latency_p50_ms},
                         std::pair{"latency_p95_ms", m.latency_p95_ms},
                         std::pair{"latency_p99_ms", m.latency_p99_ms},
                         std::pair{"requests_per_second", m.requests_per_second}}) {
    if (!(v >= 0)) errors.push_back({std::string("metrics.") + name, "must be >= 0"});
  }
  if (m.latency_p50_ms > m.latency_p95_ms || m.latency_p95_ms > m.latency_p99_ms)
    errors.push_back({"metrics.latency_p95_ms", "percentiles must satisfy p50 <= p95 <= p99"});
}

}  // namespace

bool IsTerminal(DeploymentStatus s) { return s == S::kFailed || s == S::kTerminated; }

bool IsAllowedTransition(DeploymentStatus from, DeploymentStatus to) {
  return std::any_of(std::begin(kTransitions), std::end(kTransitions),
                     [&](const Transition& t) { return t.from == from && t.to == to; });
}

DeploymentService::DeploymentService(std::unique_ptr<DeploymentStore> store,
                                     registry::RegistryService& registry, const Clock& clock)
    : store_(std::move(store)), registry_(registry), clock_(clock) {}

Result<Deployment> DeploymentService::Create(const DeploymentCreate& req,
                                             const std::string& actor) {
  std::vector<FieldError> errors;
  if (!IsValidName(req.model_name)) errors.push_back({"model_name", kNameRule});
  if (req.model_version < 1) errors.push_back({"model_version", "must be a positive integer"});
  auto env = ParseEnvironment(req.environment);
  if (!env) errors.push_back({"environment", "must be one of development, staging, production"});
  if (req.endpoint && !ValidEndpoint(*req.endpoint))
    errors.push_back({"endpoint",
                      "must be 1-512 characters, start with '/', and contain no "
                      "whitespace or control characters"});
  EndpointConfig config;
  if (req.config) config = MergeConfig(config, *req.config);
  ValidateConfig(config, errors);
  RETURN_IF_ERROR(Check(std::move(errors)));

  ASSIGN_OR_RETURN(registry::ModelVersion mv,
                   registry_.GetVersion(req.model_name, req.model_version));
  if (*env == Environment::kProduction && mv.stage != registry::Stage::kProduction)
    return FailedPrecondition(
        "a production deployment needs a model version in stage "
        "production; model version '" +
        req.model_name + "' " + std::to_string(req.model_version) + " is in stage " +
        std::string(registry::ToString(mv.stage)));
  const int64_t now = clock_.NowMillis();
  // Four-eyes: whoever registered a version does not also deploy it to production.
  if (*env == Environment::kProduction && MaybeSamePerson(actor, mv.created_by)) {
    audit::Entry refusal{now,
                         actor,
                         "deployment.create_refused",
                         "model_version",
                         req.model_name + "/" + std::to_string(req.model_version),
                         {{"environment", std::string("production")},
                          {"rule", std::string("four_eyes")},
                          {"registered_by", mv.created_by}}};
    if (Status st = store_->AppendAudit(refusal); !st.ok()) {
      log::Error("could not audit deployment.create_refused: " +
                 std::string(StatusCodeName(st.code())));
    }
    return PermissionDenied("model version '" + req.model_name + "' " +
                            std::to_string(req.model_version) + " was registered by '" +
                            mv.created_by + "'; someone else must deploy it to production");
  }
  Deployment d;
  d.id = NewUuid();
  d.model_name = req.model_name;
  d.model_version = req.model_version;
  d.status = S::kPending;
  d.environment = *env;
  d.endpoint = req.endpoint.value_or("/serving/" + std::string(ToString(*env)) + "/" +
                                     req.model_name + "/" + std::to_string(req.model_version));
  d.config = config;
  d.health_status = HealthStatus::kUnknown;
  d.created_by = actor;
  d.updated_by = actor;
  d.created_at = now;
  d.updated_at = now;
  d.revision = 1;
  RETURN_IF_ERROR(store_->Create(
      d, audit::Entry{now,
                      actor,
                      "deployment.create",
                      "deployment",
                      d.id,
                      {{"model", d.model_name + "/" + std::to_string(d.model_version)},
                       {"environment", std::string(ToString(d.environment))}}}));
  return d;
}

Status DeploymentService::CheckExists(storage::Transaction& tx, const std::string& id) {
  if (!IsUuid(id)) return DeploymentNotFound(id);
  return store_->CheckExists(tx, id);
}

Result<Deployment> DeploymentService::Get(const std::string& id) {
  if (!IsUuid(id)) return DeploymentNotFound(id);
  return store_->Get(id);
}

Result<Page<Deployment>> DeploymentService::List(const DeploymentListRequest& req) {
  std::vector<FieldError> errors;
  DeploymentQuery q;
  auto limit = PageLimit(req.limit);
  if (limit.ok()) {
    q.limit = *limit;
  } else {
    errors.insert(errors.end(), limit.status().errors().begin(), limit.status().errors().end());
  }
  if (req.model_name && !IsValidName(*req.model_name)) errors.push_back({"model_name", kNameRule});
  if (req.environment) {
    q.environment = ParseEnvironment(*req.environment);
    if (!q.environment)
      errors.push_back({"environment", "must be one of development, staging, production"});
  }
  if (req.status) {
    q.status = ParseDeploymentStatus(*req.status);
    if (!q.status)
      errors.push_back({"status",
                        "must be one of pending, validating, deploying, active, "
                        "failed, rollback, terminated"});
  }
  RETURN_IF_ERROR(Check(std::move(errors)));
  q.model_name = req.model_name;
  q.page_token = req.page_token;
  return store_->List(q);
}

Result<Deployment> DeploymentService::Update(const std::string& id, const DeploymentPatch& patch,
                                             std::optional<int64_t> if_match,
                                             const std::string& actor) {
  std::vector<FieldError> errors;
  std::optional<DeploymentStatus> status;
  std::optional<HealthStatus> health;
  if (patch.status) {
    status = ParseDeploymentStatus(*patch.status);
    if (!status)
      errors.push_back({"status",
                        "must be one of pending, validating, deploying, active, "
                        "failed, rollback, terminated"});
  }
  if (patch.health_status) {
    health = ParseHealthStatus(*patch.health_status);
    if (!health)
      errors.push_back({"health_status", "must be one of unknown, healthy, degraded, unhealthy"});
  }
  RETURN_IF_ERROR(Check(std::move(errors)));
  if (!IsUuid(id)) return DeploymentNotFound(id);

  const int64_t now = clock_.NowMillis();
  auto mutate = [&](const Deployment& cur) -> Result<DeploymentChange> {
    RETURN_IF_ERROR(CheckIfMatch("deployment '" + id + "'", if_match, cur.revision));
    Deployment u = cur;
    std::vector<FieldError> value_errors;
    if (patch.config) {
      u.config = MergeConfig(u.config, *patch.config);
      ValidateConfig(u.config, value_errors);
    }
    if (patch.metrics) {
      u.metrics = MergeMetrics(u.metrics, *patch.metrics);
      ValidateMetrics(u.metrics, value_errors);
    }
    RETURN_IF_ERROR(Check(std::move(value_errors)));
    if (health) u.health_status = *health;
    audit::Summary summary;
    if (status && *status != cur.status) {
      if (!IsAllowedTransition(cur.status, *status))
        return FailedPrecondition("illegal deployment status transition " +
                                  std::string(ToString(cur.status)) + " -> " +
                                  std::string(ToString(*status)));
      u.status = *status;
      summary["from"] = std::string(ToString(cur.status));
      summary["to"] = std::string(ToString(*status));
      if (*status == S::kActive && !u.deployed_at) u.deployed_at = now;
    }
    std::string changed;
    auto note = [&](bool differs, const char* name) {
      if (differs) changed += (changed.empty() ? "" : ",") + std::string(name);
    };
    note(u.status != cur.status, "status");
    note(u.health_status != cur.health_status, "health_status");
    note(!(u.config == cur.config), "config");
    note(!(u.metrics == cur.metrics), "metrics");
    DeploymentChange change;
    if (changed.empty()) {
      change.updated = cur;
      return change;
    }
    if (IsTerminal(cur.status))
      return FailedPrecondition("deployment '" + id + "' is " + std::string(ToString(cur.status)) +
                                " (terminal) and cannot be changed");
    u.updated_by = actor;
    u.updated_at = now;
    u.revision = cur.revision + 1;
    summary["changed"] = changed;
    change.updated = std::move(u);
    change.audit =
        audit::Entry{now, actor, "deployment.update", "deployment", id, std::move(summary)};
    return change;
  };
  return store_->Update(id, mutate);
}

Result<Deployment> DeploymentService::Terminate(const std::string& id,
                                                std::optional<int64_t> if_match,
                                                const std::string& actor) {
  if (!IsUuid(id)) return DeploymentNotFound(id);
  const int64_t now = clock_.NowMillis();
  auto mutate = [&](const Deployment& cur) -> Result<DeploymentChange> {
    RETURN_IF_ERROR(CheckIfMatch("deployment '" + id + "'", if_match, cur.revision));
    DeploymentChange change;
    if (cur.status == S::kTerminated) {
      change.updated = cur;
      return change;
    }
    if (!IsAllowedTransition(cur.status, S::kTerminated))
      return FailedPrecondition("illegal deployment status transition " +
                                std::string(ToString(cur.status)) + " -> terminated");
    Deployment u = cur;
    u.status = S::kTerminated;
    u.updated_by = actor;
    u.updated_at = now;
    u.revision = cur.revision + 1;
    change.updated = std::move(u);
    change.audit = audit::Entry{
        now,
        actor,
        "deployment.terminate",
        "deployment",
        id,
        {{"from", std::string(ToString(cur.status))}, {"to", std::string("terminated")}}};
    return change;
  };
  return store_->Update(id, mutate);
}

Result<std::vector<std::string>> DeploymentService::UsersOfModel(const std::string& model_name,
                                                                 std::optional<int64_t> version) {
  std::vector<std::string> users;
  if (!IsValidName(model_name)) return users;
  DeploymentQuery q;
  q.model_name = model_name;
  q.limit = kMaxPageSize;
  while (true) {
    ASSIGN_OR_RETURN(auto page, store_->List(q));
    for (const Deployment& d : page.items) {
      if (IsTerminal(d.status) || (version && d.model_version != *version)) continue;
      users.push_back("deployment '" + d.id + "' (" + std::string(ToString(d.status)) + ", " +
                      std::string(ToString(d.environment)) + ", version " +
                      std::to_string(d.model_version) + ")");
    }
    if (!page.next_page_token) break;
    q.page_token = *page.next_page_token;
  }
  return users;
}

}  // namespace cairn::deployments
