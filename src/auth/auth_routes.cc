#include "auth/auth_routes.h"

#include <string>

#include "auth/auth_json.h"
#include "auth/credentials.h"
#include "http/request_params.h"
#include "http/route_errors.h"

namespace cairn::auth {
namespace {

using http::Fail;
using http::Method;
using http::Request;
using http::Response;

constexpr std::string_view kBase = "/api/v1/auth";
constexpr size_t kMaxAddressLength = 64;

const Principal& Caller(const Request& req) {
  static const Principal kNobody{"anonymous", Role::kViewer, AuthMethod::kNone, {}, {}};
  return req.principal ? *req.principal : kNobody;
}

Response NoStore(Response r) {
  r.headers.emplace_back("Cache-Control", "no-store");
  return r;
}

bool IsAddressChar(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == '.' ||
         c == ':';
}

std::string SaneAddress(std::string_view a) {
  while (!a.empty() && (a.front() == ' ' || a.front() == '\t')) a.remove_prefix(1);
  while (!a.empty() && (a.back() == ' ' || a.back() == '\t')) a.remove_suffix(1);
  if (a.empty() || a.size() > kMaxAddressLength) return "";
  for (char c : a) {
    if (!IsAddressChar(c)) return "";
  }
  return std::string(a);
}

std::string ClientAddress(const Request& req, bool trust_proxy) {
  if (trust_proxy) {
    // The last entry is the one our proxy appended: the address it saw.
    std::optional<std::string_view> forwarded;
    for (const auto& [name, value] : req.headers) {
      if (name == "x-forwarded-for") forwarded = value;
    }
    if (forwarded) {
      std::string_view v = *forwarded;
      size_t comma = v.rfind(',');
      std::string addr = SaneAddress(comma == std::string_view::npos ? v : v.substr(comma + 1));
      if (!addr.empty()) return addr;
    }
  }
  return SaneAddress(req.remote_address);
}

std::string Cookie(std::string_view name, std::string_view value, int64_t max_age_s, bool http_only,
                   bool secure) {
  std::string c(name);
  c += "=";
  c += value;
  c += "; Path=/; Max-Age=" + std::to_string(max_age_s);
  if (http_only) c += "; HttpOnly";
  c += "; SameSite=Strict";
  if (secure) c += "; Secure";
  return c;
}

int64_t Seconds(int64_t ms) { return (ms + 999) / 1000; }

Response Login(AuthService& s, const AuthRouteOptions& o, Request& req) {
  auto parsed = ParseLogin(req.body);
  if (!parsed.ok()) return Fail(parsed.status(), req);
  parsed->remote_address = ClientAddress(req, o.trust_proxy);
  LoginOutcome outcome = s.Login(*parsed);
  if (!outcome.success) {
    Response r = Fail(outcome.status, req);
    if (outcome.retry_after_ms > 0) {
      r.headers.emplace_back("Retry-After", std::to_string(Seconds(outcome.retry_after_ms)));
    } else if (outcome.status.code() == StatusCode::kUnauthenticated) {
      r.headers.emplace_back("WWW-Authenticate", R"(Bearer realm="cairn")");
    }
    return NoStore(std::move(r));
  }
  const LoginSuccess& ok = *outcome.success;
  Principal p{ok.user.name, ok.user.role, AuthMethod::kSession, {}, ok.session.id};
  Response r = Response::Json(200, MeToJson(ok.user, p, ok.session.expires_at));
  int64_t max_age = Seconds(s.options().session_lifetime_ms);
  r.headers.emplace_back("Set-Cookie",
                         Cookie(kSessionCookie, ok.secret, max_age, true, o.secure_cookies));
  r.headers.emplace_back("Set-Cookie",
                         Cookie(kCsrfCookie, ok.csrf_token, max_age, false, o.secure_cookies));
  return NoStore(std::move(r));
}

Response Logout(AuthService& s, const AuthRouteOptions& o, Request& req) {
  if (Status st = s.Logout(Caller(req)); !st.ok()) return Fail(st, req);
  Response r = Response::NoContent();
  r.headers.emplace_back("Set-Cookie", Cookie(kSessionCookie, "", 0, true, o.secure_cookies));
  r.headers.emplace_back("Set-Cookie", Cookie(kCsrfCookie, "", 0, false, o.secure_cookies));
  return NoStore(std::move(r));
}

Response Me(AuthService& s, Request& req) {
  const Principal& caller = Caller(req);
  auto user = s.GetUser(caller.name);
  if (!user.ok()) return Fail(user.status(), req);
  return NoStore(Response::Json(200, MeToJson(*user, caller, std::nullopt)));
}

Response ChangeOwnPassword(AuthService& s, Request& req) {
  auto change = ParsePasswordChange(req.body);
  if (!change.ok()) return Fail(change.status(), req);
  if (Status st = s.ChangeOwnPassword(Caller(req), change->current, change->replacement);
      !st.ok()) {
    return Fail(st, req);
  }
  return Response::NoContent();
}

Response ListUsers(AuthService& s, Request& req) {
  auto limit = http::QueryInt(req, "limit");
  if (!limit.ok()) return Fail(limit.status(), req);
  auto page = s.ListUsers(*limit, http::QueryString(req, "page_token").value_or(""));
  if (!page.ok()) return Fail(page.status(), req);
  return Response::Json(200, UserPageToJson(*page));
}

Response CreateUser(AuthService& s, Request& req) {
  auto parsed = ParseCreateUser(req.body);
  if (!parsed.ok()) return Fail(parsed.status(), req);
  auto user = s.CreateUser(*parsed, Caller(req).name);
  if (!user.ok()) return Fail(user.status(), req);
  return http::WithETag(Response::Json(201, UserToJson(*user)), user->revision);
}

Response GetUser(AuthService& s, Request& req) {
  auto user = s.GetUser(req.Param("name"));
  if (!user.ok()) return Fail(user.status(), req);
  return http::WithETag(Response::Json(200, UserToJson(*user)), user->revision);
}

Response PatchUser(AuthService& s, Request& req) {
  auto revision = http::IfMatch(req);
  if (!revision.ok()) return Fail(revision.status(), req);
  auto change = ParseUserChange(req.body);
  if (!change.ok()) return Fail(change.status(), req);
  auto user = s.UpdateUser(req.Param("name"), *change, *revision, Caller(req).name);
  if (!user.ok()) return Fail(user.status(), req);
  return http::WithETag(Response::Json(200, UserToJson(*user)), user->revision);
}

Response SetPassword(AuthService& s, Request& req) {
  auto password = ParseNewPassword(req.body);
  if (!password.ok()) return Fail(password.status(), req);
  if (Status st = s.SetPassword(req.Param("name"), *password, Caller(req).name); !st.ok()) {
    return Fail(st, req);
  }
  return Response::NoContent();
}

Response ListTokens(AuthService& s, Request& req) {
  auto limit = http::QueryInt(req, "limit");
  if (!limit.ok()) return Fail(limit.status(), req);
  bool include_revoked = false;
  if (auto v = http::QueryString(req, "include_revoked")) {
    if (*v != "true" && *v != "false") {
      return Fail(InvalidArgument("invalid query: include_revoked must be true or false",
                                  {{"include_revoked", "must be true or false"}}),
                  req);
    }
    include_revoked = *v == "true";
  }
  auto page = s.ListTokens(http::QueryString(req, "user"), include_revoked, *limit,
                           http::QueryString(req, "page_token").value_or(""), Caller(req));
  if (!page.ok()) return Fail(page.status(), req);
  return Response::Json(200, TokenPageToJson(*page));
}

Response CreateToken(AuthService& s, Request& req) {
  auto parsed = ParseCreateToken(req.body);
  if (!parsed.ok()) return Fail(parsed.status(), req);
  auto created = s.CreateToken(*parsed, Caller(req));
  if (!created.ok()) return Fail(created.status(), req);
  return NoStore(Response::Json(201, TokenToJson(created->token, created->secret)));
}

Response GetToken(AuthService& s, Request& req) {
  auto token = s.GetToken(req.Param("id"), Caller(req));
  if (!token.ok()) return Fail(token.status(), req);
  return Response::Json(200, TokenToJson(*token));
}

Response RevokeToken(AuthService& s, Request& req) {
  auto token = s.RevokeToken(req.Param("id"), Caller(req));
  if (!token.ok()) return Fail(token.status(), req);
  return Response::Json(200, TokenToJson(*token));
}

http::RouteOptions Access(http::RouteAccess access, bool json_body) {
  http::RouteOptions o;
  o.access = std::move(access);
  if (json_body) o.content_types = {"application/json"};
  return o;
}

}  // namespace

void RegisterAuthRoutes(http::Router& router, AuthService& service, AuthRouteOptions options) {
  const std::string base(kBase);
  AuthService& s = service;
  const AuthRouteOptions o = options;
  const auto public_route = http::RouteAccess::Public();
  const auto viewer_route = http::RouteAccess::Require(Role::kViewer);
  const auto admin_route = http::RouteAccess::Require(Role::kAdmin);

  router.Add(
      Method::kPost, base + "/login", [&s, o](Request& r) { return Login(s, o, r); },
      Access(public_route, true));
  router.Add(
      Method::kPost, base + "/logout", [&s, o](Request& r) { return Logout(s, o, r); },
      Access(viewer_route, false));
  router.Add(
      Method::kGet, base + "/me", [&s](Request& r) { return Me(s, r); },
      Access(viewer_route, false));
  router.Add(
      Method::kPut, base + "/me/password", [&s](Request& r) { return ChangeOwnPassword(s, r); },
      Access(viewer_route, true));

  router.Add(
      Method::kGet, base + "/users", [&s](Request& r) { return ListUsers(s, r); },
      Access(admin_route, false));
  router.Add(
      Method::kPost, base + "/users", [&s](Request& r) { return CreateUser(s, r); },
      Access(admin_route, true));
  router.Add(
      Method::kGet, base + "/users/{name}", [&s](Request& r) { return GetUser(s, r); },
      Access(admin_route, false));
  router.Add(
      Method::kPatch, base + "/users/{name}", [&s](Request& r) { return PatchUser(s, r); },
      Access(admin_route, true));
  router.Add(
      Method::kPut, base + "/users/{name}/password", [&s](Request& r) { return SetPassword(s, r); },
      Access(admin_route, true));

  router.Add(
      Method::kGet, base + "/tokens", [&s](Request& r) { return ListTokens(s, r); },
      Access(viewer_route, false));
  router.Add(
      Method::kPost, base + "/tokens", [&s](Request& r) { return CreateToken(s, r); },
      Access(viewer_route, true));
  router.Add(
      Method::kGet, base + "/tokens/{id}", [&s](Request& r) { return GetToken(s, r); },
      Access(viewer_route, false));
  router.Add(
      Method::kDelete, base + "/tokens/{id}", [&s](Request& r) { return RevokeToken(s, r); },
      Access(viewer_route, false));
}

}  // namespace cairn::auth
