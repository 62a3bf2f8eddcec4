#include "common/log.h"

#include <atomic>
#include <cstdio>
#include <mutex>
#include <string>

#include "common/time.h"

namespace cairn::log {
namespace {

std::mutex g_mu;
std::atomic<bool> g_quiet{false};

std::string& ThreadRequestId() {
  thread_local std::string request_id;
  return request_id;
}

void Write(std::string_view level, std::string_view line) {
  std::string out = FormatRfc3339(NowMillis());
  out.push_back(' ');
  out.append(level);
  out.push_back(' ');
  if (const std::string& id = ThreadRequestId(); !id.empty()) {
    out.append("request_id=");
    out.append(id);
    out.push_back(' ');
  }
  out.append(line);
  out.push_back('\n');
  std::lock_guard lock(g_mu);
  std::fwrite(out.data(), 1, out.size(), stderr);
}

}  // namespace

void Info(std::string_view line) {
  if (!g_quiet.load(std::memory_order_relaxed)) Write("INFO", line);
}
void Error(std::string_view line) { Write("ERROR", line); }
void SetQuiet(bool quiet) { g_quiet.store(quiet); }

std::string_view CurrentRequestId() { return ThreadRequestId(); }

// Copies only when contexts nest; the thread's string keeps its capacity, so entering and leaving
// a request context does not allocate in the common case.
ScopedRequestId::ScopedRequestId(std::string_view request_id) {
  std::string& current = ThreadRequestId();
  if (!current.empty()) previous_ = current;
  current.assign(request_id.data(), request_id.size());
}

ScopedRequestId::~ScopedRequestId() { ThreadRequestId().assign(previous_); }

}  // namespace cairn::log
