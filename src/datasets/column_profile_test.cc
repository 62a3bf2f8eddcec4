#include "datasets/column_profile.h"

#include <gtest/gtest.h>

#include <cmath>

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

TEST(LinearQuantile, SingleValueAndEnds) {
  EXPECT_DOUBLE_EQ(LinearQuantile({4.0}, 0.5), 4.0);
  EXPECT_DOUBLE_EQ(LinearQuantile({1.0, 2.0}, 0.0), 1.0);
  EXPECT_DOUBLE_EQ(LinearQuantile({1.0, 2.0}, 1.0), 2.0);
  EXPECT_DOUBLE_EQ(LinearQuantile({1.0, 2.0}, 0.25), 1.25);
}

}  // namespace
}  // namespace cairn::datasets
