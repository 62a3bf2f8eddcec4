// Reading one metric key's history from its stored blocks without materialising more than the
// answer needs.
//
// The store hands the blocks that overlap the step range to the reader as a MetricBlockSource
// (their seq, count and step bounds from the block rows; the points are decoded only on request,
// in seq order, a bounded number of blocks at a time). ReadMetricHistory then:
// - checks whether the blocks are "ordered": each block's max_step <= the next one's min_step
//   (known from the rows, without decoding). Then sorting each block by step on its own
//   (stably) and concatenating them in seq order IS the history in step order, ties in logging
//   order. A training loop logging increasing steps always produces ordered blocks.
// - the (at most two) blocks that cross the range's ends are decoded and filtered first, which
//   gives the exact count of points before anything reaches the sink.
// - full read (no max_points, or at most max_points points): streams the points to the sink
//   block by block, after telling it the exact count (so it can size one buffer).
// - chart read: streams the points through MinMaxDownsampler block by block; memory is one
//   batch of decoded blocks plus the answer. When the buckets are long (at least 8 chunks of
//   points each), whole summarised blocks go in as chunk summaries instead of points, so a
//   coarse view of a long history reads about 1/14 of its bytes and touches 1/64 of its points.
//   Each chunk then joins one bucket whole (MinMaxDownsampler::AddChunk).
// - otherwise (overlapping blocks, e.g. re-logged steps): decodes every overlapping block, sorts
//   stably by step, and downsamples or streams the result — correct, but O(n) memory.
// The result is identical to filtering, stable-sorting and DownsampleMinMax over all points,
// except that a chart read from chunk summaries moves bucket ends to chunk ends.
//
// Thread safety: a source is used by the thread that received it, during the store call only.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <vector>

#include "common/status.h"
#include "tracking/types.h"

namespace cairn::tracking {

struct MetricChunkSummary;  // metric_downsample.h (internal)
class MinMaxDownsampler;

struct MetricBlockInfo {
  int64_t seq = 0;
  int64_t n = 0;
  int64_t min_step = 0;
  int64_t max_step = 0;
  bool summarised = false;  // has chunk summaries (metric_block.h), readable by ReadSummaries
};

class MetricBlockSource {
 public:
  virtual ~MetricBlockSource() = default;
  // The blocks overlapping the requested step range, in seq (logging) order.
  virtual const std::vector<MetricBlockInfo>& blocks() const = 0;
  using BlockFn = std::function<Status(size_t index, std::span<const MetricPoint> points)>;
  // Decodes the blocks at these indices of blocks() (strictly increasing) and calls `each` for
  // them in that order; a non-OK result from `each` stops and is returned.
  // Errors: Internal (corrupt block), storage errors.
  virtual Status Read(std::span<const size_t> indices, const BlockFn& each) = 0;
  using SummaryFn = std::function<Status(size_t index, std::span<const MetricChunkSummary> chunks)>;
  // The same for the chunk summaries of summarised blocks (each block's chunks in step order).
  // Errors: Internal (corrupt summary, or a block that has none), storage errors.
  virtual Status ReadSummaries(std::span<const size_t> indices, const SummaryFn& each) = 0;
};

// Receives a history in step order.
class MetricPointSink {
 public:
  virtual ~MetricPointSink() = default;
  // Called once, before any points: how many points follow and whether they are a downsample.
  virtual void Begin(size_t count, bool downsampled) = 0;
  virtual void Append(std::span<const MetricPoint> points) = 0;
};

// The same read, resumable: Start reads what fixes the answer's size (the blocks crossing the
// range's ends; for a chart read or overlapping blocks, everything, keeping only the answer),
// then each Next hands the following whole blocks to the sink — about `point_budget` points,
// at least one block — so a streamed response reads and encodes one piece at a time. The reader
// keeps the source's block list, the (at most two) filtered end blocks and, for a chart read or
// overlapping blocks, the answer; never more of the history.
class MetricHistoryReader {
 public:
  // `source` must outlive the reader. max_points, when set, is >= 2.
  MetricHistoryReader(MetricBlockSource& source, int64_t min_step, int64_t max_step,
                      std::optional<size_t> max_points);
  // Call once, before Next. Errors: those of the source.
  Status Start();
  // Valid after Start: the exact number of points the Next calls hand out, and whether they are
  // a downsample.
  size_t count() const { return count_; }
  bool downsampled() const { return downsampled_; }
  // Appends the next points to `sink` (never calls Begin). Returns whether points remain after
  // this call. Errors: those of the source.
  Result<bool> Next(MetricPointSink& sink, size_t point_budget);

 private:
  Status StartUnordered();
  Status Downsample(MinMaxDownsampler& ds, bool use_summaries);

  MetricBlockSource& source_;
  int64_t lo_;
  int64_t hi_;
  std::optional<size_t> max_points_;
  size_t count_ = 0;
  bool downsampled_ = false;
  // Ordered full read: the next block to hand out, and the filtered, sorted points of the
  // blocks crossing the range's ends (by block index).
  size_t next_block_ = 0;
  std::vector<std::vector<MetricPoint>> partial_;
  std::vector<bool> is_partial_;
  // Chart read or overlapping blocks: the answer, and how much of it went out.
  bool materialised_ = false;
  std::vector<MetricPoint> answer_;
  size_t answer_offset_ = 0;
};

// A MetricHistoryReader that owns its source (one the store opened detached: each Read in its
// own short transaction), for a history that streams out piece by piece.
class MetricHistoryCursor {
 public:
  MetricHistoryCursor(std::unique_ptr<MetricBlockSource> source, int64_t min_step, int64_t max_step,
                      std::optional<size_t> max_points)
      : source_(std::move(source)), reader_(*source_, min_step, max_step, max_points) {}
  MetricHistoryCursor(const MetricHistoryCursor&) = delete;
  MetricHistoryCursor& operator=(const MetricHistoryCursor&) = delete;

  Status Start() { return reader_.Start(); }
  size_t count() const { return reader_.count(); }
  bool downsampled() const { return reader_.downsampled(); }
  Result<bool> Next(MetricPointSink& sink, size_t point_budget) {
    return reader_.Next(sink, point_budget);
  }

 private:
  std::unique_ptr<MetricBlockSource> source_;
  MetricHistoryReader reader_;
};

// Reads the points with step in [min_step, max_step] (see the header comment) in one go:
// Start, Begin, then Next until done. max_points, when set, is >= 2. Errors: those of the
// source.
Status ReadMetricHistory(MetricBlockSource& source, int64_t min_step, int64_t max_step,
                         std::optional<size_t> max_points, MetricPointSink& sink);

}  // namespace cairn::tracking
