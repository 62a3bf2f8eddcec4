#include "stats/drift/drift_report.h"

#include <gtest/gtest.h>

#include <cmath>
#include <optional>
#include <random>
#include <string>
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

TEST(ComputeNumericDrift, NaNIsDroppedAndCounted) {
  std::vector<double> r = Normal(200, 0, 1);
  std::vector<double> c = Normal(150, 0, 2);
  std::vector<double> r_missing = r;
  r_missing.push_back(std::nan(""));
  r_missing.insert(r_missing.begin(), std::nan(""));
  auto clean = ComputeNumericDrift(r, c);
  auto with_nan = ComputeNumericDrift(r_missing, c);
  ASSERT_OK(clean);
  ASSERT_OK(with_nan);
  EXPECT_EQ(with_nan->missing_reference, 2);
  EXPECT_EQ(with_nan->missing_current, 0);
  EXPECT_EQ(with_nan->n_reference, 200);
  EXPECT_EQ(with_nan->ks.statistic, clean->ks.statistic);
  EXPECT_EQ(with_nan->psi.psi, clean->psi.psi);
  EXPECT_EQ(with_nan->wasserstein, clean->wasserstein);
}

TEST(ComputeNumericDrift, LargeShiftDriftsAndNoShiftDoesNot) {
  auto shifted = ComputeNumericDrift(Normal(5000, 0, 1), Normal(5000, 1.0, 2));
  ASSERT_OK(shifted);
  EXPECT_TRUE(shifted->drifted);
  EXPECT_EQ(shifted->severity, Severity::kCritical);
  auto same = ComputeNumericDrift(Normal(5000, 0, 3), Normal(5000, 0, 4));
  ASSERT_OK(same);
  EXPECT_FALSE(same->drifted);
  EXPECT_EQ(same->severity, Severity::kLow);
}

TEST(ComputeNumericDrift, RuleNeedsBothSignificanceAndPsi) {
  // A tiny shift in a huge sample: KS significant, PSI small -> no drift by default.
  auto r = ComputeNumericDrift(Normal(200000, 0, 5), Normal(200000, 0.05, 6));
  ASSERT_OK(r);
  EXPECT_LT(r->ks.p_value, 0.05);
  EXPECT_LT(r->psi.psi, 0.1);
  EXPECT_FALSE(r->drifted);
  DriftRule loose;
  loose.psi_threshold = 0.0;
  auto again = ComputeNumericDrift(Normal(200000, 0, 5), Normal(200000, 0.05, 6), loose);
  ASSERT_OK(again);
  EXPECT_TRUE(again->drifted);
}

TEST(ComputeNumericDrift, HistogramCoversPooledRange) {
  const std::vector<double> r = {0.0, 1.0, 2.0};
  const std::vector<double> c = {2.0, 4.0};
  auto d = ComputeNumericDrift(r, c);
  ASSERT_OK(d);
  const Histogram& h = d->histogram;
  ASSERT_EQ(h.edges.size(), static_cast<std::size_t>(kHistogramBins + 1));
  EXPECT_EQ(h.edges.front(), 0.0);
  EXPECT_EQ(h.edges.back(), 4.0);
  EXPECT_EQ(h.reference_counts[0], 1);
  EXPECT_EQ(h.reference_counts[5], 1);   // 1.0 starts bin 5 of width 0.2
  EXPECT_EQ(h.reference_counts[10], 1);  // 2.0 starts bin 10
  EXPECT_EQ(h.current_counts[10], 1);
  EXPECT_EQ(h.current_counts[19], 1);  // the maximum lands in the closed last bin
}

TEST(ComputeNumericDrift, ConstantPoolGetsUnitWideHistogram) {
  const std::vector<double> r(5, 7.0);
  auto d = ComputeNumericDrift(r, r);
  ASSERT_OK(d);
  EXPECT_EQ(d->histogram.edges.front(), 6.5);
  EXPECT_EQ(d->histogram.edges.back(), 7.5);
  EXPECT_EQ(d->ks.p_value, 1.0);
  EXPECT_EQ(d->psi.psi, 0.0);
}

TEST(ComputeNumericDrift, AllMissingIsInvalidArgument) {
  const std::vector<double> all_nan(3, std::nan(""));
  const std::vector<double> ok = {1.0};
  const std::vector<double> empty;
  EXPECT_EQ(ComputeNumericDrift(all_nan, ok).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(ComputeNumericDrift(ok, all_nan).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(ComputeNumericDrift(empty, ok).status().code(), StatusCode::kInvalidArgument);
}

TEST(ComputeNumericDrift, InfinityIsInvalidArgument) {
  const std::vector<double> inf = {1.0, INFINITY};
  const std::vector<double> ok = {1.0};
  EXPECT_EQ(ComputeNumericDrift(inf, ok).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(ComputeNumericDrift(ok, inf).status().code(), StatusCode::kInvalidArgument);
}

TEST(ComputeCategoricalDrift, CountsMissingAndDetectsShift) {
  std::vector<std::optional<std::string>> r;
  std::vector<std::optional<std::string>> c;
  for (int i = 0; i < 1000; ++i) r.emplace_back(i % 2 ? "a" : "b");
  for (int i = 0; i < 1000; ++i) c.emplace_back(i % 10 ? "a" : "c");
  r.emplace_back(std::nullopt);
  auto d = ComputeCategoricalDrift(std::span<const std::optional<std::string>>(r),
                                   std::span<const std::optional<std::string>>(c));
  ASSERT_OK(d);
  EXPECT_EQ(d->missing_reference, 1);
  EXPECT_EQ(d->n_reference, 1000);
  EXPECT_EQ(d->categories, (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(d->chi2.dof, 2);
  EXPECT_TRUE(d->drifted);
  EXPECT_EQ(d->severity, Severity::kCritical);
}

TEST(ComputeCategoricalDrift, IdenticalDistributionsDoNotDrift) {
  const std::vector<std::string_view> r = {"x", "y", "x", "y"};
  auto d = ComputeCategoricalDrift(r, r, 0, 0);
  ASSERT_OK(d);
  EXPECT_EQ(d->psi, 0.0);
  EXPECT_EQ(d->js_distance, 0.0);
  EXPECT_FALSE(d->drifted);
}

TEST(ComputeCategoricalDrift, RejectsEmptyAndNegativeMissing) {
  const std::vector<std::string_view> r = {"x"};
  const std::vector<std::string_view> empty;
  EXPECT_EQ(ComputeCategoricalDrift(empty, r, 3, 0).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(ComputeCategoricalDrift(r, r, -1, 0).status().code(), StatusCode::kInvalidArgument);
  const std::vector<std::optional<std::string>> all_missing(4);
  const std::vector<std::optional<std::string>> one = {std::string("x")};
  EXPECT_EQ(ComputeCategoricalDrift(std::span<const std::optional<std::string>>(one),
                                    std::span<const std::optional<std::string>>(all_missing))
                .status()
                .code(),
            StatusCode::kInvalidArgument);
}

TEST(Severity, BandsFromPsi) {
  EXPECT_EQ(SeverityFromPsi(0.0), Severity::kLow);
  EXPECT_EQ(SeverityFromPsi(0.0999), Severity::kLow);
  EXPECT_EQ(SeverityFromPsi(0.1), Severity::kMedium);
  EXPECT_EQ(SeverityFromPsi(0.25), Severity::kHigh);
  EXPECT_EQ(SeverityFromPsi(0.5), Severity::kCritical);
  EXPECT_EQ(SeverityName(Severity::kHigh), "high");
}

TEST(DatasetDrifted, ShareThreshold) {
  EXPECT_TRUE(DatasetDrifted(1, 2));
  EXPECT_FALSE(DatasetDrifted(1, 3));
  EXPECT_FALSE(DatasetDrifted(0, 0));
}

}  // namespace
}  // namespace cairn::stats
