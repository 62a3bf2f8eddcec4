// In-memory limits keyed by a string (a user name, a client address, a token or session id).
//
// WindowLimiter counts events (failed logins) in fixed windows: once a key has `max_events` in
// its current window it is blocked until the window ends. TokenBucket admits requests at
// `per_second` on average with bursts up to `burst`.
//
// Both are per process: with several replicas each enforces its own limit (documented in the
// README). Memory is bounded by `max_keys`: when full, stale keys are dropped first, then
// arbitrary ones (an attacker cycling keys can reset counters, never grow memory).
//
// Thread safety: thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>

namespace cairn::auth {

class WindowLimiter {
 public:
  struct Options {
    int max_events = 10;
    int64_t window_ms = 15 * 60 * 1000;
    size_t max_keys = 100000;
  };
  explicit WindowLimiter(Options options) : options_(options) {}

  // Milliseconds until `key` may act again; 0 when it may act now.
  [[nodiscard]] int64_t BlockedForMs(const std::string& key, int64_t now_ms) const;
  void Record(const std::string& key, int64_t now_ms);
  void Clear(const std::string& key);

  const Options& options() const { return options_; }

 private:
  struct Window {
    int64_t start = 0;
    int count = 0;
  };
  void MakeRoom(int64_t now_ms);

  Options options_;
  mutable std::mutex mu_;
  std::unordered_map<std::string, Window> windows_;
};

class TokenBucket {
 public:
  struct Options {
    double per_second = 200;  // <= 0: unlimited
    double burst = 400;
    size_t max_keys = 100000;
  };
  explicit TokenBucket(Options options) : options_(options) {}

  // Takes one token for `key`: 0 when the request may proceed, else the milliseconds until it
  // could.
  [[nodiscard]] int64_t Take(const std::string& key, int64_t now_ms);

  const Options& options() const { return options_; }

 private:
  struct Bucket {
    double tokens = 0;
    int64_t at = 0;
  };
  static constexpr size_t kShards = 16;
  struct Shard {
    std::mutex mu;
    std::unordered_map<std::string, Bucket> buckets;
  };

  Options options_;
  std::array<Shard, kShards> shards_;
};

}  // namespace cairn::auth
