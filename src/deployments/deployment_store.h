// DeploymentStore: the storage contract of deployments.
//
// Every mutating method runs in ONE write transaction that also appends its audit record
// (audit::AppendInTx). Update is read-check-write: the store calls the mutator inside the
// transaction with the current state and writes the result guarded by the revision it read, so
// the state machine (in DeploymentService) and the write stay atomic.
//
// Thread safety: implementations are thread-safe.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "audit/types.h"
#include "common/status.h"
#include "deployments/types.h"
#include "storage/sql_database.h"

namespace cairn::deployments {

struct DeploymentChange {
  Deployment updated;
  std::optional<audit::Entry> audit;  // nullopt: nothing changed, write nothing
};
using DeploymentMutator = std::function<Result<DeploymentChange>(const Deployment& current)>;

class DeploymentStore {
 public:
  virtual ~DeploymentStore() = default;
  // Errors: AlreadyExists (id).
  virtual Status Create(const Deployment& d, const audit::Entry& audit) = 0;
  // Errors: NotFound.
  virtual Result<Deployment> Get(const std::string& id) = 0;
  // Reads in `tx` (another domain's transaction) whether the deployment exists (terminated
  // ones do: they are kept for history). Errors: NotFound.
  virtual Status CheckExists(storage::Transaction& tx, const std::string& id) = 0;
  // Newest first (created_at, id). Errors: InvalidArgument (bad page token).
  virtual Result<Page<Deployment>> List(const DeploymentQuery& query) = 0;
  // Errors: NotFound, the mutator's error, Aborted on a concurrent change.
  virtual Result<Deployment> Update(const std::string& id, const DeploymentMutator& mutate) = 0;
  // Appends the audit record of a refused change, in a transaction of its own (the refused
  // change wrote nothing). Errors: Unavailable, Internal.
  virtual Status AppendAudit(const audit::Entry& entry) = 0;
};

}  // namespace cairn::deployments
