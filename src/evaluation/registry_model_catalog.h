// RegistryModelCatalog: ModelCatalog over the model registry's service (src/registry), for the
// composition root. GetModel reads the version and, when it has an artifact, the artifact's
// file path; MarkEvaluationPassed ticks the `evaluation_passed` checklist item with the note
// "evaluation run <run_id>". Thread-safe (RegistryService is).
#pragma once

#include "evaluation/model_catalog.h"

namespace cairn::registry {
class RegistryService;
}

namespace cairn::evaluation {

class RegistryModelCatalog : public ModelCatalog {
 public:
  explicit RegistryModelCatalog(registry::RegistryService& registry) : registry_(registry) {}
  Result<ModelRef> GetModel(const std::string& model_name, int64_t version) override;
  Status MarkEvaluationPassed(const std::string& model_name, int64_t version,
                              const std::string& actor, const std::string& run_id) override;

 private:
  registry::RegistryService& registry_;
};

}  // namespace cairn::evaluation
