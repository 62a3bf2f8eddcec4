// SqlDriftStore: DriftStore over storage::SqlDatabase (table drift_events of migration
// 0003_registry; portable SQL, bound parameters only).
//
// Thread safety: thread-safe (no mutable state; the database is thread-safe).
#pragma once

#include "drift/drift_store.h"
#include "storage/sql_database.h"

namespace cairn::drift {

class SqlDriftStore final : public DriftStore {
 public:
  // `db` must outlive the store.
  explicit SqlDriftStore(storage::SqlDatabase& db) : db_(db) {}

  Status InsertEvents(const std::vector<DriftEvent>& events,
                      const std::vector<audit::Entry>& audits,
                      const storage::TxStep& check) override;
  Status CheckReferences(const storage::TxStep& check) override;
  Result<Page<DriftEvent>> ListEvents(const DriftEventQuery& query) override;

 private:
  storage::SqlDatabase& db_;
};

}  // namespace cairn::drift
