#include "http/access.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "common/principal.h"
#include "http/identity.h"
#include "http/router.h"

namespace cairn::http {
namespace {

using ::testing::HasSubstr;

// Tokens "tok-<role>" authenticate as "user-<role>"; "tok-expired" is known but expired;
// "sess-editor" is an editor session whose CSRF token is "csrf-ok".
class FakeAuthenticator final : public Authenticator {
 public:
  bool HasCredentials(const Request& req) const override {
    return req.Header("authorization").has_value() || req.Header("cookie").has_value();
  }
  AuthOutcome Authenticate(const Request& req) override {
    ++calls;
    AuthOutcome out;
    if (auto cookie = req.Header("cookie")) {
      if (*cookie == "sess-editor") {
        out.failure = AuthFailure::kNone;
        out.principal = Principal{"sally", Role::kEditor, AuthMethod::kSession, {}, "s-1"};
        out.csrf_token = "csrf-ok";
        return out;
      }
      out.failure = AuthFailure::kUnknown;
      return out;
    }
    auto h = req.Header("authorization");
    if (!h) return out;
    std::string token(*h);
    if (token == "tok-expired") {
      out.failure = AuthFailure::kExpired;
      out.token_id = "t-expired";
      return out;
    }
    if (token == "tok-limited") {
      out.failure = AuthFailure::kRateLimited;
      out.retry_after_seconds = 7;
      return out;
    }
    if (token == "tok-down") {
      out.failure = AuthFailure::kUnavailable;
      return out;
    }
    static const std::map<std::string, Role> kRoles = {{"tok-viewer", Role::kViewer},
                                                       {"tok-editor", Role::kEditor},
                                                       {"tok-approver", Role::kApprover},
                                                       {"tok-admin", Role::kAdmin}};
    auto it = kRoles.find(token);
    if (it == kRoles.end()) {
      out.failure = AuthFailure::kUnknown;
      return out;
    }
    out.failure = AuthFailure::kNone;
    std::string role(RoleName(it->second));
    out.principal = Principal{"user-" + role, it->second, AuthMethod::kToken, "t-" + role, {}};
    return out;
  }
  void RecordDenial(Denial d) override {
    std::lock_guard lock(mu);
    denials.push_back(std::move(d));
  }

  int calls = 0;
  std::mutex mu;
  std::vector<Denial> denials;
};

std::optional<std::string> HeaderOf(const Response& r, std::string_view name) {
  for (const auto& [k, v] : r.headers) {
    if (k == name) return v;
  }
  return std::nullopt;
}

Request Make(Method m, std::string target,
             std::vector<std::pair<std::string, std::string>> headers = {}, std::string body = "") {
  Request req;
  req.method = m;
  req.target = std::move(target);
  req.headers = std::move(headers);
  req.body = std::move(body);
  req.request_id = "rid-1";
  return req;
}

// Echoes the principal the handler sees and the thread's current principal.
Handler Echo() {
  return [](Request& req) {
    const Principal* current = CurrentPrincipal();
    std::string body = ActorFor(req) + "|" +
                       (req.principal ? std::string(RoleName(req.principal->role)) : "-") + "|" +
                       (current ? current->name : "none");
    return Response::Text(200, "text/plain", body);
  };
}

RoleRefiner ProductionNeedsApprover() {
  return [](const Request& req) -> std::optional<RoleRequirement> {
    if (req.body.find("production") != std::string::npos) {
      return RoleRequirement{Role::kApprover, "production"};
    }
    return std::nullopt;
  };
}

class AccessTest : public ::testing::Test {
 protected:
  void SetUp() override {
    router_.SetAccessControl(AccessControl{AuthMode::kRequired, &auth_});
    RouteOptions inline_public;
    inline_public.inline_handler = true;
    inline_public.access = RouteAccess::Public();
    router_.Add(Method::kGet, "/healthz", Echo(), inline_public);
    router_.Add(Method::kGet, "/things", Echo(), Access(RouteAccess::Require(Role::kViewer)));
    router_.Add(Method::kPost, "/things", Echo(), Access(RouteAccess::Require(Role::kEditor)));
    router_.Add(Method::kDelete, "/things/{id}", Echo(),
                Access(RouteAccess::Require(Role::kAdmin)));
    router_.Add(Method::kPatch, "/things/{id}", Echo(),
                Access(RouteAccess::Require(Role::kEditor, ProductionNeedsApprover(), "prod")));
    router_.Add(Method::kGet, "/undeclared", Echo());
  }
  static RouteOptions Access(RouteAccess a) {
    RouteOptions o;
    o.access = std::move(a);
    return o;
  }
  Response Call(Request req) { return router_.Dispatch(req); }

  FakeAuthenticator auth_;
  Router router_;
};

TEST_F(AccessTest, PublicRouteNeedsNothingAndActsAsAnonymous) {
  Response r = Call(Make(Method::kGet, "/healthz", {{"x-cairn-user", "mallory"}}));
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "anonymous|viewer|anonymous");  // X-Cairn-User is ignored
  EXPECT_EQ(auth_.calls, 0);
}

TEST_F(AccessTest, MissingCredentialsAre401BeforeTheBodyAndAudited) {
  Request req = Make(Method::kPost, "/things", {}, R"({"a":1})");
  ASSERT_TRUE(ParseTarget(req).ok());
  Response error;
  Router::Match m = router_.Find(req, &error);
  EXPECT_EQ(m.handler, nullptr);  // refused at Find time: the body need not be read
  EXPECT_EQ(error.status, 401);
  EXPECT_EQ(error.content_type, "application/problem+json");
  EXPECT_EQ(HeaderOf(error, "WWW-Authenticate"), R"(Bearer realm="cairn")");
  EXPECT_EQ(auth_.calls, 0);
  ASSERT_EQ(auth_.denials.size(), 1u);
  EXPECT_EQ(auth_.denials[0].status, 401);
  EXPECT_EQ(auth_.denials[0].reason, "missing_credentials");
  EXPECT_EQ(auth_.denials[0].pattern, "/things");
  EXPECT_EQ(auth_.denials[0].required_role, Role::kEditor);
}

TEST_F(AccessTest, XCairnUserIsNotACredentialWhenAuthIsRequired) {
  Response r = Call(Make(Method::kGet, "/things", {{"x-cairn-user", "admin"}}));
  EXPECT_EQ(r.status, 401);
}

TEST_F(AccessTest, InvalidExpiredAndRevokedCredentialsAre401WithInvalidToken) {
  for (const char* token : {"tok-nope", "tok-expired"}) {
    Response r = Call(Make(Method::kGet, "/things", {{"authorization", token}}));
    EXPECT_EQ(r.status, 401) << token;
    EXPECT_EQ(HeaderOf(r, "WWW-Authenticate"), R"(Bearer realm="cairn", error="invalid_token")");
    EXPECT_THAT(r.body, ::testing::Not(HasSubstr(token)));  // never echoed
  }
  ASSERT_EQ(auth_.denials.size(), 2u);
  EXPECT_EQ(auth_.denials[1].reason, "expired");
  EXPECT_EQ(auth_.denials[1].token_id, "t-expired");
}

TEST_F(AccessTest, RolesAreOrdered) {
  struct Case {
    Method method;
    const char* target;
    const char* token;
    int status;
  };
  const Case cases[] = {
      {Method::kGet, "/things", "tok-viewer", 200},
      {Method::kPost, "/things", "tok-viewer", 403},
      {Method::kPost, "/things", "tok-editor", 200},
      {Method::kPost, "/things", "tok-admin", 200},
      {Method::kDelete, "/things/1", "tok-approver", 403},
      {Method::kDelete, "/things/1", "tok-admin", 200},
  };
  for (const Case& c : cases) {
    Response r = Call(Make(c.method, c.target, {{"authorization", c.token}}));
    EXPECT_EQ(r.status, c.status) << MethodName(c.method) << " " << c.target << " " << c.token
                                  << ": " << r.body;
  }
  ASSERT_EQ(auth_.denials.size(), 2u);
  EXPECT_EQ(auth_.denials[0].status, 403);
  EXPECT_EQ(auth_.denials[0].reason, "insufficient_role");
  ASSERT_TRUE(auth_.denials[0].principal.has_value());
  EXPECT_EQ(auth_.denials[0].principal->name, "user-viewer");
}

TEST_F(AccessTest, HandlerSeesThePrincipalAndTheThreadKnowsIt) {
  Response r = Call(Make(Method::kGet, "/things", {{"authorization", "tok-editor"}}));
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "user-editor|editor|user-editor");
  EXPECT_EQ(CurrentPrincipal(), nullptr);  // restored after the handler
}

TEST_F(AccessTest, BodyDependentRuleRaisesTheRole) {
  Response low = Call(Make(Method::kPatch, "/things/1", {{"authorization", "tok-editor"}},
                           R"({"stage":"staging"})"));
  EXPECT_EQ(low.status, 200) << low.body;
  Response high = Call(Make(Method::kPatch, "/things/1", {{"authorization", "tok-editor"}},
                            R"({"stage":"production"})"));
  EXPECT_EQ(high.status, 403);
  EXPECT_THAT(high.body, HasSubstr("approver"));
  EXPECT_THAT(high.body, HasSubstr("production"));
  Response ok = Call(Make(Method::kPatch, "/things/1", {{"authorization", "tok-approver"}},
                          R"({"stage":"production"})"));
  EXPECT_EQ(ok.status, 200);
}

TEST_F(AccessTest, SessionWritesNeedTheCsrfToken) {
  EXPECT_EQ(Call(Make(Method::kGet, "/things", {{"cookie", "sess-editor"}})).status, 200);
  Response none = Call(Make(Method::kPost, "/things", {{"cookie", "sess-editor"}}));
  EXPECT_EQ(none.status, 403);
  EXPECT_THAT(none.body, HasSubstr("X-CSRF-Token"));
  EXPECT_EQ(Call(Make(Method::kPost, "/things",
                      {{"cookie", "sess-editor"}, {"x-csrf-token", "csrf-bad"}}))
                .status,
            403);
  EXPECT_EQ(Call(Make(Method::kPost, "/things",
                      {{"cookie", "sess-editor"},
                       {"x-csrf-token", "csrf-ok"},
                       {"x-csrf-token", "csrf-ok"}}))
                .status,
            403);
  EXPECT_EQ(
      Call(Make(Method::kPost, "/things", {{"cookie", "sess-editor"}, {"x-csrf-token", "csrf-ok"}}))
          .status,
      200);
  // Tokens are not ambient credentials: no CSRF token needed.
  EXPECT_EQ(Call(Make(Method::kPost, "/things", {{"authorization", "tok-editor"}})).status, 200);
}

TEST_F(AccessTest, RateLimitedIs429WithRetryAfterAndUnavailableIs503) {
  Response r = Call(Make(Method::kGet, "/things", {{"authorization", "tok-limited"}}));
  EXPECT_EQ(r.status, 429);
  EXPECT_EQ(HeaderOf(r, "Retry-After"), "7");
  EXPECT_THAT(r.body, HasSubstr("rate_limited"));
  EXPECT_EQ(Call(Make(Method::kGet, "/things", {{"authorization", "tok-down"}})).status, 503);
}

TEST_F(AccessTest, UndeclaredRouteIsRefusedAndReported) {
  Response r = Call(Make(Method::kGet, "/undeclared", {{"authorization", "tok-admin"}}));
  EXPECT_EQ(r.status, 500);
  auto problems = router_.AccessProblems();
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_THAT(problems[0], HasSubstr("GET /undeclared"));
}

TEST_F(AccessTest, InlineRouteThatNeedsARoleIsReported) {
  RouteOptions o;
  o.inline_handler = true;
  o.access = RouteAccess::Require(Role::kViewer);
  router_.Add(Method::kGet, "/inline-private", Echo(), o);
  auto problems = router_.AccessProblems();
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_THAT(problems[1], HasSubstr("inline"));
}

TEST_F(AccessTest, ResolverDeclaresRoutesAddedWithoutAccess) {
  Router router;
  router.SetAccessResolver([](Method m, std::string_view pattern) -> std::optional<RouteAccess> {
    if (m == Method::kGet && pattern == "/x") return RouteAccess::Require(Role::kApprover);
    return std::nullopt;
  });
  router.SetAccessControl(AccessControl{AuthMode::kRequired, &auth_});
  router.Add(Method::kGet, "/x", Echo());
  router.Add(Method::kGet, "/y", Echo());
  auto problems = router.AccessProblems();
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_THAT(problems[0], HasSubstr("/y"));
  Request req = Make(Method::kGet, "/x", {{"authorization", "tok-editor"}});
  EXPECT_EQ(router.Dispatch(req).status, 403);
  Request ok = Make(Method::kGet, "/x", {{"authorization", "tok-approver"}});
  EXPECT_EQ(router.Dispatch(ok).status, 200);
}

TEST_F(AccessTest, PooledRequestDoesNotKeepAPreviousPrincipal) {
  Request req = Make(Method::kGet, "/things", {{"authorization", "tok-admin"}});
  ASSERT_EQ(router_.Dispatch(req).status, 200);
  ASSERT_TRUE(req.principal.has_value());
  req.headers.clear();
  req.path.clear();
  EXPECT_EQ(router_.Dispatch(req).status, 401);
  EXPECT_FALSE(req.principal.has_value());
}

TEST(AccessOff, IdentityHeaderIsNormalisedAndEveryRoleAllowed) {
  Router router;
  RouteOptions admin;
  admin.access = RouteAccess::Require(Role::kAdmin);
  router.Add(Method::kPost, "/x", Echo(), admin);
  Request req = Make(Method::kPost, "/x", {{"x-cairn-user", "Alice"}});
  Response r = router.Dispatch(req);
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "alice|admin|alice");
  Request anon = Make(Method::kPost, "/x");
  EXPECT_EQ(router.Dispatch(anon).body, "anonymous|admin|anonymous");
}

TEST(AccessOff, InvalidOrRepeatedIdentityHeadersAre400) {
  Router router;
  router.Add(Method::kGet, "/x", Echo());
  const std::string bad[] = {
      // NOLINTNEXTLINE(bugprone-suspicious-missing-comma): the split ends a \x escape
      "al\xe2\x80\x8b"
      "ice",
      "\xef\xbb\xbf"
      "alice",
      "\xef\xbd\x81lice",
      "bob\x01",
      std::string(129, 'a'),
      std::string(12000, 'a'),
      "",
      "alice bob"};
  for (const std::string& v : bad) {
    Request req = Make(Method::kGet, "/x", {{"x-cairn-user", v}});
    Response r = router.Dispatch(req);
    EXPECT_EQ(r.status, 400) << v.size();
    EXPECT_THAT(r.body, HasSubstr("X-Cairn-User"));
  }
  Request twice = Make(Method::kGet, "/x", {{"x-cairn-user", "alice"}, {"x-cairn-user", "bob"}});
  Response r = router.Dispatch(twice);
  EXPECT_EQ(r.status, 400);
  EXPECT_THAT(r.body, HasSubstr("at most once"));
}

TEST(SecurityHeaders, OnEveryResponseAndCspOnHtml) {
  Router router;
  router.Add(Method::kGet, "/page",
             [](Request&) { return Response::Text(200, "text/html; charset=utf-8", "<p>"); });
  router.Add(Method::kGet, "/data", [](Request&) { return Response::Json(200, "{}"); });
  Request page = Make(Method::kGet, "/page");
  Response p = router.Dispatch(page);
  EXPECT_EQ(HeaderOf(p, "X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(HeaderOf(p, "Referrer-Policy"), "no-referrer");
  ASSERT_TRUE(HeaderOf(p, "Content-Security-Policy").has_value());
  EXPECT_THAT(*HeaderOf(p, "Content-Security-Policy"), HasSubstr("frame-ancestors 'none'"));
  EXPECT_THAT(*HeaderOf(p, "Content-Security-Policy"), HasSubstr("script-src 'self';"));
  EXPECT_EQ(HeaderOf(p, "X-Frame-Options"), "DENY");
  Request data = Make(Method::kGet, "/data");
  Response d = router.Dispatch(data);
  EXPECT_EQ(HeaderOf(d, "X-Content-Type-Options"), "nosniff");
  EXPECT_FALSE(HeaderOf(d, "Content-Security-Policy").has_value());
  Request missing = Make(Method::kGet, "/nothing-here");
  Response n = router.Dispatch(missing);
  EXPECT_EQ(n.status, 404);
  EXPECT_EQ(HeaderOf(n, "X-Content-Type-Options"), "nosniff");
}

}  // namespace
}  // namespace cairn::http
