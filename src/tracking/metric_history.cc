#include "tracking/metric_history.h"

#include <algorithm>
#include <limits>

#include "tracking/metric_block.h"
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

}  // namespace

MetricHistoryReader::MetricHistoryReader(MetricBlockSource& source, int64_t min_step,
                                         int64_t max_step, std::optional<size_t> max_points)
    : source_(source), lo_(min_step), hi_(max_step), max_points_(max_points) {}

// Overlapping blocks: decode everything, then sort (and downsample).
Status MetricHistoryReader::StartUnordered() {
  const auto& blocks = source_.blocks();
  std::vector<size_t> all(blocks.size());
  size_t total = 0;
  for (size_t i = 0; i < blocks.size(); ++i) {
    all[i] = i;
    total += static_cast<size_t>(std::max<int64_t>(blocks[i].n, 0));
  }
  std::vector<MetricPoint> points;
  points.reserve(total);
  RETURN_IF_ERROR(source_.Read(all, [&](size_t, std::span<const MetricPoint> pts) {
    AppendInRange(pts, lo_, hi_, points);
    return Status::Ok();
  }));
  std::stable_sort(points.begin(), points.end(), ByStep);
  materialised_ = true;
  if (max_points_ && points.size() > *max_points_) {
    answer_ = DownsampleMinMax(points, *max_points_);
    downsampled_ = true;
  } else {
    answer_ = std::move(points);
  }
  count_ = answer_.size();
  return Status::Ok();
}

Status MetricHistoryReader::Start() {
  const auto& blocks = source_.blocks();
  const size_t nb = blocks.size();

  bool ordered = true;
  for (size_t i = 0; i < nb && ordered; ++i) {
    if (blocks[i].n <= 0) ordered = false;  // not written by AppendMetrics
    if (i > 0 && blocks[i - 1].max_step > blocks[i].min_step) ordered = false;
  }
  if (!ordered) return StartUnordered();

  // Blocks that cross the range's ends (at most two: the blocks are ordered) are decoded,
  // filtered and sorted up front, which also gives the exact count.
  partial_.assign(nb, {});
  is_partial_.assign(nb, false);
  std::vector<size_t> partial_idx;
  size_t count = 0;
  for (size_t i = 0; i < nb; ++i) {
    if (Within(blocks[i], lo_, hi_)) {
      count += static_cast<size_t>(blocks[i].n);
    } else {
      partial_idx.push_back(i);
      is_partial_[i] = true;
    }
  }
  RETURN_IF_ERROR(source_.Read(partial_idx, [&](size_t i, std::span<const MetricPoint> pts) {
    auto& kept = partial_[i];
    AppendInRange(pts, lo_, hi_, kept);
    std::stable_sort(kept.begin(), kept.end(), ByStep);
    count += kept.size();
    return Status::Ok();
  }));
  count_ = count;
  if (!max_points_ || count <= *max_points_) return Status::Ok();

  // Chart read: every point goes through the downsampler, block by block; only the answer is
  // kept. With long buckets, summarised blocks go in by their chunk summaries.
  MinMaxDownsampler ds(count, *max_points_);
  const size_t buckets = *max_points_ < 4 ? 1 : *max_points_ / 4;
  RETURN_IF_ERROR(Downsample(ds, /*use_summaries=*/count / buckets >= 8 * kMetricChunkPoints));
  materialised_ = true;
  answer_ = ds.Finish();
  downsampled_ = true;
  count_ = answer_.size();
  return Status::Ok();
}

// Blocks in order: the filtered end blocks and unsummarised blocks point by point (each sorted
// by step); with `use_summaries`, runs of summarised whole blocks chunk by chunk.
Status MetricHistoryReader::Downsample(MinMaxDownsampler& ds, bool use_summaries) {
  const auto& blocks = source_.blocks();
  const size_t nb = blocks.size();
  std::vector<MetricPoint> sorted;
  std::vector<size_t> run;
  size_t i = 0;
  while (i < nb) {
    if (is_partial_[i]) {
      for (const auto& p : partial_[i]) ds.Add(p);
      std::vector<MetricPoint>().swap(partial_[i]);
      ++i;
      continue;
    }
    auto summarised = [&](size_t k) { return use_summaries && blocks[k].summarised; };
    const bool by_chunks = summarised(i);
    run.clear();
    for (; i < nb && !is_partial_[i] && summarised(i) == by_chunks; ++i) run.push_back(i);
    if (by_chunks) {
      RETURN_IF_ERROR(
          source_.ReadSummaries(run, [&](size_t, std::span<const MetricChunkSummary> chunks) {
            for (const auto& c : chunks) ds.AddChunk(c);
            return Status::Ok();
          }));
      continue;
    }
    RETURN_IF_ERROR(source_.Read(run, [&](size_t, std::span<const MetricPoint> pts) {
      for (const auto& p : InStepOrder(pts, sorted)) ds.Add(p);
      return Status::Ok();
    }));
  }
  return Status::Ok();
}

Result<bool> MetricHistoryReader::Next(MetricPointSink& sink, size_t point_budget) {
  point_budget = std::max<size_t>(point_budget, 1);
  if (materialised_) {
    const size_t n = std::min(point_budget, answer_.size() - answer_offset_);
    if (n > 0) sink.Append(std::span<const MetricPoint>(answer_).subspan(answer_offset_, n));
    answer_offset_ += n;
    return answer_offset_ < answer_.size();
  }
  // Ordered blocks: the next run of whole blocks within the budget (at least one block), each
  // sorted by step, the filtered end blocks in their place.
  const auto& blocks = source_.blocks();
  const size_t nb = blocks.size();
  const size_t first = next_block_;
  size_t end = first;
  size_t taken = 0;
  std::vector<size_t> whole;
  while (end < nb && (end == first || taken < point_budget)) {
    const size_t n = is_partial_[end] ? partial_[end].size() : static_cast<size_t>(blocks[end].n);
    if (end > first && taken + n > point_budget) break;
    taken += n;
    if (!is_partial_[end]) whole.push_back(end);
    ++end;
  }
  size_t next_partial = first;
  auto emit_partials_before = [&](size_t limit) {
    for (; next_partial < limit; ++next_partial) {
      if (!is_partial_[next_partial]) continue;
      auto& kept = partial_[next_partial];
      if (!kept.empty()) sink.Append(std::span<const MetricPoint>(kept));
      std::vector<MetricPoint>().swap(kept);
    }
  };
  std::vector<MetricPoint> sorted;
  RETURN_IF_ERROR(source_.Read(whole, [&](size_t i, std::span<const MetricPoint> pts) {
    emit_partials_before(i);
    next_partial = i + 1;
    sink.Append(InStepOrder(pts, sorted));
    return Status::Ok();
  }));
  emit_partials_before(end);
  next_block_ = end;
  return next_block_ < nb;
}

Status ReadMetricHistory(MetricBlockSource& source, int64_t lo, int64_t hi,
                         std::optional<size_t> max_points, MetricPointSink& sink) {
  MetricHistoryReader reader(source, lo, hi, max_points);
  RETURN_IF_ERROR(reader.Start());
  sink.Begin(reader.count(), reader.downsampled());
  while (true) {
    ASSIGN_OR_RETURN(bool more, reader.Next(sink, std::numeric_limits<size_t>::max()));
    if (!more) return Status::Ok();
  }
}

}  // namespace cairn::tracking
