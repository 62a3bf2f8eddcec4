#include "tracking/metric_downsample.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>

namespace cairn::tracking {
namespace {

std::vector<MetricPoint> Series(size_t n, uint32_t seed) {
  std::mt19937 rng(seed);
  std::normal_distribution<double> d;
  std::vector<MetricPoint> v;
  for (size_t i = 0; i < n; ++i) v.push_back({static_cast<int64_t>(i), 0, d(rng)});
  return v;
}

TEST(DownsampleMinMax, ReturnsEverythingWhenItFits) {
  auto v = Series(10, 1);
  auto out = DownsampleMinMax(v, 10);
  ASSERT_EQ(out.size(), 10u);
}

TEST(DownsampleMinMax, NeverExceedsMaxPointsAndKeepsExtremes) {
  for (size_t n : {5u, 11u, 100u, 1001u, 50000u}) {
    auto v = Series(n, static_cast<uint32_t>(n));
    auto [mn, mx] =
        std::minmax_element(v.begin(), v.end(), [](auto& a, auto& b) { return a.value < b.value; });
    for (size_t max_points : {2u, 3u, 4u, 5u, 7u, 100u, 999u}) {
      if (n <= max_points) continue;
      auto out = DownsampleMinMax(v, max_points);
      EXPECT_LE(out.size(), max_points) << n << " " << max_points;
      EXPECT_GE(out.size(), 2u);
      auto has = [&](double x) {
        return std::any_of(out.begin(), out.end(), [&](auto& p) { return p.value == x; });
      };
      EXPECT_TRUE(has(mn->value)) << n << " " << max_points;
      EXPECT_TRUE(has(mx->value)) << n << " " << max_points;
      EXPECT_TRUE(
          std::is_sorted(out.begin(), out.end(), [](auto& a, auto& b) { return a.step < b.step; }));
    }
  }
}

TEST(DownsampleMinMax, KeepsFirstAndLastWithFourOrMore) {
  auto v = Series(1000, 7);
  auto out = DownsampleMinMax(v, 40);
  EXPECT_EQ(out.front().step, 0);
  EXPECT_EQ(out.back().step, 999);
}

}  // namespace
}  // namespace cairn::tracking
