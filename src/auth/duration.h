// Durations written as a positive integer and a unit: `90d`, `12h`, `30m`, `45s`, `500ms`.
// Pure function; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace cairn::auth {

// Milliseconds; nullopt for anything else (no unit, zero, negative, overflow past 100 years).
[[nodiscard]] std::optional<int64_t> ParseDuration(std::string_view text);

}  // namespace cairn::auth
