#include "auth/credential_cache.h"

#include <mutex>

namespace cairn::auth {

std::optional<CachedCredential> CredentialCache::Get(const std::string& digest,
                                                     int64_t now_ms) const {
  if (ttl_ms_ <= 0) return std::nullopt;
  std::shared_lock lock(mu_);
  auto it = entries_.find(digest);
  if (it == entries_.end() || now_ms - it->second.fetched_at >= ttl_ms_ ||
      now_ms < it->second.fetched_at) {
    return std::nullopt;
  }
  return it->second;
}

void CredentialCache::Put(const std::string& digest, CachedCredential entry) {
  if (ttl_ms_ <= 0 || max_entries_ == 0) return;
  std::unique_lock lock(mu_);
  if (entries_.size() >= max_entries_ && entries_.find(digest) == entries_.end()) {
    // Everything older than the TTL is dead weight; if that frees nothing, start over (a full
    // cache of live credentials only costs one database read each to rebuild).
    int64_t now = entry.fetched_at;
    for (auto it = entries_.begin(); it != entries_.end();) {
      it = now - it->second.fetched_at >= ttl_ms_ ? entries_.erase(it) : std::next(it);
    }
    if (entries_.size() >= max_entries_) entries_.clear();
  }
  entries_[digest] = std::move(entry);
}

void CredentialCache::SetLastSeen(const std::string& digest, int64_t at) {
  std::unique_lock lock(mu_);
  auto it = entries_.find(digest);
  if (it != entries_.end() && it->second.last_seen_at < at) it->second.last_seen_at = at;
}

void CredentialCache::Erase(const std::string& digest) {
  std::unique_lock lock(mu_);
  entries_.erase(digest);
}

void CredentialCache::EraseIf(const std::function<bool(const CachedCredential&)>& match) {
  std::unique_lock lock(mu_);
  for (auto it = entries_.begin(); it != entries_.end();) {
    it = match(it->second) ? entries_.erase(it) : std::next(it);
  }
}

}  // namespace cairn::auth
