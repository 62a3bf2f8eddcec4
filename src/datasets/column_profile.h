// Column profiles: the statistics shown for every dataset column (SPEC §3).
//
// - count / missing: present and empty cells.
// - distinct: exact for numeric and bool columns (counted on the sorted values); for strings
//   exact up to kExactDistinctLimit distinct values, then a HyperLogLog estimate (precision 14,
//   ~0.8% standard error) and distinct_exact = false.
// - min/max/mean/std: Welford's online algorithm; std with n - 1 (pandas' describe).
// - quantiles p1..p99: numpy's default "linear" method, exact over the stored values.
// - histogram (int64, float64, timestamp): 20 equal-width bins over [min, max], numpy.histogram
//   semantics (last bin closed; min == max uses [min - 0.5, max + 0.5], or a relative width
//   where |min| >= 2^53 makes that range empty).
// - Extreme values (near +-DBL_MAX, where max - min or a sum of squares overflows): Welford runs
//   on values scaled by a power of two, quantiles and histogram edges interpolate on halves, so
//   mean, quantiles and edges are always finite. std is unset when it exceeds DBL_MAX (e.g. for
//   -DBL_MAX and DBL_MAX, whose std is sqrt(2) * DBL_MAX).
// - top values (bool, string): the 20 most frequent, ties by value; exact while distinct values
//   stay within kExactDistinctLimit, else counted among the first kExactDistinctLimit distinct
//   values seen (top_values_exact = false).
// Memory: one column at a time (8 bytes per present cell for numeric columns).
// Pure functions, thread-safe.
#pragma once

#include <string>

#include "datasets/column_file.h"
#include "datasets/types.h"

namespace cairn::datasets {

inline constexpr size_t kExactDistinctLimit = 100000;

[[nodiscard]] ColumnProfile ComputeProfile(const std::string& name, const TypedColumn& column);

// numpy.quantile(sorted, q) with method="linear". `sorted` must be non-empty and ascending.
[[nodiscard]] double LinearQuantile(const std::vector<double>& sorted, double q);

// numpy.histogram(values, bins) over [lo, hi]; see the file comment for degenerate ranges.
[[nodiscard]] Histogram EqualWidthHistogram(const std::vector<double>& sorted, int bins);

}  // namespace cairn::datasets
