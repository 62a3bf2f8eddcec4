#include "stats/numeric/sort.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <memory>
#include <random>
#include <string>
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

namespace cairn::stats {
namespace {

// The order SortPresent promises, by the same total order on the bits (-0.0 before +0.0).
std::vector<double> BitOrderSorted(std::vector<double> v) {
  std::erase_if(v, [](double x) { return std::isnan(x); });
  std::sort(v.begin(), v.end(), [](double x, double y) {
    return x < y || (x == 0 && y == 0 && std::signbit(x) && !std::signbit(y));
  });
  return v;
}

// Bitwise equality, so that -0.0 and +0.0 (and their order) are told apart.
void ExpectSameBits(const std::vector<double>& got, const std::vector<double>& want,
                    const std::string& what) {
  ASSERT_EQ(got.size(), want.size()) << what;
  for (std::size_t i = 0; i < got.size(); ++i) {
    ASSERT_EQ(std::bit_cast<std::uint64_t>(got[i]), std::bit_cast<std::uint64_t>(want[i]))
        << what << " at " << i << ": " << got[i] << " vs " << want[i];
  }
}

void ExpectSortsLikeStdSort(const std::vector<double>& v, const std::string& what) {
  const std::vector<double> want = BitOrderSorted(v);
  for (bool parallel : {false, true}) {
    const SortedSample s = SortPresent(v, parallel);
    ExpectSameBits(Values(s), want, what + (parallel ? " (parallel)" : ""));
    EXPECT_EQ(s.missing(), v.size() - want.size()) << what;
    EXPECT_EQ(s.values().data()[s.size()], kInf) << what;  // the sentinel
  }
}

// Sizes on the std::sort path, at the threshold, on the radix path, and on the two-thread
// radix path.
const std::size_t kEdgeSizes[] = {2,
                                  3,
                                  kRadixThreshold - 1,
                                  kRadixThreshold,
                                  kRadixThreshold + 1,
                                  std::size_t{70001},
                                  kParallelThreshold + 3};

TEST(RadixSortEdges, EmptyAndSingleValue) {
  EXPECT_TRUE(SortPresent({}).empty());
  EXPECT_EQ(SortPresent({}).missing(), 0u);
  for (double x : {0.0, -0.0, 1.5, -kInf, kInf, std::numeric_limits<double>::denorm_min()}) {
    const std::vector<double> one = {x};
    const SortedSample s = SortPresent(one);
    ASSERT_EQ(s.size(), 1u);
    EXPECT_EQ(std::bit_cast<std::uint64_t>(s.values()[0]), std::bit_cast<std::uint64_t>(x));
  }
  const std::vector<double> nan = {kNaN};
  EXPECT_TRUE(SortPresent(nan).empty());
  EXPECT_EQ(SortPresent(nan).missing(), 1u);
}

TEST(RadixSortEdges, NaNBothSignsAndPayloadsAreDroppedAndCounted) {
  for (std::size_t n : kEdgeSizes) {
    std::mt19937_64 rng(n);
    std::normal_distribution<double> normal(0, 1);
    std::vector<double> v(n);
    for (auto& x : v) x = normal(rng);
    const double payload = std::bit_cast<double>(std::uint64_t{0x7ff0000000000001});  // sNaN bits
    const double negative_payload = std::bit_cast<double>(std::uint64_t{0xfff8000000000123});
    for (std::size_t i = 0; i < n; i += 3) v[i] = i % 2 == 0 ? kNaN : -kNaN;
    v[1] = payload;
    v[n - 1] = negative_payload;
    ExpectSortsLikeStdSort(v, "NaN n=" + std::to_string(n));
  }
}

TEST(RadixSortEdges, SignedZerosSortNegativeFirst) {
  for (std::size_t n : kEdgeSizes) {
    std::vector<double> v(n);
    for (std::size_t i = 0; i < n; ++i) v[i] = i % 2 == 0 ? 0.0 : -0.0;
    if (n > 2) v[n / 2] = -1e-300;
    ExpectSortsLikeStdSort(v, "zeros n=" + std::to_string(n));
    const SortedSample s = SortPresent(v);
    const auto negatives = static_cast<std::size_t>(
        std::count_if(v.begin(), v.end(), [](double x) { return std::signbit(x); }));
    for (std::size_t i = 0; i < s.size(); ++i) {
      EXPECT_EQ(std::signbit(s.values()[i]), i < negatives) << n << " at " << i;
    }
  }
}

TEST(RadixSortEdges, InfinitiesAtTheEnds) {
  for (std::size_t n : kEdgeSizes) {
    std::mt19937_64 rng(n + 1);
    std::uniform_real_distribution<double> unit(-1, 1);
    std::vector<double> v(n);
    for (auto& x : v) x = unit(rng) * std::numeric_limits<double>::max();
    v[0] = kInf;
    v[n - 1] = -kInf;
    if (n > 4) v[n / 2] = kInf;
    ExpectSortsLikeStdSort(v, "inf n=" + std::to_string(n));
    const SortedSample s = SortPresent(v);
    EXPECT_EQ(s.values().front(), -kInf);
    EXPECT_EQ(s.values().back(), kInf);
    EXPECT_EQ(s.infinite(), n > 4 ? 3u : 2u);
  }
}

TEST(RadixSortEdges, DenormalsOfBothSigns) {
  for (std::size_t n : kEdgeSizes) {
    std::mt19937_64 rng(n + 2);
    std::vector<double> v(n);
    for (auto& x : v) {
      const std::uint64_t mantissa = rng() & ((std::uint64_t{1} << 52) - 1);  // exponent 0
      x = std::bit_cast<double>(mantissa | ((rng() & 1) << 63));
    }
    v[0] = std::numeric_limits<double>::denorm_min();
    v[n - 1] = -std::numeric_limits<double>::denorm_min();
    ExpectSortsLikeStdSort(v, "denormals n=" + std::to_string(n));
  }
}

TEST(RadixSortEdges, AllEqualValues) {
  for (std::size_t n : kEdgeSizes) {
    for (double x : {0.0, -0.0, 3.25, -7.0, kInf, std::numeric_limits<double>::denorm_min()}) {
      const std::vector<double> v(n, x);
      ExpectSortsLikeStdSort(v, "equal " + std::to_string(x) + " n=" + std::to_string(n));
    }
  }
}

TEST(RadixSortEdges, AlreadySortedAndReversed) {
  for (std::size_t n : kEdgeSizes) {
    std::mt19937_64 rng(n + 3);
    std::normal_distribution<double> normal(0, 10);
    std::vector<double> v(n);
    for (auto& x : v) x = normal(rng);
    std::sort(v.begin(), v.end());
    ExpectSortsLikeStdSort(v, "sorted n=" + std::to_string(n));
    std::reverse(v.begin(), v.end());
    ExpectSortsLikeStdSort(v, "reversed n=" + std::to_string(n));
  }
}

// Keys that differ in one bit just below the first radix digit and in their lowest bits: every
// leaf holds two large groups that share all the bits its first passes sort, so the insertion
// pass runs out of budget and the leaf is sorted on all its bits instead (at 10 000 values; at
// 300 000 a second MSD level takes the low bit first).
TEST(RadixSortEdges, LeavesWhoseKeysShareTheSortedBits) {
  for (std::size_t n : {std::size_t{10000}, std::size_t{300000}}) {
    std::mt19937_64 rng(n + 4);
    std::vector<double> v(n);
    for (auto& x : v) {
      const std::uint64_t bits = std::uint64_t{0x3ff0000000000000} | ((rng() & 1) << 40) |
                                 ((rng() & 1) << 31) | (rng() & 0xff);
      x = std::bit_cast<double>(bits);
    }
    ExpectSortsLikeStdSort(v, "shared bits n=" + std::to_string(n));
  }
}

// Random shapes against std::sort: sizes from a few values to a million, distributions from
// smooth to spiky, every bit pattern, NaN and infinities sprinkled in.
TEST(RadixSortRandomized, MatchesStdSort) {
  std::mt19937_64 rng(20261202);
  std::uniform_real_distribution<double> unit(0, 1);
  std::normal_distribution<double> normal(0, 1);
  std::exponential_distribution<double> expo(1);
  const std::size_t sizes[] = {5, 100, 2047, 2048, 5000, 65535, 65536, 131071, 262144, 1000000};
  int round = 0;
  for (std::size_t n : sizes) {
    for (int shape = 0; shape < 6; ++shape) {
      std::vector<double> v(n);
      for (auto& x : v) {
        switch (shape) {
          case 0:
            x = normal(rng);
            break;
          case 1:
            x = std::bit_cast<double>(rng());  // any bits, NaN included
            break;
          case 2:
            x = std::round(normal(rng) * 20) / 4;  // heavy ties
            break;
          case 3:
            x = expo(rng) * (unit(rng) < 0.5 ? -1e-200 : 1e200);  // far-apart exponents
            break;
          case 4:
            x = 1.0 + static_cast<double>(rng() & 0xfffff) * 0x1p-52;  // differ in low bits only
            break;
          default:
            x = unit(rng) < 0.01 ? (unit(rng) < 0.5 ? kInf : -kInf) : unit(rng) - 0.5;
        }
      }
      if (n > 10 && shape != 1) {
        v[static_cast<std::size_t>(unit(rng) * n)] = kNaN;
        v[static_cast<std::size_t>(unit(rng) * n)] = -0.0;
      }
      ExpectSortsLikeStdSort(v, "round " + std::to_string(round++) + " n=" + std::to_string(n) +
                                    " shape " + std::to_string(shape));
      if (HasFatalFailure()) return;
    }
  }
}

}  // namespace
}  // namespace cairn::stats

namespace cairn::stats {
namespace {

// Large result buffers are reused after release: a live result is never handed to another sort,
// and a reused one holds only its new values.
TEST(SortBuffers, ReusedBuffersNeverAliasLiveResults) {
  std::mt19937_64 rng(99);
  std::normal_distribution<double> normal(0, 1);
  auto sample = [&](double shift) {
    std::vector<double> v(700000);
    for (auto& x : v) x = normal(rng) + shift;
    return v;
  };
  const std::vector<double> a = sample(0), b = sample(10), c = sample(-10);
  auto first = std::make_unique<SortedSample>(SortPresent(a));
  const SortedSample second = SortPresent(b);
  first.reset();  // its buffer goes back for reuse
  const SortedSample third = SortPresent(c);
  const SortedSample fourth = SortPresent(a);
  EXPECT_EQ(Values(second), StdSorted(b));
  EXPECT_EQ(Values(third), StdSorted(c));
  EXPECT_EQ(Values(fourth), StdSorted(a));
  EXPECT_EQ(second.values().data()[second.size()], kInf);
  EXPECT_EQ(third.values().data()[third.size()], kInf);
  const auto [p, q] = SortPresentPair(c, b);
  EXPECT_EQ(Values(p), StdSorted(c));
  EXPECT_EQ(Values(q), StdSorted(b));
  EXPECT_EQ(Values(second), StdSorted(b));  // still intact
}

}  // namespace
}  // namespace cairn::stats
