#include "server/prom_metrics.h"

#include <cstdio>

namespace cairn::server {
namespace {

size_t BucketFor(double seconds) {
  size_t i = 0;
  while (i < PromMetrics::kBuckets.size() && seconds > PromMetrics::kBuckets[i]) ++i;
  return i;  // == size(): only in +Inf
}

std::string Num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

// Route templates contain only URL characters; label values still get escaped per the format.
std::string Escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '\\' || c == '"') out.push_back('\\');
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out.push_back(c);
  }
  return out;
}

}  // namespace

void PromMetrics::OnRequest(http::Method method, const std::string& route_pattern, int status,
                            int64_t micros) {
  double seconds = static_cast<double>(micros) / 1e6;
  size_t b = BucketFor(seconds);
  std::lock_guard lock(mu_);
  ++requests_[{method, route_pattern, status}];
  Histogram& h = latency_[{method, route_pattern}];
  if (b < h.counts.size()) ++h.counts[b];
  ++h.count;
  h.sum_seconds += seconds;
}

void PromMetrics::OnStatement(bool is_query, int64_t micros, bool ok) {
  AtomicHistogram& h = is_query ? queries_ : execs_;
  size_t b = BucketFor(static_cast<double>(micros) / 1e6);
  if (b < h.counts.size()) h.counts[b].fetch_add(1, std::memory_order_relaxed);
  h.count.fetch_add(1, std::memory_order_relaxed);
  h.sum_micros.fetch_add(static_cast<uint64_t>(micros < 0 ? 0 : micros), std::memory_order_relaxed);
  if (!ok) h.errors.fetch_add(1, std::memory_order_relaxed);
}

std::string PromMetrics::RenderDriverCounters(const std::vector<storage::DriverCounter>& counters) {
  std::string out;
  for (const auto& c : counters) {
    out += "# HELP " + c.name + " " + c.help + "\n";
    out += "# TYPE " + c.name + (c.gauge ? " gauge\n" : " counter\n");
    out += c.name + " " + std::to_string(c.value) + "\n";
  }
  return out;
}

std::string PromMetrics::Render() const {
  std::string out;
  out.reserve(8192);
  {
    std::lock_guard lock(mu_);
    out += "# HELP cairn_http_requests_total HTTP requests by method, route and status.\n";
    out += "# TYPE cairn_http_requests_total counter\n";
    for (const auto& [key, n] : requests_) {
      const auto& [method, route, status] = key;
      out += "cairn_http_requests_total{method=\"" + std::string(http::MethodName(method)) +
             "\",route=\"" + Escape(route) + "\",status=\"" + std::to_string(status) + "\"} " +
             std::to_string(n) + "\n";
    }
    out += "# HELP cairn_http_request_duration_seconds HTTP request latency by method and route.\n";
    out += "# TYPE cairn_http_request_duration_seconds histogram\n";
    for (const auto& [key, h] : latency_) {
      std::string labels = "method=\"" + std::string(http::MethodName(key.first)) + "\",route=\"" +
                           Escape(key.second) + "\"";
      uint64_t cumulative = 0;
      for (size_t i = 0; i < kBuckets.size(); ++i) {
        cumulative += h.counts[i];
        out += "cairn_http_request_duration_seconds_bucket{" + labels + ",le=\"" +
               Num(kBuckets[i]) + "\"} " + std::to_string(cumulative) + "\n";
      }
      out += "cairn_http_request_duration_seconds_bucket{" + labels + ",le=\"+Inf\"} " +
             std::to_string(h.count) + "\n";
      out += "cairn_http_request_duration_seconds_sum{" + labels + "} " + Num(h.sum_seconds) + "\n";
      out += "cairn_http_request_duration_seconds_count{" + labels + "} " +
             std::to_string(h.count) + "\n";
    }
  }
  out += "# HELP cairn_storage_statement_duration_seconds Storage statement latency by kind.\n";
  out += "# TYPE cairn_storage_statement_duration_seconds histogram\n";
  auto render = [&](const char* kind, const AtomicHistogram& h) {
    uint64_t cumulative = 0;
    std::string labels = std::string("kind=\"") + kind + "\"";
    for (size_t i = 0; i < kBuckets.size(); ++i) {
      cumulative += h.counts[i].load(std::memory_order_relaxed);
      out += "cairn_storage_statement_duration_seconds_bucket{" + labels + ",le=\"" +
             Num(kBuckets[i]) + "\"} " + std::to_string(cumulative) + "\n";
    }
    uint64_t count = h.count.load(std::memory_order_relaxed);
    out += "cairn_storage_statement_duration_seconds_bucket{" + labels + ",le=\"+Inf\"} " +
           std::to_string(count) + "\n";
    out += "cairn_storage_statement_duration_seconds_sum{" + labels + "} " +
           Num(static_cast<double>(h.sum_micros.load(std::memory_order_relaxed)) / 1e6) + "\n";
    out += "cairn_storage_statement_duration_seconds_count{" + labels + "} " +
           std::to_string(count) + "\n";
  };
  render("query", queries_);
  render("exec", execs_);
  out += "# HELP cairn_storage_statement_errors_total Storage statements that failed.\n";
  out += "# TYPE cairn_storage_statement_errors_total counter\n";
  out += "cairn_storage_statement_errors_total{kind=\"query\"} " +
         std::to_string(queries_.errors.load()) + "\n";
  out += "cairn_storage_statement_errors_total{kind=\"exec\"} " +
         std::to_string(execs_.errors.load()) + "\n";
  return out;
}

}  // namespace cairn::server
