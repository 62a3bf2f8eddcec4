#include "tracking/run_response_cache.h"

#include <algorithm>
#include <functional>

namespace cairn::tracking {

RunResponseCache::RunResponseCache(size_t capacity)
    : per_shard_(std::max<size_t>(1, capacity / kShards)) {}

RunResponseCache::Shard& RunResponseCache::ShardFor(const std::string& run_id) const {
  return shards_[std::hash<std::string>{}(run_id) % kShards];
}

std::shared_ptr<const std::string> RunResponseCache::Get(const std::string& run_id,
                                                         int64_t revision) const {
  Shard& s = ShardFor(run_id);
  std::lock_guard lock(s.mu);
  auto it = s.entries.find(run_id);
  if (it == s.entries.end() || it->second.revision != revision) return nullptr;
  return it->second.body;
}

std::shared_ptr<const std::string> RunResponseCache::Put(const std::string& run_id,
                                                         int64_t revision, std::string body) {
  auto shared = std::make_shared<const std::string>(std::move(body));
  Shard& s = ShardFor(run_id);
  std::lock_guard lock(s.mu);
  auto it = s.entries.find(run_id);
  if (it != s.entries.end()) {
    if (it->second.revision <= revision) it->second = Entry{revision, shared};
    return shared;
  }
  if (s.entries.size() >= per_shard_) s.entries.clear();
  s.entries.emplace(run_id, Entry{revision, shared});
  return shared;
}

}  // namespace cairn::tracking
