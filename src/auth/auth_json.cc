#include "auth/auth_json.h"

#include <boost/json.hpp>

#include "auth/duration.h"
#include "common/json.h"
#include "common/time.h"

namespace cairn::auth {
namespace bj = boost::json;
namespace {

bj::value OptTime(const std::optional<int64_t>& t) {
  if (t) return bj::value(FormatRfc3339(*t));
  return nullptr;
}

bj::value OptText(const std::optional<std::string>& s) {
  if (s) return bj::value(*s);
  return nullptr;
}

bj::object UserObject(const User& u) {
  bj::object o;
  o.emplace("name", u.name);
  o.emplace("display_name", u.display_name);
  o.emplace("role", RoleName(u.role));
  o.emplace("disabled", u.disabled);
  o.emplace("created_by", u.created_by);
  o.emplace("created_at", FormatRfc3339(u.created_at));
  o.emplace("updated_at", FormatRfc3339(u.updated_at));
  o.emplace("revision", u.revision);
  return o;
}

bj::object TokenObject(const Token& t) {
  bj::object o;
  o.emplace("id", t.id);
  o.emplace("name", t.name);
  o.emplace("user", t.user_name);
  o.emplace("role", RoleName(t.role));
  o.emplace("prefix", t.prefix);
  o.emplace("created_by", t.created_by);
  o.emplace("created_at", FormatRfc3339(t.created_at));
  o.emplace("expires_at", OptTime(t.expires_at));
  o.emplace("last_used_at", OptTime(t.last_used_at));
  o.emplace("revoked_at", OptTime(t.revoked_at));
  o.emplace("revoked_by", OptText(t.revoked_by));
  return o;
}

bj::value NextToken(const std::optional<std::string>& t) { return OptText(t); }

std::optional<Role> ReadRole(json::ObjectReader& r, std::string_view key, bool required) {
  auto text = r.String(key, required);
  if (!text) return std::nullopt;
  auto role = ParseRole(*text);
  if (!role) r.AddError(r.Field(key), "must be one of viewer, editor, approver, admin");
  return role;
}

}  // namespace

std::string UserToJson(const User& user) { return json::Serialize(UserObject(user)); }

std::string UserPageToJson(const UserPage& page) {
  bj::array items;
  for (const User& u : page.items) items.emplace_back(UserObject(u));
  bj::object o;
  o.emplace("items", std::move(items));
  o.emplace("next_page_token", NextToken(page.next_page_token));
  return json::Serialize(o);
}

std::string TokenToJson(const Token& token, std::string_view secret) {
  bj::object o = TokenObject(token);
  if (!secret.empty()) o.emplace("token", secret);
  return json::Serialize(o);
}

std::string TokenPageToJson(const TokenPage& page) {
  bj::array items;
  for (const Token& t : page.items) items.emplace_back(TokenObject(t));
  bj::object o;
  o.emplace("items", std::move(items));
  o.emplace("next_page_token", NextToken(page.next_page_token));
  return json::Serialize(o);
}

std::string MeToJson(const User& user, const Principal& principal,
                     std::optional<int64_t> session_expires_at) {
  bj::object o;
  o.emplace("name", user.name);
  o.emplace("display_name", user.display_name);
  // The role the caller acts with now (a token's may be lower than the user's).
  o.emplace("role", RoleName(principal.role));
  o.emplace("user_role", RoleName(user.role));
  o.emplace("auth_method", AuthMethodName(principal.method));
  o.emplace("token_id",
            principal.token_id.empty() ? bj::value(nullptr) : bj::value(principal.token_id));
  o.emplace("session_expires_at", OptTime(session_expires_at));
  return json::Serialize(o);
}

Result<CreateUserRequest> ParseCreateUser(std::string_view body) {
  ASSIGN_OR_RETURN(bj::value v, json::Parse(body));
  json::ObjectReader r(v);
  CreateUserRequest req;
  req.name = r.String("name", true).value_or("");
  req.display_name = r.String("display_name").value_or("");
  req.role = ReadRole(r, "role", true);
  req.password = r.String("password", true).value_or("");
  RETURN_IF_ERROR(r.Finish());
  return req;
}

Result<UserChange> ParseUserChange(std::string_view body) {
  ASSIGN_OR_RETURN(bj::value v, json::Parse(body));
  json::ObjectReader r(v);
  UserChange c;
  c.display_name = r.String("display_name");
  c.role = ReadRole(r, "role", false);
  c.disabled = r.Bool("disabled");
  RETURN_IF_ERROR(r.Finish());
  return c;
}

Result<std::string> ParseNewPassword(std::string_view body) {
  ASSIGN_OR_RETURN(bj::value v, json::Parse(body));
  json::ObjectReader r(v);
  std::string password = r.String("password", true).value_or("");
  RETURN_IF_ERROR(r.Finish());
  return password;
}

Result<PasswordChange> ParsePasswordChange(std::string_view body) {
  ASSIGN_OR_RETURN(bj::value v, json::Parse(body));
  json::ObjectReader r(v);
  PasswordChange c;
  c.current = r.String("current_password", true).value_or("");
  c.replacement = r.String("new_password", true).value_or("");
  RETURN_IF_ERROR(r.Finish());
  return c;
}

Result<CreateTokenRequest> ParseCreateToken(std::string_view body) {
  ASSIGN_OR_RETURN(bj::value v, json::Parse(body));
  json::ObjectReader r(v);
  CreateTokenRequest req;
  req.name = r.String("name", true).value_or("");
  req.user = r.String("user");
  req.role = ReadRole(r, "role", false);
  if (auto in = r.String("expires_in")) {
    if (*in == "never") {
      req.never_expires = true;
    } else if (auto ms = ParseDuration(*in)) {
      req.expires_in_ms = *ms;
    } else {
      r.AddError("expires_in", "must be a duration such as 90d, 12h, 30m or 'never'");
    }
  }
  if (auto at = r.String("expires_at")) {
    req.expires_at = ParseRfc3339(*at);
    if (!req.expires_at) r.AddError("expires_at", "must be an RFC 3339 date-time");
  }
  RETURN_IF_ERROR(r.Finish());
  return req;
}

Result<LoginRequest> ParseLogin(std::string_view body) {
  ASSIGN_OR_RETURN(bj::value v, json::Parse(body));
  json::ObjectReader r(v);
  LoginRequest req;
  req.user = r.String("user", true).value_or("");
  req.password = r.String("password", true).value_or("");
  RETURN_IF_ERROR(r.Finish());
  return req;
}

}  // namespace cairn::auth
