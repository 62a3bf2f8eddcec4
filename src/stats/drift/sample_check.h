// Input validation shared by the drift statistics (internal to src/stats/drift).
#pragma once

#include <cmath>
#include <span>
#include <string>
#include <string_view>

#include "common/status.h"

namespace cairn::stats::internal {

// InvalidArgument when `sample` is empty or holds NaN/Inf; `name` labels the message.
[[nodiscard]] inline Status CheckSample(std::span<const double> sample, std::string_view name) {
  if (sample.empty()) return InvalidArgument(std::string(name) + " sample is empty");
  for (double x : sample) {
    if (!std::isfinite(x)) {
      return InvalidArgument(std::string(name) + " sample holds a non-finite value");
    }
  }
  return Status::Ok();
}

}  // namespace cairn::stats::internal
