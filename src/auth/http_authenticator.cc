#include "auth/http_authenticator.h"

#include <string>
#include <utility>

#include "auth/credentials.h"

namespace cairn::auth {
namespace {

constexpr size_t kMaxAuditedPath = 512;

http::AuthFailure FailureFor(CredentialState state) {
  switch (state) {
    case CredentialState::kOk:
      return http::AuthFailure::kNone;
    case CredentialState::kMalformed:
      return http::AuthFailure::kMalformed;
    case CredentialState::kUnknown:
      return http::AuthFailure::kUnknown;
    case CredentialState::kExpired:
      return http::AuthFailure::kExpired;
    case CredentialState::kRevoked:
      return http::AuthFailure::kRevoked;
    case CredentialState::kDisabled:
      return http::AuthFailure::kDisabled;
    case CredentialState::kRateLimited:
      return http::AuthFailure::kRateLimited;
    case CredentialState::kUnavailable:
      return http::AuthFailure::kUnavailable;
  }
  return http::AuthFailure::kUnknown;
}

}  // namespace

bool HttpAuthenticator::HasCredentials(const http::Request& req) const {
  return ParseCredentials(req.headers).kind != PresentedCredentials::Kind::kNone;
}

http::AuthOutcome HttpAuthenticator::Authenticate(const http::Request& req) {
  http::AuthOutcome out;
  PresentedCredentials presented = ParseCredentials(req.headers);
  CredentialCheck check;
  switch (presented.kind) {
    case PresentedCredentials::Kind::kNone:
      out.failure = http::AuthFailure::kNoCredentials;
      return out;
    case PresentedCredentials::Kind::kMalformed:
      out.failure = http::AuthFailure::kMalformed;
      return out;
    case PresentedCredentials::Kind::kBearer:
      check = service_.CheckToken(presented.value);
      break;
    case PresentedCredentials::Kind::kSession:
      check = service_.CheckSession(presented.value);
      break;
  }
  out.failure = FailureFor(check.state);
  out.principal = std::move(check.principal);
  out.csrf_token = std::move(check.csrf_token);
  out.token_id = std::move(check.token_id);
  out.retry_after_seconds = static_cast<int>((check.retry_after_ms + 999) / 1000);
  return out;
}

void HttpAuthenticator::RecordDenial(http::Denial d) {
  audit::Entry e;
  e.at = service_.Now();
  e.actor = d.principal ? d.principal->name : "anonymous";
  e.action = d.status == 401 ? "auth.denied" : "auth.forbidden";
  e.resource_type = "route";
  e.resource_id = std::string(http::MethodName(d.method)) + " " + d.pattern;
  e.summary["status"] = int64_t{d.status};
  e.summary["reason"] = d.reason;
  e.summary["path"] = d.path.substr(0, kMaxAuditedPath);
  if (!d.request_id.empty()) e.summary["request_id"] = d.request_id;
  if (!d.remote_address.empty()) e.summary["remote_address"] = d.remote_address;
  if (d.required_role) e.summary["required_role"] = std::string(RoleName(*d.required_role));
  if (d.principal) {
    e.summary["role"] = std::string(RoleName(d.principal->role));
    e.auth_method = std::string(AuthMethodName(d.principal->method));
    if (!d.principal->token_id.empty()) e.token_id = d.principal->token_id;
    if (!d.principal->session_id.empty()) e.session_id = d.principal->session_id;
  } else {
    e.auth_method = "none";
    if (!d.token_id.empty()) e.token_id = d.token_id;
  }
  service_.RecordEvent(std::move(e));
}

}  // namespace cairn::auth
