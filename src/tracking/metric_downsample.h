// Downsampling of a metric history for charts, keeping the min/max shape.
//
// Points (sorted by step) are split into B = max_points / 4 buckets of (almost) equal point
// count; each bucket contributes its first, minimum, maximum and last point (distinct, in their
// original order). The result therefore never exceeds max_points and always contains the global
// minimum and maximum (each is the minimum/maximum of its bucket), plus the first and last
// points. For max_points 2 or 3 the result is just the global minimum and maximum in order.
// Index buckets (rather than step ranges) keep the bound exact for any step spacing.
//
// Pure function, thread-safe. O(n).
#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include "tracking/types.h"

namespace cairn::tracking {

// Precondition: max_points >= 2 (validated by the service). Returns all points when they fit.
[[nodiscard]] std::vector<MetricPoint> DownsampleMinMax(std::span<const MetricPoint> points,
                                                        size_t max_points);

}  // namespace cairn::tracking
