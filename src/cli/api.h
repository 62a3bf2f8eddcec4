// Api: the CLI's view of the Cairn HTTP API — JSON requests and replies over one keep-alive
// connection, streamed uploads and downloads, credentials on every request, and error replies
// (RFC 9457 problem+json) turned into a Status whose code decides the exit code.
//
// Credentials: `Authorization: Bearer <token>` whenever a token is configured; `X-Cairn-User`
// when a user name is configured (honoured only by servers running without authentication).
// Thread-compatible (one per process).
#pragma once

#include <boost/json.hpp>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "cli/config.h"
#include "common/status.h"
#include "http/client.h"

namespace cairn::cli {

struct Reply {
  int status = 0;
  std::string body;         // exactly as received
  boost::json::value json;  // parsed body (null when empty or not JSON)
  http::HeaderList headers;
  std::optional<std::string> Header(std::string_view name) const;
};

// The StatusCode an HTTP error status stands for (400 → InvalidArgument, 404 → NotFound,
// 409 → FailedPrecondition, 412 → Aborted, 401 → Unauthenticated, 403 → PermissionDenied, 5xx →
// Unavailable or Internal, …).
[[nodiscard]] StatusCode CodeForHttpStatus(int status);

// An error reply as a Status: "<title> (<status>): <detail>" and the problem's errors[] as
// field errors. Bodies that are not problem+json still give a Status with the HTTP status.
[[nodiscard]] Status StatusFromReply(int status, std::string_view body);

// Builds "?a=1&b=x%20y" from the values that are set ("" when none is).
class Query {
 public:
  Query& Add(std::string_view name, const std::optional<std::string>& value);
  Query& Add(std::string_view name, const std::optional<int64_t>& value);
  std::string str() const { return text_; }

 private:
  std::string text_;
};

class Api {
 public:
  // Errors: InvalidArgument for a bad URL or CA file.
  static Result<std::unique_ptr<Api>> Create(const Settings& settings);

  const Settings& settings() const { return settings_; }

  // A JSON request. 2xx replies are returned; others become a Status (see StatusFromReply).
  // Errors: as StatusFromReply, and Unavailable for transport failures (with a hint).
  Result<Reply> Call(std::string_view method, const std::string& target,
                     const boost::json::value* body = nullptr, http::HeaderList headers = {});
  Result<Reply> Get(const std::string& target) { return Call("GET", target); }
  Result<Reply> Post(const std::string& target, const boost::json::value& body) {
    return Call("POST", target, &body);
  }
  // PATCH with `If-Match` when a revision is given.
  Result<Reply> Patch(const std::string& target, const boost::json::value& body,
                      std::optional<int64_t> if_match = std::nullopt);

  // Streams a file as the body (progress: bytes sent, total).
  Result<Reply> Upload(std::string_view method, const std::string& target, const std::string& file,
                       const std::string& content_type,
                       std::function<void(uint64_t, uint64_t)> progress = {});
  // Streams a 2xx body into `file`; error replies come back as a Status.
  Result<Reply> Download(const std::string& target, const std::string& file);

  // Sends a prepared request as is (identity commands use it for cookies and CSRF headers).
  Result<Reply> Raw(http::ClientRequest request);

 private:
  Api(Settings settings, std::unique_ptr<http::HttpClient> client)
      : settings_(std::move(settings)), client_(std::move(client)) {}
  Result<Reply> Finish(Result<http::ClientResponse> r);
  void AddCredentials(http::HeaderList& headers) const;

  Settings settings_;
  std::unique_ptr<http::HttpClient> client_;
};

}  // namespace cairn::cli
