// The stored `details` JSON object of a drift event created by a drift computation: the
// column's statistics besides the PSI score (KS or chi-square, JS, Wasserstein, sample sizes,
// missing counts, the dataset ids when known). A codec of the store; pure function, thread-safe.
#pragma once

#include <optional>
#include <string>

#include "drift/types.h"

namespace cairn::drift {

[[nodiscard]] std::string ComputedEventDetails(const ComputedDetails& details);

}  // namespace cairn::drift
