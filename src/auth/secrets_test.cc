#include "auth/secrets.h"

#include <gtest/gtest.h>

#include <set>

namespace cairn::auth {
namespace {

TEST(Secrets, TokensAreCairnPrefixedBase64UrlOf256Bits) {
  std::set<std::string> seen;
  for (int i = 0; i < 100; ++i) {
    auto t = NewTokenSecret();
    ASSERT_TRUE(t.ok());
    EXPECT_EQ(t->size(), kTokenLength);
    EXPECT_EQ(t->rfind("cairn_", 0), 0u);
    EXPECT_TRUE(LooksLikeToken(*t)) << *t;
    EXPECT_FALSE(LooksLikeSessionSecret(*t));
    seen.insert(*t);
  }
  EXPECT_EQ(seen.size(), 100u);
}

TEST(Secrets, ShapeChecks) {
  EXPECT_FALSE(LooksLikeToken("cairn_"));
  EXPECT_FALSE(LooksLikeToken("cairn_" + std::string(42, 'a')));
  EXPECT_FALSE(LooksLikeToken("cairn_" + std::string(42, 'a') + "="));
  EXPECT_FALSE(LooksLikeToken("xxxxx_" + std::string(43, 'a')));
  EXPECT_TRUE(LooksLikeToken("cairn_" + std::string(43, '-')));
  EXPECT_TRUE(LooksLikeSessionSecret(std::string(43, '_')));
  EXPECT_FALSE(LooksLikeSessionSecret(std::string(43, '/')));
}

TEST(Secrets, Base64UrlAndSha256KnownAnswers) {
  EXPECT_EQ(Base64Url(""), "");
  EXPECT_EQ(Base64Url("f"), "Zg");
  EXPECT_EQ(Base64Url("fo"), "Zm8");
  EXPECT_EQ(Base64Url("foo"), "Zm9v");
  EXPECT_EQ(Base64Url("\xfb\xff"), "-_8");
  EXPECT_EQ(Hex(RawSha256("abc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(Secrets, CsrfTokenIsDerivedAndDoesNotRevealTheSecret) {
  auto s = RandomSecret();
  ASSERT_TRUE(s.ok());
  std::string csrf = CsrfTokenFor(*s);
  EXPECT_EQ(csrf, CsrfTokenFor(*s));
  EXPECT_NE(csrf, *s);
  EXPECT_NE(csrf, Base64Url(RawSha256(*s)));  // not the stored digest either
  EXPECT_EQ(csrf.size(), kSecretChars);
}

}  // namespace
}  // namespace cairn::auth
