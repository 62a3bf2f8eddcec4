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

bool ByStep(const MetricPoint& a, const MetricPoint& b) { return a.step < b.step; }

// Blocks in memory, counting how many points were decoded. `summarise`: blocks the store would
// summarise get their chunk summaries, encoded and decoded as stored.
class FakeSource final : public MetricBlockSource {
 public:
  FakeSource(std::vector<std::vector<MetricPoint>> blocks, int64_t lo, int64_t hi,
             bool summarise = false) {
    int64_t seq = 0;
    for (auto& b : blocks) {
      ++seq;
      if (b.empty()) continue;
      int64_t mn = b.front().step, mx = mn;
      for (const auto& p : b) mn = std::min(mn, p.step), mx = std::max(mx, p.step);
      if (mx < lo || mn > hi) continue;
      std::optional<std::string> summary;
      if (summarise && b.size() >= kMinSummarisedBlockPoints) {
        std::vector<MetricPoint> sorted = b;
        std::stable_sort(sorted.begin(), sorted.end(), ByStep);
        summary = EncodeMetricChunkSummaries(sorted);
      }
      info_.push_back(
          MetricBlockInfo{seq, static_cast<int64_t>(b.size()), mn, mx, summary.has_value()});
      summaries_.push_back(summary.value_or(""));
      points_.push_back(std::move(b));
    }
  }
  Status ReadSummaries(std::span<const size_t> indices, const SummaryFn& each) override {
    for (size_t k = 0; k < indices.size(); ++k) {
      EXPECT_TRUE(k == 0 || indices[k] > indices[k - 1]);
      EXPECT_TRUE(info_[indices[k]].summarised);
      std::vector<MetricChunkSummary> chunks;
      RETURN_IF_ERROR(
          DecodeMetricChunkSummaries(summaries_[indices[k]], info_[indices[k]].n, chunks));
      summarised_points += static_cast<size_t>(info_[indices[k]].n);
      ++reads[indices[k]];
      RETURN_IF_ERROR(each(indices[k], chunks));
    }
    return Status::Ok();
  }
  size_t summarised_points = 0;  // points read as chunk summaries
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
  std::vector<std::string> summaries_;
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
    if (a[i].step != b[i].step || a[i].timestamp != b[i].timestamp ||
        (a[i].value != b[i].value && !(std::isnan(a[i].value) && std::isnan(b[i].value))))
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

// What a chart read from chunk summaries must give, computed from the points themselves: the
// history in step order cut into segments (each summarised block's chunks, every other point on
// its own); each segment joins the bucket its first point falls in, and each bucket contributes
// its first, minimum, maximum and last point (first occurrences), distinct, in order.
std::vector<MetricPoint> ExpectedFromChunks(const std::vector<std::vector<MetricPoint>>& blocks,
                                            size_t max_points) {
  std::vector<MetricPoint> all;
  std::vector<size_t> segment_starts;
  for (const auto& b : blocks) {
    std::vector<MetricPoint> sorted = b;
    std::stable_sort(sorted.begin(), sorted.end(), ByStep);
    bool nan = false;
    for (const auto& p : b) nan = nan || std::isnan(p.value);
    const bool chunked = b.size() >= kMinSummarisedBlockPoints && !nan;
    for (size_t i = 0; i < sorted.size(); ++i) {
      if (!chunked || i % kMetricChunkPoints == 0) segment_starts.push_back(all.size());
      all.push_back(sorted[i]);
    }
  }
  const size_t n = all.size();
  const size_t buckets = max_points < 4 ? 1 : max_points / 4;
  // The bucket of every point: that of its segment's first point.
  std::vector<size_t> bucket_of(n);
  for (size_t k = 0; k < segment_starts.size(); ++k) {
    const size_t start = segment_starts[k];
    const size_t end = k + 1 < segment_starts.size() ? segment_starts[k + 1] : n;
    size_t b = start * buckets / n;
    while ((b + 1) * n / buckets <= start) ++b;
    while (b > 0 && b * n / buckets > start) --b;
    for (size_t i = start; i < end; ++i) bucket_of[i] = b;
  }
  std::vector<MetricPoint> out;
  for (size_t i = 0; i < n;) {
    size_t j = i, mn = i, mx = i;
    for (; j < n && bucket_of[j] == bucket_of[i]; ++j) {
      if (all[j].value < all[mn].value) mn = j;
      if (all[j].value > all[mx].value) mx = j;
    }
    std::vector<size_t> picks =
        max_points < 4 ? std::vector<size_t>{mn, mx} : std::vector<size_t>{i, mn, mx, j - 1};
    std::sort(picks.begin(), picks.end());
    picks.erase(std::unique(picks.begin(), picks.end()), picks.end());
    for (size_t k : picks) out.push_back(all[k]);
    i = j;
  }
  return out;
}

// Ordered blocks of 1..3000 points (some shuffled inside, some with a NaN, many long enough to
// be summarised), read at several widths: long buckets read the summaries, and the answer is
// the chunk reference's; short buckets decode every point, and the answer is DownsampleMinMax's.
TEST(ReadMetricHistory, ChartReadFromChunkSummariesMatchesTheChunkReference) {
  std::mt19937 rng(11);
  for (int trial = 0; trial < 40; ++trial) {
    std::vector<std::vector<MetricPoint>> blocks;
    int64_t step = 0;
    const size_t nblocks = 1 + rng() % 30;
    for (size_t b = 0; b < nblocks; ++b) {
      const size_t size = rng() % 4 == 0 ? 1 + rng() % 20 : 400 + rng() % 2600;
      std::vector<MetricPoint> block;
      for (size_t i = 0; i < size; ++i, ++step)
        block.push_back({step, step * 10, static_cast<double>(rng() % 50)});
      if (rng() % 5 == 0) std::shuffle(block.begin(), block.end(), rng);
      if (rng() % 7 == 0) block[rng() % block.size()].value = std::nan("");
      blocks.push_back(std::move(block));
    }
    for (size_t max_points : {size_t{2}, size_t{3}, size_t{8}, size_t{40}, size_t{1000}}) {
      FakeSource src(blocks, INT64_MIN, INT64_MAX, /*summarise=*/true);
      Collect sink;
      ASSERT_OK(ReadMetricHistory(src, INT64_MIN, INT64_MAX, max_points, sink));
      const size_t n = static_cast<size_t>(step);
      if (n <= max_points) continue;
      const size_t buckets = max_points < 4 ? 1 : max_points / 4;
      const bool long_buckets = n / buckets >= 8 * kMetricChunkPoints;
      const auto want = long_buckets ? ExpectedFromChunks(blocks, max_points)
                                     : Expected(blocks, INT64_MIN, INT64_MAX, max_points);
      ASSERT_TRUE(Same(sink.points, want))
          << "trial " << trial << " max_points " << max_points << " got " << sink.points.size()
          << " want " << want.size();
      EXPECT_LE(sink.points.size(), max_points);
      EXPECT_EQ(sink.begun, want.size());
      if (long_buckets) {
        EXPECT_EQ(src.decoded + src.summarised_points, n);
      } else {
        EXPECT_EQ(src.summarised_points, 0u);
      }
    }
  }
}

// The coarse view of 1 000 000 points in 100 blocks of 10 000 decodes none of them, and keeps
// the global extremes and both ends.
TEST(ReadMetricHistory, CoarseViewOfSummarisedBlocksDecodesNoPoints) {
  std::vector<std::vector<MetricPoint>> blocks(100);
  int64_t step = 0;
  for (auto& b : blocks)
    for (int i = 0; i < 10'000; ++i, ++step) b.push_back({step, step, std::sin(step * 1e-4)});
  blocks[37][4321].value = 5.0;
  blocks[62][17].value = -5.0;
  FakeSource src(blocks, INT64_MIN, INT64_MAX, /*summarise=*/true);
  Collect sink;
  ASSERT_OK(ReadMetricHistory(src, INT64_MIN, INT64_MAX, size_t{1000}, sink));
  EXPECT_EQ(src.decoded, 0u);
  EXPECT_EQ(src.summarised_points, 1'000'000u);
  EXPECT_TRUE(Same(sink.points, ExpectedFromChunks(blocks, 1000)));
  ASSERT_FALSE(sink.points.empty());
  EXPECT_EQ(sink.points.front().step, 0);
  EXPECT_EQ(sink.points.back().step, 999'999);
  double lo = 0, hi = 0;
  for (const auto& p : sink.points) lo = std::min(lo, p.value), hi = std::max(hi, p.value);
  EXPECT_EQ(lo, -5.0);
  EXPECT_EQ(hi, 5.0);
  // A window crossing blocks decodes only the two end blocks.
  FakeSource window(blocks, 5'000, 994'999, /*summarise=*/true);
  Collect part;
  ASSERT_OK(ReadMetricHistory(window, 5'000, 994'999, size_t{1000}, part));
  EXPECT_EQ(window.decoded, 20'000u);
  ASSERT_FALSE(part.points.empty());
  EXPECT_EQ(part.points.front().step, 5'000);
  EXPECT_EQ(part.points.back().step, 994'999);
}

// Chunks whose ends fall on bucket ends give exactly the point-by-point answer.
TEST(MinMaxDownsampler, AlignedChunksEqualPointByPoint) {
  std::mt19937 rng(3);
  std::vector<MetricPoint> v;
  for (size_t i = 0; i < 64 * 400; ++i)
    v.push_back({static_cast<int64_t>(i), 0, static_cast<double>(rng() % 13)});
  for (size_t m : {2u, 4u, 400u}) {  // buckets of 25 600, 25 600 and 256 points
    MinMaxDownsampler ds(v.size(), m);
    for (size_t i = 0; i < v.size(); i += kMetricChunkPoints)
      ds.AddChunk(SummarizeChunk(std::span<const MetricPoint>(v).subspan(i, kMetricChunkPoints)));
    EXPECT_TRUE(Same(ds.Finish(), DownsampleMinMax(v, m))) << m;
  }
}

}  // namespace
}  // namespace cairn::tracking
