// RegistryModelReferences: ModelReferences bound to the model registry (models and versions)
// and the deployments service, for the composition root. Thread-safe.
#pragma once

#include "deployments/deployment_service.h"
#include "drift/model_references.h"
#include "registry/registry_service.h"

namespace cairn::drift {

class RegistryModelReferences final : public ModelReferences {
 public:
  // Neither is owned; both must outlive this object.
  RegistryModelReferences(registry::RegistryService& registry,
                          deployments::DeploymentService& deployments)
      : registry_(registry), deployments_(deployments) {}
  Status Check(storage::Transaction& tx, const ModelReference& ref) override;

 private:
  registry::RegistryService& registry_;
  deployments::DeploymentService& deployments_;
};

}  // namespace cairn::drift
