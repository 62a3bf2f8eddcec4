#include "common/ids.h"

#include <gtest/gtest.h>

#include <set>

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

}  // namespace
}  // namespace cairn
