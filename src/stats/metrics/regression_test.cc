#include "stats/metrics/regression.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "common/testing/status_matchers.h"

namespace cairn::stats {
namespace {

TEST(ComputeRegressionMetrics, HandComputedExample) {
  const std::vector<double> y = {1, 2, 3, 4};
  const std::vector<double> p = {1, 2, 3, 6};
  auto m = ComputeRegressionMetrics(y, p);
  ASSERT_OK(m);
  EXPECT_DOUBLE_EQ(m->rmse, 1.0);  // sqrt(4/4)
  EXPECT_DOUBLE_EQ(m->mae, 0.5);
  EXPECT_DOUBLE_EQ(m->mape, 0.5 / 4);
  EXPECT_DOUBLE_EQ(m->r2, 1.0 - 4.0 / 5.0);
}

TEST(ComputeRegressionMetrics, ConstantTargetRule) {
  const std::vector<double> y(10, 0.1);  // sums of 0.1 are inexact; numpy-order mean is 0.1
  const std::vector<double> perfect = y;
  std::vector<double> off = y;
  off[3] = 0.2;
  EXPECT_EQ(ComputeRegressionMetrics(y, perfect)->r2, 1.0);
  EXPECT_EQ(ComputeRegressionMetrics(y, off)->r2, 0.0);
}

TEST(ComputeRegressionMetrics, ZeroTargetUsesEpsDenominator) {
  const std::vector<double> y = {0.0};
  const std::vector<double> p = {1.0};
  auto m = ComputeRegressionMetrics(y, p);
  ASSERT_OK(m);
  EXPECT_EQ(m->mape, 1.0 / kMapeEps);
}

TEST(ComputeRegressionMetrics, RejectsBadInput) {
  const std::vector<double> y = {1.0, 2.0};
  const std::vector<double> short_p = {1.0};
  const std::vector<double> nan_p = {1.0, std::nan("")};
  const std::vector<double> empty;
  EXPECT_EQ(ComputeRegressionMetrics(y, short_p).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(ComputeRegressionMetrics(y, nan_p).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(ComputeRegressionMetrics(empty, empty).status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace cairn::stats
