// HttpClient: a small synchronous HTTP/1.1 keep-alive client for integration tests and
// benchmarks. One connection, reused across requests and re-opened when the server closed it.
//
// Include as "support/http_client.h". Thread safety: one client per thread.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/status.h"

namespace cairn::test {

class HttpClient {
 public:
  HttpClient(std::string host, uint16_t port);
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  struct Reply {
    int status = 0;
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;  // names as sent by the server
    // First header with that name (case-insensitive); "" when absent.
    std::string Header(std::string_view name) const;
  };

  // Sends one request and reads the reply. A body gets `Content-Type: application/json` unless
  // `headers` sets a Content-Type. When a reused connection turns out to be closed by the server
  // the request is retried once on a new connection.
  // Errors: Unavailable for connection or I/O failures (including a server that closes the
  // connection without answering).
  Result<Reply> Request(std::string_view method, std::string_view target,
                        std::string_view body = "",
                        std::vector<std::pair<std::string, std::string>> headers = {});

  // Drops the connection (the next request reconnects).
  void Disconnect();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace cairn::test
