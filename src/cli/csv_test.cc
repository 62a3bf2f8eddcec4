#include "cli/csv.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sstream>

#include "common/testing/status_matchers.h"

namespace cairn::cli {
namespace {

using ::testing::ElementsAre;

TEST(ReadCsv, HandlesQuotesCrlfAndEmptyLines) {
  std::istringstream in("a,b,c\r\n\"x,1\",\"say \"\"hi\"\"\",\n\n\"multi\nline\",2,3");
  auto rows = ReadCsv(in, "t.csv");
  ASSERT_OK(rows);
  ASSERT_EQ(rows->size(), 3u);
  EXPECT_THAT((*rows)[0], ElementsAre("a", "b", "c"));
  EXPECT_THAT((*rows)[1], ElementsAre("x,1", "say \"hi\"", ""));
  EXPECT_THAT((*rows)[2], ElementsAre("multi\nline", "2", "3"));
}

TEST(ReadCsv, UnterminatedQuoteNamesTheLine) {
  std::istringstream in("a,b\n\"open,2\n");
  auto rows = ReadCsv(in, "t.csv");
  ASSERT_FALSE(rows.ok());
  EXPECT_EQ(rows.status().message(), "t.csv line 2: unterminated quoted field");
}

}  // namespace
}  // namespace cairn::cli
