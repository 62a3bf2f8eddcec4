// GET /api/v1/audit?resource=&actor=&since=&limit=&page_token=
#pragma once

#include "audit/audit_service.h"
#include "http/router.h"

namespace cairn::audit {

// `service` must outlive the router.
void RegisterAuditRoutes(http::Router& router, AuditService& service);

}  // namespace cairn::audit
