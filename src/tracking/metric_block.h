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
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "tracking/metric_downsample.h"
#include "tracking/types.h"

namespace cairn::tracking {

inline constexpr size_t kMetricPointBytes = 24;

[[nodiscard]] std::string EncodeMetricBlock(std::span<const MetricPoint> points);

// `points` in step order, stably: `points` itself when already so, else a sorted copy in
// `scratch` (logging order is step order for a training loop, so the copy is rare).
[[nodiscard]] std::span<const MetricPoint> InStepOrder(std::span<const MetricPoint> points,
                                                       std::vector<MetricPoint>& scratch);

// metric_block_summaries.data: the block's points in step order (stably sorted), cut into
// chunks of kMetricChunkPoints (the last one shorter), each summarised (MetricChunkSummary) in
// 112 bytes, little-endian: uint32 count, min_offset, max_offset, 0, then the first, last,
// minimum and maximum points in the 24-byte point layout. Chart reads downsample a summarised
// block from this instead of decoding its points. Persisted, like the block layout.
inline constexpr size_t kMetricChunkPoints = 64;
inline constexpr size_t kMetricChunkSummaryBytes = 112;
// Blocks of fewer points are not summarised (a summary would save little).
inline constexpr size_t kMinSummarisedBlockPoints = 512;

// The summaries of `sorted` (the block's points in step order), or nullopt when a value is NaN.
[[nodiscard]] std::optional<std::string> EncodeMetricChunkSummaries(
    std::span<const MetricPoint> sorted);

// Appends the decoded summaries to `out`. Errors: Internal when the size is not a multiple of
// 112, a count or offset is out of bounds, or the counts do not add up to `expected_n`
// (corruption).
Status DecodeMetricChunkSummaries(std::string_view bytes, int64_t expected_n,
                                  std::vector<MetricChunkSummary>& out);

// Appends the decoded points to `out` (amortised growth: callers that know the total reserve it
// once). Errors: Internal when the size is not a multiple of 24 or does not match `expected_n`
// (corruption).
Status DecodeMetricBlock(std::string_view bytes, int64_t expected_n, std::vector<MetricPoint>& out);

}  // namespace cairn::tracking
