// Byte layout of metric_blocks.data: a run's points for one key from one logging request.
//
// Each point is 24 bytes, little-endian: int64 step, int64 timestamp (ms UTC), IEEE-754
// float64 value (bit pattern). Points are stored in logging order; the row's n column is the
// point count and min_step/max_step bound the steps so readers can skip blocks.
// The layout is persisted: never change it in place (add a versioned layout instead).
//
// Pure functions, thread-safe.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "tracking/types.h"

namespace cairn::tracking {

inline constexpr size_t kMetricPointBytes = 24;

[[nodiscard]] std::string EncodeMetricBlock(std::span<const MetricPoint> points);

// Appends the decoded points to `out` (amortised growth: callers that know the total reserve it
// once). Errors: Internal when the size is not a multiple of 24 or does not match `expected_n`
// (corruption).
Status DecodeMetricBlock(std::string_view bytes, int64_t expected_n, std::vector<MetricPoint>& out);

}  // namespace cairn::tracking
