// UTF-8 validation (RFC 3629): what may be echoed into JSON or stored as text. Pure functions,
// thread-safe.
#pragma once

#include <string_view>

namespace cairn {

// True when `s` is well-formed UTF-8: no stray continuation bytes, no truncated sequences, no
// overlong encodings, no surrogates (U+D800..U+DFFF), nothing above U+10FFFF.
[[nodiscard]] bool IsValidUtf8(std::string_view s);

}  // namespace cairn
