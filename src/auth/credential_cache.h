// CredentialCache: recently verified tokens and sessions, keyed by the SHA-256 of their secret
// (the secret itself is never kept), so that a request with a known credential costs a hash and
// a map lookup instead of a database query.
//
// Entries live `ttl_ms` (default 1 s): that is the bound on how long another replica keeps
// accepting a token or session after it is revoked, its owner disabled or its role lowered. The
// replica that makes such a change evicts the affected entries at once. Only valid credentials
// are cached; expiry times are checked on every hit. Size is bounded by `max_entries`.
//
// Thread safety: thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <shared_mutex>
#include <string>
#include <unordered_map>

#include "common/role.h"

namespace cairn::auth {

struct CachedCredential {
  bool is_session = false;
  std::string id;                     // token or session id
  std::string user_name;              // the owner
  Role role = Role::kViewer;          // effective: a token's role capped by its owner's
  std::optional<int64_t> expires_at;  // tokens: optional; sessions: the absolute expiry
  int64_t last_seen_at = 0;           // last_used_at / last_seen_at as last written
  int64_t fetched_at = 0;
};

class CredentialCache {
 public:
  CredentialCache(int64_t ttl_ms, size_t max_entries)
      : ttl_ms_(ttl_ms), max_entries_(max_entries) {}

  // The entry when present and younger than the TTL.
  [[nodiscard]] std::optional<CachedCredential> Get(const std::string& digest,
                                                    int64_t now_ms) const;
  void Put(const std::string& digest, CachedCredential entry);
  // Records a refreshed last_seen_at for an entry still present.
  void SetLastSeen(const std::string& digest, int64_t at);
  void Erase(const std::string& digest);
  // Evicts every entry `match` selects (revocations, user changes).
  void EraseIf(const std::function<bool(const CachedCredential&)>& match);

  int64_t ttl_ms() const { return ttl_ms_; }

 private:
  int64_t ttl_ms_;
  size_t max_entries_;
  mutable std::shared_mutex mu_;
  std::unordered_map<std::string, CachedCredential> entries_;
};

}  // namespace cairn::auth
