// HTTP routes of experiment tracking under /api/v1/ml/lifecycle (SPEC §2). Handlers are short:
// parse, one service call, serialize. GET /runs/{run_id} serves a RunResponseCache entry after
// a revision check (see run_response_cache.h); responses carry `ETag: "<revision>"`.
#pragma once

#include "http/router.h"
#include "tracking/tracking_service.h"

namespace cairn::tracking {

inline constexpr char kLifecyclePrefix[] = "/api/v1/ml/lifecycle";

// `service` must outlive the router.
void RegisterTrackingRoutes(http::Router& router, TrackingService& service);

}  // namespace cairn::tracking
