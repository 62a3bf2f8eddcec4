#include "common/identity.h"

#include <gtest/gtest.h>

#include <string>

namespace cairn {
namespace {

TEST(NormalizeIdentity, TrimsAndLowerCases) {
  EXPECT_EQ(*NormalizeIdentity("alice"), "alice");
  EXPECT_EQ(*NormalizeIdentity("Alice"), "alice");
  EXPECT_EQ(*NormalizeIdentity("  ALICE\t"), "alice");
  EXPECT_EQ(*NormalizeIdentity("J.Doe+ml@Example.COM"), "j.doe+ml@example.com");
  EXPECT_EQ(*NormalizeIdentity(std::string(128, 'a')), std::string(128, 'a'));
}

TEST(NormalizeIdentity, RejectsEverythingOutsideTheAcceptedSet) {
  const std::string rejected[] = {
      "",
      "   ",
      std::string(129, 'a'),
      std::string(12000, 'a'),
      // NOLINTNEXTLINE(bugprone-suspicious-missing-comma): the split ends a \x escape
      "al\xe2\x80\x8b"
      "ice",  // zero-width space
      "\xef\xbb\xbf"
      "alice",             // byte order mark
      "\xef\xbd\x81lice",  // fullwidth 'a'
      "b\xc3\xb6"
      "b",  // o-umlaut
      "bob\x01",
      "bob\x7f",
      "bob\tsmith",
      "bob smith",
      "alice,bob",
      "-alice",
      ".alice",
      "@alice",
      std::string("al\0ice", 6),
  };
  for (const std::string& raw : rejected) {
    auto n = NormalizeIdentity(raw);
    EXPECT_FALSE(n.ok()) << "accepted " << raw;
    if (!n.ok()) {
      EXPECT_EQ(n.status().code(), StatusCode::kInvalidArgument);
    }
  }
}

TEST(SameIdentity, ComparesCanonicalForms) {
  EXPECT_TRUE(SameIdentity("Alice", "alice "));
  EXPECT_TRUE(SameIdentity("ALICE", "alice"));
  EXPECT_FALSE(SameIdentity("alice", "alicia"));
  EXPECT_FALSE(SameIdentity("alice", "\xef\xbd\x81lice"));
  EXPECT_FALSE(SameIdentity("", ""));
  EXPECT_FALSE(SameIdentity("bad name", "bad name"));
}

TEST(MaybeSamePerson, ErrsTowardsTheSamePerson) {
  EXPECT_TRUE(MaybeSamePerson("Alice", "alice "));
  EXPECT_TRUE(MaybeSamePerson("bad name", "BAD NAME"));  // stored before normalisation
  EXPECT_FALSE(MaybeSamePerson("alice", "bob"));
  EXPECT_FALSE(MaybeSamePerson("alice", "\xef\xbd\x81lice"));
}

TEST(IsValidIdentity, DoesNotTrim) {
  EXPECT_TRUE(IsValidIdentity("Alice"));
  EXPECT_FALSE(IsValidIdentity(" alice"));
}

}  // namespace
}  // namespace cairn
