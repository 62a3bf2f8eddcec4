// 1-Wasserstein (earth mover's) distance between two one-dimensional empirical distributions.
//
// Definition: W1 = integral over x of |F_R(x) - F_C(x)| dx (scipy sums |F_R(x_k) - F_C(x_k)| *
// (x_{k+1} - x_k) over the pooled sorted values); computed as the equal integral over u in
// (0, 1) of |Q_R(u) - Q_C(u)|, Q the quantile functions (see ecdf.h): the same area, summed in
// the other direction, with non-negative compensated terms.
// Reference: scipy 1.10 `scipy.stats.wasserstein_distance(R, C)` (matched to 1e-9 relative; in
// practice to about 1e-15).
// Ties need no special care (the quantile functions are step functions either way). Empty input or
// NaN/Inf: InvalidArgument. Extreme values: the sum never overflows on the way (values are scaled
// by a power of two when n*m*(max - min) could exceed the double range, which changes nothing
// else). The distance is at most max - min, so it exceeds DBL_MAX only when the pooled values span
// more than DBL_MAX (e.g. -1e308 against +1e308); it is then +inf, and the JSON responses write it
// as null — there is no finite double to report. Complexity: O(n+m) for both entry points (radix
// sort, numeric/sort.h; one merged walk, ecdf.h). Pure; thread-safe; large inputs use one helper
// thread.
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
