// Metric history reads over HTTP (SPEC §2 "GET /runs/{id}/metrics/{key}"): how long a full read
// and a chart read (`max_points`) take as the number of stored batches grows.
//
//   metric_history_bench --binary build/release/cairn [--storage URI] [--reps 3]
//                        [--cases 400000x8000,2500000x5000,1000000x1000]
//
// Each case POINTSxBATCHES starts a fresh `cairn serve` on a temporary data directory (SQLite
// unless --storage names a PostgreSQL database), logs POINTS points of one key in BATCHES
// requests (steps ascending, as a training loop logs them), then times, best of --reps:
//   full          GET .../metrics/loss                 (every point; body size printed)
//   max_points    GET .../metrics/loss?max_points=1000 (chart view)
//   window        GET .../metrics/loss?min_step=..&max_step=..&max_points=1000 (a 10% zoom)
// and the server's peak RSS (VmHWM) while logging and, reset after logging, during the full
// read alone. Prints figures; asserts nothing.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "support/http_client.h"

namespace {

using cairn::test::HttpClient;
using Clock = std::chrono::steady_clock;

struct Case {
  int64_t points = 0;
  int64_t batches = 0;
};

struct Options {
  std::string binary;
  std::string storage;
  int reps = 3;
  std::vector<Case> cases = {{400000, 8000}, {2500000, 5000}, {1000000, 1000}};
};

[[noreturn]] void Usage() {
  std::fprintf(stderr,
               "usage: metric_history_bench --binary PATH [--storage URI] [--reps N] "
               "[--cases PxB,PxB]\n");
  std::exit(2);
}

Options ParseArgs(int argc, char** argv) {
  Options o;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string a = argv[i];
    const std::string v = argv[i + 1];
    if (a == "--binary") {
      o.binary = v;
    } else if (a == "--storage") {
      o.storage = v;
    } else if (a == "--reps") {
      o.reps = std::max(1, std::atoi(v.c_str()));
    } else if (a == "--cases") {
      o.cases.clear();
      size_t pos = 0;
      while (pos < v.size()) {
        size_t comma = v.find(',', pos);
        if (comma == std::string::npos) comma = v.size();
        const std::string item = v.substr(pos, comma - pos);
        const size_t x = item.find('x');
        if (x == std::string::npos) Usage();
        o.cases.push_back(
            {std::atoll(item.substr(0, x).c_str()), std::atoll(item.substr(x + 1).c_str())});
        pos = comma + 1;
      }
    } else {
      Usage();
    }
  }
  if (o.binary.empty()) Usage();
  return o;
}

struct Server {
  pid_t pid = -1;
  uint16_t port = 0;
  std::string dir;
};

Server StartServer(const Options& o) {
  Server s;
  char tmpl[] = "/tmp/cairn-metric-bench-XXXXXX";
  if (::mkdtemp(tmpl) == nullptr) {
    std::perror("mkdtemp");
    std::exit(1);
  }
  s.dir = tmpl;
  const std::string storage = o.storage.empty() ? "sqlite://" + s.dir + "/cairn.db" : o.storage;
  int fds[2];
  if (::pipe(fds) != 0) std::exit(1);
  s.pid = ::fork();
  if (s.pid == 0) {
    ::dup2(fds[1], 1);
    ::close(fds[0]);
    const std::string log = s.dir + "/server.log";
    std::freopen(log.c_str(), "w", stderr);
    ::execl(o.binary.c_str(), o.binary.c_str(), "serve", "--host", "127.0.0.1", "--port", "0",
            "--data-dir", s.dir.c_str(), "--storage", storage.c_str(), "--no-access-log",
            static_cast<char*>(nullptr));
    std::_Exit(127);
  }
  ::close(fds[1]);
  std::string line;
  char c;
  while (::read(fds[0], &c, 1) == 1 && c != '\n') line += c;
  ::close(fds[0]);
  const size_t colon = line.rfind(':');
  if (line.rfind("listening on", 0) != 0 || colon == std::string::npos) {
    std::fprintf(stderr, "server did not start: %s\n", line.c_str());
    std::exit(1);
  }
  s.port = static_cast<uint16_t>(std::atoi(line.c_str() + colon + 1));
  return s;
}

void StopServer(Server& s) {
  ::kill(s.pid, SIGTERM);
  int st = 0;
  ::waitpid(s.pid, &st, 0);
  std::error_code ec;
  std::filesystem::remove_all(s.dir, ec);
}

long StatusKib(pid_t pid, const std::string& field) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::string key;
  long value = 0;
  while (in >> key) {
    if (key == field) {
      in >> value;
      return value;
    }
    std::getline(in, key);
  }
  return 0;
}

long PeakRssKib(pid_t pid) { return StatusKib(pid, "VmHWM:"); }

// Resets the process's peak RSS to its current RSS (Linux >= 4.0); false when not permitted.
bool ResetPeakRss(pid_t pid) {
  std::ofstream out("/proc/" + std::to_string(pid) + "/clear_refs");
  out << "5";
  out.flush();
  return static_cast<bool>(out);
}

std::string Field(const std::string& body, const std::string& name) {
  const std::string k = "\"" + name + "\":\"";
  const size_t p = body.find(k);
  if (p == std::string::npos) return "";
  const size_t e = body.find('"', p + k.size());
  return body.substr(p + k.size(), e - p - k.size());
}

HttpClient::Reply Must(HttpClient& c, const std::string& method, const std::string& target,
                       const std::string& body = "") {
  auto r = c.Request(method, target, body);
  if (!r.ok() || r->status >= 300) {
    std::fprintf(stderr, "%s %s failed: %s\n", method.c_str(), target.c_str(),
                 r.ok() ? r->body.substr(0, 300).c_str() : r.status().ToString().c_str());
    std::exit(1);
  }
  return *r;
}

double TimeMs(HttpClient& c, const std::string& target, int reps, size_t* bytes) {
  double best = 1e300;
  for (int i = 0; i < reps; ++i) {
    const auto t0 = Clock::now();
    auto r = Must(c, "GET", target);
    const double ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
    best = std::min(best, ms);
    *bytes = r.body.size();
  }
  return best;
}

void RunCase(const Options& o, const Case& k) {
  Server s = StartServer(o);
  HttpClient c("127.0.0.1", s.port);
  const std::string base = "/api/v1/ml/lifecycle";
  Must(c, "POST", base + "/experiments", R"({"name":"bench"})");
  const std::string run_id =
      Field(Must(c, "POST", base + "/runs", R"({"experiment_name":"bench"})").body, "run_id");
  const int64_t per_batch = k.points / k.batches;
  int64_t step = 0;
  const auto t0 = Clock::now();
  std::string body;
  for (int64_t b = 0; b < k.batches; ++b) {
    body = R"({"metrics":[)";
    for (int64_t i = 0; i < per_batch; ++i, ++step) {
      if (i) body += ',';
      char buf[128];
      std::snprintf(buf, sizeof buf, R"({"key":"loss","value":%.6f,"step":%lld,"timestamp":%lld})",
                    1.0 / (1.0 + static_cast<double>(step)) + 0.01 * static_cast<double>(step % 7),
                    static_cast<long long>(step), static_cast<long long>(1700000000000 + step));
      body += buf;
    }
    body += "]}";
    Must(c, "POST", base + "/runs/" + run_id + "/metrics", body);
  }
  const double log_s = std::chrono::duration<double>(Clock::now() - t0).count();
  const std::string target = base + "/runs/" + run_id + "/metrics/loss";
  const double log_peak_mb = static_cast<double>(PeakRssKib(s.pid)) / 1024.0;
  // The full read's own peak: the high-water mark is reset after logging (when permitted).
  const bool reset = ResetPeakRss(s.pid);
  const double read_base_mb = static_cast<double>(StatusKib(s.pid, "VmRSS:")) / 1024.0;
  size_t full_bytes = 0, chart_bytes = 0, window_bytes = 0;
  const double full = TimeMs(c, target, o.reps, &full_bytes);
  const double full_peak_mb = static_cast<double>(PeakRssKib(s.pid)) / 1024.0;
  const double chart = TimeMs(c, target + "?max_points=1000", o.reps, &chart_bytes);
  const int64_t lo = step * 45 / 100, hi = step * 55 / 100;
  const double window = TimeMs(c,
                               target + "?min_step=" + std::to_string(lo) +
                                   "&max_step=" + std::to_string(hi) + "&max_points=1000",
                               o.reps, &window_bytes);
  std::printf(
      "%9lld points in %5lld batches: full %8.1f ms (%6.1f MB)  max_points=1000 %7.2f ms  "
      "10%% window %7.2f ms  (logging %.1f s, peak RSS %.0f MB; full read: RSS %.0f MB before, "
      "peak %.0f MB%s)\n",
      static_cast<long long>(step), static_cast<long long>(k.batches), full,
      static_cast<double>(full_bytes) / 1e6, chart, window, log_s, log_peak_mb, read_base_mb,
      full_peak_mb, reset ? "" : " [peak not reset: includes logging]");
  std::fflush(stdout);
  StopServer(s);
}

}  // namespace

int main(int argc, char** argv) {
  const Options o = ParseArgs(argc, argv);
  for (const Case& k : o.cases) RunCase(o, k);
  return 0;
}
