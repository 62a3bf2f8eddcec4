#include "http/access.h"

#include <utility>

#include "common/log.h"
#include "common/secure_compare.h"
#include "http/identity.h"

namespace cairn::http {
namespace {

constexpr std::string_view kCsrfHeader = "x-csrf-token";

std::string InstanceOf(const Request& req) {
  if (!req.path.empty()) return req.path;
  std::string_view t = req.target;
  return std::string(t.substr(0, t.find('?')));
}

bool IsUnsafe(Method m) { return m != Method::kGet && m != Method::kHead && m != Method::kOptions; }

char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

bool NameEquals(std::string_view a, std::string_view lower) {
  if (a.size() != lower.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (Lower(a[i]) != lower[i]) return false;
  }
  return true;
}

bool HasHeader(const Response& res, std::string_view lower_name) {
  for (const auto& [name, value] : res.headers) {
    if (NameEquals(name, lower_name)) return true;
  }
  return false;
}

void AddIfMissing(Response& res, std::string_view lower_name, std::string_view name,
                  std::string_view value) {
  if (!HasHeader(res, lower_name)) res.headers.emplace_back(name, value);
}

Denial DenialFor(int status, std::string reason, Method method, const std::string& pattern,
                 const Request& req) {
  Denial d;
  d.status = status;
  d.reason = std::move(reason);
  d.method = method;
  d.pattern = pattern;
  d.path = InstanceOf(req);
  d.request_id = req.request_id;
  d.remote_address = req.remote_address;
  return d;
}

Response Unauthorized(std::string detail, bool presented, const Request& req) {
  Response r = Problem(Unauthenticated(std::move(detail)), InstanceOf(req));
  // RFC 6750 §3: the challenge, with error="invalid_token" when a credential was presented.
  r.headers.emplace_back("WWW-Authenticate", presented
                                                 ? R"(Bearer realm="cairn", error="invalid_token")"
                                                 : R"(Bearer realm="cairn")");
  r.headers.emplace_back("Cache-Control", "no-store");
  return r;
}

std::string DetailFor(AuthFailure failure) {
  switch (failure) {
    case AuthFailure::kNoCredentials:
      return "authentication required: send Authorization: Bearer <token> or sign in";
    case AuthFailure::kMalformed:
      return "malformed credentials: expected Authorization: Bearer cairn_...";
    default:
      // One message for unknown, expired, revoked and disabled: which one it was is audited,
      // not told to whoever holds the credential.
      return "invalid credentials: the token or session is unknown, expired or revoked";
  }
}

}  // namespace

std::string_view AuthModeName(AuthMode mode) { return mode == AuthMode::kOff ? "off" : "required"; }

RouteAccess RouteAccess::Public() {
  RouteAccess a;
  a.is_public = true;
  return a;
}

RouteAccess RouteAccess::Require(Role role) {
  RouteAccess a;
  a.role = role;
  return a;
}

RouteAccess RouteAccess::Require(Role role, RoleRefiner refine, std::string summary) {
  RouteAccess a;
  a.role = role;
  a.refine = std::move(refine);
  a.refine_summary = std::move(summary);
  return a;
}

std::string_view AuthFailureName(AuthFailure failure) {
  switch (failure) {
    case AuthFailure::kNone:
      return "none";
    case AuthFailure::kNoCredentials:
      return "missing_credentials";
    case AuthFailure::kMalformed:
      return "malformed_credentials";
    case AuthFailure::kUnknown:
      return "unknown_credentials";
    case AuthFailure::kExpired:
      return "expired";
    case AuthFailure::kRevoked:
      return "revoked";
    case AuthFailure::kDisabled:
      return "disabled_user";
    case AuthFailure::kRateLimited:
      return "rate_limited";
    case AuthFailure::kUnavailable:
      return "unavailable";
  }
  return "unknown_credentials";
}

std::optional<Response> PreCheckAccess(const AccessControl& control, const RouteAccess* access,
                                       Method method, const std::string& pattern,
                                       const Request& req) {
  if (control.mode == AuthMode::kOff) {
    auto identity = HeaderIdentity(req);
    if (!identity.ok()) return Problem(identity.status(), InstanceOf(req));
    return std::nullopt;
  }
  // A route without a declaration is refused by AuthorizeRequest (fail closed); a public one
  // needs nothing here.
  if (access == nullptr || access->is_public || control.authenticator == nullptr) {
    return std::nullopt;
  }
  if (control.authenticator->HasCredentials(req)) return std::nullopt;
  Denial d = DenialFor(401, std::string(AuthFailureName(AuthFailure::kNoCredentials)), method,
                       pattern, req);
  d.required_role = access->role;
  control.authenticator->RecordDenial(std::move(d));
  return Unauthorized(DetailFor(AuthFailure::kNoCredentials), false, req);
}

std::optional<Response> AuthorizeRequest(const AccessControl& control, const RouteAccess* access,
                                         Method method, const std::string& pattern, Request& req) {
  req.principal.reset();
  if (control.mode == AuthMode::kOff) {
    auto identity = HeaderIdentity(req);
    if (!identity.ok()) return Problem(identity.status(), InstanceOf(req));
    // Authentication off trusts the caller completely (the local default): every role.
    req.principal = Principal{std::move(*identity), Role::kAdmin, AuthMethod::kHeader, {}, {}};
    return std::nullopt;
  }
  if (access == nullptr || control.authenticator == nullptr) {
    log::Error("request_id=" + req.request_id + " refused: " + std::string(MethodName(method)) +
               " " + pattern + " has no access rule");
    return Problem(Internal("route without an access rule"), InstanceOf(req));
  }
  if (access->is_public) {
    req.principal =
        Principal{std::string(kAnonymousActor), Role::kViewer, AuthMethod::kNone, {}, {}};
    return std::nullopt;
  }

  AuthOutcome outcome = control.authenticator->Authenticate(req);
  switch (outcome.failure) {
    case AuthFailure::kNone:
      break;
    case AuthFailure::kRateLimited: {
      int seconds = outcome.retry_after_seconds > 0 ? outcome.retry_after_seconds : 1;
      Response r = Problem(RateLimited("too many requests for this credential; retry after " +
                                       std::to_string(seconds) + " s"),
                           InstanceOf(req));
      r.headers.emplace_back("Retry-After", std::to_string(seconds));
      return r;
    }
    case AuthFailure::kUnavailable:
      return Problem(Unavailable("credentials cannot be verified right now"), InstanceOf(req));
    default: {
      Denial d =
          DenialFor(401, std::string(AuthFailureName(outcome.failure)), method, pattern, req);
      d.token_id = outcome.token_id;
      d.required_role = access->role;
      control.authenticator->RecordDenial(std::move(d));
      return Unauthorized(DetailFor(outcome.failure),
                          outcome.failure != AuthFailure::kNoCredentials, req);
    }
  }

  Role need = access->role;
  std::string why;
  if (access->refine) {
    if (auto stricter = access->refine(req); stricter && stricter->role > need) {
      need = stricter->role;
      why = std::move(stricter->reason);
    }
  }
  if (!RoleIncludes(outcome.principal.role, need)) {
    Denial d = DenialFor(403, "insufficient_role", method, pattern, req);
    d.principal = outcome.principal;
    d.required_role = need;
    control.authenticator->RecordDenial(std::move(d));
    std::string detail = "this request needs the role '" + std::string(RoleName(need)) + "'";
    if (!why.empty()) detail += " (" + why + ")";
    detail += "; " + outcome.principal.name + " acts as '" +
              std::string(RoleName(outcome.principal.role)) + "'";
    return Problem(PermissionDenied(std::move(detail)), InstanceOf(req));
  }

  if (outcome.principal.method == AuthMethod::kSession && IsUnsafe(method)) {
    // Double submit: the console echoes the readable cairn_csrf cookie in X-CSRF-Token; the
    // value is derived from the session, so a cookie planted by another site does not match.
    std::optional<std::string_view> sent;
    bool duplicate = false;
    for (const auto& [name, value] : req.headers) {
      if (name != kCsrfHeader) continue;
      if (sent) duplicate = true;
      sent = value;
    }
    if (duplicate || !sent || outcome.csrf_token.empty() ||
        !ConstantTimeEquals(*sent, outcome.csrf_token)) {
      Denial d = DenialFor(403, "csrf", method, pattern, req);
      d.principal = outcome.principal;
      control.authenticator->RecordDenial(std::move(d));
      return Problem(PermissionDenied("a write with a session cookie needs the X-CSRF-Token header "
                                      "(the value of the cairn_csrf cookie)"),
                     InstanceOf(req));
    }
  }
  req.principal = std::move(outcome.principal);
  return std::nullopt;
}

void AddSecurityHeaders(Response& res) {
  AddIfMissing(res, "x-content-type-options", "X-Content-Type-Options", "nosniff");
  AddIfMissing(res, "referrer-policy", "Referrer-Policy", "no-referrer");
  std::string_view type = res.content_type;
  if (type.substr(0, 9) == "text/html") {
    AddIfMissing(res, "content-security-policy", "Content-Security-Policy", kContentSecurityPolicy);
    AddIfMissing(res, "x-frame-options", "X-Frame-Options", "DENY");
  }
}

}  // namespace cairn::http
