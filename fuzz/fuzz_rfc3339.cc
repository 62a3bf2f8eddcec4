// Fuzzes cairn::ParseRfc3339 on arbitrary bytes. Whatever parses must format back
// (FormatRfc3339) to text that parses to the same instant.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "common/time.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const std::optional<int64_t> ms = cairn::ParseRfc3339(text);
  if (!ms) return 0;
  const std::string formatted = cairn::FormatRfc3339(*ms);
  const std::optional<int64_t> back = cairn::ParseRfc3339(formatted);
  if (!back || *back != *ms) __builtin_trap();
  return 0;
}
