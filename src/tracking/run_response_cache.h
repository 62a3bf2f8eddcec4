// RunResponseCache: serialized GET /runs/{id} bodies keyed by (run_id, revision).
//
// Several servers may share one PostgreSQL, so an entry is only used after the caller has read
// the run's current revision from the database (one cheap indexed query) and it matches: a
// change made through any server bumps the revision and makes the entry unusable. Every
// mutation of a run bumps its revision (TrackingStore contract), so a hit is always current as
// of that revision read. Bounded: a shard that reaches its share of `capacity` is cleared.
//
// Thread safety: thread-safe (sharded mutexes).
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

namespace cairn::tracking {

class RunResponseCache {
 public:
  explicit RunResponseCache(size_t capacity = kDefaultCapacity);

  // The body cached for exactly this revision, or null.
  [[nodiscard]] std::shared_ptr<const std::string> Get(const std::string& run_id,
                                                       int64_t revision) const;
  void Put(const std::string& run_id, int64_t revision, std::string body);

  static constexpr size_t kDefaultCapacity = 4096;

 private:
  static constexpr size_t kShards = 16;
  struct Entry {
    int64_t revision = 0;
    std::shared_ptr<const std::string> body;
  };
  struct Shard {
    mutable std::mutex mu;
    std::unordered_map<std::string, Entry> entries;
  };
  Shard& ShardFor(const std::string& run_id) const;

  size_t per_shard_;
  mutable std::array<Shard, kShards> shards_;
};

}  // namespace cairn::tracking
