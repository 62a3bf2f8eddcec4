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
//   batch of decoded blocks plus the answer.
// - otherwise (overlapping blocks, e.g. re-logged steps): decodes every overlapping block, sorts
//   stably by step, and downsamples or streams the result — correct, but O(n) memory.
// The result is identical to filtering, stable-sorting and DownsampleMinMax over all points.
//
// Thread safety: a source is used by the thread that received it, during the store call only.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <vector>

#include "common/status.h"
#include "tracking/types.h"

namespace cairn::tracking {

struct MetricBlockInfo {
  int64_t seq = 0;
  int64_t n = 0;
  int64_t min_step = 0;
  int64_t max_step = 0;
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
};

// Receives a history in step order.
class MetricPointSink {
 public:
  virtual ~MetricPointSink() = default;
  // Called once, before any points: how many points follow and whether they are a downsample.
  virtual void Begin(size_t count, bool downsampled) = 0;
  virtual void Append(std::span<const MetricPoint> points) = 0;
};

// Reads the points with step in [min_step, max_step] (see the header comment). max_points, when
// set, is >= 2. Errors: those of the source.
Status ReadMetricHistory(MetricBlockSource& source, int64_t min_step, int64_t max_step,
                         std::optional<size_t> max_points, MetricPointSink& sink);

}  // namespace cairn::tracking
