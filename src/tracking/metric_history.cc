#include "tracking/metric_history.h"

#include <algorithm>

#include "tracking/metric_downsample.h"

namespace cairn::tracking {
namespace {

bool ByStep(const MetricPoint& a, const MetricPoint& b) { return a.step < b.step; }

bool Within(const MetricBlockInfo& b, int64_t lo, int64_t hi) {
  return b.min_step >= lo && b.max_step <= hi;
}

void AppendInRange(std::span<const MetricPoint> points, int64_t lo, int64_t hi,
                   std::vector<MetricPoint>& out) {
  for (const auto& p : points)
    if (p.step >= lo && p.step <= hi) out.push_back(p);
}

// Overlapping blocks: decode everything, then sort.
Status ReadUnordered(MetricBlockSource& source, int64_t lo, int64_t hi,
                     std::optional<size_t> max_points, MetricPointSink& sink) {
  const auto& blocks = source.blocks();
  std::vector<size_t> all(blocks.size());
  size_t total = 0;
  for (size_t i = 0; i < blocks.size(); ++i) {
    all[i] = i;
    total += static_cast<size_t>(std::max<int64_t>(blocks[i].n, 0));
  }
  std::vector<MetricPoint> points;
  points.reserve(total);
  RETURN_IF_ERROR(source.Read(all, [&](size_t, std::span<const MetricPoint> pts) {
    AppendInRange(pts, lo, hi, points);
    return Status::Ok();
  }));
  std::stable_sort(points.begin(), points.end(), ByStep);
  if (max_points && points.size() > *max_points) {
    std::vector<MetricPoint> sampled = DownsampleMinMax(points, *max_points);
    sink.Begin(sampled.size(), true);
    sink.Append(sampled);
    return Status::Ok();
  }
  sink.Begin(points.size(), false);
  sink.Append(points);
  return Status::Ok();
}

}  // namespace

Status ReadMetricHistory(MetricBlockSource& source, int64_t lo, int64_t hi,
                         std::optional<size_t> max_points, MetricPointSink& sink) {
  const auto& blocks = source.blocks();
  const size_t nb = blocks.size();

  bool ordered = true;
  for (size_t i = 0; i < nb && ordered; ++i) {
    if (blocks[i].n <= 0) ordered = false;  // not written by AppendMetrics
    if (i > 0 && blocks[i - 1].max_step > blocks[i].min_step) ordered = false;
  }
  if (!ordered) return ReadUnordered(source, lo, hi, max_points, sink);

  // Blocks that cross the range's ends (at most two: the blocks are ordered) are decoded,
  // filtered and sorted up front, which also gives the exact count.
  std::vector<std::vector<MetricPoint>> partial(nb);
  std::vector<size_t> partial_idx;
  size_t count = 0;
  for (size_t i = 0; i < nb; ++i) {
    if (Within(blocks[i], lo, hi)) {
      count += static_cast<size_t>(blocks[i].n);
    } else {
      partial_idx.push_back(i);
    }
  }
  RETURN_IF_ERROR(source.Read(partial_idx, [&](size_t i, std::span<const MetricPoint> pts) {
    auto& kept = partial[i];
    AppendInRange(pts, lo, hi, kept);
    std::stable_sort(kept.begin(), kept.end(), ByStep);
    count += kept.size();
    return Status::Ok();
  }));
  std::vector<size_t> whole_idx;
  whole_idx.reserve(nb - partial_idx.size());
  for (size_t i = 0; i < nb; ++i)
    if (Within(blocks[i], lo, hi)) whole_idx.push_back(i);

  // Hands every block's points to `emit` in seq order, each block sorted by step.
  auto walk = [&](const auto& emit) -> Status {
    size_t next_partial = 0;
    auto emit_partials_before = [&](size_t limit) {
      while (next_partial < partial_idx.size() && partial_idx[next_partial] < limit) {
        const auto& kept = partial[partial_idx[next_partial++]];
        if (!kept.empty()) emit(std::span<const MetricPoint>(kept));
      }
    };
    std::vector<MetricPoint> sorted;
    RETURN_IF_ERROR(source.Read(whole_idx, [&](size_t i, std::span<const MetricPoint> pts) {
      emit_partials_before(i);
      if (std::is_sorted(pts.begin(), pts.end(), ByStep)) {
        emit(pts);
      } else {
        sorted.assign(pts.begin(), pts.end());
        std::stable_sort(sorted.begin(), sorted.end(), ByStep);
        emit(std::span<const MetricPoint>(sorted));
      }
      return Status::Ok();
    }));
    emit_partials_before(nb);
    return Status::Ok();
  };

  if (!max_points || count <= *max_points) {
    sink.Begin(count, false);
    return walk([&](std::span<const MetricPoint> pts) { sink.Append(pts); });
  }
  MinMaxDownsampler ds(count, *max_points);
  RETURN_IF_ERROR(walk([&](std::span<const MetricPoint> pts) {
    for (const auto& p : pts) ds.Add(p);
  }));
  std::vector<MetricPoint> sampled = ds.Finish();
  sink.Begin(sampled.size(), true);
  sink.Append(sampled);
  return Status::Ok();
}

}  // namespace cairn::tracking
