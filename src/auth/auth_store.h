// AuthStore: the identity domain's storage contract (tables auth_users, auth_tokens,
// auth_sessions, auth_locks; migration 0007_auth). Every mutating method runs in ONE write
// transaction that also appends its audit record (audit::AppendInTx). Rules live in
// AuthService; the store enforces the ones that need atomicity (revisions, the last
// administrator).
//
// Thread safety: implementations are thread-safe.
#pragma once

#include <optional>
#include <string>

#include "audit/types.h"
#include "auth/types.h"
#include "common/status.h"

namespace cairn::auth {

class AuthStore {
 public:
  virtual ~AuthStore() = default;

  // ---- users ----
  // Errors: Unavailable, Internal.
  virtual Result<int64_t> CountUsers() = 0;
  // Errors: AlreadyExists when the name is taken; Unavailable, Internal.
  virtual Status CreateUser(const UserRecord& user, const audit::Entry& audit) = 0;
  // Errors: NotFound; Unavailable, Internal.
  virtual Result<UserRecord> GetUser(const std::string& name) = 0;
  // Newest first. Errors: InvalidArgument for a malformed page token; Unavailable, Internal.
  virtual Result<UserPage> ListUsers(int limit, const std::string& page_token) = 0;
  // Applies `change` if the stored revision equals `expected_revision` (nullopt: any), bumping
  // the revision. A change that would leave no enabled admin is refused, atomically with other
  // such changes. Disabling a user also ends their sessions. `audit.summary` is written as
  // given. Errors: NotFound; Aborted (revision mismatch); FailedPrecondition (last admin);
  // Unavailable, Internal.
  virtual Result<User> UpdateUser(const std::string& name, const UserChange& change,
                                  std::optional<int64_t> expected_revision, int64_t now,
                                  const audit::Entry& audit) = 0;
  // Replaces the password hash and ends the user's sessions. Errors: NotFound; Unavailable,
  // Internal.
  virtual Status SetPasswordHash(const std::string& name, const std::string& hash, int64_t now,
                                 const audit::Entry& audit) = 0;

  // ---- tokens ----
  // Errors: NotFound when the owner does not exist; Unavailable, Internal.
  virtual Status CreateToken(const Token& token, const std::string& secret_sha256,
                             const audit::Entry& audit) = 0;
  // Errors: NotFound; Unavailable, Internal.
  virtual Result<Token> GetToken(const std::string& id) = 0;
  // Newest first. Errors: InvalidArgument for a malformed page token; Unavailable, Internal.
  virtual Result<TokenPage> ListTokens(const TokenQuery& query) = 0;
  // Sets revoked_at/revoked_by unless already revoked (then returns the token unchanged and
  // writes nothing). Errors: NotFound; Unavailable, Internal.
  virtual Result<Token> RevokeToken(const std::string& id, const std::string& by, int64_t at,
                                    const audit::Entry& audit) = 0;
  // nullopt when no token has this digest. Errors: Unavailable, Internal.
  virtual Result<std::optional<TokenCredential>> FindToken(const std::string& secret_sha256) = 0;
  // Sets last_used_at (no audit: it is bookkeeping). Errors: Unavailable, Internal.
  virtual Status TouchToken(const std::string& id, int64_t at) = 0;

  // ---- sessions ----
  // Also deletes sessions that expired (absolutely, or idle before `idle_cutoff`). Errors:
  // NotFound when the user does not exist; Unavailable, Internal.
  virtual Status CreateSession(const Session& session, const std::string& secret_sha256,
                               int64_t idle_cutoff, const audit::Entry& audit) = 0;
  // Errors: Unavailable, Internal.
  virtual Result<std::optional<SessionCredential>> FindSession(
      const std::string& secret_sha256) = 0;
  // Errors: Unavailable, Internal.
  virtual Status TouchSession(const std::string& id, int64_t at) = 0;
  // Deletes the session (idempotent: a missing one writes nothing). Errors: Unavailable,
  // Internal.
  virtual Status DeleteSession(const std::string& id, const audit::Entry& audit) = 0;
};

}  // namespace cairn::auth
