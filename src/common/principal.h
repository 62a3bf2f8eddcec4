// Principal: who is making the request being served — a user authenticated by an API token or a
// console session, or (with authentication off) the X-Cairn-User header / "anonymous".
//
// The router sets the current principal for the thread that runs a handler (ScopedPrincipal), so
// that code far from HTTP — the audit writer — can record the token or session behind a change
// without every service signature carrying it. This is the one piece of thread-local state in
// the request path; handlers still take the actor name explicitly (http::ActorFor).
//
// Thread safety: Principal is a plain value. CurrentPrincipal/ScopedPrincipal touch only the
// calling thread's slot.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/role.h"

namespace cairn {

enum class AuthMethod : uint8_t {
  kNone,     // a public route with authentication required: nobody in particular (anonymous)
  kHeader,   // authentication off: the X-Cairn-User header, or anonymous
  kToken,    // Authorization: Bearer <API token>
  kSession,  // the console's session cookie
};

// "none", "header", "token", "session".
[[nodiscard]] std::string_view AuthMethodName(AuthMethod method);

struct Principal {
  std::string name;  // canonical identity (common/identity.h)
  Role role = Role::kViewer;
  AuthMethod method = AuthMethod::kHeader;
  std::string token_id;    // kToken: the token's id (never its secret)
  std::string session_id;  // kSession: the session's public id (never its secret)
};

// The principal of the request this thread is serving, or null outside a request.
[[nodiscard]] const Principal* CurrentPrincipal();

// Makes `principal` (may be null) current for this thread until destruction, then restores the
// previous one. `principal` must outlive the scope.
class ScopedPrincipal {
 public:
  explicit ScopedPrincipal(const Principal* principal);
  ~ScopedPrincipal();
  ScopedPrincipal(const ScopedPrincipal&) = delete;
  ScopedPrincipal& operator=(const ScopedPrincipal&) = delete;

 private:
  const Principal* previous_;
};

}  // namespace cairn
