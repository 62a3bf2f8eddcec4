#include "stats/metrics/binary.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <random>
#include <string_view>
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

// sum over (positive, negative) pairs of [p > q] + [p == q] / 2, in exact integers.
double BruteForceAuc(const std::vector<int>& y, const std::vector<double>& s) {
  std::int64_t twice = 0;
  std::int64_t pos = 0;
  std::int64_t neg = 0;
  for (std::size_t i = 0; i < y.size(); ++i) {
    if (y[i] == 1) {
      ++pos;
    } else {
      ++neg;
    }
    if (y[i] != 1) continue;
    for (std::size_t j = 0; j < y.size(); ++j) {
      if (y[j] == 0) twice += s[i] > s[j] ? 2 : s[i] == s[j] ? 1 : 0;
    }
  }
  return static_cast<double>(twice) / (2.0 * static_cast<double>(pos) * static_cast<double>(neg));
}

TEST(RocAuc, MatchesAllPairsWithTiesSignedZerosAndAnySize) {
  std::mt19937 rng(17);
  std::uniform_real_distribution<double> u(0, 1);
  for (std::size_t n : {std::size_t{2}, std::size_t{5}, std::size_t{64}, std::size_t{3001}}) {
    for (double grid : {0.0, 4.0, 50.0}) {
      std::vector<int> y(n);
      std::vector<double> s(n);
      for (std::size_t i = 0; i < n; ++i) {
        y[i] = i < 2 ? static_cast<int>(i) : (u(rng) < 0.35 ? 1 : 0);
        const double raw = u(rng) + 0.2 * y[i] - 0.5;
        s[i] = grid > 0 ? std::round(raw * grid) / grid : raw;
        if (s[i] == 0) s[i] = (i % 2) ? -0.0 : 0.0;  // both zeros must tie
      }
      EXPECT_EQ(*RocAuc(y, s), BruteForceAuc(y, s)) << n << " " << grid;
      EXPECT_EQ(*ComputeBinaryMetrics(y, s)->roc_auc, BruteForceAuc(y, s)) << n << " " << grid;
    }
  }
}

TEST(RocAuc, LargeInputOnTwoThreadsMatchesSmallerPieces) {
  // 2^17 rows: the threaded path. Scores on a coarse grid so that ties cross segment cuts;
  // compare with the rank-sum formula computed independently.
  const std::size_t n = std::size_t{1} << 17;
  std::mt19937 rng(23);
  std::uniform_real_distribution<double> u(0, 1);
  std::vector<int> y(n);
  std::vector<double> s(n);
  for (std::size_t i = 0; i < n; ++i) {
    y[i] = u(rng) < 0.3 ? 1 : 0;
    s[i] = std::round((u(rng) + 0.25 * y[i]) * 40) / 40;
  }
  std::vector<std::size_t> order(n);
  for (std::size_t i = 0; i < n; ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return s[a] < s[b]; });
  // Twice the average rank (1-based) of each tie group, summed over positives.
  std::int64_t twice_rank_sum = 0;
  std::int64_t pos = 0;
  for (std::size_t k = 0; k < n;) {
    std::size_t e = k;
    while (e < n && s[order[e]] == s[order[k]]) ++e;
    const auto twice_avg = static_cast<std::int64_t>(k + 1 + e);
    for (std::size_t t = k; t < e; ++t) {
      if (y[order[t]] == 1) {
        twice_rank_sum += twice_avg;
        ++pos;
      }
    }
    k = e;
  }
  const std::int64_t neg = static_cast<std::int64_t>(n) - pos;
  const std::int64_t twice_u = twice_rank_sum - pos * (pos + 1);
  const double want =
      static_cast<double>(twice_u) / (2.0 * static_cast<double>(pos) * static_cast<double>(neg));
  EXPECT_EQ(*RocAuc(y, s), want);
  EXPECT_EQ(*ComputeBinaryMetrics(y, s)->roc_auc, want);
}

TEST(ComputeBinaryMetrics, LargeInputSameAsSmallPathOnEveryMetric) {
  // The threaded path (>= 2^16 rows) against the same rows evaluated as groups of one value
  // each half (each group below the threshold, so computed on one thread).
  const std::size_t n = std::size_t{1} << 17;
  std::mt19937 rng(29);
  std::uniform_real_distribution<double> u(0, 1);
  std::vector<int> y(n);
  std::vector<double> s(n);
  for (std::size_t i = 0; i < n; ++i) {
    y[i] = u(rng) < 0.4 ? 1 : 0;
    s[i] = std::min(1.0, u(rng) * 0.7 + 0.3 * y[i]);
  }
  auto all = ComputeBinaryMetrics(y, s);
  ASSERT_TRUE(all.ok());
  const std::vector<std::string_view> g(n, "only");
  // One group = the whole input again, but through the group path: identical numbers.
  auto grouped = ComputeBinaryMetricsByGroup(y, s, g);
  ASSERT_TRUE(grouped.ok());
  const BinaryMetrics& b = (*grouped)[0].metrics;
  EXPECT_EQ(all->confusion, b.confusion);
  EXPECT_EQ(all->log_loss, b.log_loss);
  EXPECT_EQ(all->brier, b.brier);
  EXPECT_EQ(*all->roc_auc, *b.roc_auc);
  std::int64_t tp = 0;
  for (std::size_t i = 0; i < n; ++i) tp += (y[i] == 1 && s[i] >= 0.5) ? 1 : 0;
  EXPECT_EQ(all->confusion[1][1], tp);
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
