#include "auth/duration.h"

#include <gtest/gtest.h>

namespace cairn::auth {
namespace {

TEST(ParseDuration, Units) {
  EXPECT_EQ(ParseDuration("500ms"), 500);
  EXPECT_EQ(ParseDuration("2s"), 2000);
  EXPECT_EQ(ParseDuration("30m"), 30 * 60 * 1000);
  EXPECT_EQ(ParseDuration("12h"), 12 * 3600 * 1000);
  EXPECT_EQ(ParseDuration("90d"), int64_t{90} * 24 * 3600 * 1000);
}

TEST(ParseDuration, RejectsEverythingElse) {
  for (const char* s :
       {"", "d", "0d", "-1d", "1", "1w", "1.5h", " 1h", "1h ", "99999999999999d", "40000d"}) {
    EXPECT_FALSE(ParseDuration(s).has_value()) << s;
  }
}

}  // namespace
}  // namespace cairn::auth
