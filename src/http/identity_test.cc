#include "http/identity.h"

#include <gtest/gtest.h>

namespace cairn::http {
namespace {

Request WithUser(std::string value) {
  Request req;
  req.headers.emplace_back("x-cairn-user", std::move(value));
  return req;
}

TEST(HeaderIdentity, NormalisesTheHeader) {
  EXPECT_EQ(*HeaderIdentity(WithUser("alice@example.com")), "alice@example.com");
  EXPECT_EQ(*HeaderIdentity(WithUser("ALICE")), "alice");
  EXPECT_EQ(*HeaderIdentity(WithUser(std::string(128, 'a'))), std::string(128, 'a'));
}

TEST(HeaderIdentity, AnonymousWithoutHeader) { EXPECT_EQ(*HeaderIdentity(Request{}), "anonymous"); }

TEST(HeaderIdentity, InvalidValuesAreErrorsNotAnonymous) {
  for (const std::string& v : {std::string(""), std::string(129, 'a'), std::string("bob\tx"),
                               std::string("bob\x7f"
                                           "x"),
                               std::string("b\xc3\xb6"
                                           "b")}) {
    auto id = HeaderIdentity(WithUser(v));
    ASSERT_FALSE(id.ok()) << v;
    EXPECT_EQ(id.status().code(), StatusCode::kInvalidArgument);
    ASSERT_EQ(id.status().errors().size(), 1u);
    EXPECT_EQ(id.status().errors()[0].field, "X-Cairn-User");
  }
}

TEST(HeaderIdentity, RepeatedHeaderIsAnError) {
  Request req = WithUser("alice");
  req.headers.emplace_back("x-cairn-user", "bob");
  EXPECT_EQ(HeaderIdentity(req).status().code(), StatusCode::kInvalidArgument);
}

TEST(ActorFor, PrefersThePrincipal) {
  Request req = WithUser("mallory");
  req.principal = Principal{"alice", Role::kEditor, AuthMethod::kToken, "t1", {}};
  EXPECT_EQ(ActorFor(req), "alice");
}

TEST(ActorFor, WithoutPrincipalFallsBackToTheHeaderOrAnonymous) {
  EXPECT_EQ(ActorFor(WithUser("Erin")), "erin");
  EXPECT_EQ(ActorFor(WithUser("bad name")), "anonymous");
  EXPECT_EQ(ActorFor(Request{}), "anonymous");
}

}  // namespace
}  // namespace cairn::http
