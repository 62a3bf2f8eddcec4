// Identity and access types: users, API tokens and console sessions. Plain structs; no SQL, no
// JSON, no HTTP. Secrets never live in these structs: tokens and sessions are stored and looked
// up by the SHA-256 of their secret. Thread-compatible values.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/page.h"
#include "common/role.h"

namespace cairn::auth {

struct User {
  std::string name;  // canonical identity (common/identity.h): lower case
  std::string display_name;
  Role role = Role::kViewer;
  bool disabled = false;
  std::string created_by;
  int64_t created_at = 0;  // ms UTC
  int64_t updated_at = 0;
  int64_t revision = 1;
};

// A user as stored, with what a login needs.
struct UserRecord {
  User user;
  std::string password_hash;  // password.h's encoded scrypt hash
  int64_t password_changed_at = 0;
};

// What an update may change; unset fields stay as they are.
struct UserChange {
  std::optional<std::string> display_name;
  std::optional<Role> role;
  std::optional<bool> disabled;
};

using UserPage = Page<User>;  // newest first

struct Token {
  std::string id;  // UUIDv4
  std::string name;
  std::string user_name;      // the owner
  Role role = Role::kViewer;  // at most the owner's role; the owner's current role caps it too
  std::string prefix;         // the first characters of the secret, to recognise it in lists
  std::string created_by;
  int64_t created_at = 0;
  std::optional<int64_t> expires_at;
  std::optional<int64_t> last_used_at;  // refreshed at most once per touch interval
  std::optional<int64_t> revoked_at;
  std::optional<std::string> revoked_by;
};

struct TokenQuery {
  std::optional<std::string> user_name;
  bool include_revoked = false;
  int limit = kDefaultPageSize;
  std::string page_token;
};

using TokenPage = Page<Token>;  // newest first

// A token found by its secret's digest, with its owner as stored now.
struct TokenCredential {
  Token token;
  std::string secret_sha256;  // hex
  User owner;
};

struct Session {
  std::string id;  // UUIDv4: the public id (audit records, logout); the secret is the cookie
  std::string user_name;
  int64_t created_at = 0;
  int64_t last_seen_at = 0;  // refreshed at most once per touch interval
  int64_t expires_at = 0;    // absolute expiry
};

struct SessionCredential {
  Session session;
  std::string secret_sha256;  // hex
  User user;
};

}  // namespace cairn::auth
