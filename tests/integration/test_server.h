// TestServer: one logical Cairn server for a test — a temp data dir, a storage backend
// (SQLite or a fresh PostgreSQL database) and the `cairn serve` process, restartable on the same
// data (for crash tests). Call() sends one request over a kept-alive connection.
//
// Thread safety: Call() uses one connection and is not thread-safe; other threads open their
// own RawConnection on port().
#pragma once

#include <boost/json.hpp>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/status.h"
#include "tests/integration/raw_http.h"
#include "tests/integration/server_process.h"

namespace cairn::testing {

using Headers = std::vector<std::pair<std::string, std::string>>;

class TestServer {
 public:
  // Errors: those of StorageBackend::Create and ServerProcess::Start.
  static Result<std::unique_ptr<TestServer>> Start(BackendKind kind,
                                                   std::vector<std::string> extra_args = {});
  ~TestServer();

  // Starts a new process on the same data dir and database (the old one must have exited).
  Status Restart();

  ServerProcess& process() { return *process_; }
  uint16_t port() const { return process_->port(); }
  const std::string& data_dir() const { return dir_.path(); }
  BackendKind kind() const { return backend_->kind(); }
  const std::string& storage_uri() const { return backend_->uri(); }

  // One request; reconnects once if the kept-alive connection was closed by the server.
  Result<RawReply> Call(std::string_view method, std::string_view target,
                        std::string_view body = "", const Headers& headers = {});
  // Call with a JSON body and Content-Type: application/json.
  Result<RawReply> CallJson(std::string_view method, std::string_view target,
                            const boost::json::value& body, Headers headers = {});

 private:
  TestServer() = default;

  TempDir dir_;
  std::unique_ptr<StorageBackend> backend_;
  std::vector<std::string> extra_args_;
  std::unique_ptr<ServerProcess> process_;
  std::unique_ptr<RawConnection> conn_;
};

}  // namespace cairn::testing
