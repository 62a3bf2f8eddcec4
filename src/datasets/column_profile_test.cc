#include "datasets/column_profile.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>

namespace cairn::datasets {
namespace {

TypedColumn Ints(const std::vector<int64_t>& v, const std::vector<int>& missing = {}) {
  TypedColumn c;
  c.type = ColumnType::kInt64;
  c.count = v.size();
  c.ints = v;
  c.present.assign(v.size(), 1);
  for (int m : missing) {
    c.present[m] = 0;
    c.ints[m] = 0;
    ++c.missing;
  }
  return c;
}

TypedColumn Strings(const std::vector<std::string>& v) {
  TypedColumn c;
  c.type = ColumnType::kString;
  c.count = v.size();
  c.offsets.push_back(0);
  for (const auto& s : v) {
    c.present.push_back(s.empty() ? 0 : 1);
    c.missing += s.empty();
    c.bytes += s;
    c.offsets.push_back(c.bytes.size());
  }
  return c;
}

TEST(ColumnProfile, NumericStatisticsMatchNumpy) {
  // numpy: np.quantile(range(1, 11), [.01,.05,.25,.5,.75,.95,.99]), np.std(ddof=1).
  auto p = ComputeProfile("x", Ints({1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 0}, {10}));
  EXPECT_EQ(p.count, 10);
  EXPECT_EQ(p.missing, 1);
  EXPECT_EQ(p.distinct, 10);
  EXPECT_DOUBLE_EQ(*p.min, 1);
  EXPECT_DOUBLE_EQ(*p.max, 10);
  EXPECT_DOUBLE_EQ(*p.mean, 5.5);
  EXPECT_NEAR(*p.std, 3.0276503540974917, 1e-12);
  std::vector<double> want = {1.09, 1.45, 3.25, 5.5, 7.75, 9.55, 9.91};
  ASSERT_EQ(p.quantiles.size(), want.size());
  for (size_t i = 0; i < want.size(); ++i) EXPECT_NEAR(p.quantiles[i], want[i], 1e-12) << i;
  ASSERT_TRUE(p.histogram);
  // np.histogram(range(1, 11), 20)[0]
  std::vector<int64_t> counts = {1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1};
  EXPECT_EQ(p.histogram->counts, counts);
  EXPECT_DOUBLE_EQ(p.histogram->edges.front(), 1);
  EXPECT_DOUBLE_EQ(p.histogram->edges.back(), 10);
  EXPECT_TRUE(p.top_values.empty());
}

TEST(ColumnProfile, ConstantColumnHistogramUsesUnitRange) {
  auto p = ComputeProfile("x", Ints({3, 3, 3}));
  ASSERT_TRUE(p.histogram);
  EXPECT_DOUBLE_EQ(p.histogram->edges.front(), 2.5);
  EXPECT_DOUBLE_EQ(p.histogram->edges.back(), 3.5);
  EXPECT_EQ(p.histogram->counts[10], 3);  // numpy puts 3 in bin 10 of [2.5, 3.5]
  EXPECT_EQ(p.distinct, 1);
  EXPECT_FALSE(p.std.has_value() && *p.std != 0);
}

TEST(ColumnProfile, AllMissingColumnHasNoStatistics) {
  auto p = ComputeProfile("x", Ints({0, 0}, {0, 1}));
  EXPECT_EQ(p.count, 0);
  EXPECT_EQ(p.missing, 2);
  EXPECT_FALSE(p.min.has_value());
  EXPECT_FALSE(p.mean.has_value());
  EXPECT_TRUE(p.quantiles.empty());
  EXPECT_FALSE(p.histogram.has_value());
}

TEST(ColumnProfile, StringTopValuesByCountThenValue) {
  auto p = ComputeProfile("s", Strings({"b", "a", "b", "", "c", "a", "b"}));
  EXPECT_EQ(p.count, 6);
  EXPECT_EQ(p.missing, 1);
  EXPECT_EQ(p.distinct, 3);
  EXPECT_TRUE(p.distinct_exact);
  ASSERT_EQ(p.top_values.size(), 3u);
  EXPECT_EQ(p.top_values[0].value, "b");
  EXPECT_EQ(p.top_values[0].count, 3);
  EXPECT_EQ(p.top_values[1].value, "a");
  EXPECT_EQ(p.top_values[2].value, "c");
  EXPECT_FALSE(p.histogram.has_value());
  EXPECT_FALSE(p.mean.has_value());
}

TEST(ColumnProfile, HighCardinalityStringsUseHyperLogLog) {
  std::vector<std::string> v;
  for (int i = 0; i < 150000; ++i) v.push_back("k" + std::to_string(i));
  auto p = ComputeProfile("s", Strings(v));
  EXPECT_FALSE(p.distinct_exact);
  EXPECT_NEAR(static_cast<double>(p.distinct), 150000.0, 150000 * 0.04);
  EXPECT_EQ(p.top_values.size(), 20u);
}

TEST(ColumnProfile, BoolColumnCountsTrueAndFalse) {
  TypedColumn c = Ints({1, 0, 1, 1});
  c.type = ColumnType::kBool;
  auto p = ComputeProfile("b", c);
  EXPECT_DOUBLE_EQ(*p.mean, 0.75);
  ASSERT_EQ(p.top_values.size(), 2u);
  EXPECT_EQ(p.top_values[0].value, "true");
  EXPECT_EQ(p.top_values[0].count, 3);
  EXPECT_TRUE(p.quantiles.empty());
}

TypedColumn Floats(const std::vector<double>& v) {
  TypedColumn c;
  c.type = ColumnType::kFloat64;
  c.count = v.size();
  c.doubles = v;
  c.present.assign(v.size(), 1);
  return c;
}

constexpr double kMax = std::numeric_limits<double>::max();

// Every statistic that is set is finite; quantiles and edges ascend within [min, max].
void ExpectFiniteProfile(const ColumnProfile& p) {
  ASSERT_TRUE(p.min && p.max && p.mean);
  EXPECT_TRUE(std::isfinite(*p.min) && std::isfinite(*p.max) && std::isfinite(*p.mean));
  EXPECT_LE(*p.min, *p.mean);
  EXPECT_LE(*p.mean, *p.max);
  if (p.std) {
    EXPECT_TRUE(std::isfinite(*p.std));
  }
  ASSERT_EQ(p.quantiles.size(), kQuantileProbs.size());
  for (size_t i = 0; i < p.quantiles.size(); ++i) {
    EXPECT_TRUE(std::isfinite(p.quantiles[i])) << i;
    EXPECT_GE(p.quantiles[i], *p.min) << i;
    EXPECT_LE(p.quantiles[i], *p.max) << i;
    if (i > 0) {
      EXPECT_LE(p.quantiles[i - 1], p.quantiles[i]) << i;
    }
  }
  ASSERT_TRUE(p.histogram);
  ASSERT_EQ(p.histogram->edges.size(), static_cast<size_t>(kHistogramBins + 1));
  for (size_t i = 0; i < p.histogram->edges.size(); ++i) {
    EXPECT_TRUE(std::isfinite(p.histogram->edges[i])) << i;
    if (i > 0) {
      EXPECT_LE(p.histogram->edges[i - 1], p.histogram->edges[i]) << i;
    }
  }
  int64_t total = 0;
  for (int64_t c : p.histogram->counts) total += c;
  EXPECT_EQ(total, p.count);
}

TEST(ColumnProfile, ValuesNearDoubleMaxGiveFiniteStatistics) {
  // The CSV `x\n1e308\n-1e308\n`: max - min and (x - mean)^2 overflow a double.
  auto p = ComputeProfile("x", Floats({1e308, -1e308}));
  ExpectFiniteProfile(p);
  EXPECT_EQ(*p.mean, 0.0);
  ASSERT_TRUE(p.std);
  EXPECT_NEAR(*p.std, std::sqrt(2.0) * 1e308, 1e293);  // |a - b| / sqrt(2)
  EXPECT_NEAR(p.quantiles[3], 0.0, 1e293);             // the median
  EXPECT_EQ(p.histogram->edges.front(), -1e308);
  EXPECT_EQ(p.histogram->edges.back(), 1e308);
  EXPECT_NEAR(p.histogram->edges[10], 0.0, 1e293);
  EXPECT_EQ(p.histogram->counts.front(), 1);
  EXPECT_EQ(p.histogram->counts.back(), 1);
}

TEST(ColumnProfile, StdBeyondTheDoubleRangeIsUnset) {
  auto p = ComputeProfile("x", Floats({-kMax, kMax}));  // std = sqrt(2) * DBL_MAX
  ExpectFiniteProfile(p);
  EXPECT_FALSE(p.std.has_value());
  EXPECT_EQ(*p.mean, 0.0);
}

TEST(ColumnProfile, ExtremeColumnsOfManyShapesStayFinite) {
  std::mt19937_64 rng(8);
  std::uniform_real_distribution<double> u(-1, 1);
  std::vector<std::vector<double>> shapes = {
      {kMax, kMax, kMax},  // constant at the top: the +-0.5 range cannot be formed
      {-kMax, -kMax},
      {kMax, -kMax, kMax, -kMax, 0.0},
      {9007199254740992.0, 9007199254740992.0},  // 2^53: v +- 0.5 == v
      {1e300, 2e300, -3e300},
  };
  std::vector<double> big(1000);
  for (auto& x : big) x = u(rng) * kMax;
  shapes.push_back(big);
  for (const auto& v : shapes) {
    SCOPED_TRACE(v.size());
    auto p = ComputeProfile("x", Floats(v));
    ExpectFiniteProfile(p);
    if (v.size() >= 2 && v[0] == v[1] && v.size() <= 3) {
      ASSERT_TRUE(p.std);
      EXPECT_EQ(*p.std, 0.0);
    }
  }
}

TEST(ColumnProfile, ScalingLeavesOrdinaryLargeValuesExact) {
  // 1e200 is beyond the scaling bound; powers of two scale exactly, so results match the
  // unscaled computation done on small numbers and scaled back.
  auto big = ComputeProfile("x", Floats({1e200, 3e200, 2e200}));
  auto small = ComputeProfile("x", Floats({1.0, 3.0, 2.0}));
  EXPECT_NEAR(*big.mean, 2e200, 2e186);
  EXPECT_NEAR(*big.std, 1e200, 1e186);
  EXPECT_EQ(*small.mean, 2.0);
  EXPECT_EQ(*small.std, 1.0);
}

TEST(LinearQuantile, InterpolatesAcrossAnOverflowingGap) {
  const std::vector<double> v = {-kMax, kMax};
  double last = -kMax;
  for (double q : {0.0, 0.01, 0.25, 0.5, 0.75, 0.99, 1.0}) {
    const double x = LinearQuantile(v, q);
    EXPECT_TRUE(std::isfinite(x)) << q;
    EXPECT_GE(x, last) << q;
    last = x;
  }
  EXPECT_EQ(LinearQuantile(v, 0.0), -kMax);
  EXPECT_EQ(LinearQuantile(v, 1.0), kMax);
  EXPECT_EQ(LinearQuantile(v, 0.5), 0.0);
}

TEST(LinearQuantile, SingleValueAndEnds) {
  EXPECT_DOUBLE_EQ(LinearQuantile({4.0}, 0.5), 4.0);
  EXPECT_DOUBLE_EQ(LinearQuantile({1.0, 2.0}, 0.0), 1.0);
  EXPECT_DOUBLE_EQ(LinearQuantile({1.0, 2.0}, 1.0), 2.0);
  EXPECT_DOUBLE_EQ(LinearQuantile({1.0, 2.0}, 0.25), 1.25);
}

}  // namespace
}  // namespace cairn::datasets
