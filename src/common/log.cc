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

void Write(std::string_view level, std::string_view line) {
  std::string out = FormatRfc3339(NowMillis());
  out.push_back(' ');
  out.append(level);
  out.push_back(' ');
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

}  // namespace cairn::log
