// cairn_load: a small HTTP load generator for the SPEC §8 targets of `cairn serve`.
//
//   cairn_load ingest  --port P --run-id ID [--connections 1] [--duration 10] [--batch 1000]
//   cairn_load get-run --port P --run-id ID [--connections 64] [--duration 10] [--token T]
//   cairn_load startup --binary PATH [--repeat 5]
//   cairn_load request --port P --method POST --target PATH [--body JSON] [--connections 16]
//                      [--duration 10]
//   cairn_load sweep   --port P --experiment-id E [--connections 64] [--batches 200]
//                      [--points 10] [--tags 3] [--prefix /api/2.0/mlflow] [--duration 600]
//                      [--name-prefix sweep-]
//
// ingest and get-run open N keep-alive connections driven asynchronously by one Asio
// io_context (run by --threads threads, default 1, so the client takes as little of the shared
// cores as possible), each connection issuing its next request as soon as the previous answer
// arrives, for a fixed duration. request sends any one request (so it can drive any HTTP server,
// e.g. an MLflow-compatible one, with the same client): every "{n}" in --body or --target is
// replaced by a counter unique to the request, so each body can name a new object; a non-2xx
// answer or a 2xx body of another length than the first is counted (bodies of a read scenario
// must not change while it runs; --any-length turns the length check off for writes). sweep is
// issue 15's hyperparameter-sweep workload through MLflow's REST API (so it drives Cairn and
// MLflow's own server alike): each connection is one worker that creates a run in experiment E,
// logs --batches log-batch requests of --points metrics, sets --tags tags and ends the run
// (FINISHED); the scenario ends when every worker has, and reports the wall time, requests/s and
// points/s, and every error and non-2xx answer (--duration only bounds it). Every
// request's latency is kept (full array; percentiles are exact). startup spawns `cairn serve --port
// 0` on a fresh temp dir, measures the time from fork to the first 200 from /readyz, sends a few
// requests and reads VmRSS.
//
// Output: one `key=value` line per measurement (parsed by run-benchmarks.sh).
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast.hpp>
#include <charconv>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

constexpr std::string_view kLifecycle = "/api/v1/ml/lifecycle";

struct Options {
  std::string scenario;
  std::string host = "127.0.0.1";
  uint16_t port = 0;
  std::string run_id;
  int connections = 1;
  double duration_s = 10;
  int batch = 1000;
  int threads = 1;
  std::string binary;
  int repeat = 5;
  std::string token;                       // sent as Authorization: Bearer
  std::string method = "GET";              // request
  std::string target;                      // request
  std::string body;                        // request
  bool any_length = false;                 // request: 2xx bodies may differ in length
  std::string experiment_id;               // sweep
  int batches = 200;                       // sweep: log-batch requests per run
  int points = 10;                         // sweep: metrics per log-batch
  int tags = 3;                            // sweep: set-tag requests per run
  std::string prefix = "/api/2.0/mlflow";  // sweep
  std::string name_prefix = "sweep-";      // sweep: runs are named this + the worker's number
};

[[noreturn]] void Usage(const std::string& why) {
  std::cerr << "cairn_load: " << why << "\n"
            << "usage: cairn_load ingest|get-run --port P --run-id ID [--connections N]\n"
            << "                  [--duration SECONDS] [--batch POINTS] [--threads T]\n"
            << "                  [--token API_TOKEN]\n"
            << "       cairn_load startup --binary PATH [--repeat N]\n"
            << "       cairn_load request --port P --target PATH [--method M] [--body JSON]\n"
            << "                  [--connections N] [--duration SECONDS] [--any-length 1]\n"
            << "       cairn_load sweep --port P --experiment-id E [--connections N]\n"
            << "                  [--batches N] [--points N] [--tags N] [--prefix PATH]\n"
            << "                  [--name-prefix TEXT]\n";
  std::exit(2);
}

Options ParseArgs(int argc, char** argv) {
  if (argc < 2) Usage("missing scenario");
  Options o;
  o.scenario = argv[1];
  bool duration_given = false;
  for (int i = 2; i < argc; ++i) {
    std::string a = argv[i];
    if (i + 1 >= argc) Usage("missing value for " + a);
    std::string v = argv[++i];
    if (a == "--host")
      o.host = v;
    else if (a == "--port")
      o.port = static_cast<uint16_t>(std::stoi(v));
    else if (a == "--run-id")
      o.run_id = v;
    else if (a == "--connections")
      o.connections = std::stoi(v);
    else if (a == "--duration") {
      o.duration_s = std::stod(v);
      duration_given = true;
    } else if (a == "--batch")
      o.batch = std::stoi(v);
    else if (a == "--threads")
      o.threads = std::stoi(v);
    else if (a == "--token")
      o.token = v;
    else if (a == "--binary")
      o.binary = v;
    else if (a == "--repeat")
      o.repeat = std::stoi(v);
    else if (a == "--method")
      o.method = v;
    else if (a == "--target")
      o.target = v;
    else if (a == "--body")
      o.body = v;
    else if (a == "--any-length")
      o.any_length = v != "0";
    else if (a == "--experiment-id")
      o.experiment_id = v;
    else if (a == "--batches")
      o.batches = std::stoi(v);
    else if (a == "--points")
      o.points = std::stoi(v);
    else if (a == "--tags")
      o.tags = std::stoi(v);
    else if (a == "--prefix")
      o.prefix = v;
    else if (a == "--name-prefix")
      o.name_prefix = v;
    else
      Usage("unknown flag " + a);
  }
  if (o.scenario == "sweep" && !duration_given) o.duration_s = 600;
  if (o.connections < 1 || o.threads < 1 || o.batch < 1 || o.duration_s <= 0 || o.batches < 0 ||
      o.points < 1 || o.tags < 0)
    Usage("bad value");
  return o;
}

// Builds a 1000-point (or --batch) metrics body whose steps start at `first_step`.
std::string MetricsBody(int64_t first_step, int points) {
  std::string body;
  body.reserve(static_cast<size_t>(points) * 48 + 16);
  body += "{\"metrics\":[";
  char num[32];
  for (int i = 0; i < points; ++i) {
    if (i) body += ',';
    body += "{\"key\":\"loss\",\"value\":";
    auto r = std::to_chars(num, num + sizeof(num), 1.0 / (1 + i));
    body.append(num, r.ptr);
    body += ",\"step\":";
    r = std::to_chars(num, num + sizeof(num), first_step + i);
    body.append(num, r.ptr);
    body += '}';
  }
  body += "]}";
  return body;
}

// `text` with every "{n}" replaced by `n`.
std::string Substitute(const std::string& text, int64_t n) {
  static constexpr std::string_view kMark = "{n}";
  std::string out;
  out.reserve(text.size() + 16);
  size_t from = 0;
  for (size_t at; (at = text.find(kMark, from)) != std::string::npos; from = at + kMark.size()) {
    out.append(text, from, at - from);
    out += std::to_string(n);
  }
  out.append(text, from);
  return out;
}

// The "run_id" string of an MLflow runs/create answer ("" when there is none). MLflow's server
// writes `"run_id": "…"`, Cairn `"run_id":"…"`.
std::string RunIdOf(const std::string& body) {
  static constexpr std::string_view kKey = "\"run_id\"";
  size_t at = body.find(kKey);
  if (at == std::string::npos) return "";
  at += kKey.size();
  while (at < body.size() && (body[at] == ' ' || body[at] == ':')) ++at;
  if (at >= body.size() || body[at] != '"') return "";
  const size_t end = body.find('"', at + 1);
  return end == std::string::npos ? "" : body.substr(at + 1, end - at - 1);
}

// A sweep worker's log-batch body: `points` metrics at steps from `first_step`.
std::string SweepBatchBody(const std::string& run_id, int64_t first_step, int points) {
  std::string body = "{\"run_id\":\"" + run_id + "\",\"metrics\":[";
  char num[32];
  for (int i = 0; i < points; ++i) {
    if (i) body += ',';
    body += "{\"key\":\"m" + std::to_string(i) + "\",\"value\":";
    auto r = std::to_chars(num, num + sizeof(num), 1.0 / static_cast<double>(first_step + 1));
    body.append(num, r.ptr);
    body += ",\"timestamp\":1700000000000,\"step\":";
    r = std::to_chars(num, num + sizeof(num), first_step);
    body.append(num, r.ptr);
    body += '}';
  }
  body += "]}";
  return body;
}

struct Shared {
  Options opts;
  Clock::time_point deadline;
  std::atomic<int64_t> next_batch{0};
  tcp::endpoint endpoint;
  std::string authorization;              // "Bearer <token>" when --token is given
  std::atomic<int64_t> first_length{-1};  // request: length of the first 2xx body
};

struct ConnStats {
  std::vector<uint32_t> latency_us;
  int64_t ok = 0;
  int64_t errors = 0;
  int64_t non2xx = 0;
  int64_t other_length = 0;   // request: 2xx bodies whose length differs from the first one's
  int64_t runs_finished = 0;  // sweep: workers that reached the end of their run
};

// One keep-alive connection issuing requests back to back.
class Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(asio::io_context& io, Shared& shared, ConnStats& stats)
      : stream_(io), shared_(shared), stats_(stats) {}

  void Start() {
    stream_.async_connect(shared_.endpoint, [self = shared_from_this()](beast::error_code ec) {
      if (ec) {
        ++self->stats_.errors;
        return;
      }
      self->stream_.socket().set_option(tcp::no_delay(true));
      self->Next();
    });
  }

 private:
  void Next() {
    if (Clock::now() >= shared_.deadline) {
      beast::error_code ignored;
      stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
      return;
    }
    req_ = {};
    req_.version(11);
    req_.set(http::field::host, shared_.opts.host);
    if (!shared_.opts.token.empty()) req_.set(http::field::authorization, shared_.authorization);
    if (shared_.opts.scenario == "ingest") {
      int64_t batch = shared_.next_batch.fetch_add(1);
      req_.method(http::verb::post);
      req_.target(std::string(kLifecycle) + "/runs/" + shared_.opts.run_id + "/metrics");
      req_.set(http::field::content_type, "application/json");
      req_.body() = MetricsBody(batch * shared_.opts.batch, shared_.opts.batch);
    } else if (shared_.opts.scenario == "sweep") {
      if (!SweepRequest()) {
        ++stats_.runs_finished;
        beast::error_code ignored;
        stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
        return;
      }
    } else if (shared_.opts.scenario == "request") {
      int64_t n = shared_.next_batch.fetch_add(1);
      req_.method(http::string_to_verb(shared_.opts.method));
      req_.target(Substitute(shared_.opts.target, n));
      if (!shared_.opts.body.empty()) {
        req_.set(http::field::content_type, "application/json");
        req_.body() = Substitute(shared_.opts.body, n);
      }
    } else {
      req_.method(http::verb::get);
      req_.target(std::string(kLifecycle) + "/runs/" + shared_.opts.run_id);
    }
    req_.keep_alive(true);
    req_.prepare_payload();
    started_ = Clock::now();
    http::async_write(stream_, req_, [self = shared_from_this()](beast::error_code ec, size_t) {
      if (ec) return self->Fail();
      self->res_ = {};
      self->parser_.emplace();
      self->parser_->body_limit(64ull << 20);
      http::async_read(self->stream_, self->buffer_, *self->parser_,
                       [self](beast::error_code ec2, size_t) { self->OnRead(ec2); });
    });
  }

  void OnRead(beast::error_code ec) {
    if (ec) return Fail();
    auto us = std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - started_);
    stats_.latency_us.push_back(static_cast<uint32_t>(us.count()));
    int status = static_cast<int>(parser_->get().result_int());
    if (shared_.opts.scenario == "sweep") {
      if (status / 100 == 2) {
        ++stats_.ok;
      } else if (++stats_.non2xx == 1) {
        std::cerr << "first non-2xx answer: " << status << " " << parser_->get().body() << "\n";
      }
      if (step_ == 0) {
        run_id_ = status / 100 == 2 ? RunIdOf(parser_->get().body()) : "";
        if (run_id_.empty()) {  // no run to log to: this worker stops
          ++stats_.errors;
          beast::error_code ignored;
          stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
          return;
        }
      }
      ++step_;
      if (!parser_->get().keep_alive()) return Reconnect();
      return Next();
    }
    if (status / 100 == 2) {
      ++stats_.ok;
      if (shared_.opts.scenario == "request" && !shared_.opts.any_length) {
        auto length = static_cast<int64_t>(parser_->get().body().size());
        int64_t expected = -1;
        if (!shared_.first_length.compare_exchange_strong(expected, length) && expected != length)
          ++stats_.other_length;
      }
    } else {
      ++stats_.non2xx;
      if (stats_.non2xx == 1) {
        std::cerr << "first non-2xx answer: " << status << " " << parser_->get().body() << "\n";
      }
    }
    if (!parser_->get().keep_alive()) return Reconnect();
    Next();
  }

  // The sweep worker's request for step_: runs/create, the log-batches, the tags, runs/update.
  // False when the worker is done.
  bool SweepRequest() {
    const Options& o = shared_.opts;
    const int64_t batches = o.batches;
    const int64_t tags = o.tags;
    req_.method(http::verb::post);
    req_.set(http::field::content_type, "application/json");
    if (step_ == 0) {
      const int64_t worker = shared_.next_batch.fetch_add(1);
      req_.target(o.prefix + "/runs/create");
      req_.body() = "{\"experiment_id\":\"" + o.experiment_id + "\",\"run_name\":\"" +
                    o.name_prefix + std::to_string(worker) +
                    "\",\"start_time\":1700000000000,\"user_id\":\"sweep\"}";
    } else if (step_ <= batches) {
      req_.target(o.prefix + "/runs/log-batch");
      req_.body() = SweepBatchBody(run_id_, step_ - 1, o.points);
    } else if (step_ <= batches + tags) {
      const int64_t k = step_ - batches - 1;
      req_.target(o.prefix + "/runs/set-tag");
      req_.body() = "{\"run_id\":\"" + run_id_ + "\",\"key\":\"tag" + std::to_string(k) +
                    "\",\"value\":\"v" + std::to_string(k) + "\"}";
    } else if (step_ == batches + tags + 1) {
      req_.target(o.prefix + "/runs/update");
      req_.body() =
          "{\"run_id\":\"" + run_id_ + "\",\"status\":\"FINISHED\",\"end_time\":1700000001000}";
    } else {
      return false;
    }
    return true;
  }

  void Fail() {
    ++stats_.errors;
    Reconnect();
  }

  // Reconnects and carries on until the deadline (after a failure, or an answer that closed the
  // connection: gunicorn's sync workers, which serve MLflow, close after every answer).
  void Reconnect() {
    beast::error_code ignored;
    stream_.socket().close(ignored);
    buffer_.clear();
    if (Clock::now() < shared_.deadline) Start();
  }

  beast::tcp_stream stream_;
  Shared& shared_;
  ConnStats& stats_;
  beast::flat_buffer buffer_;
  http::request<http::string_body> req_;
  http::response<http::string_body> res_;
  std::optional<http::response_parser<http::string_body>> parser_;
  Clock::time_point started_;
  int64_t step_ = 0;    // sweep: the worker's next request
  std::string run_id_;  // sweep: the worker's run
};

double Percentile(const std::vector<uint32_t>& sorted, double q) {
  if (sorted.empty()) return 0;
  size_t idx = static_cast<size_t>(q * static_cast<double>(sorted.size() - 1) + 0.5);
  return sorted[std::min(idx, sorted.size() - 1)] / 1000.0;
}

int RunLoad(const Options& opts) {
  if (opts.port == 0) Usage("--port is required");
  if (opts.scenario == "sweep") {
    if (opts.experiment_id.empty()) Usage("--experiment-id is required");
  } else if (opts.scenario == "request" ? opts.target.empty() : opts.run_id.empty()) {
    Usage(opts.scenario == "request" ? "--target is required" : "--run-id is required");
  }
  if (opts.scenario == "request" && http::string_to_verb(opts.method) == http::verb::unknown)
    Usage("unknown --method " + opts.method);
  asio::io_context io;
  Shared shared;
  shared.opts = opts;
  shared.authorization = "Bearer " + opts.token;
  tcp::resolver resolver(io);
  shared.endpoint = *resolver.resolve(opts.host, std::to_string(opts.port)).begin();
  std::vector<ConnStats> stats(static_cast<size_t>(opts.connections));
  auto start = Clock::now();
  shared.deadline = start + std::chrono::microseconds(static_cast<int64_t>(opts.duration_s * 1e6));
  for (int i = 0; i < opts.connections; ++i) {
    std::make_shared<Connection>(io, shared, stats[static_cast<size_t>(i)])->Start();
  }
  std::vector<std::thread> pool;
  for (int t = 1; t < opts.threads; ++t) pool.emplace_back([&io] { io.run(); });
  io.run();
  for (auto& t : pool) t.join();
  double elapsed = std::chrono::duration<double>(Clock::now() - start).count();

  std::vector<uint32_t> all;
  int64_t ok = 0, errors = 0, non2xx = 0, other_length = 0, runs_finished = 0;
  for (auto& s : stats) {
    other_length += s.other_length;
    runs_finished += s.runs_finished;
    all.insert(all.end(), s.latency_us.begin(), s.latency_us.end());
    ok += s.ok;
    errors += s.errors;
    non2xx += s.non2xx;
  }
  std::sort(all.begin(), all.end());
  double rps = static_cast<double>(ok) / elapsed;
  if (opts.scenario == "sweep") {
    const double points = static_cast<double>(runs_finished) * opts.batches * opts.points;
    std::printf(
        "scenario=sweep connections=%d batches=%d points=%d tags=%d duration_s=%.2f requests=%lld "
        "errors=%lld non2xx=%lld runs_finished=%lld req_per_s=%.0f points_per_s=%.0f "
        "runs_per_s=%.2f p50_ms=%.3f p99_ms=%.3f max_ms=%.3f\n",
        opts.connections, opts.batches, opts.points, opts.tags, elapsed, static_cast<long long>(ok),
        static_cast<long long>(errors), static_cast<long long>(non2xx),
        static_cast<long long>(runs_finished), rps, points / elapsed,
        static_cast<double>(runs_finished) / elapsed, Percentile(all, 0.50), Percentile(all, 0.99),
        all.empty() ? 0.0 : all.back() / 1000.0);
    const bool clean = errors == 0 && non2xx == 0 && runs_finished == opts.connections;
    return clean ? 0 : 1;
  }
  std::printf(
      "scenario=%s connections=%d threads=%d duration_s=%.2f requests=%lld errors=%lld "
      "non2xx=%lld other_length=%lld first_body_bytes=%lld req_per_s=%.0f points_per_s=%.0f "
      "p50_ms=%.3f p99_ms=%.3f max_ms=%.3f\n",
      opts.scenario.c_str(), opts.connections, opts.threads, elapsed, static_cast<long long>(ok),
      static_cast<long long>(errors), static_cast<long long>(non2xx),
      static_cast<long long>(other_length), static_cast<long long>(shared.first_length.load()), rps,
      opts.scenario == "ingest" ? rps * opts.batch : 0.0, Percentile(all, 0.50),
      Percentile(all, 0.99), all.empty() ? 0.0 : all.back() / 1000.0);
  if (opts.scenario == "request" && (non2xx != 0 || other_length != 0)) return 1;
  return ok > 0 ? 0 : 1;
}

// ---------------------------------------------------------------- startup

// A blocking GET; returns the status code or 0 on a connection failure.
int BlockingGet(uint16_t port, const std::string& target) {
  try {
    asio::io_context io;
    beast::tcp_stream stream(io);
    stream.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
    http::request<http::empty_body> req{http::verb::get, target, 11};
    req.set(http::field::host, "127.0.0.1");
    http::write(stream, req);
    beast::flat_buffer buf;
    http::response<http::string_body> res;
    http::read(stream, buf, res);
    return static_cast<int>(res.result_int());
  } catch (const std::exception&) {
    return 0;
  }
}

std::optional<long> RssKib(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
  }
  return std::nullopt;
}

int RunStartup(const Options& opts) {
  if (opts.binary.empty()) Usage("--binary is required");
  std::vector<double> startup_ms;
  std::vector<long> rss_kib;
  for (int round = 0; round < opts.repeat; ++round) {
    char tmpl[] = "/tmp/cairn-bench-XXXXXX";
    std::string dir = ::mkdtemp(tmpl);
    std::string storage = "sqlite://" + dir + "/cairn.db";
    int out[2];
    if (::pipe(out) != 0) return 1;
    auto t0 = Clock::now();
    pid_t pid = ::fork();
    if (pid == 0) {
      ::dup2(out[1], STDOUT_FILENO);
      int devnull = ::open("/dev/null", O_WRONLY);
      ::dup2(devnull, STDERR_FILENO);
      ::close(out[0]);
      ::execl(opts.binary.c_str(), opts.binary.c_str(), "serve", "--host", "127.0.0.1", "--port",
              "0", "--data-dir", dir.c_str(), "--storage", storage.c_str(),
              static_cast<char*>(nullptr));
      ::_exit(127);
    }
    ::close(out[1]);
    std::string line;
    char c;
    while (::read(out[0], &c, 1) == 1 && c != '\n') line += c;
    auto colon = line.rfind(':');
    if (line.rfind("listening on", 0) != 0 || colon == std::string::npos) {
      std::cerr << "server did not start: '" << line << "'\n";
      ::kill(pid, SIGKILL);
      ::waitpid(pid, nullptr, 0);
      return 1;
    }
    uint16_t port = static_cast<uint16_t>(std::stoi(line.substr(colon + 1)));
    while (BlockingGet(port, "/readyz") != 200) {
      if (Clock::now() - t0 > std::chrono::seconds(10)) {
        std::cerr << "/readyz never answered 200\n";
        ::kill(pid, SIGKILL);
        return 1;
      }
      std::this_thread::sleep_for(std::chrono::microseconds(200));
    }
    startup_ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
    for (int i = 0; i < 50; ++i) {
      BlockingGet(port, "/healthz");
      BlockingGet(port, std::string(kLifecycle) + "/experiments");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    rss_kib.push_back(RssKib(pid).value_or(-1));
    ::kill(pid, SIGTERM);
    int status = 0;
    ::waitpid(pid, &status, 0);
    ::close(out[0]);
    std::filesystem::remove_all(dir);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
      std::cerr << "warning: server exit status " << status << " after SIGTERM\n";
    }
  }
  std::sort(startup_ms.begin(), startup_ms.end());
  std::sort(rss_kib.begin(), rss_kib.end());
  std::printf(
      "scenario=startup repeat=%d startup_ms_min=%.1f startup_ms_median=%.1f "
      "startup_ms_max=%.1f idle_rss_mb=%.1f\n",
      opts.repeat, startup_ms.front(), startup_ms[startup_ms.size() / 2], startup_ms.back(),
      rss_kib[rss_kib.size() / 2] / 1024.0);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  ::signal(SIGPIPE, SIG_IGN);
  Options opts = ParseArgs(argc, argv);
  if (opts.scenario == "ingest" || opts.scenario == "get-run" || opts.scenario == "request" ||
      opts.scenario == "sweep")
    return RunLoad(opts);
  if (opts.scenario == "startup") return RunStartup(opts);
  Usage("unknown scenario " + opts.scenario);
}
