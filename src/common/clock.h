// Clock: where services read the time. The server uses Clock::System(); tests inject a
// testing::FakeClock to get distinct, reproducible timestamps without sleeping.
//
// Implementations are thread-safe (services call Now from worker threads).
#pragma once

#include <cstdint>

namespace cairn {

class Clock {
 public:
  virtual ~Clock() = default;
  // Milliseconds since the Unix epoch, UTC.
  virtual int64_t NowMillis() const = 0;

  // The wall clock. Stateless; lives for the whole program.
  static const Clock& System();
};

}  // namespace cairn
