// Access control at the router: every route declares who may call it (RouteAccess), and the
// router authenticates and authorises each request in ONE place, before the handler runs.
//
//   Router::Find (I/O thread; cheap, never blocks):
//     auth off       the X-Cairn-User header must be absent or one valid identity (else 400);
//     auth required  a non-public route whose request carries no credentials at all is answered
//                    401 right away, before its body is read.
//   Router::Invoke (the worker pool for every non-inline route):
//     auth off       the principal is the header's identity (or "anonymous") with every role;
//     auth required  Authenticator::Authenticate (401 / 429 / 503), then the route's role and
//                    any body-dependent rule (403), then the CSRF token for writes made with a
//                    session cookie (403); the principal is attached to the Request.
// Every 401 and 403 is handed to Authenticator::RecordDenial (the audit log). Refusals never
// echo a credential. With auth required, X-Cairn-User is ignored entirely.
//
// Inline routes run on an I/O thread and therefore must be public (authentication may touch
// storage); Router::AccessProblems reports a violation as a startup error.
//
// Thread safety: RouteAccess and AccessControl are immutable after the routes are registered;
// the functions are thread-safe when the Authenticator is.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "common/principal.h"
#include "common/role.h"
#include "http/message.h"

namespace cairn::http {

enum class AuthMode { kOff, kRequired };
[[nodiscard]] std::string_view AuthModeName(AuthMode mode);

// A stricter role that a request needs because of what it asks for (e.g. a PATCH that moves a
// model version to production), with the reason shown in the 403.
struct RoleRequirement {
  Role role;
  std::string reason;
};
// Decides from the request (its body is read by then); nullopt = the route's role suffices.
using RoleRefiner = std::function<std::optional<RoleRequirement>(const Request&)>;

struct RouteAccess {
  bool is_public = false;      // no credentials needed (health, docs, console files, login)
  Role role = Role::kAdmin;    // the least role that may call the route (ignored when public)
  RoleRefiner refine;          // optional body-dependent rule, never lowers `role`
  std::string refine_summary;  // what `refine` demands, for the route table and OpenAPI

  static RouteAccess Public();
  static RouteAccess Require(Role role);
  static RouteAccess Require(Role role, RoleRefiner refine, std::string summary);
};

enum class AuthFailure {
  kNone,
  kNoCredentials,  // no Authorization header, no session cookie
  kMalformed,      // an Authorization header that is not `Bearer cairn_...`
  kUnknown,        // no such token or session
  kExpired,
  kRevoked,
  kDisabled,  // the owner is disabled
  kRateLimited,
  kUnavailable,  // storage could not be asked
};
// "missing_credentials", "malformed_credentials", "unknown_credentials", "expired", "revoked",
// "disabled_user", "rate_limited", "unavailable".
[[nodiscard]] std::string_view AuthFailureName(AuthFailure failure);

struct AuthOutcome {
  AuthFailure failure = AuthFailure::kNoCredentials;
  Principal principal;          // when failure == kNone
  std::string csrf_token;       // session principals: the value X-CSRF-Token must carry
  std::string token_id;         // a presented token that is known but refused (expired, revoked)
  int retry_after_seconds = 0;  // kRateLimited
};

// A refused request, for the audit log. Carries no credential.
struct Denial {
  int status = 401;
  std::string reason;  // AuthFailureName, or "insufficient_role", "csrf"
  Method method = Method::kGet;
  std::string pattern;
  std::string path;
  std::string request_id;
  std::string remote_address;
  std::optional<Principal> principal;  // the known caller (403)
  std::string token_id;                // 401 for a known token
  std::optional<Role> required_role;
};

class Authenticator {
 public:
  virtual ~Authenticator() = default;
  // True when the request carries credentials of any kind (no validation, no I/O).
  [[nodiscard]] virtual bool HasCredentials(const Request& req) const = 0;
  // Validates the credentials; may block on storage (worker threads only).
  [[nodiscard]] virtual AuthOutcome Authenticate(const Request& req) = 0;
  // Records a refusal; must not block (it may be called on an I/O thread).
  virtual void RecordDenial(Denial denial) = 0;
};

struct AccessControl {
  AuthMode mode = AuthMode::kOff;
  Authenticator* authenticator = nullptr;  // required with kRequired; not owned
};

// Find-time checks (see the top of this file). `access` null = the route declared nothing.
[[nodiscard]] std::optional<Response> PreCheckAccess(const AccessControl& control,
                                                     const RouteAccess* access, Method method,
                                                     const std::string& pattern,
                                                     const Request& req);

// Invoke-time checks: sets req.principal, or returns the refusal (400/401/403/429/503).
[[nodiscard]] std::optional<Response> AuthorizeRequest(const AccessControl& control,
                                                       const RouteAccess* access, Method method,
                                                       const std::string& pattern, Request& req);

// X-Content-Type-Options, Referrer-Policy on every response; on HTML (the console, Swagger UI)
// also a strict Content-Security-Policy with frame-ancestors 'none' and X-Frame-Options. A
// header the handler already set is kept.
void AddSecurityHeaders(Response& res);

// The Content-Security-Policy sent with HTML responses.
inline constexpr std::string_view kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; "
    "worker-src 'self' blob:; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'";

}  // namespace cairn::http
