// 1-Wasserstein (earth mover's) distance between two one-dimensional empirical distributions.
//
// Definition: W1 = integral over x of |F_R(x) - F_C(x)| dx, evaluated exactly as
// sum over consecutive pooled sorted values x_k < x_{k+1} of |F_R(x_k) - F_C(x_k)|·(x_{k+1}-x_k).
// Reference: scipy 1.10 `scipy.stats.wasserstein_distance(R, C)` (1e-9 relative; the products are
// the same doubles, the sum is compensated instead of numpy's pairwise order).
// Ties contribute zero-width gaps. Empty input or NaN/Inf: InvalidArgument.
// Complexity: O((n+m) log(n+m)) unsorted, O(n+m) on sorted samples. Pure; thread-safe.
#pragma once

#include <span>

#include "common/status.h"

namespace cairn::stats {

// Errors: InvalidArgument when a sample is empty or holds a non-finite value.
[[nodiscard]] Result<double> WassersteinDistance(std::span<const double> reference,
                                                 std::span<const double> current);

// Same on sorted, non-empty, finite samples (checked by the caller).
[[nodiscard]] double WassersteinDistanceSorted(std::span<const double> reference_sorted,
                                               std::span<const double> current_sorted);

}  // namespace cairn::stats
