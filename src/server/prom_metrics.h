// PromMetrics: request counters and latency histograms per route and status, and storage
// statement timings, rendered in the Prometheus text exposition format (version 0.0.4).
//
// Thread safety: all methods are thread-safe. Request observations take one short mutex;
// storage observations are lock-free atomics.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <tuple>
#include <vector>

#include "http/server.h"
#include "storage/sql_database.h"

namespace cairn::server {

class PromMetrics final : public http::RequestObserver, public storage::StatementObserver {
 public:
  // Upper bounds of the latency buckets, in seconds.
  static constexpr std::array<double, 14> kBuckets = {
      0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 5.0};

  void OnRequest(http::Method method, const std::string& route_pattern, int status,
                 int64_t micros) override;
  void OnStatement(bool is_query, int64_t micros, bool ok) override;

  std::string Render() const;
  // A storage driver's own figures, in the same format (appended to Render's text).
  static std::string RenderDriverCounters(const std::vector<storage::DriverCounter>& counters);

 private:
  struct Histogram {
    std::array<uint64_t, kBuckets.size()> counts{};
    uint64_t count = 0;
    double sum_seconds = 0;
  };
  struct AtomicHistogram {
    std::array<std::atomic<uint64_t>, kBuckets.size()> counts{};
    std::atomic<uint64_t> count{0};
    std::atomic<uint64_t> sum_micros{0};
    std::atomic<uint64_t> errors{0};
  };

  mutable std::mutex mu_;
  std::map<std::tuple<http::Method, std::string, int>, uint64_t> requests_;
  std::map<std::pair<http::Method, std::string>, Histogram> latency_;
  AtomicHistogram queries_;
  AtomicHistogram execs_;
};

}  // namespace cairn::server
