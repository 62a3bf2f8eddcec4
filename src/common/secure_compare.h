// Comparison of secrets (token digests, CSRF tokens) in time that does not depend on where the
// inputs differ. Pure function; thread-safe.
#pragma once

#include <string_view>

namespace cairn {

// True when `a` and `b` are equal. Lengths are compared first (they are not secret); equal-length
// contents are compared with OpenSSL's CRYPTO_memcmp.
[[nodiscard]] bool ConstantTimeEquals(std::string_view a, std::string_view b);

}  // namespace cairn
