#include "stats/numeric/sort.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <limits>
#include <random>

namespace cairn::stats {
namespace {

TEST(SortDoubles, RadixPathMatchesStdSortOnMixedSigns) {
  std::mt19937_64 rng(7);
  std::normal_distribution<double> normal(0.0, 1e3);
  std::vector<double> v(50000);
  for (auto& x : v) x = normal(rng);
  v[5] = 0.0;
  v[6] = -0.0;
  v[7] = std::numeric_limits<double>::denorm_min();
  v[8] = -std::numeric_limits<double>::max();
  std::vector<double> expected = v;
  std::sort(expected.begin(), expected.end());
  SortDoubles(v);
  ASSERT_TRUE(std::is_sorted(v.begin(), v.end()));
  EXPECT_EQ(v, expected);  // -0.0 == 0.0, so the orders compare equal
}

TEST(SortDoubles, RadixPathHandlesHeavyTiesAndSharedDigits) {
  std::vector<double> v;
  for (int i = 0; i < 10000; ++i) v.push_back(static_cast<double>((i * 7919) % 13));
  std::vector<double> expected = v;
  std::sort(expected.begin(), expected.end());
  SortDoubles(v);
  EXPECT_EQ(v, expected);
}

TEST(SortDoubles, SmallAndEmptyInputs) {
  std::vector<double> empty;
  SortDoubles(empty);
  EXPECT_TRUE(empty.empty());
  std::vector<double> v = {3, -1, 2};
  SortDoubles(v);
  EXPECT_EQ(v, (std::vector<double>{-1, 2, 3}));
}

}  // namespace
}  // namespace cairn::stats
