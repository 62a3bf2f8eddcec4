// The `details` JSON object recorded with a drift event created by a drift computation: the
// column's statistics besides the PSI score (KS or chi-square, JS, Wasserstein, sample sizes,
// missing counts, the dataset ids when known). Pure function, thread-safe.
#pragma once

#include <optional>
#include <string>

#include "drift/types.h"

namespace cairn::drift {

[[nodiscard]] std::string ComputedEventDetails(const ColumnDrift& column,
                                               const std::optional<std::string>& reference_dataset,
                                               const std::optional<std::string>& current_dataset);

}  // namespace cairn::drift
