#include "stats/drift/chi2.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "common/testing/status_matchers.h"

namespace cairn::stats {
namespace {

TEST(ChiSquareTwoRow, KnownTwoByTwo) {
  // [[10, 20], [20, 10]]: E = 15 everywhere, stat = 4 * 25/15 = 20/3, dof 1.
  const std::vector<std::int64_t> r = {10, 20};
  const std::vector<std::int64_t> c = {20, 10};
  auto res = ChiSquareTwoRow(r, c);
  ASSERT_OK(res);
  EXPECT_NEAR(res->statistic, 20.0 / 3.0, 1e-13);
  EXPECT_EQ(res->dof, 1);
  // P(chi2_1 > x) = erfc(sqrt(x/2)).
  EXPECT_NEAR(res->p_value / std::erfc(std::sqrt(res->statistic / 2)), 1.0, 1e-12);
}

TEST(ChiSquareTwoRow, ProportionalRowsGiveZeroAndPOne) {
  const std::vector<std::int64_t> r = {10, 20, 30};
  const std::vector<std::int64_t> c = {20, 40, 60};
  auto res = ChiSquareTwoRow(r, c);
  ASSERT_OK(res);
  EXPECT_NEAR(res->statistic, 0.0, 1e-12);
  EXPECT_NEAR(res->p_value, 1.0, 1e-12);
  EXPECT_EQ(res->dof, 2);
}

TEST(ChiSquareTwoRow, SingleCategoryIsDegenerate) {
  const std::vector<std::int64_t> r = {5};
  const std::vector<std::int64_t> c = {9};
  auto res = ChiSquareTwoRow(r, c);
  ASSERT_OK(res);
  EXPECT_EQ(res->statistic, 0.0);
  EXPECT_EQ(res->p_value, 1.0);
  EXPECT_EQ(res->dof, 0);
}

TEST(ChiSquareTwoRow, SymmetricInRows) {
  const std::vector<std::int64_t> r = {3, 50, 7, 0};
  const std::vector<std::int64_t> c = {30, 5, 70, 2};
  auto a = ChiSquareTwoRow(r, c);
  auto b = ChiSquareTwoRow(c, r);
  ASSERT_OK(a);
  ASSERT_OK(b);
  EXPECT_NEAR(a->statistic, b->statistic, 1e-12 * a->statistic);
  ASSERT_GT(b->p_value, 0.0);
  EXPECT_NEAR(a->p_value / b->p_value, 1.0, 1e-9);
}

TEST(ChiSquareSurvival, UnderflowIsZeroNotAnError) {
  EXPECT_EQ(ChiSquareSurvival(1e6, 3), 0.0);
  EXPECT_EQ(ChiSquareSurvival(0.0, 3), 1.0);
  EXPECT_EQ(ChiSquareSurvival(INFINITY, 3), 0.0);
}

TEST(ChiSquareTwoRow, RejectsMalformedTables) {
  const std::vector<std::int64_t> two = {1, 2};
  const std::vector<std::int64_t> three = {1, 2, 3};
  const std::vector<std::int64_t> empty;
  const std::vector<std::int64_t> negative = {-1, 2};
  const std::vector<std::int64_t> zero_row = {0, 0};
  const std::vector<std::int64_t> a = {0, 5};
  const std::vector<std::int64_t> b = {0, 3};
  EXPECT_EQ(ChiSquareTwoRow(two, three).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(ChiSquareTwoRow(empty, empty).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(ChiSquareTwoRow(negative, two).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(ChiSquareTwoRow(two, zero_row).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(ChiSquareTwoRow(a, b).status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace cairn::stats
