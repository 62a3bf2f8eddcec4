#include "stats/metrics/multiclass.h"

#include <gtest/gtest.h>

#include <string_view>
#include <vector>

#include "common/testing/status_matchers.h"

namespace cairn::stats {
namespace {

TEST(ComputeMulticlassMetrics, HandComputedExample) {
  const std::vector<std::string_view> y = {"a", "a", "b", "c"};
  const std::vector<std::string_view> p = {"a", "b", "b", "b"};
  auto m = ComputeMulticlassMetrics(y, p);
  ASSERT_OK(m);
  EXPECT_EQ(m->classes, (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(m->confusion,
            (std::vector<std::vector<std::int64_t>>{{1, 1, 0}, {0, 1, 0}, {0, 1, 0}}));
  EXPECT_DOUBLE_EQ(m->accuracy, 0.5);
  // precision a=1, b=1/3, c=0; recall a=1/2, b=1, c=0.
  EXPECT_DOUBLE_EQ(m->precision_macro, (1.0 + 1.0 / 3.0) / 3.0);
  EXPECT_DOUBLE_EQ(m->recall_macro, 0.5);
  const double f1_a = 2 * 1.0 * 0.5 / 1.5;
  const double f1_b = 2 * (1.0 / 3.0) * 1.0 / (4.0 / 3.0);
  EXPECT_DOUBLE_EQ(m->f1_macro, (f1_a + f1_b) / 3.0);
  EXPECT_DOUBLE_EQ(m->f1_weighted, (2 * f1_a + f1_b) / 4.0);
  EXPECT_EQ(m->per_class[2].support, 1);
  EXPECT_EQ(m->per_class[2].f1, 0.0);
}

TEST(ComputeMulticlassMetrics, PredictedOnlyClassCountsInMacroAverage) {
  const std::vector<std::string_view> y = {"a", "a"};
  const std::vector<std::string_view> p = {"a", "z"};
  auto m = ComputeMulticlassMetrics(y, p);
  ASSERT_OK(m);
  ASSERT_EQ(m->classes.size(), 2u);
  EXPECT_EQ(m->per_class[1].support, 0);
  EXPECT_DOUBLE_EQ(m->recall_macro, 0.25);  // (1/2 + 0) / 2
}

TEST(ComputeMulticlassMetrics, StringOverloadAgrees) {
  const std::vector<std::string> y = {"x", "y"};
  const std::vector<std::string> p = {"x", "x"};
  auto m =
      ComputeMulticlassMetrics(std::span<const std::string>(y), std::span<const std::string>(p));
  ASSERT_OK(m);
  EXPECT_DOUBLE_EQ(m->accuracy, 0.5);
}

TEST(ComputeMulticlassMetrics, RejectsEmptyAndMismatchedInput) {
  const std::vector<std::string_view> y = {"a"};
  const std::vector<std::string_view> p = {"a", "b"};
  const std::vector<std::string_view> empty;
  EXPECT_EQ(ComputeMulticlassMetrics(y, p).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(ComputeMulticlassMetrics(empty, empty).status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace cairn::stats
