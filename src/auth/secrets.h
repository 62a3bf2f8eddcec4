// Secrets for API tokens and sessions: 256 random bits from OpenSSL's CSPRNG, written as
// base64url without padding (43 characters); SHA-256 digests (what the database keeps); and the
// CSRF token derived from a session secret. Pure functions apart from the CSPRNG; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "common/status.h"

namespace cairn::auth {

inline constexpr std::string_view kTokenPrefix = "cairn_";
inline constexpr size_t kSecretBytes = 32;
inline constexpr size_t kSecretChars = 43;  // base64url of 32 bytes, no padding
inline constexpr size_t kTokenLength = kTokenPrefix.size() + kSecretChars;
// How much of a token lists show (the prefix plus four characters of the secret).
inline constexpr size_t kTokenDisplayPrefix = kTokenPrefix.size() + 4;

// base64url (RFC 4648 §5) without padding.
[[nodiscard]] std::string Base64Url(std::string_view bytes);

// 32 random bytes as base64url. Errors: Internal when the CSPRNG fails.
[[nodiscard]] Result<std::string> RandomSecret();
// "cairn_" + RandomSecret().
[[nodiscard]] Result<std::string> NewTokenSecret();

// The raw 32-byte SHA-256 digest (credential cache keys; hex digests: common/sha256.h), and the
// lowercase hex form of bytes.
[[nodiscard]] std::string RawSha256(std::string_view data);
[[nodiscard]] std::string Hex(std::string_view bytes);

// True for a string shaped like a token ("cairn_" + 43 base64url characters) or a session
// secret (43 base64url characters). Shape only: nothing is looked up.
[[nodiscard]] bool LooksLikeToken(std::string_view s);
[[nodiscard]] bool LooksLikeSessionSecret(std::string_view s);

// The double-submit CSRF token of a session: base64url(SHA-256("cairn-csrf\n" + secret)).
// Knowing it does not reveal the session secret.
[[nodiscard]] std::string CsrfTokenFor(std::string_view session_secret);

}  // namespace cairn::auth
