// SqlDeploymentStore: DeploymentStore over storage::SqlDatabase (table deployments of migration
// 0003_registry; portable SQL, bound parameters only). config and metrics are JSON text.
// Updates are guarded by the revision they read (`... WHERE revision = ?`).
//
// Thread safety: thread-safe (no mutable state; the database is thread-safe).
#pragma once

#include "audit/audit_writer.h"
#include "deployments/deployment_store.h"
#include "storage/sql_database.h"

namespace cairn::deployments {

class SqlDeploymentStore final : public DeploymentStore {
 public:
  // `db` must outlive the store.
  explicit SqlDeploymentStore(storage::SqlDatabase& db) : db_(db) {}

  Status Create(const Deployment& d, const audit::Entry& audit) override;
  Result<Deployment> Get(const std::string& id) override;
  Status CheckExists(storage::Transaction& tx, const std::string& id) override;
  Result<Page<Deployment>> List(const DeploymentQuery& query) override;
  Result<Deployment> Update(const std::string& id, const DeploymentMutator& mutate) override;

  Status AppendAudit(const audit::Entry& entry) override { return audit::AppendAlone(db_, entry); }

 private:
  storage::SqlDatabase& db_;
};

}  // namespace cairn::deployments
