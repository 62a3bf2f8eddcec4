// AuditService: reads the audit log (GET /api/v1/audit). Validates list requests; writing is
// done by each domain's store through audit_writer.h, inside the mutation's transaction.
//
// Thread safety: thread-safe (stateless apart from the store, which is thread-safe).
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "audit/audit_store.h"
#include "audit/types.h"
#include "common/status.h"

namespace cairn::audit {

// A list request as received: `resource` is "type" or "type/id" (the id may contain '/').
struct ListRequest {
  std::optional<std::string> resource;
  std::optional<std::string> actor;
  std::optional<int64_t> since;
  std::optional<int64_t> limit;
  std::string page_token;
};

class AuditService {
 public:
  explicit AuditService(std::unique_ptr<AuditStore> store) : store_(std::move(store)) {}

  // Newest first. Errors: InvalidArgument (limit outside 1..1000, malformed resource filter,
  // bad page token); Unavailable, Internal.
  Result<RecordPage> List(const ListRequest& request);

 private:
  std::unique_ptr<AuditStore> store_;
};

}  // namespace cairn::audit
