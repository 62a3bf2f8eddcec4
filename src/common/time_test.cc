#include "common/time.h"

#include <gtest/gtest.h>

namespace cairn {
namespace {

TEST(Time, FormatsWithMillisecondsAndZ) {
  EXPECT_EQ(FormatRfc3339(0), "1970-01-01T00:00:00.000Z");
  EXPECT_EQ(FormatRfc3339(1795691399123), "2026-11-26T11:09:59.123Z");
  EXPECT_EQ(FormatRfc3339(-1), "1969-12-31T23:59:59.999Z");
}

TEST(Time, ParsesWhatItFormats) {
  for (int64_t ms : {int64_t{0}, int64_t{1795691399123}, int64_t{-86400001}, int64_t{951782400000}})
    EXPECT_EQ(ParseRfc3339(FormatRfc3339(ms)), ms) << ms;
}

TEST(Time, ParsesOffsetsFractionsAndDates) {
  EXPECT_EQ(ParseRfc3339("2026-11-26T12:09:59.123+01:00"), 1795691399123);
  EXPECT_EQ(ParseRfc3339("2026-11-26T11:09:59.1234567Z"), 1795691399123);
  EXPECT_EQ(ParseRfc3339("2026-11-26 11:09:59Z"), 1795691399000);
  EXPECT_EQ(ParseRfc3339("2026-11-26T11:09Z"), 1795691340000);
  EXPECT_EQ(ParseRfc3339("2026-11-26"), 1795651200000);
  EXPECT_EQ(ParseRfc3339("2024-02-29T00:00:00Z"), 1709164800000);
}

TEST(Time, RejectsMalformed) {
  for (const char* s :
       {"", "2026", "2026-13-01", "2026-02-30", "2023-02-29", "2026-11-26T25:00Z",
        "2026-11-26T11:09:59.Z", "2026-11-26T11:09:59+0100", "2026-11-26T11:09:59Zjunk",
        "2026-11-26X11:09:59Z", "abcd-ef-gh", "2026-11-26T11:09:59.1234567890Z"})
    EXPECT_FALSE(ParseRfc3339(s).has_value()) << s;
}

}  // namespace
}  // namespace cairn

namespace cairn {
namespace {
// Regression (found by fuzz_rfc3339): instants outside years 0000..9999 did not round-trip.
TEST(Rfc3339, RejectsInstantsOutsideFourDigitYears) {
  EXPECT_FALSE(ParseRfc3339("9999-12-31T23:59:60Z"));
  EXPECT_FALSE(ParseRfc3339("9999-12-31T23:59:59-00:01"));
  EXPECT_FALSE(ParseRfc3339("0000-01-01T00:00:00+00:01"));
  EXPECT_TRUE(ParseRfc3339("9999-12-31T23:59:59.999Z"));
  EXPECT_EQ(ParseRfc3339("0000-01-01T00:00:00Z"), -62167219200000);
}
}  // namespace
}  // namespace cairn
