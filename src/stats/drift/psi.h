// Population Stability Index over reference-quantile bins.
//
// Definition (SPEC §7): B = 10 bins. edges_raw = quantiles of R at k/B, k = 1..B-1, numpy's
// default 'linear' method (h = (n-1)q, i = floor(h), g = h - i, a = R(i), b = R(i+1);
// a + (b-a)g if g < 0.5 else b - (b-a)(1-g)); edges = sorted unique edges_raw, so there are
// len(edges)+1 bins (-inf,e1], (e1,e2], ..., (e_last,+inf) — bin of x = number of edges < x
// (numpy.searchsorted side='left'). r_i = count_R_i/n, c_i = count_C_i/m, floored at 1e-4
// without renormalising; PSI = sum (c_i' - r_i') ln(c_i'/r_i') (summed in numpy's order).
// Reference: the numpy 1.24 expression above (matched to 1e-9 relative; edges and counts exact).
// Ties/constant R: equal quantiles collapse, e.g. constant R gives one edge and 2 bins.
// Empty bins: the 1e-4 floor keeps every term finite. Empty input or NaN/Inf: InvalidArgument.
// Extreme values: where b - a overflows (a < 0 < b near +-DBL_MAX; numpy gives inf or nan) the
// interpolation is done on a/2 and b/2, so every edge is finite and lies in [a, b]; bins and
// PSI then separate such samples as they do any others.
// Complexity: O(n+m) unsorted (radix sort); O(B log(n+m)) on sorted samples. Pure; thread-safe.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "common/status.h"

namespace cairn::stats {

inline constexpr int kPsiBins = 10;
inline constexpr double kPsiFloor = 1e-4;

struct PsiResult {
  double psi = 0.0;
  std::vector<double> edges_raw;               // B-1 quantiles, possibly repeated
  std::vector<double> edges;                   // unique, ascending
  std::vector<std::int64_t> reference_counts;  // edges.size()+1 bins
  std::vector<std::int64_t> current_counts;
  std::vector<double> reference_proportions;  // unfloored count/n
  std::vector<double> current_proportions;
};

// numpy.quantile(sorted, q) with method 'linear' (finite where numpy overflows, see above).
// Precondition: `sorted` ascending, non-empty.
[[nodiscard]] double QuantileLinear(std::span<const double> sorted, double q);

// sum (c' - r') ln(c'/r') with r' = max(r, floor), c' = max(c, floor). Precondition: equal sizes.
[[nodiscard]] double PsiFromProportions(std::span<const double> reference,
                                        std::span<const double> current, double floor = kPsiFloor);

// Errors: InvalidArgument for an empty sample, a non-finite value, or bins < 2.
[[nodiscard]] Result<PsiResult> ComputePsi(std::span<const double> reference,
                                           std::span<const double> current, int bins = kPsiBins);

// Same on sorted, non-empty, finite samples (checked by the caller); bins >= 2.
[[nodiscard]] PsiResult ComputePsiSorted(std::span<const double> reference_sorted,
                                         std::span<const double> current_sorted,
                                         int bins = kPsiBins);

}  // namespace cairn::stats
