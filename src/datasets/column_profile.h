// Column profiles: the statistics shown for every dataset column (SPEC §3).
//
// - count / missing: present and empty cells.
// - distinct: exact for numeric and bool columns (counted on the sorted values); for strings
//   exact up to kExactDistinctLimit distinct values, then a HyperLogLog estimate (precision 14,
//   ~0.8% standard error) and distinct_exact = false.
// - min/max/mean/std: Welford's online algorithm; std with n - 1 (pandas' describe).
// - quantiles p1..p99: numpy's default "linear" method, exact over the stored values.
// - histogram (int64, float64, timestamp): 20 equal-width bins over [min, max], numpy.histogram
//   semantics (last bin closed; min == max uses [min - 0.5, max + 0.5]).
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
