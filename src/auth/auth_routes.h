// Identity and access endpoints under /api/v1/auth, registered only when authentication is
// required: with authentication off the server has no identity API at all (404), which is how
// the console and the command line tell the two modes apart. Each route declares its access:
//   POST   /login                   public        {user, password} -> session + CSRF cookies
//   POST   /logout                  viewer        ends the session, clears the cookies
//   GET    /me                      viewer        who am I
//   PUT    /me/password             viewer        {current_password, new_password}
//   GET    /users, POST /users      admin
//   GET    /users/{name}            admin
//   PATCH  /users/{name}            admin         {display_name, role, disabled}, If-Match
//   PUT    /users/{name}/password   admin         {password}
//   GET    /tokens, POST /tokens    viewer        one's own tokens (admins: anyone's)
//   GET    /tokens/{id}, DELETE     viewer        DELETE revokes
#pragma once

#include "auth/auth_service.h"
#include "http/router.h"

namespace cairn::auth {

struct AuthRouteOptions {
  // Session cookies carry `Secure` (browsers then send them over HTTPS only).
  bool secure_cookies = false;
  // The client address of a login is the last X-Forwarded-For entry (set by a reverse proxy)
  // instead of the peer address. Enable only behind a proxy that sets it.
  bool trust_proxy = false;
};

// `service` must outlive the router.
void RegisterAuthRoutes(http::Router& router, AuthService& service, AuthRouteOptions options);

}  // namespace cairn::auth
