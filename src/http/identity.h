// Who is calling: the actor recorded in created_by/updated_by and the audit log.
//
// With authentication disabled (the local default, SPEC §1) the actor is the `X-Cairn-User`
// header, or "anonymous" when it is absent or invalid (invalid values are not an error: a bad
// header never blocks a request, it just is not trusted as a name). Token authentication will
// replace the body of ActorFor without changing its callers. Pure function, thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "http/message.h"

namespace cairn::http {

inline constexpr std::string_view kAnonymousActor = "anonymous";
inline constexpr size_t kMaxActorLength = 128;

// True for 1..128 printable ASCII characters (0x20..0x7E) without leading/trailing spaces.
[[nodiscard]] bool IsValidActor(std::string_view name);

// The X-Cairn-User header when valid, else "anonymous".
[[nodiscard]] std::string ActorFor(const Request& req);

}  // namespace cairn::http
