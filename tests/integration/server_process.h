// Test harness for integration tests: runs the real `cairn serve` binary as a child process.
//
// TempDir owns a fresh directory under $TMPDIR (removed with its contents on destruction).
// StorageBackend hands out storage URIs: SQLite inside a data dir, or, when the environment
// variable CAIRN_TEST_PG_URL names a PostgreSQL admin URL, a freshly created database
// `cairn_it_<random>` (dropped again on destruction). ServerProcess forks/execs the binary given
// by the CAIRN_BINARY compile definition (or the CAIRN_SERVER_BINARY environment variable, to
// run the tests against another build), reads the first stdout line to learn the port, and on
// destruction stops the server with SIGTERM (SIGKILL after a grace period). A server is also
// killed when the thread that started it ends (a crashed test leaves none running), so start
// servers from a thread that outlives them, such as the test's own.
//
// Thread safety: none of these classes is thread-safe; ServerProcess::port() and pid() may be
// read from other threads once Start() has returned.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/status.h"

namespace cairn::testing {

class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

enum class BackendKind { kSqlite, kPostgres };
std::string BackendName(BackendKind kind);

// The backends this test run covers: SQLite always, PostgreSQL when CAIRN_TEST_PG_URL is set.
std::vector<BackendKind> AvailableBackends();

// One database for one logical server (which may be restarted on it).
class StorageBackend {
 public:
  // Errors: Unavailable when the PostgreSQL admin connection or CREATE DATABASE fails;
  // FailedPrecondition when kPostgres is asked for without CAIRN_TEST_PG_URL.
  static Result<std::unique_ptr<StorageBackend>> Create(BackendKind kind,
                                                        const std::string& data_dir);
  ~StorageBackend();
  StorageBackend(const StorageBackend&) = delete;
  StorageBackend& operator=(const StorageBackend&) = delete;

  BackendKind kind() const { return kind_; }
  const std::string& uri() const { return uri_; }

 private:
  StorageBackend(BackendKind kind, std::string uri, std::string admin_url, std::string db_name)
      : kind_(kind),
        uri_(std::move(uri)),
        admin_url_(std::move(admin_url)),
        db_name_(std::move(db_name)) {}

  BackendKind kind_;
  std::string uri_;
  std::string admin_url_;  // PostgreSQL only
  std::string db_name_;    // PostgreSQL only
};

struct ServerProcessOptions {
  std::string data_dir;     // must exist
  std::string storage_uri;  // empty: sqlite://<data_dir>/cairn.db
  std::vector<std::string> extra_args;
  int startup_timeout_ms = 10000;
};

class ServerProcess {
 public:
  // Spawns `cairn serve --host 127.0.0.1 --port 0 ...` and waits for its "listening on" line.
  // Errors: Internal when fork/exec fails; Unavailable when the server exits or does not
  // announce its port within the timeout (the message includes the tail of its log).
  static Result<std::unique_ptr<ServerProcess>> Start(const ServerProcessOptions& options);

  // Terminate() if still running; SIGKILL if it does not exit within the grace period.
  ~ServerProcess();
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  uint16_t port() const { return port_; }
  pid_t pid() const { return pid_; }
  const std::string& log_path() const { return log_path_; }

  // Sends SIGTERM and waits up to timeout_ms. Returns the raw waitpid status, or nullopt when
  // the process was still alive at the deadline (it is then SIGKILLed and reaped).
  std::optional<int> Terminate(int timeout_ms = 30000);
  // Waits up to timeout_ms for the process to exit, without signalling it. Returns the raw
  // waitpid status, or nullopt when it is still running.
  std::optional<int> WaitFor(int timeout_ms);
  // SIGKILL + reap (a crash).
  void Kill();
  // Whether the child has exited (reaps it if so).
  bool Exited();
  // The server's stderr so far (for failure messages).
  std::string Log() const;
  // Everything the server wrote so far: its whole stderr, and its stdout (the first line and
  // whatever it wrote after, read without blocking). For tests that grep the output.
  std::string FullLog() const;
  std::string Stdout();

 private:
  ServerProcess() = default;

  pid_t pid_ = -1;
  int stdout_fd_ = -1;
  uint16_t port_ = 0;
  std::string log_path_;
  std::string stdout_;  // what has been read from stdout_fd_
  std::optional<int> wait_status_;
};

// Parses "listening on http://HOST:PORT" (trailing whitespace allowed). nullopt otherwise.
std::optional<uint16_t> ParseListeningLine(const std::string& line);

// Resident set size of a process from /proc/PID/status (VmRSS), in KiB.
std::optional<int64_t> ReadRssKib(pid_t pid);

}  // namespace cairn::testing
