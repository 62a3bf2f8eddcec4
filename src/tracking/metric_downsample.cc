#include "tracking/metric_downsample.h"

#include <algorithm>
#include <array>
#include <cassert>

namespace cairn::tracking {
namespace {

// Appends points[idx] for the distinct sorted indices.
template <size_t N>
void AppendDistinct(std::span<const MetricPoint> points, std::array<size_t, N> idx,
                    std::vector<MetricPoint>& out) {
  std::sort(idx.begin(), idx.end());
  for (size_t i = 0; i < N; ++i) {
    if (i > 0 && idx[i] == idx[i - 1]) continue;
    out.push_back(points[idx[i]]);
  }
}

std::pair<size_t, size_t> MinMaxIndex(std::span<const MetricPoint> points, size_t lo, size_t hi) {
  size_t mn = lo, mx = lo;
  for (size_t i = lo + 1; i < hi; ++i) {
    if (points[i].value < points[mn].value) mn = i;
    if (points[i].value > points[mx].value) mx = i;
  }
  return {mn, mx};
}

}  // namespace

std::vector<MetricPoint> DownsampleMinMax(std::span<const MetricPoint> points, size_t max_points) {
  assert(max_points >= 2);  // the service rejects smaller values
  const size_t n = points.size();
  if (n <= max_points) return {points.begin(), points.end()};
  std::vector<MetricPoint> out;
  if (max_points < 4) {
    auto [mn, mx] = MinMaxIndex(points, 0, n);
    AppendDistinct<2>(points, {mn, mx}, out);
    return out;
  }
  const size_t buckets = max_points / 4;
  out.reserve(buckets * 4);
  for (size_t b = 0; b < buckets; ++b) {
    const size_t lo = b * n / buckets;
    const size_t hi = (b + 1) * n / buckets;  // n > 4 * buckets, so hi - lo >= 4
    auto [mn, mx] = MinMaxIndex(points, lo, hi);
    AppendDistinct<4>(points, {lo, mn, mx, hi - 1}, out);
  }
  return out;
}

}  // namespace cairn::tracking
