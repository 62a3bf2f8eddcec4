#include "auth/credentials.h"

#include <gtest/gtest.h>

namespace cairn::auth {
namespace {

using Kind = PresentedCredentials::Kind;
using Headers = std::vector<std::pair<std::string, std::string>>;

// The result views the header strings: keep them alive while it is used.
struct Parsed {
  Headers headers;
  PresentedCredentials c;
};
Parsed Parse(Headers headers) {
  Parsed p{std::move(headers), {}};
  p.c = ParseCredentials(p.headers);
  return p;
}

TEST(ParseCredentials, Bearer) {
  auto p = Parse({{"authorization", "Bearer cairn_abc"}});
  EXPECT_EQ(p.c.kind, Kind::kBearer);
  EXPECT_EQ(p.c.value, "cairn_abc");
  EXPECT_EQ(Parse({{"authorization", "bearer   cairn_abc "}}).c.value, "cairn_abc");
}

TEST(ParseCredentials, MalformedAuthorization) {
  for (const char* v :
       {"Basic YWxpY2U6cHc=", "Bearer", "Bearer ", "Bearer a b", "cairn_abc", "Bearer a,b"}) {
    EXPECT_EQ(Parse({{"authorization", v}}).c.kind, Kind::kMalformed) << v;
  }
  EXPECT_EQ(Parse({{"authorization", "Bearer a"}, {"authorization", "Bearer a"}}).c.kind,
            Kind::kMalformed);
}

TEST(ParseCredentials, SessionCookie) {
  auto p = Parse({{"cookie", "theme=dark; cairn_session=abc; cairn_csrf=x"}});
  EXPECT_EQ(p.c.kind, Kind::kSession);
  EXPECT_EQ(p.c.value, "abc");
  EXPECT_EQ(Parse({{"cookie", "cairn_session=\"abc\""}}).c.value, "abc");
  EXPECT_EQ(Parse({{"cookie", "a=1"}, {"cookie", "cairn_session=z"}}).c.value, "z");
  EXPECT_EQ(Parse({{"cookie", "cairn_session_x=1; xcairn_session=2"}}).c.kind, Kind::kNone);
}

TEST(ParseCredentials, TwoSessionCookiesOrAnEmptyOneAreMalformed) {
  EXPECT_EQ(Parse({{"cookie", "cairn_session=a; cairn_session=b"}}).c.kind, Kind::kMalformed);
  EXPECT_EQ(Parse({{"cookie", "cairn_session="}}).c.kind, Kind::kMalformed);
}

TEST(ParseCredentials, BearerWinsOverTheCookie) {
  auto p = Parse({{"cookie", "cairn_session=abc"}, {"authorization", "Bearer t"}});
  EXPECT_EQ(p.c.kind, Kind::kBearer);
  EXPECT_EQ(p.c.value, "t");
}

TEST(ParseCredentials, NothingPresented) {
  EXPECT_EQ(Parse({}).c.kind, Kind::kNone);
  EXPECT_EQ(Parse({{"x-cairn-user", "admin"}}).c.kind, Kind::kNone);
}

}  // namespace
}  // namespace cairn::auth
