// Downsampling of a metric history for charts, keeping the min/max shape.
//
// Points (sorted by step) are split into B = max_points / 4 buckets of (almost) equal point
// count; each bucket contributes its first, minimum, maximum and last point (distinct, in their
// original order). The result therefore never exceeds max_points and always contains the global
// minimum and maximum (each is the minimum/maximum of its bucket), plus the first and last
// points. For max_points 2 or 3 the result is just the global minimum and maximum in order.
// Index buckets (rather than step ranges) keep the bound exact for any step spacing. Minimum and
// maximum are the first occurrences of the extreme values within a bucket.
//
// MinMaxDownsampler is the streaming form: told the length up front and fed the points in order,
// it produces exactly what DownsampleMinMax produces for the same sequence, in O(max_points)
// memory. That is what lets a chart read decode stored blocks one at a time.
//
// Pure code, thread-compatible. O(n).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "tracking/types.h"

namespace cairn::tracking {

// A run of consecutive points of a history (a "chunk", kMetricChunkPoints of a stored block's
// points in step order) summarised by the picks a bucket needs: its first and last point, and
// the first occurrences of its minimum and maximum value with their offsets in the chunk. Only
// chunks without NaN values are summarised (a NaN first point pins a bucket's running minimum,
// which a summary could not reproduce).
struct MetricChunkSummary {
  uint32_t count = 0;
  uint32_t min_offset = 0;
  uint32_t max_offset = 0;
  MetricPoint first, last, min, max;
};

// Summarises `points` (non-empty, no NaN).
[[nodiscard]] MetricChunkSummary SummarizeChunk(std::span<const MetricPoint> points);

// Precondition: max_points >= 2 (validated by the service). Returns all points when they fit.
[[nodiscard]] std::vector<MetricPoint> DownsampleMinMax(std::span<const MetricPoint> points,
                                                        size_t max_points);

class MinMaxDownsampler {
 public:
  // Preconditions: max_points >= 2 and n > max_points (fewer points are returned whole, without
  // a downsampler).
  MinMaxDownsampler(size_t n, size_t max_points);

  void Add(const MetricPoint& p);
  // Adds a chunk's points at once: the chunk joins the bucket its first point falls in, whole
  // (so a bucket can end up to one chunk longer or shorter than with Add). Fed only chunks whose
  // ends fall on bucket boundaries, the result is exactly what Add point by point gives.
  void AddChunk(const MetricChunkSummary& c);
  // Precondition: all n points were added.
  [[nodiscard]] std::vector<MetricPoint> Finish();

 private:
  struct Extreme {
    size_t index = 0;
    MetricPoint point;
  };
  [[nodiscard]] size_t BucketEnd(size_t bucket) const;  // one past its last point's index
  void Advance();  // closes the current bucket when the next point starts a new one
  void Flush();

  size_t n_;
  size_t buckets_;     // 1 in min/max-only mode
  bool min_max_only_;  // max_points 2 or 3
  size_t pos_ = 0;     // index of the next point
  size_t bucket_ = 0;  // current bucket
  size_t bucket_hi_ = 0;
  bool open_ = false;  // the current bucket has points
  Extreme first_, last_, min_, max_;
  std::vector<MetricPoint> out_;
};

}  // namespace cairn::tracking
