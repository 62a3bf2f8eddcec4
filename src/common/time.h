// Time helpers: int64 milliseconds since the Unix epoch (UTC) and RFC 3339 text with
// milliseconds (`2026-11-26T11:09:59.123Z`). Pure functions, thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace cairn {

int64_t NowMillis();
// Formats as RFC 3339 UTC with exactly three fractional digits.
std::string FormatRfc3339(int64_t millis);
// Parses RFC 3339 / ISO 8601 date-times: `YYYY-MM-DDTHH:MM:SS[.fff...](Z|+HH:MM|-HH:MM)`, also a
// space instead of `T`, and a plain `YYYY-MM-DD` date (midnight UTC). nullopt if malformed.
std::optional<int64_t> ParseRfc3339(std::string_view text);

}  // namespace cairn
