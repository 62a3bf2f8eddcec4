// Deployment types <-> JSON (SPEC §2 "Deployments"). Request parsers are strict: unknown fields
// (also inside config, autoscaling and metrics) and wrong types are InvalidArgument with one
// FieldError each. Times are RFC 3339 strings.
//
// Thread safety: all functions are thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "common/status.h"
#include "deployments/types.h"

namespace cairn::deployments {

Result<DeploymentCreate> ParseDeploymentCreate(std::string_view body);
Result<DeploymentPatch> ParseDeploymentPatch(std::string_view body);

[[nodiscard]] std::string DeploymentToJson(const Deployment& d);
[[nodiscard]] std::string DeploymentPageToJson(const Page<Deployment>& page);

}  // namespace cairn::deployments
