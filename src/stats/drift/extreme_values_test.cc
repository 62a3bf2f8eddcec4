// Drift statistics on finite values near +-DBL_MAX, where max - min, quantile interpolation and
// the Wasserstein sum overflow a double unless computed with care.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <vector>

#include "stats/drift/drift_report.h"
#include "stats/drift/ks.h"
#include "stats/drift/psi.h"
#include "stats/drift/wasserstein.h"

namespace cairn::stats {
namespace {

constexpr double kMax = std::numeric_limits<double>::max();

// n values uniform in [lo, hi] * DBL_MAX (computed without overflow).
std::vector<double> Uniform(std::mt19937_64& rng, std::size_t n, double lo, double hi) {
  std::uniform_real_distribution<double> u(lo, hi);
  std::vector<double> v(n);
  for (auto& x : v) x = u(rng) * kMax;
  return v;
}

std::vector<double> Concat(std::vector<double> a, const std::vector<double>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

void ExpectFiniteAndDrifted(const NumericDrift& d) {
  EXPECT_TRUE(std::isfinite(d.ks.statistic));
  EXPECT_TRUE(std::isfinite(d.psi.psi));
  EXPECT_TRUE(std::isfinite(d.js_distance));
  for (double e : d.psi.edges_raw) EXPECT_TRUE(std::isfinite(e));
  EXPECT_TRUE(std::is_sorted(d.psi.edges.begin(), d.psi.edges.end()));
  for (double e : d.histogram.edges) EXPECT_TRUE(std::isfinite(e));
  EXPECT_TRUE(std::is_sorted(d.histogram.edges.begin(), d.histogram.edges.end()));
  std::int64_t r = 0, c = 0;
  for (auto x : d.histogram.reference_counts) r += x;
  for (auto x : d.histogram.current_counts) c += x;
  EXPECT_EQ(r, d.n_reference);
  EXPECT_EQ(c, d.n_current);
  EXPECT_LT(d.ks.p_value, 0.05);
  EXPECT_GE(d.psi.psi, 0.1);
  EXPECT_TRUE(d.drifted);
}

TEST(QuantileLinear, FiniteWhereTheInterpolationGapOverflows) {
  const std::vector<double> v = {-0.9 * kMax, 0.8 * kMax};
  double last = v.front();
  for (double q : {0.0, 0.1, 0.25, 0.5, 0.75, 0.9, 1.0}) {
    const double x = QuantileLinear(v, q);  // numpy: -inf or nan where g = 0
    EXPECT_TRUE(std::isfinite(x)) << q;
    EXPECT_GE(x, last) << q;
    EXPECT_LE(x, v.back()) << q;
    last = x;
  }
  EXPECT_EQ(QuantileLinear(v, 0.0), v.front());
  EXPECT_EQ(QuantileLinear(v, 1.0), v.back());
  EXPECT_NEAR(QuantileLinear(v, 0.5), -0.05 * kMax, 1e-15 * kMax);
}

// The reference straddles zero with a gap wider than DBL_MAX at its median; the current sample
// sits entirely above it (KS = 1). Odd and even sizes put the gap at g = 0 and g = 0.5.
TEST(ComputeNumericDrift, ClearDriftNearDoubleMaxIsReportedDrifted) {
  std::mt19937_64 rng(1);
  for (std::size_t half : {500, 501}) {
    const auto r = Concat(Uniform(rng, half, -0.7, -0.6), Uniform(rng, 500, 0.6, 0.7));
    const auto c = Uniform(rng, 1000, 0.8, 1.0);
    auto d = ComputeNumericDrift(r, c);
    ASSERT_TRUE(d.ok()) << d.status().ToString();
    SCOPED_TRACE(half);
    EXPECT_EQ(d->ks.statistic, 1.0);
    ExpectFiniteAndDrifted(*d);
    EXPECT_EQ(d->psi.current_counts.back(), 1000);  // all above the top edge
    // Together they span 1.7 DBL_MAX, so the Wasserstein sum needs scaling; W1 itself (half the
    // mass moves about 1.55 DBL_MAX, half about 0.25 DBL_MAX) is finite.
    EXPECT_NEAR(d->wasserstein, 0.9 * kMax, 0.02 * kMax);
  }
}

TEST(ComputeNumericDrift, OppositeEndsOfTheDoubleRange) {
  std::mt19937_64 rng(2);
  const auto r = Uniform(rng, 2000, -1.0, -0.9);
  const auto c = Uniform(rng, 1500, 0.9, 1.0);
  auto d = ComputeNumericDrift(r, c);
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->ks.statistic, 1.0);
  ExpectFiniteAndDrifted(*d);
  EXPECT_EQ(d->histogram.edges.front(), *std::min_element(r.begin(), r.end()));
  EXPECT_EQ(d->histogram.edges.back(), *std::max_element(c.begin(), c.end()));
  EXPECT_EQ(d->histogram.reference_counts[10], 0);  // nothing near zero
  // W1 is about 1.9 DBL_MAX: no double holds it, so it is +inf by contract (JSON: null).
  EXPECT_EQ(d->wasserstein, std::numeric_limits<double>::infinity());
}

TEST(ComputeNumericDrift, HalvesOfADriftedPairAcrossZero) {
  // Reference and current each straddle zero with huge values; 40% of the mass moves.
  std::mt19937_64 rng(3);
  const auto r = Concat(Uniform(rng, 600, -1.0, -0.8), Uniform(rng, 600, 0.8, 1.0));
  const auto c = Concat(Uniform(rng, 120, -1.0, -0.8), Uniform(rng, 1080, 0.8, 1.0));
  auto d = ComputeNumericDrift(r, c);
  ASSERT_TRUE(d.ok());
  ExpectFiniteAndDrifted(*d);
  EXPECT_GE(d->ks.statistic, 0.4);  // F_R(0) = 0.5, F_C(0) = 0.1
  EXPECT_TRUE(std::isfinite(d->wasserstein));
}

TEST(WassersteinDistance, FiniteWhenTheSumWouldOverflowButTheDistanceDoesNot) {
  // A pure shift by 0.85 DBL_MAX: W1 = the shift, although n*m*(max - min) is far beyond
  // DBL_MAX and every width times a CDF numerator overflows unscaled.
  std::mt19937_64 rng(4);
  const auto r = Uniform(rng, 3000, -0.45, -0.40);
  std::vector<double> c = r;
  for (auto& x : c) x += 0.85 * kMax;
  auto w = WassersteinDistance(r, c);
  ASSERT_TRUE(w.ok());
  EXPECT_NEAR(*w, 0.85 * kMax, 1e-12 * kMax);
}

// Property: multiplying both samples by a power of two changes no statistic except scaling
// Wasserstein by it (it is the one with units), on both the plain and the scaled summation
// path, and KS/Wasserstein stay symmetric.
TEST(ComputeNumericDrift, PowerOfTwoScalingInvariance) {
  std::mt19937_64 rng(5);
  std::normal_distribution<double> normal(0, 1);
  std::vector<double> r(4000), c(3000);
  for (auto& x : r) x = normal(rng);
  for (auto& x : c) x = 1.3 * normal(rng) + 0.4;
  auto base = ComputeNumericDrift(r, c);
  ASSERT_TRUE(base.ok());
  for (int k : {-1000, -30, 30, 600, 1015}) {
    SCOPED_TRACE(k);
    std::vector<double> rs = r, cs = c;
    for (auto& x : rs) x = std::ldexp(x, k);
    for (auto& x : cs) x = std::ldexp(x, k);
    auto d = ComputeNumericDrift(rs, cs);
    ASSERT_TRUE(d.ok());
    EXPECT_EQ(d->ks.statistic, base->ks.statistic);
    EXPECT_EQ(d->psi.psi, base->psi.psi);
    EXPECT_EQ(d->js_distance, base->js_distance);
    EXPECT_EQ(d->psi.reference_counts, base->psi.reference_counts);
    EXPECT_NEAR(std::ldexp(d->wasserstein, -k), base->wasserstein, 1e-12 * base->wasserstein);
    auto swapped = ComputeNumericDrift(cs, rs);
    ASSERT_TRUE(swapped.ok());
    EXPECT_EQ(swapped->ks.statistic, d->ks.statistic);
    EXPECT_NEAR(swapped->wasserstein, d->wasserstein, 1e-12 * d->wasserstein);
  }
}

}  // namespace
}  // namespace cairn::stats
