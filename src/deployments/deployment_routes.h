// HTTP routes of deployments under /api/v1/ml/lifecycle (SPEC §2). Handlers are short: parse,
// one service call, serialize. Responses carry `ETag: "<revision>"`; PATCH and DELETE honour
// If-Match. DELETE answers 200 with the terminated deployment (it is kept for history).
#pragma once

#include "deployments/deployment_service.h"
#include "http/router.h"

namespace cairn::deployments {

// `service` must outlive the router.
void RegisterDeploymentRoutes(http::Router& router, DeploymentService& service);

}  // namespace cairn::deployments
