#include "stats/drift/psi.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

#include "common/testing/status_matchers.h"

namespace cairn::stats {
namespace {

std::vector<double> Uniform(std::size_t n, double lo, double hi, unsigned seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> d(lo, hi);
  std::vector<double> v(n);
  for (auto& x : v) x = d(rng);
  return v;
}

TEST(QuantileLinear, MatchesNumpyLinearDefinition) {
  const std::vector<double> s = {1, 2, 3, 4};
  EXPECT_EQ(QuantileLinear(s, 0.5), 2.5);
  EXPECT_EQ(QuantileLinear(s, 0.0), 1.0);
  EXPECT_EQ(QuantileLinear(s, 1.0), 4.0);
  EXPECT_DOUBLE_EQ(QuantileLinear(s, 0.1), 1.3);
  const std::vector<double> one = {7};
  EXPECT_EQ(QuantileLinear(one, 0.9), 7.0);
}

TEST(ComputePsi, IdenticalSamplesGiveZero) {
  const auto a = Uniform(1000, 0, 1, 1);
  auto r = ComputePsi(a, a);
  ASSERT_OK(r);
  EXPECT_EQ(r->psi, 0.0);
  EXPECT_EQ(r->edges.size(), 9u);
  EXPECT_EQ(r->reference_counts, r->current_counts);
}

TEST(ComputePsi, NonNegativeAndPermutationInvariant) {
  auto a = Uniform(800, 0, 1, 2);
  auto b = Uniform(600, 0.2, 1.3, 3);
  auto r1 = ComputePsi(a, b);
  std::shuffle(a.begin(), a.end(), std::mt19937(9));
  std::shuffle(b.begin(), b.end(), std::mt19937(10));
  auto r2 = ComputePsi(a, b);
  ASSERT_OK(r1);
  ASSERT_OK(r2);
  EXPECT_GT(r1->psi, 0.0);
  EXPECT_EQ(r1->psi, r2->psi);
  EXPECT_EQ(r1->current_counts, r2->current_counts);
}

TEST(ComputePsi, BinsAreRightClosedAndValuesOnAnEdgeGoLeft) {
  // Reference 1..11: quantile edges 2..10 exactly, so x = 2 falls in bin 0 (-inf, 2].
  std::vector<double> ref;
  for (int i = 1; i <= 11; ++i) ref.push_back(i);
  const std::vector<double> cur = {2.0, 2.0000001};
  auto r = ComputePsi(ref, cur);
  ASSERT_OK(r);
  ASSERT_EQ(r->edges.front(), 2.0);
  EXPECT_EQ(r->current_counts[0], 1);
  EXPECT_EQ(r->current_counts[1], 1);
}

TEST(ComputePsi, ConstantReferenceCollapsesToTwoBinsAndFloorsEmptyOnes) {
  const std::vector<double> ref(100, 3.0);
  const std::vector<double> cur = {1.0, 5.0, 6.0, 7.0};
  auto r = ComputePsi(ref, cur);
  ASSERT_OK(r);
  EXPECT_EQ(r->edges, std::vector<double>{3.0});
  EXPECT_EQ(r->reference_counts, (std::vector<std::int64_t>{100, 0}));
  EXPECT_EQ(r->current_counts, (std::vector<std::int64_t>{1, 3}));
  const double expected =
      (0.25 - 1.0) * std::log(0.25 / 1.0) + (0.75 - 1e-4) * std::log(0.75 / 1e-4);
  EXPECT_NEAR(r->psi, expected, 1e-12);
  EXPECT_TRUE(std::isfinite(r->psi));
}

TEST(PsiFromProportions, FloorsBothSides) {
  const std::vector<double> r = {0.0, 1.0};
  const std::vector<double> c = {0.0, 1.0};
  EXPECT_EQ(PsiFromProportions(r, c), 0.0);
}

TEST(ComputePsi, RejectsEmptyNaNAndTooFewBins) {
  const std::vector<double> a = {1.0, 2.0};
  const std::vector<double> empty;
  const std::vector<double> nan = {std::nan("")};
  EXPECT_EQ(ComputePsi(empty, a).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(ComputePsi(a, empty).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(ComputePsi(a, nan).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(ComputePsi(a, a, 1).status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace cairn::stats
