// Appends audit records inside another domain's write transaction, so that a mutation and its
// audit record commit (or roll back) together. This is the one audit entry point for stores of
// other domains; it knows only the audit_log table.
//
// Thread safety: stateless free functions; the Transaction is used by the calling thread.
#pragma once

#include <string>

#include "audit/types.h"
#include "common/status.h"
#include "storage/sql_database.h"

namespace cairn::audit {

// Inserts `entry` into audit_log using `tx`. The authentication columns come from the entry, or,
// where it leaves them unset, from the calling thread's current principal. Errors: whatever the
// driver returns (Unavailable, Internal).
Status AppendInTx(storage::Transaction& tx, const Entry& entry);

// Appends `entry` in a write transaction of its own: the record of a refusal, whose request
// changed nothing (the refused mutation's transaction rolled back). Errors: Unavailable, Internal.
Status AppendAlone(storage::SqlDatabase& db, const Entry& entry);

// The JSON object text stored in audit_log.summary.
[[nodiscard]] std::string SummaryToJson(const Summary& summary);

}  // namespace cairn::audit
