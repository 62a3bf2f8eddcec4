// Identity types <-> JSON. Times are RFC 3339; a token's secret appears only in the answer to
// its creation. Parsers reject unknown fields and never echo a password or secret in an error.
#pragma once

#include <string>
#include <string_view>

#include "auth/auth_service.h"
#include "auth/types.h"
#include "common/principal.h"
#include "common/status.h"

namespace cairn::auth {

[[nodiscard]] std::string UserToJson(const User& user);
[[nodiscard]] std::string UserPageToJson(const UserPage& page);
// With `secret` non-empty the object carries "token": the secret (shown once).
[[nodiscard]] std::string TokenToJson(const Token& token, std::string_view secret = {});
[[nodiscard]] std::string TokenPageToJson(const TokenPage& page);
// GET /auth/me and the login answer: the user plus how they are authenticated.
[[nodiscard]] std::string MeToJson(const User& user, const Principal& principal,
                                   std::optional<int64_t> session_expires_at);

// {"name", "display_name"?, "role", "password"}
[[nodiscard]] Result<CreateUserRequest> ParseCreateUser(std::string_view body);
// {"display_name"?, "role"?, "disabled"?}
[[nodiscard]] Result<UserChange> ParseUserChange(std::string_view body);
// {"password"}
[[nodiscard]] Result<std::string> ParseNewPassword(std::string_view body);
// {"current_password", "new_password"}
struct PasswordChange {
  std::string current;
  std::string replacement;
};
[[nodiscard]] Result<PasswordChange> ParsePasswordChange(std::string_view body);
// {"name", "user"?, "role"?, "expires_in"? ("90d", "never"), "expires_at"? (RFC 3339)}
[[nodiscard]] Result<CreateTokenRequest> ParseCreateToken(std::string_view body);
// {"user", "password"}
[[nodiscard]] Result<LoginRequest> ParseLogin(std::string_view body);

}  // namespace cairn::auth
