#include "common/ids.h"

#include <gtest/gtest.h>

#include <set>

#include "common/like.h"

namespace cairn {
namespace {

TEST(Ids, UuidsAreVersion4AndDistinct) {
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) {
    std::string id = NewUuid();
    EXPECT_TRUE(IsUuid(id)) << id;
    EXPECT_EQ(id[14], '4');
    EXPECT_TRUE(id[19] == '8' || id[19] == '9' || id[19] == 'a' || id[19] == 'b');
    seen.insert(id);
  }
  EXPECT_EQ(seen.size(), 1000u);
}

TEST(Ids, IsUuidRejectsOtherShapes) {
  EXPECT_FALSE(IsUuid(""));
  EXPECT_FALSE(IsUuid("0123456789abcdef0123456789abcdef0123"));
  EXPECT_FALSE(IsUuid("01234567-89AB-4def-8123-456789abcdef"));  // uppercase
  EXPECT_FALSE(IsUuid("01234567-89ab-4def-8123-456789abcde"));
  EXPECT_TRUE(IsUuid("01234567-89ab-4def-8123-456789abcdef"));
}

TEST(Ids, NameRule) {
  EXPECT_TRUE(IsValidName("a"));
  EXPECT_TRUE(IsValidName("churn-model_v2.1"));
  EXPECT_TRUE(IsValidName(std::string(128, 'x')));
  EXPECT_FALSE(IsValidName(std::string(129, 'x')));
  EXPECT_FALSE(IsValidName(""));
  EXPECT_FALSE(IsValidName("-lead"));
  EXPECT_FALSE(IsValidName(".hidden"));
  EXPECT_FALSE(IsValidName("has space"));
  EXPECT_FALSE(IsValidName("slash/name"));
  EXPECT_FALSE(IsValidName("caf\xc3\xa9"));
}

TEST(Ids, WideNameRuleTakesWhatMlflowUsersChoose) {
  for (const char* ok : {"a", "/Users/me/churn", "churn model", "caf\xc3\xa9", ".hidden", "-lead",
                         "a..b", "\xf0\x9f\x98\x80 emoji", "Default"}) {
    EXPECT_TRUE(IsValidWideName(ok)) << ok;
  }
  EXPECT_TRUE(IsValidWideName(std::string(256, 'x')));
  std::string u256;
  for (int i = 0; i < 256; ++i) u256 += "\xc3\xa9";  // 256 characters, 512 bytes
  EXPECT_TRUE(IsValidWideName(u256));
  EXPECT_FALSE(IsValidWideName(u256 + "x"));
  EXPECT_FALSE(IsValidWideName(std::string(257, 'x')));
  for (const char* bad : {"", ".", "..", "tab\there", "new\nline", "del\x7f", "c1\xc2\x85", "\xc3",
                          "\xc0\xaf", "\xed\xa0\x80", "\xff"}) {
    EXPECT_FALSE(IsValidWideName(bad)) << bad;
  }
  EXPECT_FALSE(IsValidWideName(std::string("nul\0x", 5)));
}

TEST(Ids, CanonicalUuidAcceptsBothRunIdForms) {
  const std::string dashed = "0123abcd-4567-4abc-8def-0123456789ab";
  EXPECT_EQ(CanonicalUuid(dashed), dashed);
  EXPECT_EQ(CanonicalUuid("0123abcd45674abc8def0123456789ab"), dashed);
  EXPECT_EQ(UndashedUuid(dashed), "0123abcd45674abc8def0123456789ab");
  EXPECT_EQ(CanonicalUuid("0123ABCD45674abc8def0123456789ab"), std::nullopt);
  EXPECT_EQ(CanonicalUuid("0123abcd45674abc8def0123456789a"), std::nullopt);
  EXPECT_EQ(CanonicalUuid("0123abcd-45674abc8def0123456789ab"), std::nullopt);
  EXPECT_EQ(CanonicalUuid("not-a-uuid"), std::nullopt);
}

TEST(Like, WildcardsEscapesAndCase) {
  EXPECT_TRUE(LikeMatch("alpha", "al%"));
  EXPECT_FALSE(LikeMatch("Alpha", "al%"));
  EXPECT_TRUE(LikeMatch("Alpha", "al%", /*ignore_case=*/true));
  EXPECT_TRUE(LikeMatch("alpha", "%ph%"));
  EXPECT_TRUE(LikeMatch("alpha", "a_p_a"));
  EXPECT_FALSE(LikeMatch("alpha", "a_p_"));
  EXPECT_TRUE(LikeMatch("", "%"));
  EXPECT_FALSE(LikeMatch("", "_"));
  EXPECT_TRUE(LikeMatch("a_b", "a\\_b"));
  EXPECT_FALSE(LikeMatch("axb", "a\\_b"));
  EXPECT_TRUE(LikeMatch("100%", "100\\%"));
  EXPECT_TRUE(LikeMatch("caf\xc3\xa9", "caf_"));
  EXPECT_TRUE(LikeMatch("aXbXc", "%b%c"));
  EXPECT_FALSE(LikeMatch("aXbXd", "%b%c"));
  EXPECT_TRUE(LikeMatch(std::string(5000, 'a') + "b", "%a%a%b"));
}

}  // namespace
}  // namespace cairn
