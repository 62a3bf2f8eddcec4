#include "audit/audit_service.h"

#include <vector>

#include "common/validation.h"

namespace cairn::audit {

Result<RecordPage> AuditService::List(const ListRequest& request) {
  std::vector<FieldError> errors;
  Query q;
  auto limit = PageLimit(request.limit);
  if (limit.ok()) {
    q.limit = *limit;
  } else {
    errors.insert(errors.end(), limit.status().errors().begin(), limit.status().errors().end());
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
  RETURN_IF_ERROR(validation::Invalid(std::move(errors)));
  q.actor = request.actor;
  q.since = request.since;
  q.page_token = request.page_token;
  return store_->List(q);
}

}  // namespace cairn::audit
