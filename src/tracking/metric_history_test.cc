#include "tracking/metric_history.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <random>

#include "common/testing/status_matchers.h"
#include "tracking/metric_block.h"
#include "tracking/metric_downsample.h"

namespace cairn::tracking {
namespace {

// Blocks in memory, counting how many points were decoded.
class FakeSource final : public MetricBlockSource {
 public:
  FakeSource(std::vector<std::vector<MetricPoint>> blocks, int64_t lo, int64_t hi) {
    int64_t seq = 0;
    for (auto& b : blocks) {
      ++seq;
      if (b.empty()) continue;
      int64_t mn = b.front().step, mx = mn;
      for (const auto& p : b) mn = std::min(mn, p.step), mx = std::max(mx, p.step);
      if (mx < lo || mn > hi) continue;
      info_.push_back(MetricBlockInfo{seq, static_cast<int64_t>(b.size()), mn, mx});
      points_.push_back(std::move(b));
    }
  }
  const std::vector<MetricBlockInfo>& blocks() const override { return info_; }
  Status Read(std::span<const size_t> indices, const BlockFn& each) override {
    for (size_t k = 0; k < indices.size(); ++k) {
      EXPECT_TRUE(k == 0 || indices[k] > indices[k - 1]);
      decoded += points_[indices[k]].size();
      ++reads[indices[k]];
      RETURN_IF_ERROR(each(indices[k], points_[indices[k]]));
    }
    return Status::Ok();
  }
  size_t decoded = 0;
  std::map<size_t, int> reads;  // block index -> times decoded

 private:
  std::vector<MetricBlockInfo> info_;
  std::vector<std::vector<MetricPoint>> points_;
};

struct Collect final : MetricPointSink {
  void Begin(size_t count, bool ds) override {
    begun = count;
    downsampled = ds;
  }
  void Append(std::span<const MetricPoint> p) override {
    points.insert(points.end(), p.begin(), p.end());
  }
  size_t begun = 0;
  bool downsampled = false;
  std::vector<MetricPoint> points;
};

// What the history must be: filter, stable sort by step, downsample.
std::vector<MetricPoint> Expected(const std::vector<std::vector<MetricPoint>>& blocks, int64_t lo,
                                  int64_t hi, std::optional<size_t> max_points) {
  std::vector<MetricPoint> all;
  for (const auto& b : blocks)
    for (const auto& p : b)
      if (p.step >= lo && p.step <= hi) all.push_back(p);
  std::stable_sort(all.begin(), all.end(),
                   [](const MetricPoint& a, const MetricPoint& b) { return a.step < b.step; });
  if (max_points && all.size() > *max_points) return DownsampleMinMax(all, *max_points);
  return all;
}

bool Same(const std::vector<MetricPoint>& a, const std::vector<MetricPoint>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (a[i].step != b[i].step || a[i].timestamp != b[i].timestamp || a[i].value != b[i].value)
      return false;
  return true;
}

// Consecutive steps logged in batches of random sizes, values from a few levels (ties).
std::vector<std::vector<MetricPoint>> Logged(std::mt19937& rng, size_t batches, size_t max_batch,
                                             bool shuffle_steps) {
  std::vector<std::vector<MetricPoint>> out;
  int64_t step = 0, ts = 0;
  std::uniform_int_distribution<size_t> size(1, max_batch);
  std::uniform_int_distribution<int> level(0, 9);
  for (size_t b = 0; b < batches; ++b) {
    std::vector<MetricPoint> block;
    const size_t n = size(rng);
    for (size_t i = 0; i < n; ++i) {
      // Repeated steps now and then (a re-logged step keeps logging order among ties).
      if (rng() % 5 != 0) ++step;
      block.push_back({step, ++ts, static_cast<double>(level(rng))});
    }
    if (shuffle_steps && rng() % 3 == 0) std::shuffle(block.begin(), block.end(), rng);
    out.push_back(std::move(block));
  }
  if (shuffle_steps) std::shuffle(out.begin(), out.end(), rng);
  return out;
}

TEST(ReadMetricHistory, MatchesSortAndDownsampleOnRandomLayouts) {
  std::mt19937 rng(42);
  for (int trial = 0; trial < 300; ++trial) {
    const bool unordered = trial % 4 == 3;
    auto blocks = Logged(rng, 1 + rng() % 40, 1 + rng() % 30, unordered);
    const int64_t total_steps = [&] {
      int64_t m = 0;
      for (auto& b : blocks)
        for (auto& p : b) m = std::max(m, p.step);
      return m;
    }();
    int64_t lo = INT64_MIN, hi = INT64_MAX;
    if (trial % 3 == 1) {
      lo = static_cast<int64_t>(rng() % static_cast<uint64_t>(total_steps + 1));
      hi = lo + static_cast<int64_t>(rng() % static_cast<uint64_t>(total_steps + 1));
    }
    for (std::optional<size_t> max_points :
         {std::optional<size_t>{}, std::optional<size_t>{2}, std::optional<size_t>{3},
          std::optional<size_t>{4}, std::optional<size_t>{9}, std::optional<size_t>{40}}) {
      FakeSource src(blocks, lo, hi);
      Collect sink;
      ASSERT_OK(ReadMetricHistory(src, lo, hi, max_points, sink));
      auto want = Expected(blocks, lo, hi, max_points);
      ASSERT_TRUE(Same(sink.points, want))
          << "trial " << trial << " max_points " << max_points.value_or(0) << " got "
          << sink.points.size() << " want " << want.size();
      EXPECT_EQ(sink.begun, want.size());
      const size_t in_range = Expected(blocks, lo, hi, std::nullopt).size();
      EXPECT_EQ(sink.downsampled, max_points.has_value() && in_range > *max_points);
    }
  }
}

// Piece by piece (a streamed response): the pieces concatenate to the one-go answer, each
// Next hands out whole blocks within the budget (or one block), and every block is decoded once.
TEST(MetricHistoryReader, PiecesConcatenateToTheWholeHistory) {
  std::mt19937 rng(7);
  for (int trial = 0; trial < 200; ++trial) {
    const bool unordered = trial % 5 == 4;
    auto blocks = Logged(rng, 1 + rng() % 40, 1 + rng() % 30, unordered);
    int64_t lo = INT64_MIN, hi = INT64_MAX;
    if (trial % 3 == 1) {
      lo = static_cast<int64_t>(rng() % 100);
      hi = lo + static_cast<int64_t>(rng() % 200);
    }
    for (std::optional<size_t> max_points : {std::optional<size_t>{}, std::optional<size_t>{9}}) {
      for (size_t budget : {size_t{1}, size_t{7}, size_t{50}, size_t{100000}}) {
        FakeSource src(blocks, lo, hi);
        MetricHistoryReader reader(src, lo, hi, max_points);
        ASSERT_OK(reader.Start());
        Collect sink;
        size_t pieces = 0;
        while (true) {
          auto more = reader.Next(sink, budget);
          ASSERT_OK(more.status());
          ++pieces;
          ASSERT_LT(pieces, 10000u);
          if (!*more) break;
        }
        auto want = Expected(blocks, lo, hi, max_points);
        ASSERT_TRUE(Same(sink.points, want)) << "trial " << trial << " budget " << budget;
        EXPECT_EQ(reader.count(), want.size());
        for (const auto& [index, times] : src.reads) EXPECT_EQ(times, 1) << index;
      }
    }
  }
}

TEST(ReadMetricHistory, ChartReadOfOrderedBlocksDecodesEachBlockOnce) {
  // 1 000 000 points in 1 000 blocks of 1 000, some of them logged with steps out of order
  // inside the block (still ordered between blocks).
  std::vector<std::vector<MetricPoint>> blocks(1000);
  int64_t step = 0;
  for (auto& b : blocks) {
    for (int i = 0; i < 1000; ++i, ++step) b.push_back({step, step, std::sin(step * 0.001)});
    if (step % 7000 == 0) std::reverse(b.begin(), b.end());
  }
  for (std::optional<size_t> mp : {std::optional<size_t>{1000}, std::optional<size_t>{}}) {
    FakeSource src(blocks, 5, 999'990);
    Collect sink;
    ASSERT_OK(ReadMetricHistory(src, 5, 999'990, mp, sink));
    EXPECT_EQ(sink.downsampled, mp.has_value());
    EXPECT_EQ(src.decoded, 1'000'000u);
    for (const auto& [index, times] : src.reads) EXPECT_EQ(times, 1) << index;
    EXPECT_TRUE(Same(sink.points, Expected(blocks, 5, 999'990, mp)));
  }
}

TEST(ReadMetricHistory, FullReadStreamsBlockByBlockWithTheExactCountFirst) {
  std::vector<std::vector<MetricPoint>> blocks = {{{1, 1, 1.0}, {2, 2, 2.0}},
                                                  {{3, 3, 3.0}, {4, 4, 4.0}, {5, 5, 5.0}}};
  FakeSource src(blocks, 2, 4);
  Collect sink;
  ASSERT_OK(ReadMetricHistory(src, 2, 4, std::nullopt, sink));
  EXPECT_EQ(sink.begun, 3u);
  EXPECT_FALSE(sink.downsampled);
  ASSERT_EQ(sink.points.size(), 3u);
  EXPECT_EQ(sink.points.front().step, 2);
  EXPECT_EQ(sink.points.back().step, 4);
}

TEST(ReadMetricHistory, NoBlocksIsAnEmptyHistory) {
  FakeSource src({}, INT64_MIN, INT64_MAX);
  Collect sink;
  ASSERT_OK(ReadMetricHistory(src, INT64_MIN, INT64_MAX, size_t{10}, sink));
  EXPECT_EQ(sink.begun, 0u);
  EXPECT_TRUE(sink.points.empty());
}

TEST(MinMaxDownsampler, StreamingEqualsBatchPointByPoint) {
  std::mt19937 rng(7);
  for (size_t n : {5u, 17u, 1000u, 4099u}) {
    std::vector<MetricPoint> v;
    for (size_t i = 0; i < n; ++i)
      v.push_back({static_cast<int64_t>(i), 0, static_cast<double>(rng() % 13)});
    for (size_t m : {2u, 3u, 4u, 7u, 64u}) {
      if (n <= m) continue;
      MinMaxDownsampler ds(n, m);
      for (const auto& p : v) ds.Add(p);
      EXPECT_TRUE(Same(ds.Finish(), DownsampleMinMax(v, m))) << n << " " << m;
    }
  }
}

}  // namespace
}  // namespace cairn::tracking
