// AuditStore: the audit domain's storage contract. Records are append-only.
//
// Thread safety: implementations are thread-safe.
#pragma once

#include "audit/types.h"
#include "common/status.h"

namespace cairn::audit {

class AuditStore {
 public:
  virtual ~AuditStore() = default;

  // Appends one record in its own transaction (for mutations outside any SQL store; stores
  // use AppendInTx). Errors: Unavailable, Internal.
  virtual Status Append(const Entry& entry) = 0;

  // Lists records newest first. Errors: InvalidArgument for a malformed page token;
  // Unavailable, Internal.
  virtual Result<RecordPage> List(const Query& query) = 0;
};

}  // namespace cairn::audit
