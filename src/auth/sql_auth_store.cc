#include "auth/sql_auth_store.h"

#include <utility>
#include <vector>

#include "audit/audit_writer.h"
#include "common/revision.h"
#include "storage/pagination.h"
#include "storage/revision_guard.h"

namespace cairn::auth {
namespace {

using storage::Row;
using storage::Transaction;
using storage::Value;

// Columns of a user, from offset `at` of a row.
constexpr char kUserColumns[] =
    "u.name, u.display_name, u.role, u.disabled, u.created_by, u.created_at, u.updated_at, "
    "u.revision";
constexpr size_t kUserColumnCount = 8;
constexpr char kTokenColumns[] =
    "t.id, t.name, t.user_name, t.role, t.prefix, t.created_by, t.created_at, t.expires_at, "
    "t.last_used_at, t.revoked_at, t.revoked_by";
constexpr size_t kTokenColumnCount = 11;
constexpr char kSessionColumns[] = "s.id, s.user_name, s.created_at, s.last_seen_at, s.expires_at";
constexpr size_t kSessionColumnCount = 5;

Role RoleAt(const Row& row, size_t i) { return ParseRole(row.Text(i)).value_or(Role::kViewer); }

User UserFromRow(const Row& row, size_t at = 0) {
  User u;
  u.name = row.Text(at);
  u.display_name = row.Text(at + 1);
  u.role = RoleAt(row, at + 2);
  u.disabled = row.Int(at + 3) != 0;
  u.created_by = row.Text(at + 4);
  u.created_at = row.Int(at + 5);
  u.updated_at = row.Int(at + 6);
  u.revision = row.Int(at + 7);
  return u;
}

Token TokenFromRow(const Row& row, size_t at = 0) {
  Token t;
  t.id = row.Text(at);
  t.name = row.Text(at + 1);
  t.user_name = row.Text(at + 2);
  t.role = RoleAt(row, at + 3);
  t.prefix = row.Text(at + 4);
  t.created_by = row.Text(at + 5);
  t.created_at = row.Int(at + 6);
  t.expires_at = row.OptInt(at + 7);
  t.last_used_at = row.OptInt(at + 8);
  t.revoked_at = row.OptInt(at + 9);
  t.revoked_by = row.OptText(at + 10);
  return t;
}

Session SessionFromRow(const Row& row, size_t at = 0) {
  Session s;
  s.id = row.Text(at);
  s.user_name = row.Text(at + 1);
  s.created_at = row.Int(at + 2);
  s.last_seen_at = row.Int(at + 3);
  s.expires_at = row.Int(at + 4);
  return s;
}

std::string Cols(const char* columns) { return columns; }

// Both lists are newest first; the last key makes the order total.
const storage::Keyset kUserOrder("auth_users", {{"u.created_at", storage::KeyType::kInt},
                                                {"u.name", storage::KeyType::kText}});
const storage::Keyset kTokenOrder("auth_tokens", {{"t.created_at", storage::KeyType::kInt},
                                                  {"t.id", storage::KeyType::kText}});

Result<std::optional<UserRecord>> LoadUser(Transaction& tx, const std::string& name) {
  const Value p[] = {name};
  ASSIGN_OR_RETURN(auto row, tx.QueryOne("SELECT " + Cols(kUserColumns) +
                                             ", u.password_hash, u.password_changed_at "
                                             "FROM auth_users u WHERE u.name = ?",
                                         p));
  if (!row) return std::optional<UserRecord>();
  UserRecord r;
  r.user = UserFromRow(*row);
  r.password_hash = row->Text(kUserColumnCount);
  r.password_changed_at = row->Int(kUserColumnCount + 1);
  return std::optional<UserRecord>(std::move(r));
}

Status DeleteSessionsOf(Transaction& tx, const std::string& user) {
  const Value p[] = {user};
  return tx.Exec("DELETE FROM auth_sessions WHERE user_name = ?", p).status();
}

}  // namespace

Result<int64_t> SqlAuthStore::CountUsers() {
  ASSIGN_OR_RETURN(auto tx, db_.Begin(storage::TxMode::kRead));
  ASSIGN_OR_RETURN(auto row, tx->QueryOne("SELECT count(*) FROM auth_users"));
  return row ? row->Int(0) : 0;
}

Status SqlAuthStore::CreateUser(const UserRecord& r, const audit::Entry& audit) {
  ASSIGN_OR_RETURN(auto tx, db_.Begin(storage::TxMode::kWrite));
  const User& u = r.user;
  const Value p[] = {u.name,
                     u.display_name,
                     std::string(RoleName(u.role)),
                     int64_t{u.disabled ? 1 : 0},
                     r.password_hash,
                     r.password_changed_at,
                     u.created_by,
                     u.created_at,
                     u.updated_at,
                     u.revision};
  auto inserted = tx->Exec(
      "INSERT INTO auth_users (name, display_name, role, disabled, password_hash, "
      "password_changed_at, created_by, created_at, updated_at, revision) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      p);
  if (!inserted.ok()) {
    if (inserted.status().code() == StatusCode::kAlreadyExists) {
      return AlreadyExists("user '" + u.name + "' already exists");
    }
    return inserted.status();
  }
  RETURN_IF_ERROR(audit::AppendInTx(*tx, audit));
  return tx->Commit();
}

Result<UserRecord> SqlAuthStore::GetUser(const std::string& name) {
  ASSIGN_OR_RETURN(auto tx, db_.Begin(storage::TxMode::kRead));
  ASSIGN_OR_RETURN(auto user, LoadUser(*tx, name));
  if (!user) return NotFound("user '" + name + "' not found");
  return std::move(*user);
}

Result<UserPage> SqlAuthStore::ListUsers(int limit, const std::string& page_token) {
  std::string sql = "SELECT " + Cols(kUserColumns) + " FROM auth_users u WHERE 1 = 1";
  std::vector<Value> params;
  RETURN_IF_ERROR(kUserOrder.AppendAfter(page_token, sql, params));
  kUserOrder.AppendOrderAndLimit(limit, sql, params);
  ASSIGN_OR_RETURN(auto tx, db_.Begin(storage::TxMode::kRead));
  ASSIGN_OR_RETURN(auto rows, tx->Query(sql, params));
  UserPage page;
  for (const Row& row : rows) page.items.push_back(UserFromRow(row));
  kUserOrder.FinishPage(page, limit, [](const User& u) {
    return storage::Keyset::Position{u.created_at, u.name};
  });
  return page;
}

Result<User> SqlAuthStore::UpdateUser(const std::string& name, const UserChange& change,
                                      std::optional<int64_t> expected_revision, int64_t now,
                                      const audit::Entry& audit) {
  ASSIGN_OR_RETURN(auto tx, db_.Begin(storage::TxMode::kWrite));
  ASSIGN_OR_RETURN(auto stored, LoadUser(*tx, name));
  if (!stored) return NotFound("user '" + name + "' not found");
  const User& before = stored->user;
  const std::string resource = "user '" + name + "'";
  RETURN_IF_ERROR(CheckIfMatch(resource, expected_revision, before.revision));
  User after = before;
  if (change.display_name) after.display_name = *change.display_name;
  if (change.role) after.role = *change.role;
  if (change.disabled) after.disabled = *change.disabled;
  after.updated_at = now;
  after.revision = before.revision + 1;

  bool was_admin = before.role == Role::kAdmin && !before.disabled;
  bool is_admin = after.role == Role::kAdmin && !after.disabled;
  if (was_admin && !is_admin) {
    // Serialise every change that removes an administrator on one lock row (PostgreSQL: a row
    // lock held to commit; SQLite: writers are serialised anyway), then count the others with a
    // fresh statement, so two admins demoting each other cannot both succeed.
    RETURN_IF_ERROR(
        tx->Exec("UPDATE auth_locks SET version = version + 1 WHERE name = 'admins'").status());
    const Value p[] = {name};
    ASSIGN_OR_RETURN(auto row, tx->QueryOne("SELECT count(*) FROM auth_users WHERE role = "
                                            "'admin' AND disabled = 0 AND name <> ?",
                                            p));
    if (!row || row->Int(0) == 0) {
      return FailedPrecondition("'" + name +
                                "' is the last enabled admin: make another user admin first");
    }
  }
  RETURN_IF_ERROR(
      storage::UpdateWithRevision(*tx, {"auth_users",
                                        "display_name = ?, role = ?, disabled = ?, updated_at = ?",
                                        {after.display_name, std::string(RoleName(after.role)),
                                         int64_t{after.disabled ? 1 : 0}, after.updated_at},
                                        "name = ?",
                                        {name},
                                        before.revision,
                                        resource}));
  if (after.disabled && !before.disabled) RETURN_IF_ERROR(DeleteSessionsOf(*tx, name));
  RETURN_IF_ERROR(audit::AppendInTx(*tx, audit));
  RETURN_IF_ERROR(tx->Commit());
  return after;
}

Status SqlAuthStore::SetPasswordHash(const std::string& name, const std::string& hash, int64_t now,
                                     const audit::Entry& audit) {
  ASSIGN_OR_RETURN(auto tx, db_.Begin(storage::TxMode::kWrite));
  const Value p[] = {hash, now, now, name};
  ASSIGN_OR_RETURN(int64_t changed,
                   tx->Exec("UPDATE auth_users SET password_hash = ?, password_changed_at = ?, "
                            "updated_at = ?, revision = revision + 1 WHERE name = ?",
                            p));
  if (changed != 1) return NotFound("user '" + name + "' not found");
  RETURN_IF_ERROR(DeleteSessionsOf(*tx, name));
  RETURN_IF_ERROR(audit::AppendInTx(*tx, audit));
  return tx->Commit();
}

Status SqlAuthStore::CreateToken(const Token& t, const std::string& secret_sha256,
                                 const audit::Entry& audit) {
  ASSIGN_OR_RETURN(auto tx, db_.Begin(storage::TxMode::kWrite));
  ASSIGN_OR_RETURN(auto owner, LoadUser(*tx, t.user_name));
  if (!owner) return NotFound("user '" + t.user_name + "' not found");
  const Value p[] = {
      t.id,     t.name,       t.user_name,  std::string(RoleName(t.role)),  secret_sha256,
      t.prefix, t.created_by, t.created_at, storage::Nullable(t.expires_at)};
  RETURN_IF_ERROR(tx->Exec("INSERT INTO auth_tokens (id, name, user_name, role, secret_sha256, "
                           "prefix, created_by, created_at, expires_at) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                           p)
                      .status());
  RETURN_IF_ERROR(audit::AppendInTx(*tx, audit));
  return tx->Commit();
}

Result<Token> SqlAuthStore::GetToken(const std::string& id) {
  ASSIGN_OR_RETURN(auto tx, db_.Begin(storage::TxMode::kRead));
  const Value p[] = {id};
  ASSIGN_OR_RETURN(
      auto row,
      tx->QueryOne("SELECT " + Cols(kTokenColumns) + " FROM auth_tokens t WHERE t.id = ?", p));
  if (!row) return NotFound("token '" + id + "' not found");
  return TokenFromRow(*row);
}

Result<TokenPage> SqlAuthStore::ListTokens(const TokenQuery& query) {
  std::string sql = "SELECT " + Cols(kTokenColumns) + " FROM auth_tokens t WHERE 1 = 1";
  std::vector<Value> params;
  params.reserve(4);  // also keeps GCC 12 from a false -Wstringop-overflow on the first insert
  if (query.user_name) {
    sql += " AND t.user_name = ?";
    params.emplace_back(*query.user_name);
  }
  if (!query.include_revoked) sql += " AND t.revoked_at IS NULL";
  RETURN_IF_ERROR(kTokenOrder.AppendAfter(query.page_token, sql, params));
  kTokenOrder.AppendOrderAndLimit(query.limit, sql, params);
  ASSIGN_OR_RETURN(auto tx, db_.Begin(storage::TxMode::kRead));
  ASSIGN_OR_RETURN(auto rows, tx->Query(sql, params));
  TokenPage page;
  for (const Row& row : rows) page.items.push_back(TokenFromRow(row));
  kTokenOrder.FinishPage(page, query.limit, [](const Token& t) {
    return storage::Keyset::Position{t.created_at, t.id};
  });
  return page;
}

Result<Token> SqlAuthStore::RevokeToken(const std::string& id, const std::string& by, int64_t at,
                                        const audit::Entry& audit) {
  ASSIGN_OR_RETURN(auto tx, db_.Begin(storage::TxMode::kWrite));
  const Value p[] = {at, by, id};
  ASSIGN_OR_RETURN(int64_t changed,
                   tx->Exec("UPDATE auth_tokens SET revoked_at = ?, revoked_by = ? "
                            "WHERE id = ? AND revoked_at IS NULL",
                            p));
  const Value q[] = {id};
  ASSIGN_OR_RETURN(
      auto row,
      tx->QueryOne("SELECT " + Cols(kTokenColumns) + " FROM auth_tokens t WHERE t.id = ?", q));
  if (!row) return NotFound("token '" + id + "' not found");
  if (changed == 1) {
    RETURN_IF_ERROR(audit::AppendInTx(*tx, audit));
    RETURN_IF_ERROR(tx->Commit());
  }
  return TokenFromRow(*row);
}

Result<std::optional<TokenCredential>> SqlAuthStore::FindToken(const std::string& secret_sha256) {
  ASSIGN_OR_RETURN(auto tx, db_.Begin(storage::TxMode::kRead));
  const Value p[] = {secret_sha256};
  ASSIGN_OR_RETURN(auto row, tx->QueryOne("SELECT " + Cols(kTokenColumns) + ", t.secret_sha256, " +
                                              Cols(kUserColumns) +
                                              " FROM auth_tokens t JOIN auth_users u ON u.name = "
                                              "t.user_name WHERE t.secret_sha256 = ?",
                                          p));
  if (!row) return std::optional<TokenCredential>();
  TokenCredential c;
  c.token = TokenFromRow(*row);
  c.secret_sha256 = row->Text(kTokenColumnCount);
  c.owner = UserFromRow(*row, kTokenColumnCount + 1);
  return std::optional<TokenCredential>(std::move(c));
}

Status SqlAuthStore::TouchToken(const std::string& id, int64_t at) {
  ASSIGN_OR_RETURN(auto tx, db_.Begin(storage::TxMode::kWrite));
  const Value p[] = {at, id, at};
  RETURN_IF_ERROR(tx->Exec("UPDATE auth_tokens SET last_used_at = ? WHERE id = ? AND "
                           "(last_used_at IS NULL OR last_used_at < ?)",
                           p)
                      .status());
  return tx->Commit();
}

Status SqlAuthStore::CreateSession(const Session& s, const std::string& secret_sha256,
                                   int64_t idle_cutoff, const audit::Entry& audit) {
  ASSIGN_OR_RETURN(auto tx, db_.Begin(storage::TxMode::kWrite));
  ASSIGN_OR_RETURN(auto owner, LoadUser(*tx, s.user_name));
  if (!owner) return NotFound("user '" + s.user_name + "' not found");
  const Value purge[] = {s.created_at, idle_cutoff};
  RETURN_IF_ERROR(
      tx->Exec("DELETE FROM auth_sessions WHERE expires_at <= ? OR last_seen_at < ?", purge)
          .status());
  const Value p[] = {s.id, secret_sha256, s.user_name, s.created_at, s.last_seen_at, s.expires_at};
  RETURN_IF_ERROR(tx->Exec("INSERT INTO auth_sessions (id, secret_sha256, user_name, created_at, "
                           "last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)",
                           p)
                      .status());
  RETURN_IF_ERROR(audit::AppendInTx(*tx, audit));
  return tx->Commit();
}

Result<std::optional<SessionCredential>> SqlAuthStore::FindSession(
    const std::string& secret_sha256) {
  ASSIGN_OR_RETURN(auto tx, db_.Begin(storage::TxMode::kRead));
  const Value p[] = {secret_sha256};
  ASSIGN_OR_RETURN(auto row, tx->QueryOne("SELECT " + Cols(kSessionColumns) +
                                              ", s.secret_sha256, " + Cols(kUserColumns) +
                                              " FROM auth_sessions s JOIN auth_users u ON u.name "
                                              "= s.user_name WHERE s.secret_sha256 = ?",
                                          p));
  if (!row) return std::optional<SessionCredential>();
  SessionCredential c;
  c.session = SessionFromRow(*row);
  c.secret_sha256 = row->Text(kSessionColumnCount);
  c.user = UserFromRow(*row, kSessionColumnCount + 1);
  return std::optional<SessionCredential>(std::move(c));
}

Status SqlAuthStore::TouchSession(const std::string& id, int64_t at) {
  ASSIGN_OR_RETURN(auto tx, db_.Begin(storage::TxMode::kWrite));
  const Value p[] = {at, id, at};
  RETURN_IF_ERROR(
      tx->Exec("UPDATE auth_sessions SET last_seen_at = ? WHERE id = ? AND last_seen_at < ?", p)
          .status());
  return tx->Commit();
}

Status SqlAuthStore::DeleteSession(const std::string& id, const audit::Entry& audit) {
  ASSIGN_OR_RETURN(auto tx, db_.Begin(storage::TxMode::kWrite));
  const Value p[] = {id};
  ASSIGN_OR_RETURN(int64_t changed, tx->Exec("DELETE FROM auth_sessions WHERE id = ?", p));
  if (changed == 0) return Status::Ok();
  RETURN_IF_ERROR(audit::AppendInTx(*tx, audit));
  return tx->Commit();
}

}  // namespace cairn::auth
