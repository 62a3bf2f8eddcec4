#include "auth/duration.h"

#include <charconv>

namespace cairn::auth {

std::optional<int64_t> ParseDuration(std::string_view text) {
  constexpr int64_t kMaxMs = int64_t{100} * 365 * 24 * 3600 * 1000;
  size_t digits = 0;
  while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') ++digits;
  if (digits == 0 || digits > 12) return std::nullopt;
  int64_t n = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + digits, n);
  if (ec != std::errc() || n <= 0) return std::nullopt;
  std::string_view unit = text.substr(digits);
  int64_t scale = 0;
  if (unit == "ms") {
    scale = 1;
  } else if (unit == "s") {
    scale = 1000;
  } else if (unit == "m") {
    scale = 60 * 1000;
  } else if (unit == "h") {
    scale = 3600 * 1000;
  } else if (unit == "d") {
    scale = 24 * 3600 * 1000;
  } else {
    return std::nullopt;
  }
  if (n > kMaxMs / scale) return std::nullopt;
  return n * scale;
}

}  // namespace cairn::auth
