// What credentials a request presents, read from its headers: `Authorization: Bearer <token>`
// (preferred when present) or the console's `cairn_session` cookie. Shape only — nothing is
// verified here. A repeated Authorization header, another scheme, or two session cookies are
// "malformed" rather than guessed at.
//
// Pure function over header values; thread-safe. The result views the header strings.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cairn::auth {

inline constexpr std::string_view kSessionCookie = "cairn_session";
inline constexpr std::string_view kCsrfCookie = "cairn_csrf";

struct PresentedCredentials {
  enum class Kind { kNone, kBearer, kSession, kMalformed };
  Kind kind = Kind::kNone;
  std::string_view value;  // the token or session secret (kBearer, kSession)
};

// `headers` as the transport gives them: names lower-case.
[[nodiscard]] PresentedCredentials ParseCredentials(
    const std::vector<std::pair<std::string, std::string>>& headers);

}  // namespace cairn::auth
