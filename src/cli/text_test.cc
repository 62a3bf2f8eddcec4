#include "cli/text.h"

#include <gtest/gtest.h>

#include <vector>

namespace cairn::cli {
namespace {

TEST(DisplayWidth, CountsColumnsNotBytes) {
  EXPECT_EQ(DisplayWidth("abc"), 3u);
  EXPECT_EQ(DisplayWidth("é"), 1u);
  EXPECT_EQ(DisplayWidth("▁▂█"), 3u);
  EXPECT_EQ(DisplayWidth("한국"), 4u);
  EXPECT_EQ(DisplayWidth("\x1b[32mok\x1b[0m"), 2u);
  EXPECT_EQ(DisplayWidth("e\xcc\x81"), 1u);  // e + combining acute
}

TEST(Truncate, CutsWithAnEllipsisOnCharacterBoundaries) {
  EXPECT_EQ(Truncate("abcdef", 10), "abcdef");
  EXPECT_EQ(Truncate("abcdef", 4), "abc…");
  EXPECT_EQ(Truncate("ééééé", 3), "éé…");
  EXPECT_EQ(Truncate("한국어", 4), "한…");
  EXPECT_EQ(Truncate("abc", 0), "");
}

TEST(Sparkline, ScalesToTheMaximumAndShowsEmptyBins) {
  std::vector<double> v = {0, 1, 2, 4, 8};
  EXPECT_EQ(Sparkline(v), " ▁▂▄█");
  EXPECT_EQ(Sparkline(v, 16), " ▁▁▂▄");
  std::vector<double> tiny = {0.001, 100};
  EXPECT_EQ(Sparkline(tiny), "▁█");
  EXPECT_EQ(Sparkline(std::vector<double>{}), "");
  std::vector<double> zeros = {0, 0};
  EXPECT_EQ(Sparkline(zeros), "  ");
}

TEST(FormatNumber, IsCompact) {
  EXPECT_EQ(FormatNumber(12.0), "12");
  EXPECT_EQ(FormatNumber(0.91234567), "0.912346");
  EXPECT_EQ(FormatNumber(1.5e-7), "1.5e-07");
  EXPECT_EQ(FormatNumber(-3), "-3");
}

TEST(FormatTime, ShortensRfc3339) {
  EXPECT_EQ(FormatTime("2026-11-26T11:09:59.123Z"), "2026-11-26 11:09:59");
  EXPECT_EQ(FormatTime("soon"), "soon");
}

TEST(FormatBytesAndDuration, AreHumanSized) {
  EXPECT_EQ(FormatBytes(512), "512 B");
  EXPECT_EQ(FormatBytes(1536), "1.5 KiB");
  EXPECT_EQ(FormatBytes(5ull << 30), "5.0 GiB");
  EXPECT_EQ(FormatDuration(450), "450ms");
  EXPECT_EQ(FormatDuration(2500), "2.5s");
  EXPECT_EQ(FormatDuration(83000), "1m23s");
  EXPECT_EQ(FormatDuration(3 * 3600000 + 60000), "3h1m");
}

}  // namespace
}  // namespace cairn::cli
