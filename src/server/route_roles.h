// The access table of phase 1 (issue 11): the role every existing route needs, keyed by
// (method, pattern) in one place, applied by the router when routes are registered
// (Router::SetAccessResolver), so the domains' route files stay untouched. Routes that declare
// their own access (the auth domain) do not appear here. A route missing from both is a startup
// failure (App::Create) and a test failure (route_roles_test). Phase 2 moves each entry into
// its domain's Register<X>Routes.
//
// The roles (each includes the ones before):
//   public    health, readiness, metrics, the OpenAPI document, Swagger UI, the console's files
//   viewer    every GET, and POSTs that only read (historical features, model compare, render)
//   editor    writes to tracking, features, datasets, evaluation, drift, registry and
//             deployments; prompt drafts, evaluations, submissions and usage
//   approver  approve/reject/deprecate prompt versions, move prompt labels, and two
//             body-dependent rules checked by the router once the body is read:
//               PATCH .../models/{model_name}/{version} that moves the version to production or
//                 touches the owner_signoff or bias_reviewed checklist items;
//               POST .../deployments with environment production.
//             A body that cannot be parsed as a JSON object needs approver (fail closed).
//   admin     users, tokens of others, settings (the auth domain's own routes)
//
// Thread safety: immutable tables and pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/role.h"
#include "http/access.h"
#include "http/message.h"
#include "http/router.h"

namespace cairn::server {

struct RouteRole {
  http::Method method;
  std::string_view pattern;
  std::optional<Role> role;  // nullopt: public
  http::RoleRefiner refine;  // a body-dependent stricter role, or empty
  std::string_view refine_summary;
  // Registered only in some builds (the web console's file routes): not an error when absent.
  bool optional_route = false;
};

const std::vector<RouteRole>& RouteRoleTable();

// The table's declaration for a route; nullopt when it has none.
std::optional<http::RouteAccess> AccessForRoute(http::Method method, std::string_view pattern);

// Every route's access as JSON, keyed "<method> <OpenAPI path>" (catch-alls without `...`):
// {"role": "viewer"|...|"public", "elevated": "<what needs more>"?, "compute": true?}, sorted.
// The committed copy, scripts/openapi/route-roles.json, is what scripts/gen-openapi.js writes into
// each operation's x-required-role (and x-compute, with its 503); route_roles_test keeps the two
// equal.
std::string AccessTableJson(const http::Router& router);

// The body-dependent rules (exposed for tests).
std::optional<http::RoleRequirement> ModelVersionPatchRole(const http::Request& req);
std::optional<http::RoleRequirement> DeploymentCreateRole(const http::Request& req);
// MLflow's model-versions/transition-stage: approver when `stage` is Production (any case), or
// when the body is not a JSON object (the handler will refuse it; never a weaker rule).
std::optional<http::RoleRequirement> MlflowTransitionRole(const http::Request& req);

}  // namespace cairn::server
