#include "datasets/column_file.h"

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>

#include "common/testing/status_matchers.h"

namespace cairn::datasets {
namespace {

namespace fs = std::filesystem;

std::string TempPath(const std::string& name) {
  return (fs::temp_directory_path() / ("colfile_" + std::to_string(::getpid()) + "_" + name))
      .string();
}

TEST(Crc32c, MatchesKnownVector) {
  // RFC 3720 test vector: CRC32C("123456789") = 0xE3069283.
  EXPECT_EQ(Crc32c(0, "123456789", 9), 0xE3069283u);
}

TEST(ColumnFile, RoundTripsInt64WithMissing) {
  const std::string p = TempPath("int");
  auto w = ColumnFileWriter::Create(p, ColumnType::kInt64, 4, 0);
  ASSERT_OK(w);
  (*w)->AppendInt(-5);
  (*w)->AppendMissing();
  (*w)->AppendInt(INT64_MAX);
  (*w)->AppendInt(7);
  ASSERT_OK((*w)->Finish());
  auto c = ReadColumnFile(p);
  ASSERT_OK(c);
  EXPECT_EQ(c->count, 4u);
  EXPECT_EQ(c->missing, 1u);
  EXPECT_FALSE(c->IsPresent(1));
  EXPECT_EQ(c->ints, (std::vector<int64_t>{-5, 0, INT64_MAX, 7}));
  fs::remove(p);
}

TEST(ColumnFile, RoundTripsStringsAndBools) {
  const std::string p = TempPath("str");
  auto w = ColumnFileWriter::Create(p, ColumnType::kString, 3, 6);
  ASSERT_OK(w);
  (*w)->AppendString("abc");
  (*w)->AppendMissing();
  (*w)->AppendString("d,e");
  ASSERT_OK((*w)->Finish());
  auto c = ReadColumnFile(p);
  ASSERT_OK(c);
  EXPECT_EQ(c->StringAt(0), "abc");
  EXPECT_EQ(c->StringAt(1), "");
  EXPECT_FALSE(c->IsPresent(1));
  EXPECT_EQ(c->StringAt(2), "d,e");

  const std::string b = TempPath("bool");
  auto wb = ColumnFileWriter::Create(b, ColumnType::kBool, 2, 0);
  (*wb)->AppendInt(1);
  (*wb)->AppendInt(0);
  ASSERT_OK((*wb)->Finish());
  auto cb = ReadColumnFile(b);
  ASSERT_OK(cb);
  EXPECT_EQ(cb->ints, (std::vector<int64_t>{1, 0}));
  fs::remove(p);
  fs::remove(b);
}

TEST(ColumnFile, WrongRowCountFailsFinish) {
  const std::string p = TempPath("short");
  auto w = ColumnFileWriter::Create(p, ColumnType::kFloat64, 3, 0);
  (*w)->AppendDouble(1.0);
  EXPECT_EQ((*w)->Finish().code(), StatusCode::kInternal);
  fs::remove(p);
}

TEST(ColumnFile, DetectsCorruption) {
  const std::string p = TempPath("corrupt");
  auto w = ColumnFileWriter::Create(p, ColumnType::kFloat64, 2, 0);
  (*w)->AppendDouble(1.5);
  (*w)->AppendDouble(2.5);
  ASSERT_OK((*w)->Finish());
  {
    std::fstream f(p, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(70);
    f.put('\x7f');
  }
  auto c = ReadColumnFile(p);
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().code(), StatusCode::kInternal);
  EXPECT_NE(c.status().message().find("checksum"), std::string::npos);
  fs::remove(p);
  EXPECT_EQ(ReadColumnFile(p).status().code(), StatusCode::kNotFound);
}

TEST(ColumnFile, LoadsOneMillionValuesQuickly) {
  const std::string p = TempPath("million");
  constexpr uint64_t kN = 1000000;
  auto w = ColumnFileWriter::Create(p, ColumnType::kFloat64, kN, 0);
  for (uint64_t i = 0; i < kN; ++i) (*w)->AppendDouble(static_cast<double>(i) * 0.5);
  ASSERT_OK((*w)->Finish());
  auto t0 = std::chrono::steady_clock::now();
  auto c = ReadColumnFile(p);
  auto ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  ASSERT_OK(c);
  EXPECT_EQ(c->doubles[999999], 999999 * 0.5);
  std::cout << "[ info ] loaded 1,000,000 float64 values in " << ms << " ms\n";
  fs::remove(p);
}

}  // namespace
}  // namespace cairn::datasets
