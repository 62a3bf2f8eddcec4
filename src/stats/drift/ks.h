// Two-sample Kolmogorov–Smirnov test with the asymptotic (Kolmogorov) p-value.
//
// Definition: D = max over pooled x of |F_R(x) - F_C(x)|, F the empirical CDFs with `<=`;
// scaled statistic t = D * sqrt(n*m/(n+m)); p = Q_KS(t) = P(K > t), K Kolmogorov-distributed.
// Reference: scipy 1.10 `scipy.stats.ks_2samp(R, C).statistic` (bit-identical: each CDF value
// is an integer count divided by the sample size, as scipy computes it) and
// `scipy.stats.kstwobign.sf(t)` (matched to 1e-9 relative; 0 when it underflows).
// Ties: handled exactly (both CDFs step past every copy of a value before comparing).
// Empty input or NaN/Inf: InvalidArgument (callers drop missing values first).
// Algorithm: radix sort of both samples (numeric/sort.h), then one merged walk (ecdf.h) that
// locates the maximum on exact integer numerators and evaluates scipy's double expression there.
// Complexity: O(n+m) time for both entry points (the sort is a radix sort), O(n+m) extra memory
// (the sorted entry point copies its inputs once, to add the walk's sentinels). Pure functions;
// thread-safe; large inputs are sorted and walked on two threads (the caller's and one helper).
#pragma once

#include <cstddef>
#include <span>

#include "common/status.h"

namespace cairn::stats {

struct KsResult {
  double statistic = 0.0;         // D in [0, 1]
  double scaled_statistic = 0.0;  // D * sqrt(n*m/(n+m))
  double p_value = 1.0;
};

// Kolmogorov survival function Q_KS(x) = 2 * sum_{k>=1} (-1)^(k-1) exp(-2 k^2 x^2);
// 1 for x <= 0. For x <= 0.82 it is computed as 1 - CDF with the Jacobi-theta form
// CDF = sqrt(2 pi)/x * sum_{k>=1} exp(-(2k-1)^2 pi^2 / (8 x^2)), which converges fast there.
[[nodiscard]] double KolmogorovSurvival(double x);

// Errors: InvalidArgument when either sample is empty or holds a non-finite value.
[[nodiscard]] Result<KsResult> KsTwoSample(std::span<const double> reference,
                                           std::span<const double> current);

// Same on samples already sorted ascending, non-empty and finite (checked by the caller).
[[nodiscard]] KsResult KsTwoSampleSorted(std::span<const double> reference_sorted,
                                         std::span<const double> current_sorted);

// The scaled statistic and p-value for a statistic D of samples of sizes n and m (both > 0).
[[nodiscard]] KsResult KsFromStatistic(double statistic, std::size_t n, std::size_t m);

}  // namespace cairn::stats
