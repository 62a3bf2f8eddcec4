#include "stats/drift/wasserstein.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

namespace cairn::stats {
namespace {

std::vector<double> Normal(std::size_t n, double mean, unsigned seed) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> d(mean, 1.0);
  std::vector<double> v(n);
  for (auto& x : v) x = d(rng);
  return v;
}

TEST(WassersteinDistance, KnownValues) {
  // scipy.stats.wasserstein_distance([0, 1, 3], [5, 6, 8]) = 5 (a pure shift).
  const std::vector<double> a = {0, 1, 3};
  const std::vector<double> b = {5, 6, 8};
  EXPECT_NEAR(*WassersteinDistance(a, b), 5.0, 1e-15);
  // ([0, 1], [0, 0, 1]): |1/2 - 2/3| over [0, 1] = 1/6.
  const std::vector<double> c = {0, 1};
  const std::vector<double> d = {0, 0, 1};
  EXPECT_NEAR(*WassersteinDistance(c, d), 1.0 / 6.0, 1e-15);
}

TEST(WassersteinDistance, ZeroForIdenticalSymmetricAndPermutationInvariant) {
  auto a = Normal(1000, 0, 1);
  auto b = Normal(700, 0.5, 2);
  EXPECT_EQ(*WassersteinDistance(a, a), 0.0);
  const double ab = *WassersteinDistance(a, b);
  EXPECT_NEAR(ab, *WassersteinDistance(b, a), 1e-15);
  std::shuffle(a.begin(), a.end(), std::mt19937(1));
  EXPECT_EQ(*WassersteinDistance(a, b), ab);
  EXPECT_GT(ab, 0.3);
  EXPECT_LT(ab, 0.7);
}

TEST(WassersteinDistance, ShiftEqualsDistanceForConstants) {
  const std::vector<double> a(10, 2.0);
  const std::vector<double> b(4, 5.5);
  EXPECT_EQ(*WassersteinDistance(a, b), 3.5);
}

TEST(WassersteinDistance, RejectsEmptyAndNonFinite) {
  const std::vector<double> a = {1.0};
  const std::vector<double> empty;
  const std::vector<double> nan = {std::nan("")};
  const std::vector<double> inf = {-INFINITY};
  EXPECT_EQ(WassersteinDistance(empty, a).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(WassersteinDistance(a, empty).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(WassersteinDistance(a, nan).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(WassersteinDistance(inf, a).status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace cairn::stats
