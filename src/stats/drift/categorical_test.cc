#include "stats/drift/categorical.h"

#include <gtest/gtest.h>

#include <string_view>
#include <vector>

#include "common/testing/status_matchers.h"

namespace cairn::stats {
namespace {

TEST(CountCategories, SortedByteOrderUnionWithZeroCounts) {
  const std::vector<std::string_view> r = {"b", "a", "b", "Z"};
  const std::vector<std::string_view> c = {"c", "a", "a"};
  auto res = CountCategories(r, c);
  ASSERT_OK(res);
  EXPECT_EQ(res->categories, (std::vector<std::string>{"Z", "a", "b", "c"}));
  EXPECT_EQ(res->reference_counts, (std::vector<std::int64_t>{1, 1, 2, 0}));
  EXPECT_EQ(res->current_counts, (std::vector<std::int64_t>{0, 2, 0, 1}));
}

TEST(CountCategories, PermutationInvariant) {
  const std::vector<std::string_view> r1 = {"x", "y", "x", "z"};
  const std::vector<std::string_view> r2 = {"z", "x", "y", "x"};
  const std::vector<std::string_view> c = {"y"};
  auto a = CountCategories(r1, c);
  auto b = CountCategories(r2, c);
  ASSERT_OK(a);
  ASSERT_OK(b);
  EXPECT_EQ(a->categories, b->categories);
  EXPECT_EQ(a->reference_counts, b->reference_counts);
}

TEST(CountProportions, DividesByTotal) {
  const std::vector<std::int64_t> counts = {1, 3, 0};
  EXPECT_EQ(CountProportions(counts), (std::vector<double>{0.25, 0.75, 0.0}));
}

TEST(CountCategories, RejectsEmptySamples) {
  const std::vector<std::string_view> a = {"a"};
  const std::vector<std::string_view> empty;
  EXPECT_EQ(CountCategories(empty, a).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(CountCategories(a, empty).status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace cairn::stats
