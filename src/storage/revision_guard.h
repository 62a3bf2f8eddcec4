// The revision-guarded update every mutable resource's store uses (SPEC §1 Concurrency).
//
// A store reads the row (and its revision) in a write transaction, lets the service apply its
// change, then writes with UpdateWithRevision:
//   UPDATE <table> SET <set>, revision = revision + 1 WHERE <where> AND revision = ?
// The revision in the WHERE clause is what makes the read-modify-write safe at READ COMMITTED
// (PostgreSQL): of two writers that read the same revision, the second updates no row and gets
// Aborted — HTTP 412 `revision_mismatch`, the same answer as a stale If-Match — instead of
// silently overwriting the first. Thread-compatible (uses the caller's Transaction).
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "storage/sql_database.h"

namespace cairn::storage {

struct GuardedUpdate {
  std::string_view table;           // e.g. "experiments"
  std::string_view set;             // assignments without revision: "description = ?, tags = ?"
  std::vector<Value> set_values;    // bound to the placeholders of `set`
  std::string_view where;           // the row's key: "name = ?" (may add guards: "AND status = ?")
  std::vector<Value> where_values;  // bound to the placeholders of `where`
  int64_t revision = 0;             // the revision read in this transaction
  std::string_view resource;        // for the message: "experiment 'churn'"
};

// Errors: Aborted (ConcurrentChange) when no row matched — another writer changed or removed the
// row since it was read; the driver's codes (Unavailable, Internal...) otherwise.
[[nodiscard]] Status UpdateWithRevision(Transaction& tx, const GuardedUpdate& update);

// Bumps a row's revision alone (for writes to a resource's child rows — metrics, labels, usage —
// that must serialise with its other writers). Takes the row lock on PostgreSQL.
// Returns false when no row matched `where`.
[[nodiscard]] Result<bool> TouchRevision(Transaction& tx, std::string_view table,
                                         std::string_view where, std::vector<Value> where_values,
                                         std::string_view extra_set = {},
                                         std::vector<Value> extra_values = {});

}  // namespace cairn::storage
