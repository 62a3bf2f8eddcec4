#include "drift/registry_model_references.h"

namespace cairn::drift {

Status RegistryModelReferences::Check(storage::Transaction& tx, const ModelReference& ref) {
  RETURN_IF_ERROR(registry_.CheckExists(tx, ref.model_name, ref.model_version));
  if (ref.deployment_id) RETURN_IF_ERROR(deployments_.CheckExists(tx, *ref.deployment_id));
  return Status::Ok();
}

}  // namespace cairn::drift
