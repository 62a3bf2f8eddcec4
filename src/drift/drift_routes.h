// HTTP routes of drift under /api/v1/ml/lifecycle (SPEC §2): POST/GET /drift-events and
// POST /drift/compute. Handlers are short: parse, one service call, serialize.
#pragma once

#include "drift/drift_service.h"
#include "http/router.h"

namespace cairn::drift {

// `service` must outlive the router.
void RegisterDriftRoutes(http::Router& router, DriftService& service);

}  // namespace cairn::drift
