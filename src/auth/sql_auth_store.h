// SqlAuthStore: AuthStore over storage::SqlDatabase (migration 0007_auth). Lists are newest first
// with the shared keyset page tokens (storage/pagination.h).
//
// Thread safety: thread-safe (the database is; the store holds no mutable state).
#pragma once

#include "auth/auth_store.h"
#include "storage/sql_database.h"

namespace cairn::auth {

class SqlAuthStore final : public AuthStore {
 public:
  // `db` must outlive the store.
  explicit SqlAuthStore(storage::SqlDatabase& db) : db_(db) {}

  Result<int64_t> CountUsers() override;
  Status CreateUser(const UserRecord& user, const audit::Entry& audit) override;
  Result<UserRecord> GetUser(const std::string& name) override;
  Result<UserPage> ListUsers(int limit, const std::string& page_token) override;
  Result<User> UpdateUser(const std::string& name, const UserChange& change,
                          std::optional<int64_t> expected_revision, int64_t now,
                          const audit::Entry& audit) override;
  Status SetPasswordHash(const std::string& name, const std::string& hash, int64_t now,
                         const audit::Entry& audit) override;

  Status CreateToken(const Token& token, const std::string& secret_sha256,
                     const audit::Entry& audit) override;
  Result<Token> GetToken(const std::string& id) override;
  Result<TokenPage> ListTokens(const TokenQuery& query) override;
  Result<Token> RevokeToken(const std::string& id, const std::string& by, int64_t at,
                            const audit::Entry& audit) override;
  Result<std::optional<TokenCredential>> FindToken(const std::string& secret_sha256) override;
  Status TouchToken(const std::string& id, int64_t at) override;

  Status CreateSession(const Session& session, const std::string& secret_sha256,
                       int64_t idle_cutoff, const audit::Entry& audit) override;
  Result<std::optional<SessionCredential>> FindSession(const std::string& secret_sha256) override;
  Status TouchSession(const std::string& id, int64_t at) override;
  Status DeleteSession(const std::string& id, const audit::Entry& audit) override;

 private:
  storage::SqlDatabase& db_;
};

}  // namespace cairn::auth
