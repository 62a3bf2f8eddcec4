#include "tracking/metric_block.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "common/testing/status_matchers.h"

namespace cairn::tracking {
namespace {

TEST(MetricBlock, RoundTripsPointsInOrder) {
  std::vector<MetricPoint> in = {{0, 1000, 0.5},
                                 {-3, -1, -2.25},
                                 {std::numeric_limits<int64_t>::max(), 7, 1e300},
                                 {std::numeric_limits<int64_t>::min(), 0, -0.0}};
  std::string bytes = EncodeMetricBlock(in);
  ASSERT_EQ(bytes.size(), in.size() * kMetricPointBytes);
  std::vector<MetricPoint> out;
  ASSERT_OK(DecodeMetricBlock(bytes, 4, out));
  ASSERT_EQ(out.size(), in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    EXPECT_EQ(out[i].step, in[i].step);
    EXPECT_EQ(out[i].timestamp, in[i].timestamp);
    EXPECT_EQ(std::signbit(out[i].value), std::signbit(in[i].value));
    EXPECT_EQ(out[i].value, in[i].value);
  }
}

TEST(MetricBlock, LayoutIsLittleEndianStepTimestampValue) {
  std::vector<MetricPoint> in = {{1, 2, 1.0}};
  std::string b = EncodeMetricBlock(in);
  ASSERT_EQ(b.size(), 24u);
  EXPECT_EQ(b[0], 1);
  for (int i = 1; i < 8; ++i) EXPECT_EQ(b[i], 0);
  EXPECT_EQ(b[8], 2);
  // 1.0 = 0x3FF0000000000000: the top two bytes come last.
  EXPECT_EQ(static_cast<unsigned char>(b[22]), 0xF0);
  EXPECT_EQ(static_cast<unsigned char>(b[23]), 0x3F);
}

TEST(MetricBlock, DecodeRejectsTruncatedBlock) {
  std::vector<MetricPoint> in = {{1, 2, 3.0}, {4, 5, 6.0}};
  std::string b = EncodeMetricBlock(in);
  std::vector<MetricPoint> out;
  EXPECT_EQ(DecodeMetricBlock(b.substr(0, 30), 2, out).code(), StatusCode::kInternal);
}

TEST(MetricBlock, DecodeRejectsCountMismatch) {
  std::vector<MetricPoint> in = {{1, 2, 3.0}};
  std::vector<MetricPoint> out;
  EXPECT_EQ(DecodeMetricBlock(EncodeMetricBlock(in), 2, out).code(), StatusCode::kInternal);
  EXPECT_TRUE(out.empty());
}

TEST(MetricBlock, DecodingManyBlocksGrowsGeometrically) {
  // Regression: DecodeMetricBlock reserved exactly size() + n per block, so every block
  // reallocated and copied everything decoded so far (quadratic in the number of blocks).
  std::vector<MetricPoint> block(50, MetricPoint{1, 2, 3.0});
  const std::string bytes = EncodeMetricBlock(block);
  std::vector<MetricPoint> out;
  size_t reallocations = 0;
  const MetricPoint* data = nullptr;
  for (int b = 0; b < 4000; ++b) {
    ASSERT_OK(DecodeMetricBlock(bytes, 50, out));
    if (out.data() != data) ++reallocations, data = out.data();
  }
  EXPECT_EQ(out.size(), 200000u);
  EXPECT_LT(reallocations, 40u);
}

TEST(MetricChunkSummaries, RoundTripChunksOfSixtyFourAndAShortLastOne) {
  std::vector<MetricPoint> v;
  for (int64_t i = 0; i < 150; ++i) v.push_back({i, 1000 + i, static_cast<double>((i * 37) % 11)});
  auto bytes = EncodeMetricChunkSummaries(v);
  ASSERT_TRUE(bytes.has_value());
  EXPECT_EQ(bytes->size(), 3 * kMetricChunkSummaryBytes);
  std::vector<MetricChunkSummary> chunks;
  ASSERT_OK(DecodeMetricChunkSummaries(*bytes, 150, chunks));
  ASSERT_EQ(chunks.size(), 3u);
  EXPECT_EQ(chunks[0].count, 64u);
  EXPECT_EQ(chunks[2].count, 22u);
  for (size_t k = 0; k < 3; ++k) {
    const size_t base = k * 64;
    const auto& c = chunks[k];
    EXPECT_EQ(c.first.step, v[base].step);
    EXPECT_EQ(c.last.step, v[base + c.count - 1].step);
    EXPECT_EQ(c.min.step, v[base + c.min_offset].step);
    EXPECT_EQ(c.max.step, v[base + c.max_offset].step);
    EXPECT_EQ(c.last.timestamp, v[base + c.count - 1].timestamp);
    for (size_t i = base; i < base + c.count; ++i) {
      EXPECT_GE(v[i].value, c.min.value);
      EXPECT_LE(v[i].value, c.max.value);
      // First occurrences: nothing before the offset has the extreme value.
      if (i < base + c.min_offset) {
        EXPECT_GT(v[i].value, c.min.value);
      }
      if (i < base + c.max_offset) {
        EXPECT_LT(v[i].value, c.max.value);
      }
    }
  }
}

TEST(MetricChunkSummaries, NaNValuesAreNotSummarised) {
  std::vector<MetricPoint> v(600, MetricPoint{1, 1, 0.5});
  v[599].value = std::nan("");
  EXPECT_FALSE(EncodeMetricChunkSummaries(v).has_value());
}

TEST(MetricChunkSummaries, DecodeRejectsCorruption) {
  std::vector<MetricPoint> v(100, MetricPoint{1, 1, 0.5});
  auto bytes = EncodeMetricChunkSummaries(v);
  ASSERT_TRUE(bytes.has_value());
  std::vector<MetricChunkSummary> out;
  EXPECT_EQ(DecodeMetricChunkSummaries(bytes->substr(1), 100, out).code(), StatusCode::kInternal);
  EXPECT_EQ(DecodeMetricChunkSummaries(*bytes, 101, out).code(), StatusCode::kInternal);
  std::string bad = *bytes;
  bad[4] = 'x';  // min_offset beyond the chunk
  EXPECT_EQ(DecodeMetricChunkSummaries(bad, 100, out).code(), StatusCode::kInternal);
  bad = *bytes;
  bad[0] = bad[1] = bad[2] = bad[3] = '\0';  // an empty chunk
  EXPECT_EQ(DecodeMetricChunkSummaries(bad, 100, out).code(), StatusCode::kInternal);
}

}  // namespace
}  // namespace cairn::tracking
