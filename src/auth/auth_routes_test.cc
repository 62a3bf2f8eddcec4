// The /api/v1/auth endpoints through the router (no sockets) with the real service and store on
// every backend: login cookies, /me, logout, CSRF, the admin API and token management.
#include "auth/auth_routes.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "audit/sql_audit_store.h"
#include "auth/http_authenticator.h"
#include "auth/sql_auth_store.h"
#include "storage/testing/test_databases.h"

namespace cairn::auth {
namespace {

using http::Method;
using ::testing::HasSubstr;
using ::testing::Not;
using Headers = std::vector<std::pair<std::string, std::string>>;

constexpr char kPassword[] = "correct horse battery staple";

std::vector<std::string> HeadersNamed(const http::Response& r, std::string_view name) {
  std::vector<std::string> out;
  for (const auto& [k, v] : r.headers) {
    if (k == name) out.push_back(v);
  }
  return out;
}

class AuthRoutesTest : public ::testing::TestWithParam<storage::Backend> {
 protected:
  void SetUp() override {
    auto db = storage::testing::OpenFreshTestDatabase(GetParam());
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    db_ = std::move(*db);
    audit_ = std::make_unique<audit::SqlAuditStore>(*db_);
    AuthOptions o;
    o.scrypt = ScryptParams{10, 8, 1};
    service_ = std::make_unique<AuthService>(std::make_unique<SqlAuthStore>(*db_), *audit_, o);
    authenticator_ = std::make_unique<HttpAuthenticator>(*service_);
    router_.SetAccessControl(http::AccessControl{http::AuthMode::kRequired, authenticator_.get()});
    RegisterAuthRoutes(router_, *service_,
                       AuthRouteOptions{/*secure_cookies=*/true, /*trust_proxy=*/false});
    for (auto [name, role] : {std::pair{"root", Role::kAdmin}, {"ed", Role::kEditor}}) {
      CreateUserRequest r;
      r.name = name;
      r.role = role;
      r.password = kPassword;
      ASSERT_TRUE(service_->CreateUser(r, "tester").ok());
    }
    auto t = service_->CreateToken(
        {std::nullopt, "root-token", std::nullopt, std::nullopt, std::nullopt, false},
        Principal{"root", Role::kAdmin, AuthMethod::kToken, "x", {}});
    ASSERT_TRUE(t.ok());
    root_token_ = t->secret;
  }
  void TearDown() override { service_->Stop(); }

  http::Response Call(Method m, std::string target, std::string body = "", Headers headers = {}) {
    http::Request req;
    req.method = m;
    req.target = std::move(target);
    req.body = std::move(body);
    if (!req.body.empty()) headers.emplace_back("content-type", "application/json");
    req.headers = std::move(headers);
    req.request_id = "rid";
    req.remote_address = "192.0.2.1";
    return router_.Dispatch(req);
  }
  Headers Bearer(const std::string& token) { return {{"authorization", "Bearer " + token}}; }
  static boost::json::value Json(const http::Response& r) { return boost::json::parse(r.body); }

  std::unique_ptr<storage::SqlDatabase> db_;
  std::unique_ptr<audit::SqlAuditStore> audit_;
  std::unique_ptr<AuthService> service_;
  std::unique_ptr<HttpAuthenticator> authenticator_;
  http::Router router_;
  std::string root_token_;
};

TEST_P(AuthRoutesTest, LoginSetsStrictHttpOnlyCookiesAndMeWorksWithThem) {
  auto r = Call(Method::kPost, "/api/v1/auth/login",
                R"({"user":"ed","password":"correct horse battery staple"})");
  ASSERT_EQ(r.status, 200) << r.body;
  auto cookies = HeadersNamed(r, "Set-Cookie");
  ASSERT_EQ(cookies.size(), 2u);
  EXPECT_THAT(cookies[0], HasSubstr("cairn_session="));
  EXPECT_THAT(cookies[0], HasSubstr("; HttpOnly"));
  EXPECT_THAT(cookies[0], HasSubstr("; SameSite=Strict"));
  EXPECT_THAT(cookies[0], HasSubstr("; Secure"));
  EXPECT_THAT(cookies[0], HasSubstr("; Path=/"));
  EXPECT_THAT(cookies[1], HasSubstr("cairn_csrf="));
  EXPECT_THAT(cookies[1], Not(HasSubstr("HttpOnly")));  // the console reads it
  EXPECT_EQ(HeadersNamed(r, "Cache-Control"), std::vector<std::string>{"no-store"});
  auto body = Json(r);
  EXPECT_EQ(body.at("name").as_string(), "ed");
  EXPECT_EQ(body.at("role").as_string(), "editor");
  EXPECT_EQ(body.at("auth_method").as_string(), "session");
  EXPECT_THAT(r.body, Not(HasSubstr(kPassword)));

  std::string session = cookies[0].substr(14, cookies[0].find(';') - 14);
  std::string csrf = cookies[1].substr(11, cookies[1].find(';') - 11);
  Headers cookie = {{"cookie", "cairn_session=" + session + "; cairn_csrf=" + csrf}};
  auto me = Call(Method::kGet, "/api/v1/auth/me", "", cookie);
  ASSERT_EQ(me.status, 200) << me.body;
  EXPECT_EQ(Json(me).at("name").as_string(), "ed");

  // A write with the cookie needs the CSRF header.
  auto no_csrf = Call(Method::kPost, "/api/v1/auth/tokens", R"({"name":"t"})", cookie);
  EXPECT_EQ(no_csrf.status, 403) << no_csrf.body;
  Headers with_csrf = cookie;
  with_csrf.emplace_back("x-csrf-token", csrf);
  auto created = Call(Method::kPost, "/api/v1/auth/tokens", R"({"name":"t"})", with_csrf);
  EXPECT_EQ(created.status, 201) << created.body;

  auto out = Call(Method::kPost, "/api/v1/auth/logout", "", with_csrf);
  EXPECT_EQ(out.status, 204) << out.body;
  auto cleared = HeadersNamed(out, "Set-Cookie");
  ASSERT_EQ(cleared.size(), 2u);
  EXPECT_THAT(cleared[0], HasSubstr("Max-Age=0"));
  EXPECT_EQ(Call(Method::kGet, "/api/v1/auth/me", "", cookie).status, 401);
}

TEST_P(AuthRoutesTest, BadLoginsAre401AndThen429WithRetryAfter) {
  for (int i = 0; i < 10; ++i) {
    auto r =
        Call(Method::kPost, "/api/v1/auth/login", R"({"user":"ed","password":"wrong pass 123"})");
    ASSERT_EQ(r.status, 401) << r.body;
    EXPECT_EQ(HeadersNamed(r, "WWW-Authenticate").size(), 1u);
    EXPECT_THAT(r.body, Not(HasSubstr("wrong pass")));
  }
  auto blocked = Call(Method::kPost, "/api/v1/auth/login",
                      R"({"user":"ed","password":"correct horse battery staple"})");
  EXPECT_EQ(blocked.status, 429) << blocked.body;
  ASSERT_EQ(HeadersNamed(blocked, "Retry-After").size(), 1u);
  EXPECT_GT(std::stoi(HeadersNamed(blocked, "Retry-After")[0]), 0);
  EXPECT_EQ(Call(Method::kPost, "/api/v1/auth/login", R"({"user":"ed"})").status, 400);
  EXPECT_EQ(
      Call(Method::kPost, "/api/v1/auth/login", R"({"user":"ed","password":"x","extra":1})").status,
      400);
}

TEST_P(AuthRoutesTest, AdminApiNeedsAdmin) {
  auto ed_token =
      service_->CreateToken({std::nullopt, "ed", std::nullopt, std::nullopt, std::nullopt, false},
                            Principal{"ed", Role::kEditor, AuthMethod::kToken, "x", {}});
  ASSERT_TRUE(ed_token.ok());
  EXPECT_EQ(Call(Method::kGet, "/api/v1/auth/users", "", Bearer(ed_token->secret)).status, 403);
  auto list = Call(Method::kGet, "/api/v1/auth/users", "", Bearer(root_token_));
  ASSERT_EQ(list.status, 200) << list.body;
  EXPECT_EQ(Json(list).at("items").as_array().size(), 2u);
  EXPECT_THAT(list.body, Not(HasSubstr("scrypt")));

  auto created = Call(Method::kPost, "/api/v1/auth/users",
                      R"({"name":"Vera","role":"viewer","password":"a long enough password"})",
                      Bearer(root_token_));
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(Json(created).at("name").as_string(), "vera");
  EXPECT_THAT(created.body, Not(HasSubstr("a long enough password")));

  Headers stale = Bearer(root_token_);
  stale.emplace_back("if-match", "7");
  EXPECT_EQ(Call(Method::kPatch, "/api/v1/auth/users/vera", R"({"role":"editor"})", stale).status,
            412);
  Headers fresh = Bearer(root_token_);
  fresh.emplace_back("if-match", "1");
  auto patched = Call(Method::kPatch, "/api/v1/auth/users/vera", R"({"role":"editor"})", fresh);
  ASSERT_EQ(patched.status, 200) << patched.body;
  EXPECT_EQ(Json(patched).at("role").as_string(), "editor");
  EXPECT_EQ(Json(patched).at("revision").as_int64(), 2);
  EXPECT_EQ(
      Call(Method::kPatch, "/api/v1/auth/users/root", R"({"disabled":true})", Bearer(root_token_))
          .status,
      409);  // the last admin
  EXPECT_EQ(Call(Method::kPut, "/api/v1/auth/users/vera/password", R"({"password":"short"})",
                 Bearer(root_token_))
                .status,
            400);
  EXPECT_EQ(Call(Method::kPut, "/api/v1/auth/users/vera/password",
                 R"({"password":"another long password"})", Bearer(root_token_))
                .status,
            204);
  EXPECT_EQ(Call(Method::kGet, "/api/v1/auth/users/nobody", "", Bearer(root_token_)).status, 404);
}

TEST_P(AuthRoutesTest, TokensApiShowsTheSecretOnlyOnCreation) {
  auto created = Call(Method::kPost, "/api/v1/auth/tokens",
                      R"({"name":"ci","role":"viewer","expires_in":"1d"})", Bearer(root_token_));
  ASSERT_EQ(created.status, 201) << created.body;
  auto body = Json(created);
  std::string secret(body.at("token").as_string());
  std::string id(body.at("id").as_string());
  EXPECT_EQ(secret.rfind("cairn_", 0), 0u);
  EXPECT_EQ(body.at("role").as_string(), "viewer");
  auto got = Call(Method::kGet, "/api/v1/auth/tokens/" + id, "", Bearer(root_token_));
  ASSERT_EQ(got.status, 200);
  EXPECT_THAT(got.body, Not(HasSubstr(secret)));
  auto list = Call(Method::kGet, "/api/v1/auth/tokens", "", Bearer(root_token_));
  ASSERT_EQ(list.status, 200);
  EXPECT_THAT(list.body, Not(HasSubstr(secret)));
  EXPECT_EQ(Json(list).at("items").as_array().size(), 2u);
  EXPECT_EQ(Call(Method::kGet, "/api/v1/auth/tokens?include_revoked=maybe", "", Bearer(root_token_))
                .status,
            400);
  // The new token works, as a viewer.
  auto me = Call(Method::kGet, "/api/v1/auth/me", "", Bearer(secret));
  ASSERT_EQ(me.status, 200) << me.body;
  EXPECT_EQ(Json(me).at("role").as_string(), "viewer");
  EXPECT_EQ(Json(me).at("user_role").as_string(), "admin");
  EXPECT_EQ(Json(me).at("token_id").as_string(), id);
  EXPECT_EQ(Call(Method::kGet, "/api/v1/auth/users", "", Bearer(secret)).status, 403);
  // Revoked: refused at once.
  auto revoked = Call(Method::kDelete, "/api/v1/auth/tokens/" + id, "", Bearer(root_token_));
  ASSERT_EQ(revoked.status, 200) << revoked.body;
  EXPECT_FALSE(Json(revoked).at("revoked_at").is_null());
  EXPECT_EQ(Call(Method::kGet, "/api/v1/auth/me", "", Bearer(secret)).status, 401);
  EXPECT_EQ(Call(Method::kPost, "/api/v1/auth/tokens", R"({"name":"x","expires_in":"soon"})",
                 Bearer(root_token_))
                .status,
            400);
}

TEST_P(AuthRoutesTest, OwnPasswordChange) {
  auto r =
      Call(Method::kPut, "/api/v1/auth/me/password",
           R"({"current_password":"wrong wrong wrong","new_password":"a fresh long password"})",
           Bearer(root_token_));
  EXPECT_EQ(r.status, 403) << r.body;
  r = Call(
      Method::kPut, "/api/v1/auth/me/password",
      R"({"current_password":"correct horse battery staple","new_password":"a fresh long password"})",
      Bearer(root_token_));
  EXPECT_EQ(r.status, 204) << r.body;
}

INSTANTIATE_TEST_SUITE_P(Backends, AuthRoutesTest,
                         ::testing::ValuesIn(storage::testing::TestBackends()),
                         [](const auto& info) {
                           return storage::testing::BackendName(info.param);
                         });

}  // namespace
}  // namespace cairn::auth
