// SqlAuditStore: AuditStore over storage::SqlDatabase (table audit_log, migration
// 0001_tracking). Page tokens are an opaque keyset on the record id (newest first).
//
// Thread safety: thread-safe (the database is; the store holds no mutable state).
#pragma once

#include "audit/audit_store.h"
#include "storage/sql_database.h"

namespace cairn::audit {

class SqlAuditStore final : public AuditStore {
 public:
  // `db` must outlive the store.
  explicit SqlAuditStore(storage::SqlDatabase& db) : db_(db) {}

  Status Append(const Entry& entry) override;
  Result<RecordPage> List(const Query& query) override;

 private:
  storage::SqlDatabase& db_;
};

}  // namespace cairn::audit
