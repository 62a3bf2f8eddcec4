// One merged walk over two sorted samples that yields both distances between their empirical
// CDFs (internal to src/stats/drift; ks.h and wasserstein.h document the public contracts).
//
// At every distinct pooled value x (after both CDFs have stepped past all copies of x) the walk
// knows i = #R <= x and j = #C <= x, so F_R(x) - F_C(x) = (i*m - j*n) / (n*m) with an exact
// integer numerator:
// - KS: D = max |i/n - j/m|. The maximum is located on the exact integers and D is then
//   evaluated as fl(fl(i/n) - fl(j/m)) at the candidates, which is scipy's expression, so D is
//   bit-identical to scipy's (candidates within rounding distance of the maximum are all
//   evaluated, so ties in the exact value resolve as scipy's max does).
// - Wasserstein: W1 = sum over consecutive distinct values of |i*m - j*n| * (x_next - x) / (n*m),
//   a compensated sum. When the pooled range times n*m could overflow a double (values near
//   ±DBL_MAX), every value is scaled by a power of two first and the sum is scaled back at the
//   end (exact scaling, so results elsewhere are unchanged); W1 itself can exceed DBL_MAX only
//   when the samples span more than DBL_MAX, and is then +inf (the JSON layer writes null).
// Work: the merged order is cut at value boundaries into 4 balanced segments per thread, walked
// interleaved so that the per-step dependency chains overlap; with `parallel`, two threads
// (the caller and one helper) take half each.
// Preconditions: both samples sorted ascending, non-empty, finite.
// Complexity: O(n + m) time, O(1) extra memory. Thread-safe.
#pragma once

#include <span>

namespace cairn::stats::internal {

struct EcdfDistances {
  double ks_statistic = 0.0;
  double wasserstein = 0.0;
};

[[nodiscard]] EcdfDistances CompareSortedEcdfs(std::span<const double> reference_sorted,
                                               std::span<const double> current_sorted,
                                               bool parallel);

}  // namespace cairn::stats::internal
