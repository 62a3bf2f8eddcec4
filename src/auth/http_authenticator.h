// HttpAuthenticator: the router's Authenticator (http/access.h) backed by AuthService — reads the
// Bearer token or session cookie a request presents (credentials.h), checks it, and turns
// refusals into audit records (asynchronously, through AuthService::RecordEvent).
//
// Thread safety: thread-safe.
#pragma once

#include "auth/auth_service.h"
#include "http/access.h"

namespace cairn::auth {

class HttpAuthenticator final : public http::Authenticator {
 public:
  // `service` must outlive this object.
  explicit HttpAuthenticator(AuthService& service) : service_(service) {}

  bool HasCredentials(const http::Request& req) const override;
  http::AuthOutcome Authenticate(const http::Request& req) override;
  void RecordDenial(http::Denial denial) override;

 private:
  AuthService& service_;
};

}  // namespace cairn::auth
