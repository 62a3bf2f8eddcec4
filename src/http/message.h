// Transport-neutral request and response types. Domains and handlers see only these; Beast and
// Asio stay inside the http/ translation units that implement the server.
//
// Thread safety: plain values.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/principal.h"
#include "common/safe_dir.h"
#include "common/status.h"

namespace cairn::http {

enum class Method { kGet, kHead, kPost, kPut, kPatch, kDelete, kOptions, kOther };
std::string_view MethodName(Method m);

struct Request {
  Method method = Method::kGet;
  std::string target;                                      // raw target, e.g. /api/v1/x?y=1
  std::string path;                                        // percent-decoded path without the query
  std::vector<std::pair<std::string, std::string>> query;  // decoded, in order
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-cased
  std::string body;  // in-memory body (empty for streamed routes)
  // For routes registered with RouteOptions::stream_body_to_file: the temporary file holding the
  // body (the handler may rename it; the server removes it afterwards if it still exists).
  std::optional<std::string> body_file;
  std::map<std::string, std::string> path_params;  // filled by the router
  std::string request_id;
  // The peer's address as text (IP without port), when the transport provides it; empty
  // otherwise. Used to key per-address limits (login attempts).
  std::string remote_address;
  // Who is calling: set by Router::Invoke for the duration of the handler (http/access.h). Reset
  // at the start of every Invoke, so a pooled Request never carries a previous caller.
  std::optional<Principal> principal;

  // First header with that (lower-case) name.
  std::optional<std::string_view> Header(std::string_view lower_name) const;
  // First query parameter with that name.
  std::optional<std::string_view> Query(std::string_view name) const;
  const std::string& Param(const std::string& name) const;  // path parameter (must exist)
};

// A response body produced piece by piece while it is written, for bodies too big to hold (the
// full metric history). The handler does its checks and its first read in its own transaction
// and returns a Response::Streamed; the server then asks the producer for the next piece only
// once the previous one has been written to the socket, so a client that reads slowly (or not
// at all) holds at most one piece plus the connection's buffer budget, never the whole body.
//
// Framing: Content-Length when `Response::stream_length` is known; otherwise chunked transfer
// encoding for HTTP/1.1 clients and, for HTTP/1.0 clients, a body delimited by closing the
// connection. A HEAD request gets the same head and never calls the producer.
//
// Next runs on a worker thread (never on an I/O thread), one call at a time per response, with
// the request's cancellation flag in scope (common/cancellation.h: it turns true when the client
// disconnects) and its request id on log lines. The first piece is asked for before anything is
// written: an error there becomes the normal problem+json answer. An error after that (or a
// disconnect) ends the connection without the end of the body, so the client sees a truncated
// response rather than a wrong one.
//
// What a producer must not do: hold a storage transaction between calls — the client decides
// how long a stream lasts. Each call that needs storage opens its own short transaction; the
// domain picks data that such reads see consistently (immutable rows fixed by the first read).
//
// Thread safety: used by one thread at a time (the server serializes the calls).
class BodyProducer {
 public:
  virtual ~BodyProducer() = default;
  // Appends the next piece of the body to `out` (empty on entry). Leaving `out` empty ends the
  // body. Pieces of 64 KiB to a few MiB are the useful range. Errors: any (see above).
  virtual Status Next(std::string& out) = 0;
};

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  // When set, the server streams this file as the body (body must be empty).
  std::optional<std::string> file_path;
  // When set, the server streams this already open file (from its start) as the body instead:
  // files under the data directory are opened by the handler without following links
  // (common/safe_dir.h); body must be empty and file_path unset.
  std::shared_ptr<const files::UniqueFd> file;
  // When set, the body is this immutable buffer, shared with other responses instead of copied
  // into each (big constant documents: /openapi.json); `body` must be empty.
  std::shared_ptr<const std::string> shared_body;
  // When set, the body comes from this producer while it is written (see BodyProducer); `body`
  // must be empty and no file or shared body set. `stream_length`, when known, is the exact
  // total it produces (sent as Content-Length; a producer that yields another total gets its
  // connection closed).
  std::shared_ptr<BodyProducer> stream;
  std::optional<uint64_t> stream_length;

  // The bytes of the body: `shared_body` when set, else `body` (not the file).
  std::string_view BodyView() const { return shared_body ? *shared_body : body; }

  static Response Json(int status, std::string body);
  static Response Text(int status, std::string content_type, std::string body);
  // A response whose body is shared, not copied (see shared_body).
  static Response Shared(int status, std::string content_type,
                         std::shared_ptr<const std::string> body);
  // A response whose body `producer` yields while it is written (see BodyProducer).
  static Response Streamed(int status, std::string content_type,
                           std::unique_ptr<BodyProducer> producer,
                           std::optional<uint64_t> length = std::nullopt);
  static Response NoContent();
};

// Fills req.path (percent-decoded) and req.query (decoded, `+` as space) from req.target.
// Errors: InvalidArgument for a target that is not origin-form (`/...`), a bad percent escape, a
// decoded NUL, or a decoded path or query parameter that is not valid UTF-8.
[[nodiscard]] Status ParseTarget(Request& req);

// Decodes %XX escapes (and `+` as space when `plus_as_space`). nullopt on a malformed escape.
[[nodiscard]] std::optional<std::string> PercentDecode(std::string_view s, bool plus_as_space);

// Standard reason phrase ("Not Found"); "Unknown" for codes it does not know.
[[nodiscard]] std::string_view ReasonPhrase(int status);

// Maps a Status to its HTTP status code. The one place this mapping lives.
int HttpStatusFor(StatusCode code);

// RFC 9457 problem+json for a non-OK status. `instance` is the request path (replaced by "/"
// when it is not valid UTF-8, so the body is always valid JSON).
// Body: {"type","title","status","detail","instance","code"} plus "errors":[{"field","message"}]
// when the status carries field errors. `type` is "https://cairn.dev/problems/<code>" with
// <code> the stable StatusCodeName (e.g. "not_found"). For Internal the detail is generic: the
// real message is never sent to the client.
Response Problem(const Status& status, std::string_view instance);
// The same body with another HTTP status than HttpStatusFor(code) — for transport answers with
// no StatusCode of their own (408, 431, 503 at the connection cap). `status` and `title` in the
// body follow `http_status`; `type` and `code` stay the status code's.
Response Problem(const Status& status, std::string_view instance, int http_status);

}  // namespace cairn::http
