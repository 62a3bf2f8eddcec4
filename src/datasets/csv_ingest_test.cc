#include "datasets/csv_ingest.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "common/testing/status_matchers.h"
#include "datasets/column_file.h"

namespace cairn::datasets {
namespace {

namespace fs = std::filesystem;

class CsvIngestTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() /
            ("csv_ingest_test_" + std::to_string(::getpid()) + "_" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(root_);
  }
  void TearDown() override { fs::remove_all(root_); }
  Result<IngestResult> Ingest(const std::string& text) {
    const auto csv = (root_ / "in.csv").string();
    {
      std::ofstream f(csv, std::ios::binary);
      f << text;
    }
    return IngestCsv(csv, (root_ / "ds").string());
  }
  TypedColumn Column(size_t i) {
    auto c = ReadColumnFile((root_ / "ds" / ColumnFileName(i)).string());
    EXPECT_OK(c);
    return c.ok() ? *c : TypedColumn{};
  }
  fs::path root_;
};

TEST_F(CsvIngestTest, InfersEveryType) {
  auto r = Ingest(
      "i,f,b,t,s,e\n"
      "1,1.5,true,2024-01-01T00:00:00Z,x,\n"
      "-2,3,FALSE,2024-01-02,y,\n"
      ",2e3,,2024-01-03T10:00:00.500+01:00,,\n");
  ASSERT_OK(r);
  ASSERT_EQ(r->columns.size(), 6u);
  EXPECT_EQ(r->columns[0].second, ColumnType::kInt64);
  EXPECT_EQ(r->columns[1].second, ColumnType::kFloat64);
  EXPECT_EQ(r->columns[2].second, ColumnType::kBool);
  EXPECT_EQ(r->columns[3].second, ColumnType::kTimestamp);
  EXPECT_EQ(r->columns[4].second, ColumnType::kString);
  EXPECT_EQ(r->columns[5].second, ColumnType::kString);  // all missing
  EXPECT_EQ(r->row_count, 3);
  EXPECT_EQ(r->sha256.size(), 64u);
  auto i = Column(0);
  EXPECT_EQ(i.ints[0], 1);
  EXPECT_EQ(i.ints[1], -2);
  EXPECT_FALSE(i.IsPresent(2));
  auto f = Column(1);
  EXPECT_DOUBLE_EQ(f.doubles[2], 2000.0);
  auto t = Column(3);
  EXPECT_EQ(t.ints[0], 1704067200000);
  EXPECT_EQ(t.ints[2], 1704067200000 + 2 * 86400000 + 9 * 3600000 + 500);
  EXPECT_EQ(r->profile[0].missing, 1);
  EXPECT_EQ(r->profile[5].missing, 3);
}

TEST_F(CsvIngestTest, MixedIntsAndTextFallBackToString) {
  auto r = Ingest("a,b,c\n1,1,true\nx,2.5,1\n");
  ASSERT_OK(r);
  EXPECT_EQ(r->columns[0].second, ColumnType::kString);
  EXPECT_EQ(r->columns[1].second, ColumnType::kFloat64);
  EXPECT_EQ(r->columns[2].second, ColumnType::kString);  // bool and int mixed
}

TEST_F(CsvIngestTest, NanAndInfAreNotNumbers) {
  auto r = Ingest("a\n1.5\nnan\n");
  ASSERT_OK(r);
  EXPECT_EQ(r->columns[0].second, ColumnType::kString);
}

TEST_F(CsvIngestTest, RaggedRowNamesLineAndLeavesNothing) {
  auto r = Ingest("a,b\n1,2\n3\n4,5\n");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(r.status().message().find("line 3, column 2"), std::string::npos)
      << r.status().message();
  EXPECT_FALSE(fs::exists(root_ / "ds"));
}

TEST_F(CsvIngestTest, ExtraFieldIsRagged) {
  auto r = Ingest("a,b\n1,2,3\n");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("line 2, column 3: expected 2 fields, found 3"),
            std::string::npos)
      << r.status().message();
}

TEST_F(CsvIngestTest, HeaderProblems) {
  EXPECT_NE(Ingest("").status().message().find("header row is required"), std::string::npos);
  EXPECT_NE(Ingest("a,,c\n").status().message().find("line 1, column 2"), std::string::npos);
  EXPECT_NE(Ingest("a,b,a\n1,2,3\n").status().message().find("duplicate column name 'a'"),
            std::string::npos);
  // A NUL in a column name (quoted or not) names its column.
  for (const std::string& csv :
       {std::string("a,b,c\0d\n1,2,3\n", 14), std::string("a,\"b\0\",c\n1,2,3\n", 15)}) {
    auto nul = Ingest(csv);
    ASSERT_FALSE(nul.ok());
    EXPECT_EQ(nul.status().code(), StatusCode::kInvalidArgument);
    EXPECT_NE(nul.status().message().find("column name must not contain NUL"), std::string::npos)
        << nul.status().message();
  }
  EXPECT_NE(Ingest(std::string("a,b,c\0d\n1,2,3\n", 14)).status().message().find("column 3"),
            std::string::npos);
  EXPECT_NE(Ingest(std::string("a,\"b\0\",c\n1,2,3\n", 15)).status().message().find("column 2"),
            std::string::npos);
  EXPECT_FALSE(fs::exists(root_ / "ds"));
}

TEST_F(CsvIngestTest, HeaderOnlyGivesEmptyColumns) {
  auto r = Ingest("a,b\n");
  ASSERT_OK(r);
  EXPECT_EQ(r->row_count, 0);
  EXPECT_EQ(Column(0).count, 0u);
}

TEST_F(CsvIngestTest, QuotedNumbersAreStillNumbers) {
  auto r = Ingest("a,b\n\"1\",\"x,y\"\n\"2\",\"line\nbreak\"\n");
  ASSERT_OK(r);
  EXPECT_EQ(r->columns[0].second, ColumnType::kInt64);
  auto b = Column(1);
  EXPECT_EQ(b.StringAt(0), "x,y");
  EXPECT_EQ(b.StringAt(1), "line\nbreak");
}

TEST(CellParsers, IntegersFloatsBools) {
  int64_t i;
  double d;
  bool b;
  EXPECT_TRUE(ParseInt64Cell("+42", i));
  EXPECT_EQ(i, 42);
  EXPECT_FALSE(ParseInt64Cell("9223372036854775808", i));
  EXPECT_FALSE(ParseInt64Cell(" 1", i));
  EXPECT_FALSE(ParseInt64Cell("1.0", i));
  EXPECT_TRUE(ParseFloatCell("-1.5e-3", d));
  EXPECT_FALSE(ParseFloatCell("inf", d));
  EXPECT_FALSE(ParseFloatCell("1e999", d));
  EXPECT_TRUE(ParseBoolCell("TrUe", b));
  EXPECT_TRUE(b);
  EXPECT_FALSE(ParseBoolCell("yes", b));
}

}  // namespace
}  // namespace cairn::datasets
