// Minimal line logger: each call writes one whole line to stderr under a mutex (lines never
// interleave). Thread-safe.
//
// Request context: while a ScopedRequestId is alive on a thread, every line that thread writes
// carries `request_id=<id>` right after the level, so a driver or a service can log what went
// wrong without knowing which request it serves. The HTTP layer sets it around each handler
// call and clears it afterwards; work handed to another thread does not inherit it.
#pragma once

#include <string>
#include <string_view>

namespace cairn::log {

void Info(std::string_view line);
void Error(std::string_view line);
// Disables Info output (tests, benchmarks); errors are always written.
void SetQuiet(bool quiet);

// The request id of the calling thread's current context ("" outside any request).
[[nodiscard]] std::string_view CurrentRequestId();

// Sets the calling thread's request id for its lifetime and restores the previous one after
// (contexts nest). Not copyable or movable: it is a scope.
class ScopedRequestId {
 public:
  explicit ScopedRequestId(std::string_view request_id);
  ~ScopedRequestId();
  ScopedRequestId(const ScopedRequestId&) = delete;
  ScopedRequestId& operator=(const ScopedRequestId&) = delete;

 private:
  std::string previous_;
};

}  // namespace cairn::log
