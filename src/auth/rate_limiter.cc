#include "auth/rate_limiter.h"

#include <algorithm>
#include <cmath>
#include <functional>

namespace cairn::auth {

int64_t WindowLimiter::BlockedForMs(const std::string& key, int64_t now_ms) const {
  std::lock_guard lock(mu_);
  auto it = windows_.find(key);
  if (it == windows_.end()) return 0;
  const Window& w = it->second;
  int64_t end = w.start + options_.window_ms;
  if (now_ms >= end || w.count < options_.max_events) return 0;
  return end - now_ms;
}

void WindowLimiter::MakeRoom(int64_t now_ms) {
  if (windows_.size() < options_.max_keys) return;
  for (auto it = windows_.begin(); it != windows_.end();) {
    it = now_ms >= it->second.start + options_.window_ms ? windows_.erase(it) : std::next(it);
  }
  while (windows_.size() >= options_.max_keys) windows_.erase(windows_.begin());
}

void WindowLimiter::Record(const std::string& key, int64_t now_ms) {
  std::lock_guard lock(mu_);
  auto it = windows_.find(key);
  if (it == windows_.end()) {
    MakeRoom(now_ms);
    windows_.emplace(key, Window{now_ms, 1});
    return;
  }
  Window& w = it->second;
  if (now_ms >= w.start + options_.window_ms) {
    w = Window{now_ms, 1};
  } else {
    ++w.count;
  }
}

void WindowLimiter::Clear(const std::string& key) {
  std::lock_guard lock(mu_);
  windows_.erase(key);
}

int64_t TokenBucket::Take(const std::string& key, int64_t now_ms) {
  if (options_.per_second <= 0) return 0;
  const double burst = std::max(1.0, options_.burst);
  Shard& shard = shards_[std::hash<std::string>{}(key) % kShards];
  std::lock_guard lock(shard.mu);
  auto it = shard.buckets.find(key);
  if (it == shard.buckets.end()) {
    const size_t per_shard = std::max<size_t>(1, options_.max_keys / kShards);
    if (shard.buckets.size() >= per_shard) {
      // Drop buckets that have refilled completely (they hold no state worth keeping).
      for (auto b = shard.buckets.begin(); b != shard.buckets.end();) {
        double refilled = b->second.tokens + (now_ms - b->second.at) * options_.per_second / 1000;
        b = refilled >= burst ? shard.buckets.erase(b) : std::next(b);
      }
      while (shard.buckets.size() >= per_shard) shard.buckets.erase(shard.buckets.begin());
    }
    it = shard.buckets.emplace(key, Bucket{burst, now_ms}).first;
  }
  Bucket& b = it->second;
  if (now_ms > b.at) {
    b.tokens = std::min(burst, b.tokens + (now_ms - b.at) * options_.per_second / 1000);
    b.at = now_ms;
  }
  if (b.tokens >= 1) {
    b.tokens -= 1;
    return 0;
  }
  return std::max<int64_t>(
      1, static_cast<int64_t>(std::ceil((1 - b.tokens) * 1000 / options_.per_second)));
}

}  // namespace cairn::auth
