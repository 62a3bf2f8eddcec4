#include "tracking/page_token.h"

#include <gtest/gtest.h>

namespace cairn::tracking {
namespace {

TEST(PageToken, RoundTrips) {
  for (const std::string& s : std::vector<std::string>{
           "", "a", "ab", "abc", "r:1700000000000,9b2d-x", std::string("\0\xff", 2)}) {
    auto t = EncodePageToken(s);
    EXPECT_EQ(t.find_first_of("+/="), std::string::npos);
    auto back = DecodePageToken(t);
    ASSERT_TRUE(back.has_value());
    EXPECT_EQ(*back, s);
  }
}

TEST(PageToken, RejectsNonBase64Url) {
  EXPECT_FALSE(DecodePageToken("ab+c").has_value());
  EXPECT_FALSE(DecodePageToken("a").has_value());
  EXPECT_FALSE(DecodePageToken("ab c").has_value());
}

}  // namespace
}  // namespace cairn::tracking
