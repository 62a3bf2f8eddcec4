// ModelCatalog: what the evaluation harness needs from the model registry, kept small so the
// registry stays behind its own service. The composition root adapts RegistryService to it.
//
// Thread safety: implementations must be thread-safe (called from request and job threads).
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "common/safe_dir.h"
#include "common/status.h"

namespace cairn::evaluation {

struct ModelRef {
  std::string model_name;
  int64_t version = 0;
  std::string format;  // "xgboost-json" | "onnx" | "other" | "" (no artifact uploaded)
  // The artifact file, opened without following links (null when none).
  std::shared_ptr<const files::UniqueFd> file;
  std::string sha256;  // as recorded by the registry at upload
};

class ModelCatalog {
 public:
  virtual ~ModelCatalog() = default;
  // Errors: NotFound for an unknown model version.
  virtual Result<ModelRef> GetModel(const std::string& model_name, int64_t version) = 0;
  // Ticks the version's `evaluation_passed` checklist item (audited by the registry, with the
  // evaluation run id in the note). Errors: NotFound; whatever the registry returns.
  virtual Status MarkEvaluationPassed(const std::string& model_name, int64_t version,
                                      const std::string& actor, const std::string& run_id) = 0;
};

}  // namespace cairn::evaluation
