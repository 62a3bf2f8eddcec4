// HTTP routes of the model registry under /api/v1/ml/lifecycle (SPEC §2). Handlers are short:
// parse, one service call, serialize. Version responses carry `ETag: "<revision>"`; PATCH honours
// If-Match. PUT .../artifact streams the body to a temporary file (query: format, filename).
#pragma once

#include "http/router.h"
#include "registry/registry_service.h"

namespace cairn::registry {

inline constexpr char kLifecyclePrefix[] = "/api/v1/ml/lifecycle";

// `service` must outlive the router.
void RegisterRegistryRoutes(http::Router& router, RegistryService& service);

}  // namespace cairn::registry
