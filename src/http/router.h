// Router: maps method + path template (`/api/v1/runs/{run_id}/metrics/{key}`) to a handler.
// A final `{name...}` segment captures the rest of the path (artifact paths).
// No match: 404; path matches but not the method: 405 with `Allow`.
// Handlers return Response; a handler that throws is answered 500 with a generic message and the
// exception is logged with the request id (the one last-resort catch).
// Every route declares who may call it (RouteOptions::access, or the access resolver the
// composition root installs); the router authenticates and authorises in Find and Invoke before
// any handler runs (http/access.h) and adds the security headers to every response it makes.
//
// Thread safety: the access control, resolver and routes are set before the server starts;
// Find/Invoke/Dispatch are then thread-safe.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "http/access.h"
#include "http/message.h"

namespace cairn::http {

using Handler = std::function<Response(Request&)>;

struct RouteOptions {
  // Body is streamed to a temporary file (Request::body_file) instead of memory, with a larger
  // limit (ServerOptions::max_file_body_bytes). For uploads.
  bool stream_body_to_file = false;
  // Body must have one of these content types (checked before the handler: 415 otherwise).
  // Empty = no body expected/checked. "application/json" is the usual value.
  std::vector<std::string> content_types;
  // Runs directly on the I/O thread instead of the worker pool. Only for handlers that never
  // block (health checks, metrics, static files); such routes must be public.
  bool inline_handler = false;
  // A heavy computation (drift over whole datasets, historical joins, dataset ingestion, inline
  // evaluations): runs on the compute pool (ServerOptions::compute_threads) instead of the
  // worker pool, so reads and CRUD keep their latency; beyond ServerOptions::compute_queue
  // waiting, it is answered 503 with Retry-After. Its handler can stop early when the client
  // disconnects (common/cancellation.h).
  bool compute = false;
  // Only reads, though its method is not GET or HEAD (a search sent as POST): runs on the reader
  // pool (ServerOptions::worker_threads) like GET routes, not on the writer pool.
  bool reads_only = false;
  // Who may call the route. Unset: asked of the router's access resolver when the route is added;
  // a route that ends up without a declaration is reported by Router::AccessProblems (a startup
  // failure) and refused when authentication is required.
  std::optional<RouteAccess> access = std::nullopt;
};

struct RouteInfo {
  Method method;
  std::string pattern;
  const RouteOptions* options;
};

// 415 problem when the route declares content types, the request carries a body (or announces
// one via Content-Length > 0 / Transfer-Encoding) and its media type (case-insensitive) is not
// among them, or it names a charset other than UTF-8 (`; charset=latin1`); nullopt when
// acceptable.
[[nodiscard]] std::optional<Response> CheckContentType(const Request& req,
                                                       const RouteOptions& options);

class Router {
 public:
  Router();
  ~Router();
  Router(const Router&) = delete;
  Router& operator=(const Router&) = delete;

  void Add(Method method, std::string pattern, Handler handler, RouteOptions options = {});

  // Declares access for routes added without RouteOptions::access (phase 1: one central table
  // keyed by method and pattern). Install before adding routes.
  using AccessResolver = std::function<std::optional<RouteAccess>(Method, std::string_view)>;
  void SetAccessResolver(AccessResolver resolver);
  // How requests are authenticated. Default: AuthMode::kOff (identity from X-Cairn-User).
  void SetAccessControl(AccessControl control);
  const AccessControl& access_control() const;

  // One line per route without an access declaration, and per inline route that needs a role.
  // Empty when the route table is complete.
  std::vector<std::string> AccessProblems() const;

  // Finds the route for a request (fills req.path_params). Returns null and sets `error` to a
  // 404/405 response when there is none, or to the refusal of PreCheckAccess (400 for a bad
  // X-Cairn-User with auth off, 401 for a request without credentials with auth required).
  struct Match {
    const Handler* handler = nullptr;
    const RouteOptions* options = nullptr;
    std::string pattern;  // the matched template, for metrics labels
  };
  // The path is taken from req.target when set (split, then each segment percent-decoded, so an
  // encoded `/` stays inside its parameter), else from req.path. Literal segments win over
  // `{param}`, which wins over `{rest...}`; HEAD falls back to GET. Paths with a `.` or `..`
  // segment (also when percent-encoded), a NUL or a segment that is not valid UTF-8 are
  // answered 400.
  Match Find(Request& req, Response* error) const;

  // Find + content-type check + handler call + last-resort catch. Fills req.path/req.query from
  // req.target first when req.path is empty. For in-process callers (tests): a streamed body
  // (Response::stream) is gathered into `body`.
  Response Dispatch(Request& req) const;

  // Authorises the request (AuthorizeRequest: 401/403/429 before the handler), then calls the
  // handler with the principal current for the thread, inside the last-resort catch: an
  // exception is logged with the request id and answered 500 with a generic problem. The handler
  // runs inside a log::ScopedRequestId, so every line it (or a driver below it) logs carries
  // req.request_id. The server uses Find + CheckContentType + Invoke separately because it
  // routes before reading the body.
  Response Invoke(const Match& match, Request& req) const;

  std::vector<RouteInfo> Routes() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace cairn::http
