// Prompt governance HTTP benchmark (SPEC §5): usage logging events/s and render requests/s
// against a running `cairn serve`, over keep-alive connections (one HttpClient per thread).
//
//   prompts_bench --port 8500 [--host 127.0.0.1] [--connections 8] [--seconds 5]
//
// Sets up its own template (version 1 submitted by bench-author, approved by bench-reviewer,
// label `production`), then runs two phases and prints throughput and latency percentiles.
// Not a test: nothing here asserts timings.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "support/http_client.h"

namespace {

using cairn::test::HttpClient;
using Clock = std::chrono::steady_clock;

struct Options {
  std::string host = "127.0.0.1";
  uint16_t port = 8500;
  int connections = 8;
  double seconds = 5;
};

Options ParseArgs(int argc, char** argv) {
  Options o;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string a = argv[i];
    std::string v = argv[i + 1];
    if (a == "--host")
      o.host = v;
    else if (a == "--port")
      o.port = static_cast<uint16_t>(std::atoi(v.c_str()));
    else if (a == "--connections")
      o.connections = std::max(1, std::atoi(v.c_str()));
    else if (a == "--seconds")
      o.seconds = std::atof(v.c_str());
    else {
      std::fprintf(stderr, "unknown option %s\n", a.c_str());
      std::exit(2);
    }
  }
  return o;
}

std::string Field(const std::string& json, const std::string& key) {
  const std::string pat = "\"" + key + "\":\"";
  size_t p = json.find(pat);
  if (p == std::string::npos) return "";
  p += pat.size();
  return json.substr(p, json.find('"', p) - p);
}

bool Expect(const cairn::Result<HttpClient::Reply>& r, int status, const char* what) {
  if (r.ok() && r->status == status) return true;
  std::fprintf(
      stderr, "setup step '%s' failed: %s\n", what,
      r.ok() ? (std::to_string(r->status) + " " + r->body).c_str() : r.status().ToString().c_str());
  return false;
}

struct PhaseResult {
  int64_t ok = 0;
  int64_t errors = 0;
  double seconds = 0;
  std::vector<double> latencies_us;
};

template <typename MakeRequest>
PhaseResult RunPhase(const Options& o, MakeRequest make) {
  std::vector<PhaseResult> per(o.connections);
  std::atomic<bool> go{false};
  std::vector<std::thread> threads;
  const auto duration = std::chrono::duration<double>(o.seconds);
  for (int c = 0; c < o.connections; ++c) {
    threads.emplace_back([&, c] {
      HttpClient client(o.host, o.port);
      PhaseResult& res = per[c];
      res.latencies_us.reserve(1 << 16);
      while (!go.load()) std::this_thread::yield();
      const auto end = Clock::now() + duration;
      int64_t i = 0;
      while (Clock::now() < end) {
        auto [method, target, body, want] = make(c, i++);
        const auto t0 = Clock::now();
        auto r = client.Request(method, target, body);
        const auto t1 = Clock::now();
        if (r.ok() && r->status == want) {
          ++res.ok;
          res.latencies_us.push_back(std::chrono::duration<double, std::micro>(t1 - t0).count());
        } else {
          ++res.errors;
        }
      }
    });
  }
  const auto start = Clock::now();
  go = true;
  for (auto& t : threads) t.join();
  PhaseResult total;
  total.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  for (auto& p : per) {
    total.ok += p.ok;
    total.errors += p.errors;
    total.latencies_us.insert(total.latencies_us.end(), p.latencies_us.begin(),
                              p.latencies_us.end());
  }
  std::sort(total.latencies_us.begin(), total.latencies_us.end());
  return total;
}

double Pct(const std::vector<double>& sorted, double q) {
  if (sorted.empty()) return 0;
  return sorted[std::min(sorted.size() - 1, static_cast<size_t>(q * (sorted.size() - 1)))];
}

void Report(const char* name, const char* unit, const PhaseResult& r, int connections) {
  std::printf(
      "%-14s %10.0f %s  (%lld ok, %lld errors, %d connections, %.1f s)  "
      "latency p50 %.0f us  p99 %.0f us\n",
      name, static_cast<double>(r.ok) / r.seconds, unit, static_cast<long long>(r.ok),
      static_cast<long long>(r.errors), connections, r.seconds, Pct(r.latencies_us, 0.5),
      Pct(r.latencies_us, 0.99));
}

}  // namespace

int main(int argc, char** argv) {
  const Options o = ParseArgs(argc, argv);
  const std::string base = "/api/v1/prompt-governance";
  HttpClient setup(o.host, o.port);
  const std::string name = "bench-" + std::to_string(std::random_device{}());
  const std::string create =
      R"({"name":")" + name +
      R"(","body":"You are a support assistant for {{product}}. Answer the customer's question:\n{{question}}\nBe concise and cite the manual section.","variables":[{"name":"product","default":"Cairn"},{"name":"question","required":true}]})";
  auto c = setup.Request("POST", base + "/templates", create, {{"X-Cairn-User", "bench-author"}});
  if (!Expect(c, 201, "create template")) return 1;
  const std::string id = Field(c->body, "id");
  const std::string tpl = base + "/templates/" + id;
  if (!Expect(setup.Request("POST", tpl + "/1/submit", "", {{"X-Cairn-User", "bench-author"}}), 200,
              "submit"))
    return 1;
  if (!Expect(setup.Request("POST", tpl + "/1/approve", "", {{"X-Cairn-User", "bench-reviewer"}}),
              200, "approve"))
    return 1;
  if (!Expect(setup.Request("PUT", tpl + "/labels/production", R"({"version":1})"), 200, "label"))
    return 1;

  struct Req {
    std::string method, target, body;
    int want;
  };
  const std::string usage_target = tpl + "/1/usage";
  PhaseResult usage = RunPhase(o, [&](int conn, int64_t i) {
    char body[256];
    std::snprintf(
        body, sizeof body,
        R"({"app":"bench-%d","latency_ms":%.1f,"input_tokens":%lld,"output_tokens":%lld,"cost_usd":0.0004,"success":%s})",
        conn, 50.0 + static_cast<double>(i % 400), static_cast<long long>(100 + i % 50),
        static_cast<long long>(20 + i % 10), i % 20 == 0 ? "false" : "true");
    return Req{"POST", usage_target, body, 201};
  });
  Report("usage POST", "events/s", usage, o.connections);

  const std::string render_target = tpl + "/render";
  PhaseResult render = RunPhase(o, [&](int, int64_t i) {
    return Req{"POST", render_target,
               R"({"label":"production","variables":{"question":"How do I rotate keys? #)" +
                   std::to_string(i) + R"("}})",
               200};
  });
  Report("render POST", "req/s", render, o.connections);

  auto summary = setup.Request("GET", usage_target + "?recent=0");
  if (summary.ok()) std::printf("usage summary: %s\n", summary->body.c_str());
  return usage.errors + render.errors == 0 ? 0 : 3;
}
