#include "stats/numeric/sort.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <vector>

namespace cairn::stats {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

std::vector<double> StdSorted(std::vector<double> v) {
  std::erase_if(v, [](double x) { return std::isnan(x); });
  std::sort(v.begin(), v.end());
  return v;
}

std::vector<double> Values(const SortedSample& s) {
  return std::vector<double>(s.values().begin(), s.values().end());
}

TEST(SortPresent, RadixPathMatchesStdSortOnMixedSigns) {
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
  v = Values(SortPresent(v));
  ASSERT_TRUE(std::is_sorted(v.begin(), v.end()));
  EXPECT_EQ(v, expected);  // -0.0 == 0.0, so the orders compare equal
}

TEST(SortPresent, RadixPathHandlesHeavyTiesAndSharedDigits) {
  std::vector<double> v;
  for (int i = 0; i < 10000; ++i) v.push_back(static_cast<double>((i * 7919) % 13));
  std::vector<double> expected = v;
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(Values(SortPresent(v)), expected);
}

TEST(SortPresent, SmallAndEmptyInputs) {
  EXPECT_TRUE(SortPresent({}).empty());
  const std::vector<double> v = {3, -1, 2};
  EXPECT_EQ(Values(SortPresent(v)), (std::vector<double>{-1, 2, 3}));
}

// Every shape the radix path must get right, on both paths (below and above the threshold).
class SortPresentShapes : public ::testing::TestWithParam<std::size_t> {};

TEST_P(SortPresentShapes, MatchesStdSortAndCountsNaN) {
  const std::size_t n = GetParam();
  std::mt19937_64 rng(n);
  std::uniform_real_distribution<double> unit(0, 1);
  std::vector<std::vector<double>> shapes(6, std::vector<double>(n));
  for (std::size_t i = 0; i < n; ++i) {
    shapes[0][i] = unit(rng) - 0.5;                     // mixed signs
    shapes[1][i] = 1000 + unit(rng);                    // one exponent: shared digits
    shapes[2][i] = std::floor(unit(rng) * 5);           // heavy ties
    shapes[3][i] = std::ldexp(unit(rng) - 0.5, -1070);  // subnormals
    shapes[4][i] = (2 * unit(rng) - 1) * std::numeric_limits<double>::max();        // +-DBL_MAX
    shapes[5][i] = std::bit_cast<double>(rng() >> 1) * (unit(rng) < 0.5 ? -1 : 1);  // any bits
  }
  for (auto& v : shapes) {
    // Sprinkle NaN (both signs), infinities and signed zeros.
    v[0] = kNaN;
    if (n > 4) {
      v[n / 2] = -kNaN;
      v[n / 3] = kInf;
      v[n / 4] = -0.0;
      v[n - 1] = -kInf;
    }
    const std::vector<double> expected = StdSorted(v);
    const SortedSample s = SortPresent(v);
    EXPECT_EQ(s.missing(), v.size() - expected.size());
    EXPECT_EQ(Values(s), expected);
    EXPECT_EQ(s.infinite(),
              static_cast<std::size_t>(std::count_if(expected.begin(), expected.end(),
                                                     [](double x) { return std::isinf(x); })));
    EXPECT_EQ(s.values().data()[s.size()], kInf);  // the sentinel
    const std::vector<double> vals = Values(s);
    // -0.0 never follows +0.0.
    for (std::size_t i = 1; i < vals.size(); ++i) {
      EXPECT_FALSE(vals[i] == 0 && vals[i - 1] == 0 && std::signbit(vals[i]) &&
                   !std::signbit(vals[i - 1]));
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Sizes, SortPresentShapes,
                         ::testing::Values(std::size_t{1}, std::size_t{7}, kRadixThreshold - 1,
                                           kRadixThreshold, std::size_t{100003}));

TEST(SortPresent, AllNaN) {
  const std::vector<double> nan(5000, kNaN);
  const SortedSample s = SortPresent(nan);
  EXPECT_TRUE(s.empty());
  EXPECT_EQ(s.values().data()[0], kInf);
  EXPECT_EQ(SortedSample().values().data()[0], kInf);
  EXPECT_EQ(s.missing(), 5000u);
}

TEST(SortByLabel, SplitsTheClassesAndLeavesOutOtherLabelsAndNaN) {
  std::mt19937_64 rng(3);
  std::uniform_real_distribution<double> unit(0, 1);
  for (std::size_t n : {std::size_t{10}, std::size_t{5000}, std::size_t{70000}}) {
    std::vector<double> v(n);
    std::vector<int> labels(n);
    for (std::size_t i = 0; i < n; ++i) {
      v[i] = std::round(unit(rng) * 100) / 100;
      labels[i] = unit(rng) < 0.3 ? 1 : 0;
    }
    v[1] = kNaN;
    labels[2] = 7;
    labels[3] = -1;
    std::size_t left_out = 0;
    std::array<std::vector<double>, 2> want;
    for (std::size_t i = 0; i < n; ++i) {
      if (std::isnan(v[i]) || (labels[i] != 0 && labels[i] != 1)) {
        ++left_out;
      } else {
        want[static_cast<std::size_t>(labels[i])].push_back(v[i]);
      }
    }
    for (bool parallel : {false, true}) {
      const SortedRows<2> s = SortByLabel(v, labels, parallel);
      EXPECT_EQ(s.missing(), left_out);
      for (int c : {0, 1}) {
        std::sort(want[c].begin(), want[c].end());
        EXPECT_EQ(std::vector<double>(s.values(c).begin(), s.values(c).end()), want[c])
            << n << " class " << c;
        EXPECT_EQ(s.values(c).data()[s.size(c)], kInf);
      }
    }
  }
}

TEST(SortPresent, SameWithAndWithoutTheHelperThread) {
  std::mt19937_64 rng(13);
  std::normal_distribution<double> normal(0, 1);
  std::vector<double> v(kParallelThreshold * 3 + 11);
  for (auto& x : v) x = std::round(normal(rng) * 1000) / 1000;  // ties across the halves
  v[5] = kNaN;
  const SortedSample one = SortPresent(v, false);
  const SortedSample two = SortPresent(v, true);
  EXPECT_EQ(Values(one), Values(two));
  EXPECT_EQ(Values(one), StdSorted(v));
  EXPECT_EQ(two.missing(), 1u);
}

TEST(SortPresentPair, SameAsOneByOneOnBothPaths) {
  std::mt19937_64 rng(11);
  std::normal_distribution<double> normal(0, 1);
  for (std::size_t n : {std::size_t{100}, kParallelThreshold + 5}) {
    std::vector<double> a(n), b(n + 17);
    for (auto& x : a) x = normal(rng);
    for (auto& x : b) x = normal(rng) * 3;
    const auto [sa, sb] = SortPresentPair(a, b);
    EXPECT_EQ(Values(sa), StdSorted(a));
    EXPECT_EQ(Values(sb), StdSorted(b));
  }
}

}  // namespace
}  // namespace cairn::stats
