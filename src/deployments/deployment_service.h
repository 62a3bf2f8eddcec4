// DeploymentService: deployment rules (SPEC §2 "Deployments").
//
// Validation and the status machine; no SQL, no HTTP. Decisions:
// - The status machine is the one table kTransitions (deployment_service.cc):
//   pending → validating → deploying → active; pending|validating|deploying → failed;
//   active → rollback → terminated; any non-terminal → terminated. Everything else is
//   FailedPrecondition (409). failed and terminated are terminal. Repeating the current status
//   is a no-op, not a transition.
// - A terminal deployment is read-only: any PATCH that would change it is 409.
// - Creation: the model version must exist (NotFound, through RegistryService); a production
//   deployment needs a version in stage production (409). New deployments start pending with
//   health unknown and zero metrics. The endpoint defaults to
//   /serving/<environment>/<model_name>/<version>; a given one is 1..512 chars, starts with '/',
//   no whitespace or control characters.
// - Config (EndpointConfig): replicas 1..1000 (default 1), traffic_percent 0..100 (100),
//   timeout_ms 1..3600000 (30000), max_batch_size 1..100000 (1), optional autoscaling with
//   1 <= min_replicas <= max_replicas <= 1000 and target_rps > 0, and then
//   min_replicas <= replicas <= max_replicas. PATCH merges the given fields (autoscaling: null
//   removes it) and validates the result.
// - Metrics (DeploymentMetrics): counts >= 0 with error_count <= request_count; error_rate in
//   [0, 1], derived as error_count / request_count when counts are sent without it; latencies
//   >= 0 with p50 <= p95 <= p99; requests_per_second >= 0. PATCH merges the given fields.
// - deployed_at is set the first time the deployment becomes active.
// - DELETE moves to terminated (kept for history); an already terminated deployment is
//   returned unchanged; a failed one is 409.
// - If-Match: when given and different from the current revision, Aborted (412), no change.
// - Registry usage (registry::ModelUsage): a deployment that is not terminal (failed,
//   terminated) holds its model version, and so its model, against deletion and renaming.
//
// Thread safety: thread-safe (the store and the registry service are).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/status.h"
#include "deployments/deployment_store.h"
#include "deployments/types.h"
#include "registry/registry_service.h"

namespace cairn::deployments {

[[nodiscard]] bool IsTerminal(DeploymentStatus s);
// True when the status machine allows from -> to (from != to).
[[nodiscard]] bool IsAllowedTransition(DeploymentStatus from, DeploymentStatus to);

class DeploymentService final : public registry::ModelUsage {
 public:
  // `registry` must outlive the service.
  DeploymentService(std::unique_ptr<DeploymentStore> store, registry::RegistryService& registry,
                    const Clock& clock = Clock::System());

  // Errors: InvalidArgument, NotFound (model version), FailedPrecondition (production
  // deployment of a version not in production).
  Result<Deployment> Create(const DeploymentCreate& request, const std::string& actor);
  // Errors: NotFound.
  Result<Deployment> Get(const std::string& id);
  // In another domain's transaction `tx` (drift events naming a deployment). Errors: NotFound.
  Status CheckExists(storage::Transaction& tx, const std::string& id);
  // Errors: InvalidArgument (filters, limit, page token).
  Result<Page<Deployment>> List(const DeploymentListRequest& request);
  // Errors: InvalidArgument, NotFound, FailedPrecondition (illegal transition, terminal
  // deployment), Aborted (If-Match or concurrent change).
  Result<Deployment> Update(const std::string& id, const DeploymentPatch& patch,
                            std::optional<int64_t> if_match, const std::string& actor);
  // Errors: NotFound, FailedPrecondition (failed deployment), Aborted (If-Match).
  Result<Deployment> Terminate(const std::string& id, std::optional<int64_t> if_match,
                               const std::string& actor);

  // registry::ModelUsage: the deployments (not terminal) of the model, or of one version.
  Result<std::vector<std::string>> UsersOfModel(const std::string& model_name,
                                                std::optional<int64_t> version) override;

 private:
  std::unique_ptr<DeploymentStore> store_;
  registry::RegistryService& registry_;
  const Clock& clock_;
};

}  // namespace cairn::deployments
