// Deployment domain types (SPEC §2 "Deployments"). Plain structs: no SQL, no JSON, no HTTP.
// Times are int64 milliseconds UTC. Thread-compatible values.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/page.h"

namespace cairn::deployments {

enum class DeploymentStatus {
  kPending,
  kValidating,
  kDeploying,
  kActive,
  kFailed,
  kRollback,
  kTerminated,
};
enum class Environment { kDevelopment, kStaging, kProduction };
enum class HealthStatus { kUnknown, kHealthy, kDegraded, kUnhealthy };

[[nodiscard]] std::string_view ToString(DeploymentStatus s);
[[nodiscard]] std::string_view ToString(Environment e);
[[nodiscard]] std::string_view ToString(HealthStatus h);
[[nodiscard]] std::optional<DeploymentStatus> ParseDeploymentStatus(std::string_view s);
[[nodiscard]] std::optional<Environment> ParseEnvironment(std::string_view s);
[[nodiscard]] std::optional<HealthStatus> ParseHealthStatus(std::string_view s);

struct Autoscaling {
  int64_t min_replicas = 1;
  int64_t max_replicas = 1;
  double target_rps = 0;
  bool operator==(const Autoscaling&) const = default;
};

// EndpointConfig of the original.
struct EndpointConfig {
  int64_t replicas = 1;
  double traffic_percent = 100;
  int64_t timeout_ms = 30000;
  int64_t max_batch_size = 1;
  std::optional<Autoscaling> autoscaling;
  bool operator==(const EndpointConfig&) const = default;
};

// DeploymentMetrics of the original.
struct DeploymentMetrics {
  int64_t request_count = 0;
  int64_t error_count = 0;
  double error_rate = 0;
  double latency_p50_ms = 0;
  double latency_p95_ms = 0;
  double latency_p99_ms = 0;
  double requests_per_second = 0;
  bool operator==(const DeploymentMetrics&) const = default;
};

struct Deployment {
  std::string id;
  std::string model_name;
  int64_t model_version = 0;
  DeploymentStatus status = DeploymentStatus::kPending;
  Environment environment = Environment::kDevelopment;
  std::string endpoint;
  EndpointConfig config;
  HealthStatus health_status = HealthStatus::kUnknown;
  DeploymentMetrics metrics;
  std::string created_by;
  std::string updated_by;
  std::optional<int64_t> deployed_at;  // first time it became active
  int64_t created_at = 0;
  int64_t updated_at = 0;
  int64_t revision = 1;
};

// --- requests (validated by DeploymentService) ---

// Config fields as sent: absent fields take defaults (create) or keep their value (patch).
struct ConfigInput {
  std::optional<int64_t> replicas;
  std::optional<double> traffic_percent;
  std::optional<int64_t> timeout_ms;
  std::optional<int64_t> max_batch_size;
  bool autoscaling_present = false;        // the key was sent (null removes autoscaling)
  std::optional<Autoscaling> autoscaling;  // set when sent as an object
};

struct MetricsInput {
  std::optional<int64_t> request_count;
  std::optional<int64_t> error_count;
  std::optional<double> error_rate;
  std::optional<double> latency_p50_ms;
  std::optional<double> latency_p95_ms;
  std::optional<double> latency_p99_ms;
  std::optional<double> requests_per_second;
};

struct DeploymentCreate {
  std::string model_name;
  int64_t model_version = 0;
  std::string environment;
  std::optional<std::string> endpoint;
  std::optional<ConfigInput> config;
};

struct DeploymentPatch {
  std::optional<std::string> status;
  std::optional<std::string> health_status;
  std::optional<MetricsInput> metrics;
  std::optional<ConfigInput> config;
};

struct DeploymentListRequest {
  std::optional<std::string> model_name;
  std::optional<std::string> environment;
  std::optional<std::string> status;
  std::optional<int64_t> limit;
  std::string page_token;
};

struct DeploymentQuery {
  std::optional<std::string> model_name;
  std::optional<Environment> environment;
  std::optional<DeploymentStatus> status;
  int limit = kDefaultPageSize;
  std::string page_token;
};

}  // namespace cairn::deployments
