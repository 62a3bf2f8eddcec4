// Text helpers for terminal output: display width of UTF-8 text, truncation with an ellipsis,
// Unicode sparklines, and compact renderings of numbers, times, sizes and durations.
// Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace cairn::cli {

// Columns the text takes on a terminal: one per code point, two for East Asian wide and
// fullwidth characters, none for combining marks and ANSI colour sequences.
[[nodiscard]] size_t DisplayWidth(std::string_view utf8);

// At most `width` columns; cut text ends with "…". Never splits a UTF-8 sequence.
[[nodiscard]] std::string Truncate(std::string_view utf8, size_t width);

// Newlines, tabs and other control characters become spaces (one table row stays one line).
[[nodiscard]] std::string OneLine(std::string_view s);

// One block character per value ("▁▂▃▄▅▆▇█"), scaled so that `max` is a full block; a value
// above 0 shows at least the lowest block, 0 (or less, or NaN) a space. max <= 0 uses the
// largest value.
[[nodiscard]] std::string Sparkline(std::span<const double> values, double max = 0);

// Shortest form with up to 6 significant digits: 0.912346, 12, 1.5e-07, 123457.
[[nodiscard]] std::string FormatNumber(double v);

// "2026-11-26T11:09:59.123Z" -> "2026-11-26 11:09:59"; anything else is returned unchanged.
[[nodiscard]] std::string FormatTime(std::string_view rfc3339);

// 1536 -> "1.5 KiB".
[[nodiscard]] std::string FormatBytes(uint64_t bytes);

// 83000 ms -> "1m23s"; 450 ms -> "450ms".
[[nodiscard]] std::string FormatDuration(int64_t millis);

}  // namespace cairn::cli
