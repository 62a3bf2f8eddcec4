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

MinMaxDownsampler::MinMaxDownsampler(size_t n, size_t max_points)
    : n_(n), buckets_(max_points < 4 ? 1 : max_points / 4), min_max_only_(max_points < 4) {
  assert(max_points >= 2 && n > max_points);  // callers return short histories whole
  out_.reserve(min_max_only_ ? 2 : buckets_ * 4);
  bucket_hi_ = BucketEnd(0);
}

size_t MinMaxDownsampler::BucketEnd(size_t bucket) const {
  // (bucket + 1) * n can exceed 64 bits for very long histories; the quotient cannot.
  __extension__ using U128 = unsigned __int128;
  return static_cast<size_t>(static_cast<U128>(bucket + 1) * n_ / buckets_);
}

MetricChunkSummary SummarizeChunk(std::span<const MetricPoint> points) {
  assert(!points.empty());
  MetricChunkSummary c;
  c.count = static_cast<uint32_t>(points.size());
  c.first = c.min = c.max = points.front();
  c.last = points.back();
  for (size_t i = 1; i < points.size(); ++i) {
    if (points[i].value < c.min.value) {
      c.min = points[i];
      c.min_offset = static_cast<uint32_t>(i);
    }
    if (points[i].value > c.max.value) {
      c.max = points[i];
      c.max_offset = static_cast<uint32_t>(i);
    }
  }
  return c;
}

void MinMaxDownsampler::Advance() {
  if (pos_ < bucket_hi_) return;
  Flush();
  // A chunk longer than a bucket can pass several bucket ends at once.
  do {
    ++bucket_;
    bucket_hi_ = BucketEnd(bucket_);
  } while (bucket_hi_ <= pos_);
}

void MinMaxDownsampler::AddChunk(const MetricChunkSummary& c) {
  assert(c.count > 0 && pos_ + c.count <= n_);
  Advance();
  const Extreme first{pos_, c.first};
  const Extreme mn{pos_ + c.min_offset, c.min};
  const Extreme mx{pos_ + c.max_offset, c.max};
  if (!open_) {
    first_ = first;
    min_ = mn;
    max_ = mx;
    open_ = true;
  } else {
    // The same strict comparisons as Add: the first occurrence of an extreme wins.
    if (c.min.value < min_.point.value) min_ = mn;
    if (c.max.value > max_.point.value) max_ = mx;
  }
  last_ = Extreme{pos_ + c.count - 1, c.last};
  pos_ += c.count;
}

void MinMaxDownsampler::Add(const MetricPoint& p) {
  Advance();
  const Extreme e{pos_, p};
  if (!open_) {
    first_ = min_ = max_ = e;
    open_ = true;
  } else {
    if (p.value < min_.point.value) min_ = e;
    if (p.value > max_.point.value) max_ = e;
  }
  last_ = e;
  ++pos_;
}

void MinMaxDownsampler::Flush() {
  if (!open_) return;
  open_ = false;
  std::array<Extreme, 4> picks = {first_, min_, max_, last_};
  size_t k = 4;
  if (min_max_only_) {
    picks[0] = min_;
    picks[1] = max_;
    k = 2;
  }
  // Insertion sort by index (at most four picks; std::sort here trips GCC's -Warray-bounds).
  for (size_t i = 1; i < k; ++i)
    for (size_t j = i; j > 0 && picks[j].index < picks[j - 1].index; --j)
      std::swap(picks[j], picks[j - 1]);
  for (size_t i = 0; i < k; ++i) {
    if (i > 0 && picks[i].index == picks[i - 1].index) continue;
    out_.push_back(picks[i].point);
  }
}

std::vector<MetricPoint> MinMaxDownsampler::Finish() {
  assert(pos_ == n_);
  Flush();
  return std::move(out_);
}

}  // namespace cairn::tracking
