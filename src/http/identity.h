// Who is calling: the actor recorded in created_by/updated_by and the audit log.
//
// The router authenticates every request (http/access.h) and attaches the principal to it;
// ActorFor returns that principal's name. With authentication off (the local default, SPEC §1)
// the principal is the `X-Cairn-User` header, normalised (common/identity.h), or "anonymous"
// when it is absent; an invalid value or a repeated header is a 400, never silently anonymous.
// With authentication required the header is ignored entirely.
//
// Pure functions, thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "common/status.h"
#include "http/message.h"

namespace cairn::http {

inline constexpr std::string_view kAnonymousActor = "anonymous";
inline constexpr std::string_view kIdentityHeader = "x-cairn-user";

// True for a name common/identity.h accepts (exactly, without trimming).
[[nodiscard]] bool IsValidActor(std::string_view name);

// The normalised X-Cairn-User identity, or "anonymous" when the header is absent.
// Errors: InvalidArgument (field X-Cairn-User) for a repeated header or an invalid value.
[[nodiscard]] Result<std::string> HeaderIdentity(const Request& req);

// The authenticated principal's name. For a request that did not pass through the router (a
// handler called directly), the header identity, or "anonymous" when it is invalid.
[[nodiscard]] std::string ActorFor(const Request& req);

}  // namespace cairn::http
