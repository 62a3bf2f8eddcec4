#include "tests/integration/server_process.h"

#include <fcntl.h>
#include <libpq-fe.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/url.hpp>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <thread>

#ifndef CAIRN_BINARY
#error "CAIRN_BINARY must name the cairn executable"
#endif

namespace cairn::testing {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

constexpr int kKillGraceMs = 5000;
constexpr size_t kLogTailBytes = 4000;

std::string RandomSuffix() {
  std::random_device rd;
  std::mt19937_64 gen((static_cast<uint64_t>(rd()) << 32) ^ rd() ^
                      static_cast<uint64_t>(::getpid()));
  static constexpr char kAlphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789";
  std::string s;
  for (int i = 0; i < 12; ++i) s += kAlphabet[gen() % (sizeof(kAlphabet) - 1)];
  return s;
}

Status ExecAdmin(const std::string& admin_url, const std::string& sql) {
  PGconn* conn = PQconnectdb(admin_url.c_str());
  if (PQstatus(conn) != CONNECTION_OK) {
    std::string msg = PQerrorMessage(conn);
    PQfinish(conn);
    return Unavailable("cannot connect to CAIRN_TEST_PG_URL: " + msg);
  }
  PGresult* res = PQexec(conn, sql.c_str());
  bool ok = PQresultStatus(res) == PGRES_COMMAND_OK;
  std::string msg = ok ? "" : PQerrorMessage(conn);
  PQclear(res);
  PQfinish(conn);
  if (!ok) return Unavailable(sql + ": " + msg);
  return Status::Ok();
}

}  // namespace

TempDir::TempDir() {
  const char* base = std::getenv("TMPDIR");
  std::string tmpl = std::string(base && *base ? base : "/tmp") + "/cairn-it-XXXXXX";
  std::vector<char> buf(tmpl.begin(), tmpl.end());
  buf.push_back('\0');
  // mkdtemp only fails on a bad template or an unwritable TMPDIR: both are setup bugs.
  char* made = ::mkdtemp(buf.data());
  if (made == nullptr) std::abort();
  path_ = made;
}

TempDir::~TempDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

std::string BackendName(BackendKind kind) {
  return kind == BackendKind::kSqlite ? "sqlite" : "postgres";
}

std::vector<BackendKind> AvailableBackends() {
  std::vector<BackendKind> kinds{BackendKind::kSqlite};
  const char* pg = std::getenv("CAIRN_TEST_PG_URL");
  if (pg != nullptr && *pg != '\0') kinds.push_back(BackendKind::kPostgres);
  return kinds;
}

Result<std::unique_ptr<StorageBackend>> StorageBackend::Create(BackendKind kind,
                                                               const std::string& data_dir) {
  if (kind == BackendKind::kSqlite) {
    return std::unique_ptr<StorageBackend>(
        new StorageBackend(kind, "sqlite://" + data_dir + "/cairn.db", "", ""));
  }
  const char* admin = std::getenv("CAIRN_TEST_PG_URL");
  if (admin == nullptr || *admin == '\0') {
    return FailedPrecondition("CAIRN_TEST_PG_URL is not set");
  }
  auto parsed = boost::urls::parse_uri(admin);
  if (!parsed) return FailedPrecondition("CAIRN_TEST_PG_URL is not a URI");
  std::string db_name = "cairn_it_" + RandomSuffix();
  RETURN_IF_ERROR(ExecAdmin(admin, "CREATE DATABASE " + db_name));
  boost::urls::url url(*parsed);
  url.set_path("/" + db_name);
  return std::unique_ptr<StorageBackend>(
      new StorageBackend(kind, std::string(url.buffer()), admin, db_name));
}

StorageBackend::~StorageBackend() {
  if (kind_ != BackendKind::kPostgres) return;
  // Best effort: a leftover test database is harmless, and the server is stopped by now.
  (void)ExecAdmin(admin_url_, "DROP DATABASE IF EXISTS " + db_name_ + " WITH (FORCE)");
}

std::optional<uint16_t> ParseListeningLine(const std::string& line) {
  static constexpr std::string_view kPrefix = "listening on http://";
  if (line.rfind(kPrefix, 0) != 0) return std::nullopt;
  std::string rest = line.substr(kPrefix.size());
  while (!rest.empty() && std::isspace(static_cast<unsigned char>(rest.back()))) rest.pop_back();
  auto colon = rest.rfind(':');
  if (colon == std::string::npos || colon + 1 == rest.size()) return std::nullopt;
  uint32_t port = 0;
  for (char c : rest.substr(colon + 1)) {
    if (c < '0' || c > '9') return std::nullopt;
    port = port * 10 + static_cast<uint32_t>(c - '0');
    if (port > 65535) return std::nullopt;
  }
  if (port == 0) return std::nullopt;
  return static_cast<uint16_t>(port);
}

std::optional<int64_t> ReadRssKib(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("VmRSS:", 0) == 0) {
      std::istringstream fields(line.substr(6));
      int64_t kib = 0;
      if (fields >> kib) return kib;
    }
  }
  return std::nullopt;
}

Result<std::unique_ptr<ServerProcess>> ServerProcess::Start(const ServerProcessOptions& options) {
  // CAIRN_SERVER_BINARY runs the suite against another build (e.g. to measure a change).
  const char* override_binary = std::getenv("CAIRN_SERVER_BINARY");
  std::string binary =
      override_binary != nullptr && *override_binary ? override_binary : CAIRN_BINARY;
  std::vector<std::string> args = {binary, "serve",      "--host",         "127.0.0.1", "--port",
                                   "0",    "--data-dir", options.data_dir, "--storage"};
  args.push_back(options.storage_uri.empty() ? "sqlite://" + options.data_dir + "/cairn.db"
                                             : options.storage_uri);
  args.insert(args.end(), options.extra_args.begin(), options.extra_args.end());

  std::unique_ptr<ServerProcess> proc(new ServerProcess());
  proc->log_path_ = options.data_dir + "/server-" + RandomSuffix() + ".log";

  int out_pipe[2];
  if (::pipe2(out_pipe, O_CLOEXEC) != 0) return Internal("pipe failed");
  int log_fd = ::open(proc->log_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (log_fd < 0) {
    ::close(out_pipe[0]);
    ::close(out_pipe[1]);
    return Internal("cannot create " + proc->log_path_);
  }

  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);

  const pid_t parent = ::getpid();
  pid_t pid = ::fork();
  if (pid < 0) {
    ::close(out_pipe[0]);
    ::close(out_pipe[1]);
    ::close(log_fd);
    return Internal("fork failed");
  }
  if (pid == 0) {
    // Child: only async-signal-safe calls until exec. The server is killed when the test
    // process ends, even by a crash (Linux sends the signal when the thread that forked ends;
    // tests start servers from their main thread). A parent already gone is checked after.
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent) ::_exit(127);
    ::dup2(out_pipe[1], STDOUT_FILENO);
    ::dup2(log_fd, STDERR_FILENO);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  ::close(out_pipe[1]);
  ::close(log_fd);
  proc->pid_ = pid;
  proc->stdout_fd_ = out_pipe[0];

  // Read the first line of stdout within the deadline.
  std::string line;
  auto deadline = Clock::now() + std::chrono::milliseconds(options.startup_timeout_ms);
  while (line.find('\n') == std::string::npos) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() <= 0) break;
    pollfd pfd{proc->stdout_fd_, POLLIN, 0};
    int n = ::poll(&pfd, 1, static_cast<int>(left.count()));
    if (n <= 0) continue;
    char buf[256];
    ssize_t got = ::read(proc->stdout_fd_, buf, sizeof(buf));
    if (got <= 0) break;  // EOF: the server exited
    line.append(buf, static_cast<size_t>(got));
  }
  proc->stdout_ = line;
  line = line.substr(0, line.find('\n'));
  auto port = ParseListeningLine(line);
  if (!port) {
    proc->Kill();
    return Unavailable("cairn serve did not announce its port (first line: '" + line +
                       "'); log:\n" + proc->Log());
  }
  proc->port_ = *port;
  return proc;
}

ServerProcess::~ServerProcess() {
  if (pid_ > 0 && !wait_status_) Terminate(kKillGraceMs * 6);
  if (stdout_fd_ >= 0) ::close(stdout_fd_);
}

std::optional<int> ServerProcess::WaitFor(int timeout_ms) {
  if (wait_status_) return wait_status_;
  auto deadline = Clock::now() + std::chrono::milliseconds(timeout_ms);
  while (true) {
    int status = 0;
    pid_t r = ::waitpid(pid_, &status, WNOHANG);
    if (r == pid_) {
      wait_status_ = status;
      return wait_status_;
    }
    if (r < 0) return std::nullopt;
    if (Clock::now() >= deadline) return std::nullopt;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

std::optional<int> ServerProcess::Terminate(int timeout_ms) {
  if (wait_status_) return wait_status_;
  ::kill(pid_, SIGTERM);
  auto status = WaitFor(timeout_ms);
  if (!status) {
    Kill();
    return std::nullopt;
  }
  return status;
}

void ServerProcess::Kill() {
  if (wait_status_ || pid_ <= 0) return;
  ::kill(pid_, SIGKILL);
  int status = 0;
  if (::waitpid(pid_, &status, 0) == pid_) wait_status_ = status;
}

bool ServerProcess::Exited() { return WaitFor(0).has_value(); }

std::string ServerProcess::Log() const {
  std::ifstream in(log_path_);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (text.size() > kLogTailBytes) text = "..." + text.substr(text.size() - kLogTailBytes);
  return text;
}

std::string ServerProcess::FullLog() const {
  std::ifstream in(log_path_);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

std::string ServerProcess::Stdout() {
  while (stdout_fd_ >= 0) {
    pollfd pfd{stdout_fd_, POLLIN, 0};
    if (::poll(&pfd, 1, 0) <= 0) break;
    char buf[4096];
    ssize_t got = ::read(stdout_fd_, buf, sizeof(buf));
    if (got <= 0) break;
    stdout_.append(buf, static_cast<size_t>(got));
  }
  return stdout_;
}

}  // namespace cairn::testing
