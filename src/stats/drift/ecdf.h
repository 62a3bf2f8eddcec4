// The two distances between the empirical CDFs of two sorted samples (internal to
// src/stats/drift; ks.h and wasserstein.h document the public contracts).
//
// KS: one merged walk over the data. At every distinct pooled value x (after both CDFs have
// stepped past all copies of x) the walk knows i = #R <= x and j = #C <= x, so
// F_R(x) - F_C(x) = (i*m - j*n) / (n*m) with an exact integer numerator. The maximum is located
// on those integers and D is evaluated as fl(fl(i/n) - fl(j/m)) at the candidates, which is
// scipy's expression, so D is bit-identical to scipy's (every boundary within rounding distance
// of the maximum is a candidate, so ties in the exact value resolve as scipy's max does). The
// walk is branch-free (a branch on which sample comes next would be mispredicted half the time)
// and walks 4 value-aligned segments interleaved per thread.
// Wasserstein: W1 = integral |F_R - F_C| dx = integral over u in (0, 1) of |Q_R(u) - Q_C(u)|,
// Q the quantile functions, which are constant between the breakpoints k/n and l/m: a merge of
// two arithmetic progressions, with no comparison of data at all, and for n == m simply
// sum |r_i - c_i| / n (pairwise sum). Compensated sums otherwise. When n*m*(max - min) could
// overflow a double (values near +-DBL_MAX), the values are scaled by a power of two first and
// the result is scaled back (exact, so results elsewhere are unchanged); W1 itself exceeds
// DBL_MAX only when the samples span more than DBL_MAX, and is then +inf (JSON writes null).
// With `parallel` (and at least 2^17 pooled values), both run in two halves on two threads.
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

// The same for samples without the trailing sentinels (copies them).
[[nodiscard]] EcdfDistances CompareSortedEcdfsCopying(std::span<const double> reference_sorted,
                                                      std::span<const double> current_sorted,
                                                      bool parallel);

}  // namespace cairn::stats::internal
