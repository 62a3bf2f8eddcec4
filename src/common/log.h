// Minimal line logger: each call writes one whole line to stderr under a mutex (lines never
// interleave). Thread-safe.
#pragma once

#include <string_view>

namespace cairn::log {

void Info(std::string_view line);
void Error(std::string_view line);
// Disables Info output (tests, benchmarks); errors are always written.
void SetQuiet(bool quiet);

}  // namespace cairn::log
