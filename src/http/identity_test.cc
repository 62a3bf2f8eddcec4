#include "http/identity.h"

#include <gtest/gtest.h>

namespace cairn::http {
namespace {

Request WithUser(std::string value) {
  Request req;
  req.headers.emplace_back("x-cairn-user", std::move(value));
  return req;
}

TEST(ActorFor, UsesHeader) {
  EXPECT_EQ(ActorFor(WithUser("alice@example.com")), "alice@example.com");
}

TEST(ActorFor, AnonymousWithoutHeader) { EXPECT_EQ(ActorFor(Request{}), "anonymous"); }

TEST(ActorFor, AnonymousForEmptyOrTooLong) {
  EXPECT_EQ(ActorFor(WithUser("")), "anonymous");
  EXPECT_EQ(ActorFor(WithUser(std::string(129, 'a'))), "anonymous");
  EXPECT_EQ(ActorFor(WithUser(std::string(128, 'a'))), std::string(128, 'a'));
}

TEST(ActorFor, AnonymousForControlOrNonAscii) {
  EXPECT_EQ(ActorFor(WithUser("bob\tx")), "anonymous");
  EXPECT_EQ(ActorFor(WithUser("bob\x7f"
                              "x")),
            "anonymous");
  EXPECT_EQ(ActorFor(WithUser("b\xc3\xb6"
                              "b")),
            "anonymous");
  EXPECT_EQ(ActorFor(WithUser(" bob")), "anonymous");
}

}  // namespace
}  // namespace cairn::http
