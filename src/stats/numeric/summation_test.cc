#include "stats/numeric/summation.h"

#include <gtest/gtest.h>

#include <vector>

namespace cairn::stats {
namespace {

// Reference implementation of numpy's pairwise_sum, written out for clarity.
double Reference(const double* a, std::size_t n) {
  if (n < 8) {
    double res = 0.0;
    for (std::size_t i = 0; i < n; ++i) res += a[i];
    return res;
  }
  if (n <= 128) {
    double r[8];
    for (int j = 0; j < 8; ++j) r[j] = a[j];
    std::size_t i = 8;
    for (; i < n - n % 8; i += 8) {
      for (int j = 0; j < 8; ++j) r[j] += a[i + j];
    }
    double res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
    for (; i < n; ++i) res += a[i];
    return res;
  }
  std::size_t n2 = n / 2;
  n2 -= n2 % 8;
  return Reference(a, n2) + Reference(a + n2, n - n2);
}

TEST(NumpySum, MatchesPairwiseOrderBitForBit) {
  std::vector<double> v;
  for (int i = 0; i < 1000; ++i) v.push_back(1.0 / (i + 1) * (i % 3 == 0 ? -1e8 : 1.0));
  for (std::size_t n : {0u, 1u, 7u, 8u, 9u, 127u, 128u, 129u, 300u, 1000u}) {
    EXPECT_EQ(NumpySum(std::span<const double>(v.data(), n)), 0.0 + Reference(v.data(), n)) << n;
  }
}

TEST(NumpySum, ConstantValuesSumAsNumpyDoes) {
  // 0.1 * 10 in sequence is 0.9999999999999999; numpy's pairwise order also gives that here.
  std::vector<double> v(10, 0.1);
  EXPECT_EQ(NumpySum(v), 0.0 + Reference(v.data(), v.size()));
}

TEST(NumpySumsOf, SeveralColumnsEqualSeparateSums) {
  std::vector<double> a;
  std::vector<double> b;
  for (int i = 0; i < 777; ++i) {
    a.push_back(i * 0.37);
    b.push_back(1.0 / (i + 3));
  }
  const auto sums = NumpySumsOf<2>(a.size(), [&](std::size_t i) {
    return std::array<double, 2>{a[i], b[i]};
  });
  EXPECT_EQ(sums[0], NumpySum(a));
  EXPECT_EQ(sums[1], NumpySum(b));
}

TEST(NeumaierSum, RecoversLostLowOrderBits) {
  NeumaierSum s;
  s.Add(1e16);
  s.Add(1.0);
  s.Add(-1e16);
  EXPECT_EQ(s.Total(), 1.0);
}

}  // namespace
}  // namespace cairn::stats
