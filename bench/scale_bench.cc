// scale_bench: how `cairn serve` behaves as the tracking data grows (issue 15, item 1).
//
//   scale_bench --binary PATH/TO/cairn [--storage URL] [--runs 1000000] [--experiments 100]
//               [--points 100000000] [--point-runs 10000] [--history-points N] [--batch 10000]
//               [--connections 8] [--read-seconds 2] [--read-requests 200] [--json OUT.json]
//               [--data-dir DIR] [--max-seconds 1800] [--keep]
//
// It starts `cairn serve --port 0` on a fresh data dir (default storage sqlite://DIR/cairn.db;
// a postgresql:// URL must name an empty, disposable database), then loads, through the native
// API, --runs runs spread round-robin over --experiments experiments, each created with 5 params
// and 3 tags in one POST and given 10 latest metrics (m1..m10, uniform in [0, 1)) in a second
// one, and --points metric points (4 keys per batch, --batch points per request) spread over the
// first --point-runs runs. Before that, one extra run gets a single key `history` with
// --history-points points (default 1 000 000, or --points/10 when smaller). The load goes in ten
// equal steps, each first creating its runs then logging its points over --connections
// keep-alive connections (Boost.Beast on one io_context); every step's runs/s and points/s is
// kept. At 10 %, 50 % and 100 % it measures, sequentially on one connection, for --read-seconds
// or --read-requests requests (whichever ends first, at least 3, after one unmeasured warm-up):
// run search with a metric filter + order_by + limit=100 within one experiment (cycling through
// the experiments) and across all of them, GET /runs/{id} of random runs, the full history of
// the `history` key and its max_points=1000 view, and the experiment list; plus the database
// size (SQLite: file + WAL; PostgreSQL: pg_database_size through psql) and the server's VmRSS
// (right after the reads, and idle: after 5 s with no requests).
// Percentiles are exact (nearest rank over every sample). The slope column is each read
// figure's 100 %/10 % ratio next to the data ratio, so growth faster than the data shows.
//
// Every response status is checked; errors are counted per step and per read and the tool exits
// 1 if any request failed. --max-seconds bounds the loading (the reads then run once more on
// what was reached); the free disk in the data dir is checked before starting (~20 bytes per
// point + 2 KB per run) and, on SQLite, again after each step against the measured growth. The
// data dir is removed at the end unless --keep.
//
// The full scale (a million runs, a hundred million points) is the default; run it
// alone on the machine, from a Release build:
//   build/release/bench/scale_bench --binary build/release/cairn --json scale-sqlite.json
//   build/release/bench/scale_bench --binary build/release/cairn --json scale-pg.json
//       --storage postgresql://USER@127.0.0.1:PORT/DB
// Each run costs two requests (the create takes no metrics); at the few hundred runs/s a busy
// 2-core machine gives, the million runs alone can outlast the default --max-seconds, in which
// case the last checkpoint is taken where the load stopped (raise --max-seconds to go on).
// A quick check: --runs 20000 --points 2000000 --point-runs 200.
#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/statvfs.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <boost/asio.hpp>
#include <boost/beast.hpp>
#include <cctype>
#include <charconv>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace fs = std::filesystem;
using Tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;
using Request = http::request<http::string_body>;

constexpr std::string_view kApi = "/api/v1/ml/lifecycle";
constexpr std::array<std::string_view, 4> kPointKeys = {"train_loss", "val_loss", "lr",
                                                        "grad_norm"};
constexpr int kSteps = 10;                                  // load steps of 10 % each
constexpr std::array<int, 3> kCheckpointSteps = {0, 4, 9};  // after 10 %, 50 %, 100 %
// The server left alone before its idle RSS is read: it gives back its idle connections' page
// caches after 2 s without requests (ServerOptions::on_idle), checked once a second.
constexpr int kIdleSeconds = 5;

volatile std::sig_atomic_t g_stop = 0;
void OnSignal(int) {
  g_stop = 1;
  ::signal(SIGINT, SIG_DFL);  // a second ^C ends the tool at once
  ::signal(SIGTERM, SIG_DFL);
}

struct Options {
  std::string binary, storage, data_dir, json_path;
  int64_t runs = 1'000'000, experiments = 100, points = 100'000'000, point_runs = 10'000;
  int64_t history_points = -1;
  int64_t batch = 10'000;
  int64_t connections = 8;
  double max_seconds = 1800, read_seconds = 2;
  int64_t read_requests = 200;
  bool keep = false;
};

[[noreturn]] void Usage(const std::string& why) {
  std::cerr << "scale_bench: " << why << "\n"
            << "usage: scale_bench --binary PATH [--storage URL] [--runs N] [--experiments N]\n"
            << "         [--points N] [--point-runs N] [--history-points N] [--batch N]\n"
            << "         [--connections N] [--read-seconds S] [--read-requests N]\n"
            << "         [--json FILE] [--data-dir DIR] [--max-seconds S] [--keep]\n";
  std::exit(2);
}

Options ParseArgs(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--keep") {
      o.keep = true;
      continue;
    }
    if (i + 1 >= argc) Usage("missing value for " + a);
    const std::string v = argv[++i];
    const std::map<std::string, std::string*> text = {{"--binary", &o.binary},
                                                      {"--storage", &o.storage},
                                                      {"--data-dir", &o.data_dir},
                                                      {"--json", &o.json_path}};
    const std::map<std::string, int64_t*> ints = {{"--runs", &o.runs},
                                                  {"--experiments", &o.experiments},
                                                  {"--points", &o.points},
                                                  {"--point-runs", &o.point_runs},
                                                  {"--history-points", &o.history_points},
                                                  {"--batch", &o.batch},
                                                  {"--connections", &o.connections},
                                                  {"--read-requests", &o.read_requests}};
    const std::map<std::string, double*> reals = {{"--max-seconds", &o.max_seconds},
                                                  {"--read-seconds", &o.read_seconds}};
    try {
      if (auto t = text.find(a); t != text.end())
        *t->second = v;
      else if (auto n = ints.find(a); n != ints.end())
        *n->second = std::stoll(v);
      else if (auto r = reals.find(a); r != reals.end())
        *r->second = std::stod(v);
      else
        Usage("unknown flag " + a);
    } catch (const std::exception&) {
      Usage("bad value for " + a + ": " + v);
    }
  }
  if (o.binary.empty()) Usage("--binary is required");
  if (o.history_points < 0) o.history_points = std::min<int64_t>(1'000'000, o.points / 10);
  if (o.runs < kSteps || o.experiments < 1 || o.experiments > o.runs || o.points < 0 ||
      o.point_runs < 1 || o.point_runs > o.runs / kSteps || o.batch < 4 || o.batch > 10'000 ||
      o.connections < 1 || o.max_seconds <= 0 || o.read_seconds <= 0 || o.read_requests < 3)
    Usage(
        "bad value (needs runs >= 10, 1 <= experiments <= runs, "
        "1 <= point-runs <= runs/10, 4 <= batch <= 10000)");
  return o;
}

double Seconds(Clock::duration d) { return std::chrono::duration<double>(d).count(); }

void AppendInt(std::string& out, int64_t v) {
  char buf[24];
  auto r = std::to_chars(buf, buf + sizeof(buf), v);
  out.append(buf, r.ptr);
}

void AppendFloat(std::string& out, float v) {  // shortest form, as a float32 logger would send
  char buf[32];
  auto r = std::to_chars(buf, buf + sizeof(buf), v);
  out.append(buf, r.ptr);
}

std::string PercentEncode(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

std::string ExperimentName(int64_t e) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "scale-exp-%03lld", static_cast<long long>(e));
  return buf;
}

// The run id of a run document, or "" when it has none.
std::string RunIdOf(std::string_view body) {
  constexpr std::string_view kField = "\"run_id\":\"";
  auto at = body.find(kField);
  if (at == std::string_view::npos) return {};
  auto end = body.find('"', at + kField.size());
  if (end == std::string_view::npos) return {};
  return std::string(body.substr(at + kField.size(), end - at - kField.size()));
}

int64_t CountOf(std::string_view body, std::string_view needle) {
  int64_t n = 0;
  for (auto at = body.find(needle); at != std::string_view::npos; at = body.find(needle, at + 1))
    ++n;
  return n;
}

// ------------------------------------------------------------------ errors

int g_printed_errors = 0;

struct Errors {
  int64_t count = 0;
  void Add(std::string_view what, int status, std::string_view body) {
    ++count;
    if (g_printed_errors++ < 10) {
      std::cerr << "error: " << what << ": "
                << (status > 0 ? std::to_string(status) : std::string("no answer")) << " "
                << body.substr(0, 300) << "\n";
    }
  }
};

// ------------------------------------------------------------------ server

struct Server {
  pid_t pid = -1;
  uint16_t port = 0;
  bool exited = false;
  int status = 0;

  bool Alive() {
    if (exited) return false;
    if (::waitpid(pid, &status, WNOHANG) == pid) exited = true;
    return !exited;
  }
};

std::optional<Server> StartServer(const Options& o, const fs::path& dir) {
  const std::string out = (dir / "server.out").string(), err = (dir / "server.log").string();
  Server s;
  s.pid = ::fork();
  if (s.pid < 0) return std::nullopt;
  if (s.pid == 0) {
    // Its own process group, so a ^C reaches only this tool (which then still measures and
    // stops the server), and a SIGTERM when this tool dies without doing so.
    ::setpgid(0, 0);
    ::prctl(PR_SET_PDEATHSIG, SIGTERM);
    int fo = ::open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int fe = ::open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fo < 0 || fe < 0) ::_exit(126);
    ::dup2(fo, STDOUT_FILENO);
    ::dup2(fe, STDERR_FILENO);
    const std::string d = dir.string();
    ::execl(o.binary.c_str(), o.binary.c_str(), "serve", "--host", "127.0.0.1", "--port", "0",
            "--data-dir", d.c_str(), "--storage", o.storage.c_str(), "--no-access-log",
            static_cast<char*>(nullptr));
    ::_exit(127);
  }
  const auto until = Clock::now() + std::chrono::seconds(60);
  while (Clock::now() < until && s.Alive()) {
    std::ifstream in(out);
    std::string line;
    if (std::getline(in, line) && in) {  // a whole first line
      auto colon = line.rfind(':');
      if (line.rfind("listening on", 0) == 0 && colon != std::string::npos) {
        s.port = static_cast<uint16_t>(std::stoi(line.substr(colon + 1)));
        return s;
      }
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  if (s.Alive()) {
    ::kill(s.pid, SIGKILL);
    ::waitpid(s.pid, nullptr, 0);
  }
  std::ifstream log(err);
  std::cerr << "scale_bench: the server did not start:\n" << log.rdbuf() << "\n";
  return std::nullopt;
}

// SIGTERM, then SIGKILL after 60 s; the exit status (-1 when killed or already dead).
int StopServer(Server& s) {
  if (!s.Alive()) return WIFEXITED(s.status) ? WEXITSTATUS(s.status) : -1;
  ::kill(s.pid, SIGTERM);
  const auto until = Clock::now() + std::chrono::seconds(60);
  while (s.Alive() && Clock::now() < until)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  if (s.Alive()) {
    ::kill(s.pid, SIGKILL);
    ::waitpid(s.pid, &s.status, 0);
    return -1;
  }
  return WIFEXITED(s.status) ? WEXITSTATUS(s.status) : -1;
}

int64_t ProcKib(pid_t pid, std::string_view field) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(field, 0) == 0) return std::stoll(line.substr(field.size()));
  }
  return -1;
}

// User + system CPU seconds of /proc/<pid>/stat ("self" for this process).
double CpuSeconds(const std::string& pid) {
  std::ifstream in("/proc/" + pid + "/stat");
  std::string stat((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto paren = stat.rfind(')');  // the command name may hold spaces
  if (paren == std::string::npos) return NAN;
  std::istringstream fields(stat.substr(paren + 2));
  std::string f;
  double ticks = 0;
  for (int k = 3; k <= 15 && fields >> f; ++k)  // fields 14 and 15: utime and stime
    if (k >= 14) ticks += std::stod(f);
  return ticks / static_cast<double>(::sysconf(_SC_CLK_TCK));
}

// ------------------------------------------------------------------ database size

struct DbSize {
  int64_t bytes = -1;  // -1: not available
  int64_t wal = 0;
};

DbSize MeasureDb(const std::string& storage) {
  DbSize d;
  if (storage.rfind("sqlite://", 0) == 0) {
    std::string path = storage.substr(9, storage.find('?') - 9);
    std::error_code ec;
    auto main = fs::file_size(path, ec);
    if (ec) return d;
    auto wal = fs::file_size(path + "-wal", ec);
    d.wal = ec ? 0 : static_cast<int64_t>(wal);
    d.bytes = static_cast<int64_t>(main) + d.wal;
    return d;
  }
  std::string quoted = "'";
  for (char c : storage) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  quoted += "'";
  const std::string cmd =
      "psql " + quoted + " -Atc 'SELECT pg_database_size(current_database())' 2>/dev/null";
  if (FILE* p = ::popen(cmd.c_str(), "r")) {
    char buf[64] = {};
    if (std::fgets(buf, sizeof(buf), p)) d.bytes = std::atoll(buf);
    if (::pclose(p) != 0 || d.bytes <= 0) d.bytes = -1;
  }
  return d;
}

int64_t FreeBytes(const fs::path& dir) {
  struct statvfs st {};
  if (::statvfs(dir.c_str(), &st) != 0) return -1;
  return static_cast<int64_t>(st.f_bavail) * static_cast<int64_t>(st.f_frsize);
}

// ------------------------------------------------------------------ request bodies

std::string RunCreateBody(int64_t i, int64_t experiments) {
  static constexpr std::array<std::string_view, 4> kLr = {"0.1", "0.03", "0.01", "0.001"};
  static constexpr std::array<std::string_view, 3> kOpt = {"adam", "sgd", "adamw"};
  std::string b = "{\"experiment_name\":\"" + ExperimentName(i % experiments) + "\",\"params\":{";
  b += "\"lr\":\"" + std::string(kLr[static_cast<size_t>(i % 4)]) + "\",\"depth\":\"";
  AppendInt(b, 2 + i % 11);
  b += "\",\"optimizer\":\"" + std::string(kOpt[static_cast<size_t>(i % 3)]) +
       "\",\"batch_size\":\"";
  AppendInt(b, 16 << (i % 5));
  b += "\",\"seed\":\"";
  AppendInt(b, i);
  b += "\"},\"tags\":{\"team\":\"team-";
  AppendInt(b, i % 7);
  b += "\",\"sweep\":\"sweep-";
  AppendInt(b, i / 1000);
  b += "\",\"stage\":\"";
  b += i % 2 ? "dev" : "prod";
  b += "\"}}";
  return b;
}

std::string RunMetricsBody(int64_t i) {
  std::mt19937_64 rng(static_cast<uint64_t>(i) * 0x9E3779B97F4A7C15ull + 1);
  std::uniform_real_distribution<float> u(0.0f, 1.0f);
  std::string b = "{\"metrics\":[";
  for (int k = 1; k <= 10; ++k) {
    if (k > 1) b += ',';
    b += "{\"key\":\"m";
    AppendInt(b, k);
    b += "\",\"value\":";
    AppendFloat(b, u(rng));
    b += ",\"step\":0}";
  }
  b += "]}";
  return b;
}

// `n` points of `keys` keys interleaved by step from `first_step`: decaying curves plus noise.
std::string PointsBody(const std::string_view* keys, size_t nkeys, int64_t first_step, int64_t n,
                       uint64_t seed) {
  std::string b;
  b.reserve(static_cast<size_t>(n) * 48 + 16);
  b += "{\"metrics\":[";
  uint64_t x = seed | 1;
  for (int64_t i = 0; i < n; ++i) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    const size_t k = static_cast<size_t>(i) % nkeys;
    const int64_t step = first_step + i / static_cast<int64_t>(nkeys);
    const float noise = static_cast<float>(x >> 40) / static_cast<float>(1 << 24);
    const float v =
        static_cast<float>(k + 1) / (1.0f + 0.001f * static_cast<float>(step)) + 0.02f * noise;
    if (i) b += ',';
    b += "{\"key\":\"";
    b += keys[k];
    b += "\",\"value\":";
    AppendFloat(b, v);
    b += ",\"step\":";
    AppendInt(b, step);
    b += '}';
  }
  b += "]}";
  return b;
}

void Prepare(Request& req, http::verb verb, const std::string& target, std::string body) {
  req = {};
  req.version(11);
  req.method(verb);
  req.target(target);
  req.set(http::field::host, "127.0.0.1");
  if (!body.empty()) {
    req.set(http::field::content_type, "application/json");
    req.body() = std::move(body);
  }
  req.keep_alive(true);
  req.prepare_payload();
}

// ------------------------------------------------------------------ synchronous client

struct Reply {
  int status = 0;  // 0: no answer (body holds the transport error)
  std::string body;
  double ms = 0;
};

// One keep-alive connection, one request at a time, each with a timeout.
class SyncClient {
 public:
  explicit SyncClient(Tcp::endpoint ep) : ep_(std::move(ep)), stream_(io_) {}

  // A kept-alive connection the server has closed while it sat idle (its idle timeout, e.g.
  // during a long load step) fails the next request before any answer: that request is sent
  // again once, on a new connection, as HTTP clients do.
  Reply Do(http::verb verb, const std::string& target, const std::string& body = {}) {
    const bool reused = open_;
    Reply r = DoOnce(verb, target, body);
    if (reused && r.status == 0 && r.body.rfind("read: ", 0) == 0) r = DoOnce(verb, target, body);
    return r;
  }

 private:
  Reply DoOnce(http::verb verb, const std::string& target, std::string body) {
    Reply r;
    const auto t0 = Clock::now();
    beast::error_code ec;
    if (!open_) {
      stream_.expires_after(std::chrono::seconds(30));
      stream_.async_connect(ep_, [&](beast::error_code e) { ec = e; });
      Drive();
      if (ec) return Failed(r, "connect: " + ec.message());
      stream_.socket().set_option(Tcp::no_delay(true));
      open_ = true;
    }
    Request req;
    Prepare(req, verb, target, std::move(body));
    stream_.expires_after(std::chrono::seconds(600));
    http::async_write(stream_, req, [&](beast::error_code e, size_t) { ec = e; });
    Drive();
    if (ec) return Failed(r, "write: " + ec.message());
    http::response_parser<http::string_body> parser;
    parser.body_limit(4ull << 30);
    http::async_read(stream_, buffer_, parser, [&](beast::error_code e, size_t) { ec = e; });
    Drive();
    if (ec) return Failed(r, "read: " + ec.message());
    auto res = parser.release();
    r.ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
    r.status = static_cast<int>(res.result_int());
    if (!res.keep_alive()) Close();
    r.body = std::move(res.body());
    return r;
  }

  void Drive() {
    io_.restart();
    io_.run();
  }
  Reply& Failed(Reply& r, std::string what) {
    Close();
    r.status = 0;
    r.body = std::move(what);
    return r;
  }
  void Close() {
    beast::error_code ignored;
    stream_.socket().close(ignored);
    buffer_.clear();
    open_ = false;
  }

  Tcp::endpoint ep_;
  asio::io_context io_;
  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  bool open_ = false;
};

// ------------------------------------------------------------------ asynchronous load

// What the load connections send: Next fills the next request of connection `slot` (false:
// nothing left for it), Done receives its answer (status 0: no answer, body = the error).
class Work {
 public:
  virtual ~Work() = default;
  virtual bool Next(size_t slot, Request& req) = 0;
  virtual void Done(size_t slot, int status, std::string_view body) = 0;
  Errors errors;
  bool cut = false;  // stopped by --max-seconds or a signal before the end

 protected:
  bool Stop(Clock::time_point deadline) {
    if (g_stop || Clock::now() >= deadline) cut = true;
    return cut;
  }
};

class LoadConnection : public std::enable_shared_from_this<LoadConnection> {
 public:
  LoadConnection(asio::io_context& io, Tcp::endpoint ep, Work& work, size_t slot)
      : stream_(io), ep_(std::move(ep)), work_(work), slot_(slot) {}

  void Start() {
    stream_.expires_after(std::chrono::seconds(30));
    stream_.async_connect(ep_, [self = shared_from_this()](beast::error_code ec) {
      if (ec) {
        // A connection that cannot open ends; its share is taken by the others.
        self->work_.errors.Add("connect", 0, ec.message());
        return;
      }
      self->stream_.socket().set_option(Tcp::no_delay(true));
      self->Next();
    });
  }

 private:
  void Next() {
    if (!work_.Next(slot_, req_)) {
      beast::error_code ignored;
      stream_.socket().shutdown(Tcp::socket::shutdown_both, ignored);
      return;
    }
    stream_.expires_after(std::chrono::seconds(600));
    http::async_write(stream_, req_, [self = shared_from_this()](beast::error_code ec, size_t) {
      if (ec) return self->Fail("write: " + ec.message());
      self->parser_.emplace();
      self->parser_->body_limit(64ull << 20);
      http::async_read(
          self->stream_, self->buffer_, *self->parser_, [self](beast::error_code ec2, size_t) {
            if (ec2) return self->Fail("read: " + ec2.message());
            auto& res = self->parser_->get();
            self->work_.Done(self->slot_, static_cast<int>(res.result_int()), res.body());
            if (!res.keep_alive()) return self->Reconnect();
            self->Next();
          });
    });
  }

  void Fail(const std::string& what) {
    work_.Done(slot_, 0, what);
    Reconnect();
  }

  void Reconnect() {
    beast::error_code ignored;
    stream_.socket().close(ignored);
    buffer_.clear();
    Start();
  }

  beast::tcp_stream stream_;
  Tcp::endpoint ep_;
  Work& work_;
  size_t slot_;
  beast::flat_buffer buffer_;
  Request req_;
  std::optional<http::response_parser<http::string_body>> parser_;
};

void RunLoad(Work& work, const Tcp::endpoint& ep, int64_t connections) {
  asio::io_context io;
  for (int i = 0; i < connections; ++i)
    std::make_shared<LoadConnection>(io, ep, work, static_cast<size_t>(i))->Start();
  io.run();
}

// Creates runs [next, end): POST /runs with params and tags, then their 10 latest metrics.
class RunWork final : public Work {
 public:
  RunWork(std::vector<std::string>& ids, int64_t begin, int64_t end, int64_t experiments,
          Clock::time_point deadline, int64_t connections)
      : ids_(ids),
        next_(begin),
        end_(end),
        experiments_(experiments),
        deadline_(deadline),
        slots_(static_cast<size_t>(connections)) {}

  bool Next(size_t slot, Request& req) override {
    Slot& s = slots_[slot];
    if (s.created) {  // a created run always gets its metrics
      Prepare(req, http::verb::post,
              std::string(kApi) + "/runs/" + ids_[static_cast<size_t>(s.index)] + "/metrics",
              RunMetricsBody(s.index));
      return true;
    }
    if (next_ >= end_ || Stop(deadline_)) return false;
    s.index = next_++;
    Prepare(req, http::verb::post, std::string(kApi) + "/runs",
            RunCreateBody(s.index, experiments_));
    return true;
  }

  void Done(size_t slot, int status, std::string_view body) override {
    Slot& s = slots_[slot];
    if (!s.created) {
      std::string id = status == 201 ? RunIdOf(body) : std::string();
      if (id.empty()) return errors.Add("create run", status, body);
      ids_[static_cast<size_t>(s.index)] = std::move(id);
      s.created = true;
      return;
    }
    s.created = false;
    if (status != 200) return errors.Add("log a run's latest metrics", status, body);
    ++done;
  }

  int64_t done = 0;  // runs created with their metrics

 private:
  struct Slot {
    int64_t index = 0;
    bool created = false;
  };
  std::vector<std::string>& ids_;
  int64_t next_, end_, experiments_;
  Clock::time_point deadline_;
  std::vector<Slot> slots_;
};

// Logs point batches [next, end): batch b goes to point run b % P, its round b / P giving the
// steps, so every point run grows evenly.
class PointWork final : public Work {
 public:
  PointWork(const Options& o, const std::vector<std::string>& ids, int64_t begin, int64_t end,
            Clock::time_point deadline)
      : o_(o),
        ids_(ids),
        next_(begin),
        end_(end),
        deadline_(deadline),
        inflight_(static_cast<size_t>(o.connections)) {}

  bool Next(size_t slot, Request& req) override {
    while (next_ < end_ && !Stop(deadline_)) {
      const int64_t b = next_++;
      const std::string& id = ids_[static_cast<size_t>(b % o_.point_runs)];
      const int64_t n = std::min(o_.batch, o_.points - b * o_.batch);
      if (id.empty()) {
        errors.Add("log points", 0, "their run could not be created");
        continue;
      }
      const int64_t steps_per_batch = (o_.batch + 3) / 4;
      inflight_[slot] = n;
      Prepare(req, http::verb::post, std::string(kApi) + "/runs/" + id + "/metrics",
              PointsBody(kPointKeys.data(), kPointKeys.size(),
                         (b / o_.point_runs) * steps_per_batch, n, static_cast<uint64_t>(b)));
      return true;
    }
    return false;
  }

  void Done(size_t slot, int status, std::string_view body) override {
    const int64_t n = inflight_[slot];
    if (status != 200) return errors.Add("log points", status, body);
    if (body != "{\"accepted\":" + std::to_string(n) + "}")
      return errors.Add("log points (accepted count differs)", status, body);
    points += n;
  }

  int64_t points = 0;

 private:
  const Options& o_;
  const std::vector<std::string>& ids_;
  int64_t next_, end_;
  Clock::time_point deadline_;
  std::vector<int64_t> inflight_;
};

// ------------------------------------------------------------------ reads

struct Read {
  std::string name;
  int64_t n = 0, errors = 0, items = -1, bytes = 0;
  double p50 = 0, p99 = 0, max = 0;
};

double Percentile(const std::vector<double>& sorted, double q) {  // nearest rank
  if (sorted.empty()) return NAN;
  auto rank = static_cast<size_t>(std::ceil(q * static_cast<double>(sorted.size())));
  return sorted[std::clamp<size_t>(rank, 1, sorted.size()) - 1];
}

template <class Target>
Read MeasureRead(SyncClient& c, const Options& o, std::string name, Target target,
                 std::string_view count_items = {}) {
  Read r;
  r.name = std::move(name);
  Errors errors;
  std::vector<double> ms;
  auto check = [&](const Reply& rep) {
    if (rep.status != 200) {
      errors.Add(r.name, rep.status, rep.body);
      return false;
    }
    return true;
  };
  int64_t i = 0;
  Reply warm = c.Do(http::verb::get, target(i++));
  if (check(warm)) {
    r.bytes = static_cast<int64_t>(warm.body.size());
    if (!count_items.empty()) r.items = CountOf(warm.body, count_items);
  }
  const auto until = Clock::now() + std::chrono::duration_cast<Clock::duration>(
                                        std::chrono::duration<double>(o.read_seconds));
  while (static_cast<int64_t>(ms.size()) < o.read_requests &&
         (ms.size() < 3 || Clock::now() < until)) {
    Reply rep = c.Do(http::verb::get, target(i++));
    if (check(rep)) ms.push_back(rep.ms);
    if (errors.count > 10) break;  // the figure is broken anyway; do not hammer on
  }
  std::sort(ms.begin(), ms.end());
  r.n = static_cast<int64_t>(ms.size());
  r.errors = errors.count;
  r.p50 = Percentile(ms, 0.50);
  r.p99 = Percentile(ms, 0.99);
  r.max = ms.empty() ? NAN : ms.back();
  return r;
}

struct Step {  // one 10 % load step
  int64_t runs = 0, points = 0, errors = 0;
  double runs_s = 0, points_s = 0;  // seconds of its run phase and of its point phase
};

struct Checkpoint {
  double percent = 0;
  int64_t runs = 0, points = 0;             // totals loaded (points without the history key)
  double runs_per_s = 0, points_per_s = 0;  // of the steps since the previous checkpoint
  int64_t load_errors = 0;
  DbSize db;
  int64_t rss_kib = 0, hwm_kib = 0;
  int64_t idle_rss_kib = 0;                   // after kIdleSeconds with no requests
  double server_cpu_s = 0, client_cpu_s = 0;  // since the start
  double elapsed_s = 0;
  std::vector<Read> reads;
};

// ------------------------------------------------------------------ output

std::string Num(double v, int decimals = 3) {
  if (!std::isfinite(v)) return "null";
  char buf[64];
  std::snprintf(buf, sizeof(buf), "%.*f", decimals, v);
  return buf;
}

std::string Cell(double v, int decimals) {
  return std::isfinite(v) && v >= 0 ? Num(v, decimals) : std::string("n/a");
}

double Ratio(double last, double first) {
  return first > 0 && std::isfinite(first) && std::isfinite(last) ? last / first : NAN;
}

void PrintTable(const Options& o, const std::vector<Step>& steps,
                const std::vector<Checkpoint>& cps, double history_rate) {
  std::printf("\nload steps (each 10 %% of %lld runs and %lld points, %d connections)\n",
              static_cast<long long>(o.runs), static_cast<long long>(o.points),
              static_cast<int>(o.connections));
  std::printf("%6s %10s %10s %12s %12s %7s\n", "step", "runs", "runs/s", "points", "points/s",
              "errors");
  for (size_t i = 0; i < steps.size(); ++i) {
    const Step& s = steps[i];
    std::printf("%5zu0 %10lld %10.0f %12lld %12.0f %7lld\n", i + 1, static_cast<long long>(s.runs),
                s.runs_s > 0 ? s.runs / s.runs_s : 0.0, static_cast<long long>(s.points),
                s.points_s > 0 ? s.points / s.points_s : 0.0, static_cast<long long>(s.errors));
  }
  if (steps.size() == kSteps && steps.front().points_s > 0 && steps.back().points_s > 0) {
    std::printf("last 10 %% points/s vs first 10 %%: %.2f\n",
                (steps.back().points / steps.back().points_s) /
                    (steps.front().points / steps.front().points_s));
  }
  std::printf("history key: %lld points loaded at %.0f points/s (one connection)\n",
              static_cast<long long>(o.history_points), history_rate);
  if (cps.empty()) return;

  const Checkpoint& a = cps.front();
  const Checkpoint& z = cps.back();
  const double run_ratio = Ratio(static_cast<double>(z.runs), static_cast<double>(a.runs));
  const double point_ratio = Ratio(static_cast<double>(z.points + o.history_points),
                                   static_cast<double>(a.points + o.history_points));
  std::printf("\n%-34s", "figure");
  for (const auto& c : cps) std::printf(" %10s", (Num(c.percent, 0) + " %").c_str());
  std::printf(" %8s %8s\n", "last/1st", "data");
  auto row = [&](const char* label, auto get, int decimals, double data_ratio, bool slope) {
    std::printf("%-34s", label);
    for (const auto& c : cps) std::printf(" %10s", Cell(get(c), decimals).c_str());
    if (slope && cps.size() > 1)
      std::printf(" %7sx %7sx", Cell(Ratio(get(z), get(a)), 2).c_str(),
                  Cell(data_ratio, 1).c_str());
    std::printf("\n");
  };
  auto d = [](auto v) { return static_cast<double>(v); };
  row(
      "runs loaded", [&](const Checkpoint& c) { return d(c.runs); }, 0, NAN, false);
  row(
      "points loaded (w/o history key)", [&](const Checkpoint& c) { return d(c.points); }, 0, NAN,
      false);
  row(
      "ingest runs/s (segment, 2 requests)", [](const Checkpoint& c) { return c.runs_per_s; }, 0,
      NAN, false);
  row(
      "ingest points/s (segment)", [](const Checkpoint& c) { return c.points_per_s; }, 0, NAN,
      false);
  row(
      "load errors (segment)", [&](const Checkpoint& c) { return d(c.load_errors); }, 0, NAN,
      false);
  row(
      "db size MB", [&](const Checkpoint& c) { return c.db.bytes < 0 ? NAN : d(c.db.bytes) / 1e6; },
      1, point_ratio, true);
  row(
      "db bytes/point (runs included)",
      [&](const Checkpoint& c) {
        return c.db.bytes < 0 ? NAN : d(c.db.bytes) / d(c.points + o.history_points);
      },
      1, NAN, false);
  for (size_t i = 0; i < a.reads.size(); ++i) {
    const bool history = a.reads[i].name.rfind("history", 0) == 0;
    const double ratio = history ? point_ratio : run_ratio;
    row((a.reads[i].name + " p50 ms").c_str(), [&](const Checkpoint& c) { return c.reads[i].p50; },
        3, ratio, true);
    row((a.reads[i].name + " p99 ms").c_str(), [&](const Checkpoint& c) { return c.reads[i].p99; },
        3, ratio, true);
  }
  row(
      "read samples (fewest of the reads)",
      [&](const Checkpoint& c) {
        int64_t n = INT64_MAX;
        for (const auto& r : c.reads) n = std::min(n, r.n);
        return d(n);
      },
      0, NAN, false);
  row(
      "read errors",
      [&](const Checkpoint& c) {
        int64_t n = 0;
        for (const auto& r : c.reads) n += r.errors;
        return d(n);
      },
      0, NAN, false);
  row(
      "search items returned (1st answer)",
      [&](const Checkpoint& c) { return d(c.reads[0].items); }, 0, NAN, false);
  row(
      "server RSS MB", [&](const Checkpoint& c) { return d(c.rss_kib) / 1024.0; }, 1, run_ratio,
      true);
  row(
      "server idle RSS MB", [&](const Checkpoint& c) { return d(c.idle_rss_kib) / 1024.0; }, 1,
      run_ratio, true);
  row(
      "server peak RSS MB", [&](const Checkpoint& c) { return d(c.hwm_kib) / 1024.0; }, 1,
      run_ratio, true);
  row(
      "server CPU s (since start)", [](const Checkpoint& c) { return c.server_cpu_s; }, 1, NAN,
      false);
  row(
      "this tool's CPU s (since start)", [](const Checkpoint& c) { return c.client_cpu_s; }, 1, NAN,
      false);
}

std::string Json(const Options& o, const std::vector<Step>& steps,
                 const std::vector<Checkpoint>& cps, double history_rate,
                 const std::string& stopped, int64_t errors) {
  auto i = [](int64_t v) { return std::to_string(v); };
  std::string j = "{\n  \"benchmark\": \"scale_bench\",\n";
  j += "  \"storage\": \"" + o.storage.substr(0, o.storage.find(':')) + "\",\n";
  j += "  \"config\": {\"runs\": " + i(o.runs) + ", \"experiments\": " + i(o.experiments) +
       ", \"points\": " + i(o.points) + ", \"point_runs\": " + i(o.point_runs) +
       ", \"history_points\": " + i(o.history_points) + ", \"batch\": " + i(o.batch) +
       ", \"connections\": " + std::to_string(o.connections) +
       ", \"read_seconds\": " + Num(o.read_seconds) + ", \"read_requests\": " + i(o.read_requests) +
       ", \"max_seconds\": " + Num(o.max_seconds) + "},\n";
  j += "  \"history_load_points_per_s\": " + Num(history_rate, 0) + ",\n  \"steps\": [";
  for (size_t k = 0; k < steps.size(); ++k) {
    const Step& s = steps[k];
    j += std::string(k ? "," : "") + "\n    {\"percent\": " + i(static_cast<int64_t>(k + 1) * 10) +
         ", \"runs\": " + i(s.runs) +
         ", \"runs_per_s\": " + Num(s.runs_s > 0 ? s.runs / s.runs_s : 0, 1) +
         ", \"points\": " + i(s.points) +
         ", \"points_per_s\": " + Num(s.points_s > 0 ? s.points / s.points_s : 0, 1) +
         ", \"errors\": " + i(s.errors) + "}";
  }
  j += "\n  ],\n  \"checkpoints\": [";
  for (size_t k = 0; k < cps.size(); ++k) {
    const Checkpoint& c = cps[k];
    j += std::string(k ? "," : "") + "\n    {\"percent\": " + Num(c.percent, 1) +
         ", \"runs\": " + i(c.runs) + ", \"points\": " + i(c.points) +
         ", \"elapsed_s\": " + Num(c.elapsed_s, 1) + ", \"runs_per_s\": " + Num(c.runs_per_s, 1) +
         ", \"points_per_s\": " + Num(c.points_per_s, 1) +
         ", \"load_errors\": " + i(c.load_errors) +
         ",\n     \"db_bytes\": " + (c.db.bytes < 0 ? "null" : i(c.db.bytes)) +
         ", \"db_wal_bytes\": " + i(c.db.wal) + ", \"db_bytes_per_point\": " +
         (c.db.bytes < 0 ? "null"
                         : Num(static_cast<double>(c.db.bytes) /
                                   static_cast<double>(c.points + o.history_points),
                               2)) +
         ", \"rss_kib\": " + i(c.rss_kib) + ", \"idle_rss_kib\": " + i(c.idle_rss_kib) +
         ", \"peak_rss_kib\": " + i(c.hwm_kib) + ", \"server_cpu_s\": " + Num(c.server_cpu_s, 2) +
         ", \"client_cpu_s\": " + Num(c.client_cpu_s, 2) + ",\n     \"reads\": {";
    for (size_t r = 0; r < c.reads.size(); ++r) {
      const Read& x = c.reads[r];
      j += std::string(r ? "," : "") + "\n       \"" + x.name + "\": {\"n\": " + i(x.n) +
           ", \"errors\": " + i(x.errors) + ", \"p50_ms\": " + Num(x.p50) +
           ", \"p99_ms\": " + Num(x.p99) + ", \"max_ms\": " + Num(x.max) +
           ", \"bytes\": " + i(x.bytes) +
           (x.items >= 0 ? ", \"items\": " + i(x.items) : std::string()) + "}";
    }
    j += "}}";
  }
  j += "\n  ],\n  \"slope\": {";
  if (cps.size() > 1) {
    const Checkpoint& a = cps.front();
    const Checkpoint& z = cps.back();
    j += "\"runs_ratio\": " +
         Num(Ratio(static_cast<double>(z.runs), static_cast<double>(a.runs)), 3) +
         ", \"points_ratio\": " +
         Num(Ratio(static_cast<double>(z.points + o.history_points),
                   static_cast<double>(a.points + o.history_points)),
             3);
    for (size_t r = 0; r < a.reads.size(); ++r)
      j += ", \"" + a.reads[r].name + "_p50\": " + Num(Ratio(z.reads[r].p50, a.reads[r].p50), 3);
    j += ", \"rss\": " +
         Num(Ratio(static_cast<double>(z.rss_kib), static_cast<double>(a.rss_kib)), 3);
  }
  j += "},\n  \"stopped\": \"" + stopped + "\",\n  \"errors\": " + i(errors) + "\n}\n";
  return j;
}

}  // namespace

int main(int argc, char** argv) {
  ::signal(SIGPIPE, SIG_IGN);
  ::signal(SIGINT, OnSignal);
  ::signal(SIGTERM, OnSignal);
  Options o = ParseArgs(argc, argv);

  // The data dir: new (or empty), removed at the end unless --keep.
  fs::path dir;
  if (o.data_dir.empty()) {
    char tmpl[] = "/tmp/cairn-scale-XXXXXX";
    if (!::mkdtemp(tmpl)) Usage("cannot create a temporary data dir");
    dir = tmpl;
  } else {
    dir = fs::absolute(o.data_dir);
    std::error_code ec;
    if (fs::exists(dir) && !fs::is_empty(dir, ec)) Usage(dir.string() + " is not empty");
    fs::create_directories(dir, ec);
    if (ec) Usage("cannot create " + dir.string() + ": " + ec.message());
  }
  if (o.storage.empty()) o.storage = "sqlite://" + (dir / "cairn.db").string();
  const bool sqlite = o.storage.rfind("sqlite://", 0) == 0;
  auto cleanup = [&] {
    if (o.keep) {
      std::cerr << "data kept in " << dir << "\n";
    } else {
      std::error_code ec;
      fs::remove_all(dir, ec);
    }
  };

  const int64_t all_points = o.points + o.history_points;
  const int64_t estimate = 20 * all_points + 2048 * o.runs;
  const int64_t free_bytes = FreeBytes(dir);
  std::cerr << "data dir " << dir.string() << ": " << free_bytes / 1000000 << " MB free, ~"
            << estimate / 1000000 << " MB needed (20 B/point + 2 KB/run)"
            << (sqlite ? "" : "; the PostgreSQL data lives elsewhere") << "\n";
  if (sqlite && free_bytes >= 0 && free_bytes < estimate) {
    std::cerr << "scale_bench: not enough free disk; lower --runs/--points\n";
    cleanup();
    return 2;
  }

  std::optional<Server> server = StartServer(o, dir);
  if (!server) {
    cleanup();
    return 1;
  }
  const Tcp::endpoint ep(asio::ip::make_address("127.0.0.1"), server->port);
  std::cerr << "server pid " << server->pid << " port " << server->port << " on "
            << o.storage.substr(0, o.storage.find(':')) << "\n";
  SyncClient client(ep);
  Errors setup_errors;
  const auto t_start = Clock::now();

  for (int64_t e = 0; e < o.experiments; ++e) {
    Reply r = client.Do(http::verb::post, std::string(kApi) + "/experiments",
                        "{\"name\":\"" + ExperimentName(e) + "\"}");
    if (r.status != 201) setup_errors.Add("create experiment", r.status, r.body);
  }

  // The history key: one run, one key, loaded before everything else so every checkpoint reads
  // the same history.
  Reply hr = client.Do(http::verb::post, std::string(kApi) + "/runs",
                       "{\"experiment_name\":\"" + ExperimentName(0) + "\",\"name\":\"history\"}");
  const std::string history_run = hr.status == 201 ? RunIdOf(hr.body) : std::string();
  if (history_run.empty()) setup_errors.Add("create the history run", hr.status, hr.body);
  double history_rate = 0;
  {
    const std::string_view key = "history";
    const auto t0 = Clock::now();
    int64_t loaded = 0;
    for (int64_t first = 0; !history_run.empty() && first < o.history_points; first += o.batch) {
      const int64_t n = std::min(o.batch, o.history_points - first);
      Reply r = client.Do(http::verb::post, std::string(kApi) + "/runs/" + history_run + "/metrics",
                          PointsBody(&key, 1, first, n, static_cast<uint64_t>(first) + 7));
      if (r.status == 200)
        loaded += n;
      else
        setup_errors.Add("log history points", r.status, r.body);
    }
    history_rate = static_cast<double>(loaded) / Seconds(Clock::now() - t0);
  }

  if (setup_errors.count > 0) {  // e.g. a database that is not empty: the figures would lie
    std::cerr << "scale_bench: setup failed (" << setup_errors.count
              << " errors); the storage must be empty\n";
    StopServer(*server);
    cleanup();
    return 1;
  }

  std::vector<std::string> ids(static_cast<size_t>(o.runs));
  std::vector<Step> steps;
  std::vector<Checkpoint> cps;
  const auto deadline = Clock::now() + std::chrono::duration_cast<Clock::duration>(
                                           std::chrono::duration<double>(o.max_seconds));
  const int64_t batches = (o.points + o.batch - 1) / o.batch;
  int64_t runs_total = 0, points_total = 0, load_errors = 0;
  std::string stopped = "complete";
  size_t seg_begin = 0;  // first step since the previous checkpoint
  std::mt19937_64 rng(42);

  auto checkpoint = [&](double percent) {
    Checkpoint c;
    c.percent = percent;
    c.runs = runs_total;
    c.points = points_total;
    c.elapsed_s = Seconds(Clock::now() - t_start);
    double rs = 0, ps = 0;
    int64_t rn = 0, pn = 0;
    for (size_t k = seg_begin; k < steps.size(); ++k) {
      rs += steps[k].runs_s;
      ps += steps[k].points_s;
      rn += steps[k].runs;
      pn += steps[k].points;
      c.load_errors += steps[k].errors;
    }
    seg_begin = steps.size();
    c.runs_per_s = rs > 0 ? static_cast<double>(rn) / rs : 0;
    c.points_per_s = ps > 0 ? static_cast<double>(pn) / ps : 0;
    c.db = MeasureDb(o.storage);

    const std::string filter = "&filter=" + PercentEncode("metrics.m1 > 0.5") +
                               "&order_by=" + PercentEncode("metrics.m1 DESC") + "&limit=100";
    const std::string runs = std::string(kApi) + "/runs";
    std::vector<size_t> created;
    for (size_t k = 0; k < ids.size(); ++k)
      if (!ids[k].empty()) created.push_back(k);
    std::uniform_int_distribution<size_t> pick(0, created.empty() ? 0 : created.size() - 1);
    c.reads.push_back(MeasureRead(
        client, o, "search_experiment",
        [&](int64_t n) {
          return runs + "?experiment_name=" + ExperimentName(n % o.experiments) + filter;
        },
        "\"run_id\":"));
    c.reads.push_back(MeasureRead(
        client, o, "search_all", [&](int64_t) { return runs + "?" + filter.substr(1); },
        "\"run_id\":"));
    c.reads.push_back(MeasureRead(client, o, "get_run", [&](int64_t) {
      return created.empty() ? runs + "/none" : runs + "/" + ids[created[pick(rng)]];
    }));
    std::string history = runs + "/" + history_run + "/metrics/history";
    if (o.history_points > 0) {  // --history-points 0: no history key, no history reads
      c.reads.push_back(MeasureRead(client, o, "history_full", [&](int64_t) { return history; }));
      c.reads.push_back(MeasureRead(client, o, "history_1000",
                                    [&](int64_t) { return history + "?max_points=1000"; }));
    }
    c.reads.push_back(MeasureRead(client, o, "experiments", [&](int64_t) {
      return std::string(kApi) + "/experiments?limit=100";
    }));
    c.rss_kib = ProcKib(server->pid, "VmRSS:");
    c.hwm_kib = ProcKib(server->pid, "VmHWM:");
    // The server gives freed heap back about once a second after large releases (SPEC §8's idle
    // figure is taken with nothing running).
    std::this_thread::sleep_for(std::chrono::seconds(kIdleSeconds));
    c.idle_rss_kib = ProcKib(server->pid, "VmRSS:");
    c.server_cpu_s = CpuSeconds(std::to_string(server->pid));
    c.client_cpu_s = CpuSeconds("self");
    std::cerr << "checkpoint " << Num(percent, 1) << " %: " << c.runs << " runs, " << c.points
              << " points, " << Num(c.elapsed_s, 1) << " s\n";
    cps.push_back(std::move(c));
  };

  for (int s = 0; s < kSteps && stopped == "complete"; ++s) {
    Step st;
    RunWork rw(ids, o.runs * s / kSteps, o.runs * (s + 1) / kSteps, o.experiments, deadline,
               o.connections);
    auto t0 = Clock::now();
    RunLoad(rw, ep, o.connections);
    st.runs_s = Seconds(Clock::now() - t0);
    st.runs = rw.done;
    PointWork pw(o, ids, batches * s / kSteps, batches * (s + 1) / kSteps, deadline);
    t0 = Clock::now();
    RunLoad(pw, ep, o.connections);
    st.points_s = Seconds(Clock::now() - t0);
    st.points = pw.points;
    st.errors = rw.errors.count + pw.errors.count;
    runs_total += st.runs;
    points_total += st.points;
    load_errors += st.errors;
    if (st.runs > 0 || st.points > 0 || st.errors > 0) steps.push_back(st);

    if (!server->Alive())
      stopped = "server exited";
    else if (g_stop)
      stopped = "signal";
    else if (rw.cut || pw.cut || (s + 1 < kSteps && Clock::now() >= deadline))
      stopped = "max-seconds";
    if (stopped == "complete" && sqlite && s + 1 < kSteps) {
      const DbSize db = MeasureDb(o.storage);
      const int64_t need = db.bytes / (s + 1) * (kSteps - s - 1);
      if (db.bytes > 0 && FreeBytes(dir) < need + need / 10) stopped = "disk";
    }
    if (stopped == "server exited") break;
    const bool at_checkpoint =
        std::find(kCheckpointSteps.begin(), kCheckpointSteps.end(), s) != kCheckpointSteps.end();
    const bool progressed =
        cps.empty() || cps.back().runs != runs_total || cps.back().points != points_total;
    if (progressed && (at_checkpoint || stopped != "complete")) {
      // Progress of the phase that was cut: the runs, or the points that follow them.
      const double done = rw.cut || o.points == 0
                              ? static_cast<double>(runs_total) / static_cast<double>(o.runs)
                              : static_cast<double>(points_total) / static_cast<double>(o.points);
      checkpoint(stopped == "complete" ? (s + 1) * 10.0 : 100.0 * done);
    }
  }
  if (stopped != "complete") std::cerr << "loading stopped early: " << stopped << "\n";

  int64_t read_errors = 0;
  for (const auto& c : cps)
    for (const auto& r : c.reads) read_errors += r.errors;
  const int64_t errors = setup_errors.count + load_errors + read_errors;
  PrintTable(o, steps, cps, history_rate);
  std::printf("errors: %lld (setup %lld, load %lld, reads %lld); stopped: %s; %.1f s\n",
              static_cast<long long>(errors), static_cast<long long>(setup_errors.count),
              static_cast<long long>(load_errors), static_cast<long long>(read_errors),
              stopped.c_str(), Seconds(Clock::now() - t_start));
  std::fflush(stdout);
  if (!o.json_path.empty()) {
    std::ofstream out(o.json_path);
    out << Json(o, steps, cps, history_rate, stopped, errors);
    if (!out) std::cerr << "scale_bench: cannot write " << o.json_path << "\n";
  }
  const int exit_status = StopServer(*server);
  if (exit_status != 0) {
    std::ifstream log(dir / "server.log");
    std::cerr << "server exit status " << exit_status << "; its log:\n" << log.rdbuf() << "\n";
  }
  cleanup();
  return errors == 0 && exit_status == 0 && stopped != "server exited" ? 0 : 1;
}
