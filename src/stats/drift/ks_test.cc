#include "stats/drift/ks.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

#include "common/testing/status_matchers.h"

namespace cairn::stats {
namespace {

std::vector<double> Normal(std::size_t n, double mean, unsigned seed) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> d(mean, 1.0);
  std::vector<double> v(n);
  for (auto& x : v) x = d(rng);
  return v;
}

TEST(KolmogorovSurvival, KnownValues) {
  // scipy.stats.kstwobign.sf at a few points (scipy 1.10.1).
  EXPECT_NEAR(KolmogorovSurvival(1.0), 0.26999967167735456, 1e-15);
  EXPECT_NEAR(KolmogorovSurvival(0.5), 0.9639452436648751, 1e-15);
  EXPECT_NEAR(KolmogorovSurvival(1.3580986393225505), 0.05, 1e-12);
  EXPECT_NEAR(KolmogorovSurvival(0.3) / 0.9999906941986655, 1.0, 1e-12);
  EXPECT_EQ(KolmogorovSurvival(0.0), 1.0);
  EXPECT_EQ(KolmogorovSurvival(-1.0), 1.0);
  EXPECT_EQ(KolmogorovSurvival(40.0), 0.0);  // underflows, as scipy's does
}

TEST(KolmogorovSurvival, ContinuousAndDecreasingAcrossSeriesCutover) {
  const double below = KolmogorovSurvival(0.82 - 1e-12);
  const double above = KolmogorovSurvival(0.82 + 1e-12);
  EXPECT_NEAR(below, above, 1e-11);
  double prev = 1.0;
  for (double x = 0.05; x < 5.0; x += 0.01) {
    const double sf = KolmogorovSurvival(x);
    EXPECT_LE(sf, prev) << x;
    EXPECT_GE(sf, 0.0);
    prev = sf;
  }
}

TEST(KsTwoSample, IdenticalSamplesGiveZeroAndPValueOne) {
  const auto a = Normal(500, 0, 1);
  auto r = KsTwoSample(a, a);
  ASSERT_OK(r);
  EXPECT_EQ(r->statistic, 0.0);
  EXPECT_EQ(r->p_value, 1.0);
}

TEST(KsTwoSample, SymmetricAndPermutationInvariant) {
  auto a = Normal(300, 0, 2);
  auto b = Normal(450, 0.3, 3);
  auto ab = KsTwoSample(a, b);
  auto ba = KsTwoSample(b, a);
  ASSERT_OK(ab);
  ASSERT_OK(ba);
  EXPECT_EQ(ab->statistic, ba->statistic);
  EXPECT_EQ(ab->p_value, ba->p_value);
  std::shuffle(a.begin(), a.end(), std::mt19937(4));
  std::reverse(b.begin(), b.end());
  auto shuffled = KsTwoSample(a, b);
  ASSERT_OK(shuffled);
  EXPECT_EQ(shuffled->statistic, ab->statistic);
}

TEST(KsTwoSample, DisjointSamplesGiveOne) {
  const std::vector<double> a = {1, 2, 3};
  const std::vector<double> b = {4, 5};
  auto r = KsTwoSample(a, b);
  ASSERT_OK(r);
  EXPECT_EQ(r->statistic, 1.0);
  EXPECT_GE(r->p_value, 0.0);
  EXPECT_LE(r->p_value, 1.0);
}

TEST(KsTwoSample, TiesStepPastEveryCopy) {
  // F_R = F_C everywhere except where they differ in mass at 1: |3/4 - 1/4| = 0.5.
  const std::vector<double> a = {1, 1, 1, 2};
  const std::vector<double> b = {1, 2, 2, 2};
  auto r = KsTwoSample(a, b);
  ASSERT_OK(r);
  EXPECT_EQ(r->statistic, 0.5);
}

TEST(KsTwoSample, BoundsHoldOnRandomSamples) {
  for (unsigned seed = 0; seed < 20; ++seed) {
    auto r = KsTwoSample(Normal(50 + seed, 0, seed), Normal(70, seed * 0.1, seed + 100));
    ASSERT_OK(r);
    EXPECT_GE(r->statistic, 0.0);
    EXPECT_LE(r->statistic, 1.0);
    EXPECT_GE(r->p_value, 0.0);
    EXPECT_LE(r->p_value, 1.0);
  }
}

TEST(KsTwoSample, RejectsEmptySample) {
  const std::vector<double> a = {1.0};
  const std::vector<double> empty;
  EXPECT_EQ(KsTwoSample(empty, a).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(KsTwoSample(a, empty).status().code(), StatusCode::kInvalidArgument);
}

TEST(KsTwoSample, RejectsNaNAndInfinity) {
  const std::vector<double> a = {1.0, 2.0};
  const std::vector<double> nan = {1.0, std::nan("")};
  const std::vector<double> inf = {1.0, INFINITY};
  EXPECT_EQ(KsTwoSample(nan, a).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(KsTwoSample(a, inf).status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace cairn::stats
