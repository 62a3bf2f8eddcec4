// Cutting the merged order of two sorted samples into balanced segments that can be walked
// independently (internal to src/stats: the KS/Wasserstein walk and the ROC AUC walk).
//
// A cut never splits a run of equal values, so a walk that only looks at values within its own
// segment (and at the first value after it) sees every tie group whole. Segments are walked
// interleaved: a merge step is a short chain of dependent loads and compares, and walking K
// independent segments in one loop lets the processor overlap K chains.
// Complexity: O(log(n + m)) per cut. Pure; thread-safe.
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <limits>
#include <span>
#include <utility>

namespace cairn::stats::internal {

struct MergePosition {
  std::size_t i = 0;  // values taken from the first sample
  std::size_t j = 0;  // values taken from the second sample
};

// The first d values of the merged order (ties: first sample first) are first[0, i) and
// second[0, d - i).
inline MergePosition CoRank(std::span<const double> first, std::span<const double> second,
                            std::size_t d) {
  std::size_t lo = d > second.size() ? d - second.size() : 0;
  std::size_t hi = std::min(d, first.size());
  while (lo < hi) {
    const std::size_t i = lo + (hi - lo) / 2;
    const std::size_t j = d - i;
    // first[i] precedes second[j - 1] in the merged order: the prefix must take more of first.
    if (i < first.size() && j > 0 && first[i] <= second[j - 1]) {
      lo = i + 1;
    } else {
      hi = i;
    }
  }
  return {lo, d - lo};
}

// A cut near merged position d after which every value is larger than every value before it.
inline MergePosition CutAfterValue(std::span<const double> first, std::span<const double> second,
                                   std::size_t d) {
  if (d == 0) return {};
  if (d >= first.size() + second.size()) return {first.size(), second.size()};
  const MergePosition p = CoRank(first, second, d);
  constexpr double kLowest = -std::numeric_limits<double>::infinity();
  const double v =
      std::max(p.i > 0 ? first[p.i - 1] : kLowest, p.j > 0 ? second[p.j - 1] : kLowest);
  return {
      static_cast<std::size_t>(std::upper_bound(first.begin(), first.end(), v) - first.begin()),
      static_cast<std::size_t>(std::upper_bound(second.begin(), second.end(), v) - second.begin())};
}

// Positions cutting the merged order into `count` segments of about equal size: segment s runs
// from cuts[s] to cuts[s + 1]; cuts[0] = {0, 0}, cuts[count] = {n, m}.
template <std::size_t kCount>
std::array<MergePosition, kCount + 1> CutSegments(std::span<const double> first,
                                                  std::span<const double> second) {
  std::array<MergePosition, kCount + 1> cuts{};
  const std::size_t total = first.size() + second.size();
  for (std::size_t s = 1; s < kCount; ++s)
    cuts[s] = CutAfterValue(first, second, total * s / kCount);
  cuts[kCount] = {first.size(), second.size()};
  return cuts;
}

// Calls step(cursor) cursor.steps times for every cursor (Cursor: `std::size_t steps;`), the K
// cursors interleaved in one unrolled loop on local copies, so that their states can stay in
// registers and their dependency chains overlap.
template <typename Cursor, std::size_t K, typename Step>
void WalkInterleaved(std::array<Cursor, K>& cursors, const Step& step) {
  std::array<Cursor, K> local = cursors;
  std::size_t common = local[0].steps;
  for (const Cursor& c : local) common = std::min(common, c.steps);
  [&]<std::size_t... k>(std::index_sequence<k...>) {
    for (std::size_t s = 0; s < common; ++s) (step(local[k]), ...);
  }
  (std::make_index_sequence<K>{});
  for (Cursor& c : local) {
    for (std::size_t s = common; s < c.steps; ++s) step(c);
  }
  cursors = local;
}

}  // namespace cairn::stats::internal
