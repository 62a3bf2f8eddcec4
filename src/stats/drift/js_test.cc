#include "stats/drift/js.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <vector>

#include "common/testing/status_matchers.h"

namespace cairn::stats {
namespace {

TEST(JensenShannonDistance, ZeroForIdenticalAndOneForDisjoint) {
  const std::vector<double> p = {0.2, 0.3, 0.5};
  auto same = JensenShannonDistance(p, p);
  ASSERT_OK(same);
  EXPECT_EQ(*same, 0.0);
  const std::vector<double> a = {1, 0};
  const std::vector<double> b = {0, 1};
  auto disjoint = JensenShannonDistance(a, b);
  ASSERT_OK(disjoint);
  EXPECT_NEAR(*disjoint, 1.0, 1e-15);
}

TEST(JensenShannonDistance, KnownValue) {
  // scipy.spatial.distance.jensenshannon([1, 0], [0.5, 0.5], base=2).
  const std::vector<double> a = {1, 0};
  const std::vector<double> b = {0.5, 0.5};
  auto r = JensenShannonDistance(a, b);
  ASSERT_OK(r);
  const double m0 = 0.75;
  const double m1 = 0.25;
  const double kl = 1.0 * std::log(1.0 / m0) + 0.5 * std::log(0.5 / m0) + 0.5 * std::log(0.5 / m1);
  EXPECT_NEAR(*r, std::sqrt(kl / std::log(2.0) / 2.0), 1e-15);
}

TEST(JensenShannonDistance, SymmetricBoundedAndScaleFree) {
  std::mt19937 rng(3);
  std::uniform_real_distribution<double> u(0, 1);
  for (int t = 0; t < 50; ++t) {
    std::vector<double> p(8);
    std::vector<double> q(8);
    for (auto& x : p) x = u(rng);
    for (auto& x : q) x = u(rng);
    q[t % 8] = 0.0;
    auto pq = JensenShannonDistance(p, q);
    auto qp = JensenShannonDistance(q, p);
    ASSERT_OK(pq);
    ASSERT_OK(qp);
    EXPECT_NEAR(*pq, *qp, 1e-15);
    EXPECT_GE(*pq, 0.0);
    EXPECT_LE(*pq, 1.0);
    std::vector<double> scaled = p;
    for (auto& x : scaled) x *= 10;
    auto s = JensenShannonDistance(scaled, q);
    ASSERT_OK(s);
    EXPECT_NEAR(*s, *pq, 1e-12);
  }
}

TEST(JensenShannonDistance, RejectsBadInput) {
  const std::vector<double> a = {0.5, 0.5};
  const std::vector<double> three = {0.2, 0.3, 0.5};
  const std::vector<double> zeros = {0, 0};
  const std::vector<double> negative = {-0.5, 1.5};
  const std::vector<double> nan = {std::nan(""), 1.0};
  const std::vector<double> empty;
  EXPECT_EQ(JensenShannonDistance(a, three).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(JensenShannonDistance(a, zeros).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(JensenShannonDistance(negative, a).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(JensenShannonDistance(nan, a).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(JensenShannonDistance(empty, empty).status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace cairn::stats
