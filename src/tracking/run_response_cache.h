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
#include <utility>

namespace cairn::tracking {

class RunResponseCache {
 public:
  explicit RunResponseCache(size_t capacity = kDefaultCapacity);

  // The body cached for exactly this revision, or null.
  [[nodiscard]] std::shared_ptr<const std::string> Get(const std::string& run_id,
                                                       int64_t revision) const;
  // Caches `body` and returns it, shared (a newer revision already cached is kept).
  std::shared_ptr<const std::string> Put(const std::string& run_id, int64_t revision,
                                         std::string body);

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

// The cached bodies of one page of runs. While the store reads the page, `NeedsLoad` (its
// needs_children callback) keeps the body cached at the revision the store read, in the store's
// transaction; afterwards `Body` gives each item's body: the one kept, or the one `make`
// serializes, which it caches. `key` is the cache key of a run (a route may add what its body
// names besides the run, such as the experiment id).
class PageBodies {
 public:
  explicit PageBodies(RunResponseCache& cache) : cache_(cache) {}

  // True when the run must be loaded, because no body is cached at `revision`.
  bool NeedsLoad(const std::string& key, int64_t revision) {
    auto body = cache_.Get(key, revision);
    if (!body) return true;
    found_bytes_ += body->size();
    found_.insert_or_assign(key, std::move(body));
    return false;
  }

  template <class Make>
  std::shared_ptr<const std::string> Body(const std::string& key, int64_t revision, Make&& make) {
    if (auto it = found_.find(key); it != found_.end()) return it->second;
    return cache_.Put(key, revision, std::forward<Make>(make)());
  }

  // The size of the bodies NeedsLoad found, to reserve a page's output.
  [[nodiscard]] size_t found_bytes() const { return found_bytes_; }

 private:
  RunResponseCache& cache_;
  std::unordered_map<std::string, std::shared_ptr<const std::string>> found_;
  size_t found_bytes_ = 0;
};

}  // namespace cairn::tracking
