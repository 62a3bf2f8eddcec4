// ModelReferences: how the drift domain checks that the model, model version and deployment an
// event names exist, inside the transaction that stores the event, without knowing the registry
// or deployment tables. Bound to the registry and deployments services by the composition root
// (drift/registry_model_references.h).
//
// Thread safety: implementations are thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "common/status.h"
#include "storage/sql_database.h"

namespace cairn::drift {

struct ModelReference {
  std::string model_name;
  std::optional<int64_t> model_version;
  std::optional<std::string> deployment_id;
};

class ModelReferences {
 public:
  virtual ~ModelReferences() = default;
  // Runs in `tx`. Errors: NotFound naming the first of the model, the model version and the
  // deployment that does not exist.
  virtual Status Check(storage::Transaction& tx, const ModelReference& ref) = 0;
};

}  // namespace cairn::drift
