// A Clock for tests: starts at a fixed instant and moves only when told to, or by a fixed step
// on every reading (distinct timestamps without sleeping). Thread-safe.
#pragma once

#include <atomic>
#include <cstdint>

#include "common/clock.h"

namespace cairn::testing {

class FakeClock final : public Clock {
 public:
  // 2026-01-01T00:00:00.000Z
  static constexpr int64_t kDefaultStart = 1767225600000;

  explicit FakeClock(int64_t start = kDefaultStart, int64_t step_per_read = 0)
      : now_(start), step_(step_per_read) {}

  int64_t NowMillis() const override { return now_.fetch_add(step_.load()); }
  void Advance(int64_t millis) { now_ += millis; }
  void Set(int64_t millis) { now_ = millis; }
  // Every later reading advances the clock by `millis` after returning.
  void SetStepPerRead(int64_t millis) { step_ = millis; }

 private:
  mutable std::atomic<int64_t> now_;
  std::atomic<int64_t> step_;
};

}  // namespace cairn::testing
