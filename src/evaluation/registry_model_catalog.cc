#include "evaluation/registry_model_catalog.h"

#include "registry/registry_service.h"

namespace cairn::evaluation {

Result<ModelRef> RegistryModelCatalog::GetModel(const std::string& model_name, int64_t version) {
  ASSIGN_OR_RETURN(auto v, registry_.GetVersion(model_name, version));
  ModelRef ref;
  ref.model_name = v.model_name;
  ref.version = v.version;
  if (!v.artifact) return ref;  // no artifact uploaded: empty format, no file
  ref.format = std::string(registry::ToString(v.artifact->format));
  ref.sha256 = v.artifact->sha256;
  ASSIGN_OR_RETURN(auto file, registry_.GetArtifactFile(model_name, version));
  ref.file = file.file;
  return ref;
}

Status RegistryModelCatalog::MarkEvaluationPassed(const std::string& model_name, int64_t version,
                                                  const std::string& actor,
                                                  const std::string& run_id) {
  return registry_.TickChecklistItem(model_name, version, "evaluation_passed", actor,
                                     "evaluation run " + run_id);
}

}  // namespace cairn::evaluation
