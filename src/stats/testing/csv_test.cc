#include "stats/testing/csv.h"

#include <gtest/gtest.h>

#include <cmath>

#include "common/testing/status_matchers.h"

namespace cairn::stats::testing {
namespace {

TEST(ParseCsv, HeaderRowsAndMissingCells) {
  auto t = ParseCsv("a,b\r\n1.5,x\n,y\n");
  ASSERT_OK(t);
  EXPECT_EQ(t->header, (std::vector<std::string>{"a", "b"}));
  ASSERT_EQ(t->rows.size(), 2u);
  auto a = NumericColumn(*t, "a");
  ASSERT_OK(a);
  EXPECT_EQ((*a)[0], 1.5);
  EXPECT_TRUE(std::isnan((*a)[1]));
  auto b = StringColumn(*t, "b");
  ASSERT_OK(b);
  EXPECT_EQ((*b)[1], "y");
}

TEST(ParseDoubleCell, ShortestReprRoundTrips) {
  EXPECT_EQ(*ParseDoubleCell("0.1"), 0.1);
  EXPECT_EQ(*ParseDoubleCell("1.2e-05"), 1.2e-05);
  EXPECT_EQ(*ParseDoubleCell("3"), 3.0);
}

TEST(ParseCsv, RejectsRaggedRowsAndEmptyText) {
  EXPECT_EQ(ParseCsv("a,b\n1\n").status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(ParseCsv("").status().code(), StatusCode::kInvalidArgument);
}

TEST(ParseDoubleCell, RejectsGarbage) {
  EXPECT_EQ(ParseDoubleCell("1.5x").status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(ParseDoubleCell("abc").status().code(), StatusCode::kInvalidArgument);
}

TEST(NumericColumn, UnknownColumnIsNotFound) {
  auto t = ParseCsv("a\n1\n");
  ASSERT_OK(t);
  EXPECT_EQ(NumericColumn(*t, "zz").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(ReadCsvFile("/nonexistent/x.csv").status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace cairn::stats::testing
