#include "stats/metrics/binary.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <vector>

#include "common/testing/status_matchers.h"

namespace cairn::stats {
namespace {

TEST(ComputeBinaryMetrics, SmallHandComputedExample) {
  const std::vector<int> y = {0, 0, 1, 1, 1};
  const std::vector<double> s = {0.1, 0.6, 0.4, 0.8, 0.5};
  auto m = ComputeBinaryMetrics(y, s);
  ASSERT_OK(m);
  EXPECT_EQ(m->confusion[0][0], 1);  // tn
  EXPECT_EQ(m->confusion[0][1], 1);  // fp (0.6)
  EXPECT_EQ(m->confusion[1][0], 1);  // fn (0.4)
  EXPECT_EQ(m->confusion[1][1], 2);  // tp (0.8, 0.5 >= threshold)
  EXPECT_DOUBLE_EQ(m->accuracy, 0.6);
  EXPECT_DOUBLE_EQ(m->precision, 2.0 / 3.0);
  EXPECT_DOUBLE_EQ(m->recall, 2.0 / 3.0);
  EXPECT_DOUBLE_EQ(m->f1, 2.0 / 3.0);
  // Pairs (pos, neg): 0.4>0.1, 0.4<0.6, 0.8>both, 0.5>0.1, 0.5<0.6 -> 4 of 6.
  ASSERT_TRUE(m->roc_auc.has_value());
  EXPECT_DOUBLE_EQ(*m->roc_auc, 4.0 / 6.0);
  const double ll =
      -(std::log(0.9) + std::log(0.4) + std::log(0.4) + std::log(0.8) + std::log(0.5)) / 5;
  EXPECT_NEAR(m->log_loss, ll, 1e-15);
  EXPECT_NEAR(m->brier, (0.01 + 0.36 + 0.36 + 0.04 + 0.25) / 5, 1e-15);
}

TEST(ComputeBinaryMetrics, TiedScoresCountHalf) {
  const std::vector<int> y = {0, 1, 0, 1};
  const std::vector<double> s = {0.5, 0.5, 0.5, 0.5};
  auto m = ComputeBinaryMetrics(y, s);
  ASSERT_OK(m);
  EXPECT_EQ(*m->roc_auc, 0.5);
}

TEST(ComputeBinaryMetrics, ThresholdIsInclusiveAndConfigurable) {
  const std::vector<int> y = {1, 0};
  const std::vector<double> s = {0.7, 0.3};
  auto strict = ComputeBinaryMetrics(y, s, 0.7);
  ASSERT_OK(strict);
  EXPECT_EQ(strict->confusion[1][1], 1);
  auto high = ComputeBinaryMetrics(y, s, 0.71);
  ASSERT_OK(high);
  EXPECT_EQ(high->confusion[1][1], 0);
  EXPECT_EQ(high->precision, 0.0);  // zero_division = 0
  EXPECT_EQ(high->f1, 0.0);
}

TEST(ComputeBinaryMetrics, SingleClassHasNoAuc) {
  const std::vector<int> y = {0, 0, 0};
  const std::vector<double> s = {0.1, 0.7, 0.2};
  auto m = ComputeBinaryMetrics(y, s);
  ASSERT_OK(m);
  EXPECT_FALSE(m->roc_auc.has_value());
  EXPECT_EQ(m->recall, 0.0);
}

TEST(ComputeBinaryMetrics, LogLossClipsCertainWrongPredictions) {
  const std::vector<int> y = {1, 0};
  const std::vector<double> s = {0.0, 1.0};
  auto m = ComputeBinaryMetrics(y, s);
  ASSERT_OK(m);
  EXPECT_TRUE(std::isfinite(m->log_loss));
  EXPECT_NEAR(m->log_loss, -std::log(kLogLossEps), 1e-9);
}

TEST(ComputeBinaryMetrics, AucInvariantUnderRowPermutationAndMonotoneTransform) {
  std::mt19937 rng(5);
  std::uniform_real_distribution<double> u(0, 1);
  std::vector<int> y(3000);
  std::vector<double> s(3000);
  for (std::size_t i = 0; i < y.size(); ++i) {
    y[i] = u(rng) < 0.4 ? 1 : 0;
    s[i] = std::round((u(rng) + 0.3 * y[i]) * 50) / 50;  // many ties
  }
  const double auc = *ComputeBinaryMetrics(y, s)->roc_auc;
  std::vector<double> squared = s;
  for (auto& x : squared) x = x * x;
  EXPECT_EQ(*ComputeBinaryMetrics(y, squared)->roc_auc, auc);
  std::vector<std::size_t> idx(y.size());
  for (std::size_t i = 0; i < idx.size(); ++i) idx[i] = i;
  std::shuffle(idx.begin(), idx.end(), rng);
  std::vector<int> y2;
  std::vector<double> s2;
  for (std::size_t i : idx) {
    y2.push_back(y[i]);
    s2.push_back(s[i]);
  }
  EXPECT_EQ(*ComputeBinaryMetrics(y2, s2)->roc_auc, auc);
  EXPECT_GT(auc, 0.5);
  EXPECT_LE(auc, 1.0);
}

TEST(ComputeBinaryMetricsByGroup, GroupsSortedAndSplit) {
  const std::vector<int> y = {1, 0, 1, 0};
  const std::vector<double> s = {0.9, 0.2, 0.3, 0.8};
  const std::vector<std::string_view> g = {"b", "a", "b", "a"};
  auto r = ComputeBinaryMetricsByGroup(y, s, g);
  ASSERT_OK(r);
  ASSERT_EQ(r->size(), 2u);
  EXPECT_EQ((*r)[0].group, "a");
  EXPECT_EQ((*r)[0].metrics.n, 2);
  EXPECT_FALSE((*r)[0].metrics.roc_auc.has_value());
  EXPECT_EQ((*r)[1].metrics.confusion[1][1], 1);
}

TEST(ComputeBinaryMetrics, RejectsBadInput) {
  const std::vector<int> y = {0, 1};
  const std::vector<double> s = {0.1, 0.9};
  const std::vector<double> short_s = {0.1};
  const std::vector<int> bad_label = {0, 2};
  const std::vector<double> nan_score = {0.1, std::nan("")};
  const std::vector<int> empty_y;
  const std::vector<double> empty_s;
  EXPECT_EQ(ComputeBinaryMetrics(y, short_s).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(ComputeBinaryMetrics(bad_label, s).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(ComputeBinaryMetrics(y, nan_score).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(ComputeBinaryMetrics(empty_y, empty_s).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(ComputeBinaryMetrics(y, s, std::nan("")).status().code(), StatusCode::kInvalidArgument);
  const std::vector<std::string_view> one_group = {"a"};
  EXPECT_EQ(ComputeBinaryMetricsByGroup(y, s, one_group).status().code(),
            StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace cairn::stats
