#include "audit/audit_service.h"

#include <vector>

namespace cairn::audit {

Result<RecordPage> AuditService::List(const ListRequest& request) {
  std::vector<FieldError> errors;
  Query q;
  if (request.limit) {
    if (*request.limit < 1 || *request.limit > kMaxPageSize) {
      errors.push_back({"limit", "must be between 1 and 1000"});
    } else {
      q.limit = static_cast<int>(*request.limit);
    }
  }
  if (request.resource) {
    const std::string& r = *request.resource;
    size_t slash = r.find('/');
    std::string type = r.substr(0, slash);
    if (type.empty()) {
      errors.push_back({"resource", "must be 'type' or 'type/id'"});
    } else {
      q.resource_type = type;
      if (slash != std::string::npos) {
        std::string id = r.substr(slash + 1);
        if (id.empty()) {
          errors.push_back({"resource", "must be 'type' or 'type/id'"});
        } else {
          q.resource_id = std::move(id);
        }
      }
    }
  }
  if (!errors.empty()) {
    std::string msg = "invalid query: " + errors.front().field + " " + errors.front().message;
    return InvalidArgument(std::move(msg), std::move(errors));
  }
  q.actor = request.actor;
  q.since = request.since;
  q.page_token = request.page_token;
  return store_->List(q);
}

}  // namespace cairn::audit
