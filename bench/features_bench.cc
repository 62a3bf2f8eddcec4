// Feature-store benchmarks through a running `cairn serve` over HTTP (SPEC §8):
//   1. CSV ingestion: generates a ROWS x 10-column CSV, streams it from the file as the body of
//      POST /api/v1/features/datasets (Content-Length, 1 MiB chunks), reports MB/s, rows/s and the
//      server's peak RSS (VmHWM from /proc/<pid>/status) before and after.
//   2. Online lookup: 10 features x 1 key, keep-alive, p50/p99 over N requests.
//   3. Historical join: 100 000 entity rows over 1 000 keys x 10 features.
// Usage: features_bench --port PORT --pid SERVER_PID [--rows 1000000] [--online 5000]
// Prints figures; asserts nothing.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

double Ms(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

class Conn {
 public:
  explicit Conn(int port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(static_cast<uint16_t>(port));
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0)
      throw std::runtime_error("connect failed");
    int one = 1;
    ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  }
  ~Conn() { ::close(fd_); }
  void Send(const char* p, size_t n) {
    while (n > 0) {
      ssize_t w = ::send(fd_, p, n, MSG_NOSIGNAL);
      if (w <= 0) throw std::runtime_error("send failed");
      p += w;
      n -= static_cast<size_t>(w);
    }
  }
  void Send(const std::string& s) { Send(s.data(), s.size()); }
  // Reads one response; returns status and fills body.
  int Read(std::string& body) {
    for (;;) {
      size_t end = buf_.find("\r\n\r\n");
      if (end != std::string::npos) {
        const std::string head = buf_.substr(0, end);
        int status = std::atoi(head.c_str() + 9);
        size_t len = 0;
        std::string lower = head;
        std::transform(lower.begin(), lower.end(), lower.begin(), ::tolower);
        size_t cl = lower.find("content-length:");
        if (cl != std::string::npos) len = std::strtoul(head.c_str() + cl + 15, nullptr, 10);
        while (buf_.size() < end + 4 + len) Fill();
        body = buf_.substr(end + 4, len);
        buf_.erase(0, end + 4 + len);
        return status;
      }
      Fill();
    }
  }
  int Request(const std::string& method, const std::string& target, const std::string& body,
              std::string& out, const std::string& ctype = "application/json") {
    std::string req = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
    if (!body.empty())
      req +=
          "Content-Type: " + ctype + "\r\nContent-Length: " + std::to_string(body.size()) + "\r\n";
    req += "\r\n" + body;
    Send(req);
    return Read(out);
  }

 private:
  void Fill() {
    char tmp[65536];
    ssize_t r = ::recv(fd_, tmp, sizeof tmp, 0);
    if (r <= 0) throw std::runtime_error("connection closed");
    buf_.append(tmp, static_cast<size_t>(r));
  }
  int fd_ = -1;
  std::string buf_;
};

long VmHwmKb(int pid) {
  std::ifstream f("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(f, line))
    if (line.rfind("VmHWM:", 0) == 0) return std::atol(line.c_str() + 6);
  return -1;
}

std::string Iso(int64_t ms) {
  time_t s = ms / 1000;
  tm t{};
  gmtime_r(&s, &t);
  char b[80];
  std::snprintf(b, sizeof b, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", t.tm_year + 1900, t.tm_mon + 1,
                t.tm_mday, t.tm_hour, t.tm_min, t.tm_sec, static_cast<int>(ms % 1000));
  return b;
}

double Pct(std::vector<double> v, double q) {
  std::sort(v.begin(), v.end());
  return v[static_cast<size_t>(q * (v.size() - 1))];
}

}  // namespace

int main(int argc, char** argv) {
  int port = 0, pid = 0;
  long rows = 1000000, online_n = 5000;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string a = argv[i];
    if (a == "--port")
      port = std::atoi(argv[i + 1]);
    else if (a == "--pid")
      pid = std::atoi(argv[i + 1]);
    else if (a == "--rows")
      rows = std::atol(argv[i + 1]);
    else if (a == "--online")
      online_n = std::atol(argv[i + 1]);
  }
  if (port == 0) {
    std::fprintf(stderr, "usage: features_bench --port PORT --pid SERVER_PID [--rows N]\n");
    return 2;
  }
  std::string body;
  // 1. CSV ingestion.
  const std::string csv = "/tmp/features_bench_" + std::to_string(::getpid()) + ".csv";
  {
    std::FILE* f = std::fopen(csv.c_str(), "w");
    std::mt19937_64 rng(1);
    std::uniform_real_distribution<double> u(0, 1000);
    std::fputs("symbol,ts,price,volume,ret,flag,score,qty,name,spread\n", f);
    const int64_t t0 = 1704067200000;
    for (long r = 0; r < rows; ++r) {
      std::fprintf(f, "S%ld,%s,%.4f,%ld,%.6f,%s,%.3f,%ld,name_%ld,%.5f\n", r % 5000,
                   Iso(t0 + r * 1000).c_str(), u(rng), static_cast<long>(rng() % 100000),
                   u(rng) / 1000 - 0.5, rng() % 2 ? "true" : "false", u(rng),
                   static_cast<long>(rng() % 1000), static_cast<long>(rng() % 50000), u(rng) / 1e4);
    }
    std::fclose(f);
  }
  std::FILE* f = std::fopen(csv.c_str(), "rb");
  std::fseek(f, 0, SEEK_END);
  const long size = std::ftell(f);
  std::fseek(f, 0, SEEK_SET);
  const long hwm_before = pid ? VmHwmKb(pid) : -1;
  {
    Conn c(port);
    auto t = Clock::now();
    c.Send(
        "POST /api/v1/features/datasets?name=bench HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        "Content-Type: text/csv\r\nContent-Length: " +
        std::to_string(size) + "\r\n\r\n");
    std::vector<char> chunk(1 << 20);
    size_t n;
    while ((n = std::fread(chunk.data(), 1, chunk.size(), f)) > 0) c.Send(chunk.data(), n);
    int st = c.Read(body);
    double ms = Ms(Clock::now() - t);
    std::printf(
        "ingest: status %d, %ld rows x 10 cols, %.1f MB in %.0f ms = %.1f MB/s, %.0f rows/s\n", st,
        rows, size / 1e6, ms, size / 1e6 / (ms / 1000), rows / (ms / 1000));
    if (st != 201) std::printf("  body: %.300s\n", body.c_str());
  }
  std::fclose(f);
  std::remove(csv.c_str());
  if (pid)
    std::printf("server VmHWM: before %ld kB, after ingest %ld kB\n", hwm_before, VmHwmKb(pid));

  // 2. Online lookup.
  Conn c(port);
  const int kFeatures = 10, kKeys = 1000;
  std::string flist;
  for (int i = 0; i < kFeatures; ++i) {
    std::string name = "bench_f" + std::to_string(i);
    c.Request("POST", "/api/v1/features",
              "{\"name\":\"" + name + "\",\"entity\":\"symbol\",\"value_type\":\"float64\"}", body);
    flist += (i ? "," : "") + name;
  }
  auto tw = Clock::now();
  long written = 0;
  for (int i = 0; i < kFeatures; ++i) {
    for (int day = 0; day < 10; ++day) {
      std::string b = "{\"rows\":[";
      for (int k = 0; k < kKeys; ++k) {
        if (k) b += ",";
        b += "{\"entity_key\":\"K" + std::to_string(k) + "\",\"feature\":\"bench_f" +
             std::to_string(i) + "\",\"value\":" + std::to_string(k * 0.5 + day) +
             ",\"event_time\":\"" + Iso(1704067200000 + day * 86400000LL) + "\"}";
      }
      b += "]}";
      if (c.Request("POST", "/api/v1/features/values", b, body) != 200) {
        std::printf("write failed: %.300s\n", body.c_str());
        return 1;
      }
      written += kKeys;
    }
  }
  std::printf("values: wrote %ld rows in %.0f ms (%.0f rows/s, 1000 rows/request)\n", written,
              Ms(Clock::now() - tw), written / (Ms(Clock::now() - tw) / 1000));
  std::vector<double> lat;
  std::mt19937 rng(7);
  for (long i = 0; i < online_n + 200; ++i) {
    const std::string target = "/api/v1/features/online?entity=symbol&keys=K" +
                               std::to_string(rng() % kKeys) + "&features=" + flist;
    auto t = Clock::now();
    int st = c.Request("GET", target, "", body);
    double ms = Ms(Clock::now() - t);
    if (st != 200) {
      std::printf("online failed: %d %.300s\n", st, body.c_str());
      return 1;
    }
    if (i >= 200) lat.push_back(ms);  // warm-up excluded
  }
  std::printf("online 10 features x 1 key: n=%zu p50 %.3f ms p99 %.3f ms max %.3f ms\n", lat.size(),
              Pct(lat, 0.5), Pct(lat, 0.99), *std::max_element(lat.begin(), lat.end()));

  // 3. Historical join.
  std::string h = "{\"features\":[";
  for (int i = 0; i < kFeatures; ++i)
    h += (i ? ",\"bench_f" : "\"bench_f") + std::to_string(i) + "\"";
  h += "],\"entity_rows\":[";
  for (int r = 0; r < 100000; ++r) {
    if (r) h += ",";
    h += "{\"entity_key\":\"K" + std::to_string(rng() % kKeys) + "\",\"event_time\":\"" +
         Iso(1704067200000 + static_cast<int64_t>(rng() % (11 * 86400)) * 1000) + "\"}";
  }
  h += "]}";
  auto th = Clock::now();
  int st = c.Request("POST", "/api/v1/features/historical", h, body);
  std::printf(
      "historical: status %d, 100000 entity rows x 10 features in %.0f ms (response %.1f MB)\n", st,
      Ms(Clock::now() - th), body.size() / 1e6);
  return 0;
}
