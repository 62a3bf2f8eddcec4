#include "audit/audit_routes.h"

#include <charconv>
#include <string>
#include <vector>

#include "audit/audit_json.h"
#include "common/time.h"
#include "common/validation.h"
#include "http/route_errors.h"

namespace cairn::audit {
namespace {

Result<ListRequest> ParseListRequest(const http::Request& req) {
  ListRequest lr;
  std::vector<FieldError> errors;
  for (const auto& [k, v] : req.query) {
    if (k == "resource") {
      lr.resource = v;
    } else if (k == "actor") {
      lr.actor = v;
    } else if (k == "since") {
      lr.since = ParseRfc3339(v);
      if (!lr.since) errors.push_back({"since", "must be an RFC 3339 date-time"});
    } else if (k == "limit") {
      int64_t n = 0;
      auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
      if (ec != std::errc() || p != v.data() + v.size()) {
        errors.push_back({"limit", "must be an integer"});
      } else {
        lr.limit = n;
      }
    } else if (k == "page_token") {
      lr.page_token = v;
    }  // other query parameters are ignored (cache busters and the like)
  }
  RETURN_IF_ERROR(validation::Invalid(std::move(errors)));
  return lr;
}

http::Response ListAudit(AuditService& service, const http::Request& req) {
  auto lr = ParseListRequest(req);
  if (!lr.ok()) return http::Fail(lr.status(), req);
  auto page = service.List(*lr);
  if (!page.ok()) return http::Fail(page.status(), req);
  return http::Response::Json(200, RecordPageToJson(*page));
}

}  // namespace

void RegisterAuditRoutes(http::Router& router, AuditService& service) {
  router.Add(http::Method::kGet, "/api/v1/audit",
             [&service](http::Request& req) { return ListAudit(service, req); });
}

}  // namespace cairn::audit
