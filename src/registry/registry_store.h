// RegistryStore: the storage contract of the model registry (registered models with their
// version counter, model versions with metrics/params/tags/checklist/artifact).
//
// Every mutating method runs in ONE write transaction that also appends the audit record(s)
// (audit::AppendInTx). Read-check-write methods take a callback that the store calls inside the
// transaction with the current state; a non-OK result aborts the transaction unchanged, so the
// rules stay in RegistryService while the check and the write stay atomic.
//
// Thread safety: implementations are thread-safe.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "audit/types.h"
#include "common/status.h"
#include "registry/types.h"

namespace cairn::registry {

struct VersionChange {
  ModelVersion updated;               // written guarded by the revision read
  std::optional<audit::Entry> audit;  // nullopt: nothing changed, write nothing
  // Called after the writes, before the commit (e.g. moves an uploaded file into place); an
  // error aborts the transaction.
  std::function<Status()> before_commit;
};
using VersionMutator = std::function<Result<VersionChange>(const ModelVersion& current)>;

class RegistryStore {
 public:
  virtual ~RegistryStore() = default;

  // Allocates the next version number of `v.model_name` (creating the registered model on its
  // first version) and inserts the version, in one transaction: concurrent registrations get
  // distinct consecutive numbers. `v.version` is ignored. Returns the stored version.
  // Errors: Unavailable/Internal from the driver.
  virtual Result<ModelVersion> CreateVersion(const ModelVersion& v, const audit::Entry& audit) = 0;
  // Errors: NotFound.
  virtual Result<ModelVersion> GetVersion(const std::string& model_name, int64_t version) = 0;
  // The model with every version, newest first. Errors: NotFound.
  virtual Result<Model> GetModel(const std::string& model_name) = 0;
  // Newest first (created_at, model_name, version). Errors: InvalidArgument (bad page token).
  virtual Result<Page<ModelVersion>> ListVersions(const VersionQuery& query) = 0;
  // Read-check-write of one version. When the update moves the version INTO production, every
  // other production version of the model is archived in the same transaction (revision + 1,
  // one "model_version.archive" audit record each, by the same actor).
  // Errors: NotFound, the mutator's error, Aborted on a concurrent change.
  virtual Result<ModelVersion> UpdateVersion(const std::string& model_name, int64_t version,
                                             const VersionMutator& mutate) = 0;
};

}  // namespace cairn::registry
