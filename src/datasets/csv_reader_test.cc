#include "datasets/csv_reader.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "common/testing/status_matchers.h"

namespace cairn::datasets {
namespace {

namespace fs = std::filesystem;

class CsvReaderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = (fs::temp_directory_path() /
             ("csv_reader_test_" + std::to_string(::getpid()) + "_" +
              ::testing::UnitTest::GetInstance()->current_test_info()->name()))
                .string();
  }
  void TearDown() override { fs::remove(path_); }
  Result<std::vector<std::vector<std::string>>> ParseAll(const std::string& text) {
    {
      std::ofstream f(path_, std::ios::binary);
      f << text;
    }
    ASSIGN_OR_RETURN(auto r, CsvReader::Open(path_));
    std::vector<std::vector<std::string>> out;
    for (;;) {
      ASSIGN_OR_RETURN(bool more, r->Next());
      if (!more) break;
      out.push_back(r->fields());
    }
    return out;
  }
  std::string path_;
};

using Rows = std::vector<std::vector<std::string>>;

TEST_F(CsvReaderTest, ParsesSimpleRecordsWithLf) {
  auto r = ParseAll("a,b\n1,2\n3,4\n");
  ASSERT_OK(r);
  EXPECT_EQ(*r, (Rows{{"a", "b"}, {"1", "2"}, {"3", "4"}}));
}

TEST_F(CsvReaderTest, ParsesCrlfAndFinalRecordWithoutNewline) {
  auto r = ParseAll("a,b\r\n1,2\r\n3,4");
  ASSERT_OK(r);
  EXPECT_EQ(*r, (Rows{{"a", "b"}, {"1", "2"}, {"3", "4"}}));
}

TEST_F(CsvReaderTest, QuotedFieldsKeepCommasQuotesAndNewlines) {
  auto r = ParseAll("a,b\n\"x,y\",\"say \"\"hi\"\"\"\n\"line1\nline2\",\"\"\n");
  ASSERT_OK(r);
  EXPECT_EQ(*r, (Rows{{"a", "b"}, {"x,y", "say \"hi\""}, {"line1\nline2", ""}}));
}

TEST_F(CsvReaderTest, EmptyFieldsAndTrailingComma) {
  auto r = ParseAll("a,b,c\n,,\n1,,\n");
  ASSERT_OK(r);
  EXPECT_EQ(*r, (Rows{{"a", "b", "c"}, {"", "", ""}, {"1", "", ""}}));
}

TEST_F(CsvReaderTest, SkipsBlankLinesAndBom) {
  auto r = ParseAll(
      "\xEF\xBB\xBF"
      "a\n\n1\n\n");
  ASSERT_OK(r);
  EXPECT_EQ(*r, (Rows{{"a"}, {"1"}}));
}

TEST_F(CsvReaderTest, UnterminatedQuoteNamesLineAndColumn) {
  auto r = ParseAll("a,b\n1,\"open\nstill open\n");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(r.status().message().find("column 2"), std::string::npos) << r.status().message();
  EXPECT_NE(r.status().message().find("unterminated"), std::string::npos);
  EXPECT_NE(r.status().message().find("opened on line 2"), std::string::npos);
}

TEST_F(CsvReaderTest, CharacterAfterClosingQuoteIsAnError) {
  auto r = ParseAll("a,b\n1,2\n\"x\"y,3\n");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("line 3, column 1"), std::string::npos)
      << r.status().message();
}

TEST_F(CsvReaderTest, InvalidUtf8NamesLineAndColumn) {
  auto r = ParseAll("a,b\n1,2\n3,\xC3\x28\n");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("line 3, column 2: invalid UTF-8"), std::string::npos)
      << r.status().message();
  ASSERT_EQ(r.status().errors().size(), 1u);
  EXPECT_EQ(r.status().errors()[0].field, "body");
}

TEST_F(CsvReaderTest, ValidMultibyteUtf8IsAccepted) {
  auto r = ParseAll("name\n\xEA\xB0\x80\xEB\x82\x98\n\xF0\x9F\x98\x80\n");
  ASSERT_OK(r);
  EXPECT_EQ((*r)[1][0], "\xEA\xB0\x80\xEB\x82\x98");
}

TEST_F(CsvReaderTest, LargeFieldsSpanningBuffers) {
  std::string big(600000, 'x');
  auto r = ParseAll("a,b\n\"" + big + "\"\"q\"," + big + "\n");
  ASSERT_OK(r);
  ASSERT_EQ(r->size(), 2u);
  EXPECT_EQ((*r)[1][0], big + "\"q");
  EXPECT_EQ((*r)[1][1], big);
}

TEST(Utf8, RejectsOverlongAndSurrogates) {
  EXPECT_TRUE(IsValidUtf8("plain"));
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));          // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));      // surrogate
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));  // > U+10FFFF
  EXPECT_FALSE(IsValidUtf8("\xE2\x82"));          // truncated
}

}  // namespace
}  // namespace cairn::datasets
