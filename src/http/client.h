// HttpClient: a small synchronous HTTP/1.1 client for the `cairn` command line.
//
// One connection to one origin (http:// or https://), kept alive across requests and reopened
// when the server closed it. HTTPS verifies the server's certificate chain against the system
// store (or a given CA bundle) and its host name. Bodies go out from memory or are streamed from
// a file with progress callbacks; replies come back into memory (bounded) or, for 2xx replies,
// are streamed into a file. Every connect, read and write step has a timeout.
//
// Like the rest of http/, this is the only place Beast and Asio are seen; callers get plain
// strings. Thread safety: one client per thread (not internally synchronised).
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/status.h"

namespace cairn::http {

using HeaderList = std::vector<std::pair<std::string, std::string>>;

struct ClientOptions {
  std::chrono::milliseconds connect_timeout{10000};
  // Bound on each read or write step (not on a whole transfer: big uploads take what they take).
  std::chrono::milliseconds io_timeout{120000};
  // PEM bundle to verify servers against instead of the system store ("" = system store).
  std::string ca_file;
  std::string user_agent = "cairn";
  // Replies kept in memory larger than this fail with ResourceExhausted.
  uint64_t max_reply_bytes = 1ull << 30;
};

struct ClientRequest {
  std::string method = "GET";
  std::string target;    // origin-form, already percent-encoded: /api/v1/x?y=1
  HeaderList headers{};  // Host, User-Agent and Content-Length are added
  std::string body{};
  // Stream this file as the body instead of `body`.
  std::optional<std::string> body_file{};
  // Called after each chunk of a streamed body: bytes sent so far, total bytes.
  std::function<void(uint64_t, uint64_t)> on_progress{};
  // Write a 2xx reply's body into this file (created or truncated) instead of memory.
  std::optional<std::string> download_file{};
};

struct ClientResponse {
  int status = 0;
  HeaderList headers;  // names as sent by the server
  std::string body;    // empty when the body went to download_file
  uint64_t body_bytes = 0;
  // First header with that name (case-insensitive); nullopt when absent.
  std::optional<std::string> Header(std::string_view name) const;
};

class HttpClient {
 public:
  // `base_url` is `http[s]://host[:port][/prefix]`; the prefix is prepended to every target.
  // Errors: InvalidArgument for a URL that is not absolute http(s) or has a query or fragment;
  // InvalidArgument when ca_file cannot be loaded.
  static Result<std::unique_ptr<HttpClient>> Create(std::string_view base_url,
                                                    ClientOptions options = {});
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // Sends one request and reads its reply. A reused keep-alive connection that turns out to be
  // closed is reopened and the request sent again, once.
  // Errors: Unavailable (resolve, connect, TLS handshake or certificate, I/O, timeout — the
  // message says which); InvalidArgument for a body_file that cannot be read or a
  // download_file that cannot be written; ResourceExhausted for an in-memory reply over
  // max_reply_bytes.
  Result<ClientResponse> Send(const ClientRequest& request);

  // Closes the connection (the next request opens a new one).
  void Disconnect();

  // "http" or "https", host, port and path prefix of the base URL.
  const std::string& scheme() const;
  const std::string& host() const;
  uint16_t port() const;

 private:
  struct Impl;
  explicit HttpClient(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// Percent-encodes everything but RFC 3986 unreserved characters (for one path segment or one
// query value). With keep_slash, '/' stays as is (for multi-segment paths like artifact paths).
[[nodiscard]] std::string PercentEncode(std::string_view s, bool keep_slash = false);

}  // namespace cairn::http
