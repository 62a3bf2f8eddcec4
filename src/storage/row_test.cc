#include <gtest/gtest.h>

#include "storage/sql_database.h"

namespace cairn::storage {
namespace {

Row Sample() {
  return Row(
      {std::monostate(), int64_t{42}, 2.5, std::string("text"), Blob{std::string("\0b", 2)}});
}

TEST(Row, TypedAccessorsReturnTheirCells) {
  Row r = Sample();
  EXPECT_EQ(r.size(), 5u);
  EXPECT_TRUE(r.IsNull(0));
  EXPECT_EQ(r.Int(1), 42);
  EXPECT_EQ(r.Double(2), 2.5);
  EXPECT_EQ(r.Text(3), "text");
  EXPECT_EQ(r.BlobBytes(4), std::string("\0b", 2));
  EXPECT_EQ(r.OptInt(1), std::optional<int64_t>(42));
  EXPECT_EQ(r.OptText(3), std::optional<std::string>("text"));
}

TEST(Row, NullCellsYieldZeroValuesAndNullopt) {
  Row r = Sample();
  EXPECT_EQ(r.Int(0), 0);
  EXPECT_EQ(r.Double(0), 0.0);
  EXPECT_EQ(r.Text(0), "");
  EXPECT_EQ(r.BlobBytes(0), "");
  EXPECT_EQ(r.OptInt(0), std::nullopt);
  EXPECT_EQ(r.OptText(0), std::nullopt);
}

TEST(Row, MismatchedCellsYieldZeroValues) {
  Row r = Sample();
  EXPECT_EQ(r.Int(3), 0);
  EXPECT_EQ(r.Text(1), "");
  EXPECT_EQ(r.BlobBytes(3), "");
  EXPECT_EQ(r.Double(3), 0.0);
  EXPECT_FALSE(r.IsNull(1));
}

TEST(Row, DoubleWidensIntegers) {
  // SQLite returns integral REAL values and integer aggregates as INTEGER.
  EXPECT_EQ(Sample().Double(1), 42.0);
}

TEST(Row, OutOfRangeIndexIsNullNotACrash) {
  Row r = Sample();
  EXPECT_TRUE(r.IsNull(99));
  EXPECT_EQ(r.Int(99), 0);
  EXPECT_EQ(r.Text(99), "");
  EXPECT_EQ(r.OptInt(99), std::nullopt);
}

}  // namespace
}  // namespace cairn::storage
