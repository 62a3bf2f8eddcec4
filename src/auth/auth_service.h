// AuthService: users, API tokens and console sessions, and the check of every presented
// credential (issue 11). Validation and rules live here; no SQL, no HTTP.
//
// Rules:
//   - User names are canonical identities (common/identity.h); "anonymous" and "cairn" are
//     reserved. Passwords are 12..1024 bytes, hashed with scrypt (password.h).
//   - A token's role is at most its owner's; the caller may mint only roles it holds itself, and
//     only for itself unless it is an admin. Any user may list, create and revoke their own
//     tokens; admins may do so for everyone. Others' tokens are NotFound to non-admins.
//   - At a check, a token acts with min(its role, its owner's current role); a disabled owner's
//     tokens and sessions stop working.
//   - Sessions expire when idle (no request for `session_idle_ms`) and absolutely
//     (`session_lifetime_ms` after login). Logout, a password change and disabling the user end
//     them.
//   - Logins are limited per user (failures) and per client address (failures): a blocked login
//     is refused before any password is hashed. A login for an unknown or disabled user spends
//     the same scrypt work as a real one.
//   - Every verified credential is cached for `cache_ttl_ms` (credential_cache.h); every request
//     passes a per-credential token bucket.
//
// Thread safety: thread-safe.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "audit/audit_store.h"
#include "auth/auth_event_log.h"
#include "auth/auth_store.h"
#include "auth/credential_cache.h"
#include "auth/password.h"
#include "auth/rate_limiter.h"
#include "auth/types.h"
#include "common/clock.h"
#include "common/principal.h"
#include "common/status.h"

namespace cairn::auth {

inline constexpr size_t kMaxDisplayNameLength = 200;
// The actor recorded for changes made through `cairn user/token create`.
inline constexpr std::string_view kCliActor = "cairn-cli";

struct AuthOptions {
  ScryptParams scrypt;
  int max_concurrent_hashes = 2;
  int64_t session_idle_ms = int64_t{30} * 60 * 1000;
  int64_t session_lifetime_ms = int64_t{12} * 3600 * 1000;
  int64_t default_token_lifetime_ms = int64_t{90} * 24 * 3600 * 1000;
  int64_t cache_ttl_ms = 1000;
  size_t cache_max_entries = 10000;
  // last_used_at / last_seen_at are written at most this often per credential (and at least
  // four times per idle timeout).
  int64_t touch_interval_ms = 60 * 1000;
  WindowLimiter::Options login_per_user{10, int64_t{15} * 60 * 1000, 100000};
  WindowLimiter::Options login_per_address{30, int64_t{15} * 60 * 1000, 100000};
  TokenBucket::Options requests{200, 400, 100000};
  AuthEventLog::Options events;
  const Clock* clock = nullptr;  // not owned; null: Clock::System()
};

struct CreateUserRequest {
  std::string name;
  std::string display_name;
  std::optional<Role> role;  // required
  std::string password;
};

struct CreateTokenRequest {
  std::optional<std::string> user;  // default: the caller
  std::string name;
  std::optional<Role> role;  // default: the most the caller may grant
  std::optional<int64_t> expires_at;
  std::optional<int64_t> expires_in_ms;
  bool never_expires = false;
};

struct CreatedToken {
  Token token;
  std::string secret;  // shown once, never stored
};

struct LoginRequest {
  std::string user;
  std::string password;
  std::string remote_address;  // may be empty (then only the per-user limit applies)
};

struct LoginSuccess {
  User user;
  Session session;
  std::string secret;      // the session cookie's value
  std::string csrf_token;  // the cairn_csrf cookie's value
};

struct LoginOutcome {
  // Unauthenticated, RateLimited, InvalidArgument; Unavailable (also when too many password
  // checks are already waiting), Internal.
  Status status;
  int64_t retry_after_ms = 0;  // RateLimited and Unavailable
  std::optional<LoginSuccess> success;
};

enum class CredentialState {
  kOk,
  kMalformed,
  kUnknown,
  kExpired,
  kRevoked,
  kDisabled,
  kRateLimited,
  kUnavailable
};

struct CredentialCheck {
  CredentialState state = CredentialState::kUnknown;
  Principal principal;     // kOk
  std::string csrf_token;  // kOk for sessions
  std::string token_id;    // a known token that is refused
  int64_t retry_after_ms = 0;
};

class AuthService {
 public:
  // `audit_store` receives refusals and failed logins asynchronously (auth_event_log.h); both
  // stores must outlive the service.
  AuthService(std::unique_ptr<AuthStore> store, audit::AuditStore& audit_store,
              AuthOptions options);
  ~AuthService();

  // ---- users ----
  // Errors: InvalidArgument (fields name, display_name, role, password); AlreadyExists;
  // Unavailable, Internal.
  Result<User> CreateUser(const CreateUserRequest& request, const std::string& actor);
  // Errors: NotFound; Unavailable, Internal.
  Result<User> GetUser(const std::string& name);
  // Errors: InvalidArgument (limit 1..1000, page token); Unavailable, Internal.
  Result<UserPage> ListUsers(std::optional<int64_t> limit, const std::string& page_token);
  // Errors: InvalidArgument (display_name); NotFound; Aborted (revision); FailedPrecondition (the
  // last enabled admin); Unavailable, Internal.
  Result<User> UpdateUser(const std::string& name, const UserChange& change,
                          std::optional<int64_t> expected_revision, const std::string& actor);
  // Sets a new password and ends the user's sessions. Errors: InvalidArgument (password);
  // NotFound; Unavailable, Internal.
  Status SetPassword(const std::string& name, const std::string& password,
                     const std::string& actor);
  // The caller's own password, after checking the current one. Errors: InvalidArgument;
  // PermissionDenied (wrong current password, or the caller is no user); Unavailable, Internal.
  Status ChangeOwnPassword(const Principal& caller, const std::string& current,
                           const std::string& replacement);
  // Errors: Unavailable, Internal.
  Result<int64_t> CountUsers();

  // ---- tokens ----
  // Errors: InvalidArgument (name, expiry); PermissionDenied (someone else's token without
  // admin, a role above what the caller or owner holds); NotFound (owner); FailedPrecondition
  // (owner disabled); Unavailable, Internal.
  Result<CreatedToken> CreateToken(const CreateTokenRequest& request, const Principal& caller);
  // Errors: InvalidArgument (limit, page token); PermissionDenied (another user's tokens
  // without admin); Unavailable, Internal.
  Result<TokenPage> ListTokens(std::optional<std::string> user, bool include_revoked,
                               std::optional<int64_t> limit, const std::string& page_token,
                               const Principal& caller);
  // Errors: NotFound (also for another user's token without admin); Unavailable, Internal.
  Result<Token> GetToken(const std::string& id, const Principal& caller);
  // Idempotent. Errors: NotFound; Unavailable, Internal.
  Result<Token> RevokeToken(const std::string& id, const Principal& caller);

  // ---- sessions ----
  LoginOutcome Login(const LoginRequest& request);
  // Ends the caller's session (nothing to do for a token). Errors: Unavailable, Internal.
  Status Logout(const Principal& caller);

  // ---- checks (every authenticated request) ----
  CredentialCheck CheckToken(std::string_view presented);
  CredentialCheck CheckSession(std::string_view secret);

  // Queues an audit record of a refusal (never blocks on storage).
  void RecordEvent(audit::Entry entry);
  // Writes queued events (tests).
  void FlushEvents();
  // Stops the event writer after writing what is queued.
  void Stop();

  const AuthOptions& options() const { return options_; }
  int64_t Now() const { return clock_.NowMillis(); }

 private:
  Status ValidatePassword(const std::string& password) const;
  // The principal's view of a token (NotFound for someone else's without admin).
  Result<Token> VisibleToken(const std::string& id, const Principal& caller);
  void RecordLoginFailure(const std::string& user, const std::string& address,
                          std::string_view reason);
  int64_t TouchInterval() const;

  std::unique_ptr<AuthStore> store_;
  AuthOptions options_;
  const Clock& clock_;
  PasswordHasher hasher_;
  CredentialCache cache_;
  WindowLimiter login_user_;
  WindowLimiter login_address_;
  TokenBucket requests_;
  AuthEventLog events_;
};

}  // namespace cairn::auth
