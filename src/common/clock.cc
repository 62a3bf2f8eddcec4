#include "common/clock.h"

#include "common/time.h"

namespace cairn {
namespace {

class SystemClock final : public Clock {
 public:
  int64_t NowMillis() const override { return ::cairn::NowMillis(); }
};

}  // namespace

const Clock& Clock::System() {
  static const SystemClock kClock;
  return kClock;
}

}  // namespace cairn
