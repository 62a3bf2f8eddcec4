#include "deployments/types.h"

namespace cairn::deployments {
namespace {

template <typename E, size_t N>
std::optional<E> ParseEnum(std::string_view s, const E (&values)[N]) {
  for (E v : values)
    if (ToString(v) == s) return v;
  return std::nullopt;
}

}  // namespace

std::string_view ToString(DeploymentStatus s) {
  switch (s) {
    case DeploymentStatus::kPending:
      return "pending";
    case DeploymentStatus::kValidating:
      return "validating";
    case DeploymentStatus::kDeploying:
      return "deploying";
    case DeploymentStatus::kActive:
      return "active";
    case DeploymentStatus::kFailed:
      return "failed";
    case DeploymentStatus::kRollback:
      return "rollback";
    case DeploymentStatus::kTerminated:
      return "terminated";
  }
  return "pending";
}

std::string_view ToString(Environment e) {
  switch (e) {
    case Environment::kDevelopment:
      return "development";
    case Environment::kStaging:
      return "staging";
    case Environment::kProduction:
      return "production";
  }
  return "development";
}

std::string_view ToString(HealthStatus h) {
  switch (h) {
    case HealthStatus::kUnknown:
      return "unknown";
    case HealthStatus::kHealthy:
      return "healthy";
    case HealthStatus::kDegraded:
      return "degraded";
    case HealthStatus::kUnhealthy:
      return "unhealthy";
  }
  return "unknown";
}

std::optional<DeploymentStatus> ParseDeploymentStatus(std::string_view s) {
  constexpr DeploymentStatus kAll[] = {DeploymentStatus::kPending,   DeploymentStatus::kValidating,
                                       DeploymentStatus::kDeploying, DeploymentStatus::kActive,
                                       DeploymentStatus::kFailed,    DeploymentStatus::kRollback,
                                       DeploymentStatus::kTerminated};
  return ParseEnum(s, kAll);
}

std::optional<Environment> ParseEnvironment(std::string_view s) {
  constexpr Environment kAll[] = {Environment::kDevelopment, Environment::kStaging,
                                  Environment::kProduction};
  return ParseEnum(s, kAll);
}

std::optional<HealthStatus> ParseHealthStatus(std::string_view s) {
  constexpr HealthStatus kAll[] = {HealthStatus::kUnknown, HealthStatus::kHealthy,
                                   HealthStatus::kDegraded, HealthStatus::kUnhealthy};
  return ParseEnum(s, kAll);
}

}  // namespace cairn::deployments
