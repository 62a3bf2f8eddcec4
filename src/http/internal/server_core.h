// Private to http/: the state HttpServer's pieces share. Core is what the listener and every
// session see (options, router, I/O context, worker pool, the in-flight count and the session
// registry Stop() walks); Exchange is one request/response pair moving through a session.
//
// Thread safety: Core's options, router, ioc and workers are set before the I/O threads start
// and only read afterwards; `mu` guards `inflight` and `sessions`. An Exchange belongs to its
// session's strand, except while a worker runs its handler (the session does not touch it then).
#pragma once

#include <algorithm>
#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/thread_pool.hpp>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "http/internal/memory_reclaimer.h"
#include "http/message.h"
#include "http/router.h"
#include "http/server.h"

namespace cairn::http::internal {

using SteadyClock = std::chrono::steady_clock;

class Session;

// Request bodies bigger than this are not kept for the next request of the connection.
inline constexpr size_t kRetainedBodyCapacity = 64 * 1024;

// One request/response pair. Pooled per session so buffers keep their capacity.
struct Exchange {
  Request req;
  Response res;
  Router::Match match;
  SteadyClock::time_point start;
  int version = 11;
  bool keep_alive = true;
  bool ready = false;
  bool counted = false;      // included in Core::inflight
  bool close_after = false;  // the connection closes after this response
  bool dispatched = false;   // its handler started (or it was answered without one)
  // Set on the session's strand when the client disconnects (EOF or reset) or the connection
  // closes; read by the handler's thread (common/cancellation.h).
  std::atomic<bool> cancelled{false};
  std::string head;           // serialized status line + headers
  bool head_pending = false;  // ResponseWriter: the head is still to be written
  bool send_body = false;     // ResponseWriter: the in-memory body goes out
  uint64_t body_offset = 0;   // ResponseWriter: bytes of the in-memory body written
  int file_fd = -1;           // response file being streamed
  uint64_t file_offset = 0;
  uint64_t file_remaining = 0;
  // A produced body (Response::stream): the piece being written, how much of it went out,
  // whether the producer said it was done, the framing and the bytes sent so far.
  std::string chunk;
  size_t chunk_offset = 0;
  bool streaming = false;     // ResponseWriter: the producer's pieces go out
  bool stream_done = false;   // the producer returned an empty piece
  bool chunked = false;       // Transfer-Encoding: chunked
  bool trailer_sent = false;  // the last chunk ("0\r\n\r\n") went out
  uint64_t stream_sent = 0;
  std::string frame;  // the chunk-size line of the slice being written

  // Bytes this exchange keeps in memory for its connection: the request body until its handler
  // ran, then the response body until it is written (a shared body costs nothing extra).
  uint64_t BufferedBytes() const {
    uint64_t request = dispatched ? 0 : req.body.size();
    uint64_t response = ready ? res.body.size() - std::min<uint64_t>(body_offset, res.body.size())
                              : 0;  // a shared body lives in res.shared_body, not res.body
    uint64_t piece = chunk.size() - std::min(chunk_offset, chunk.size());
    return request + response + piece;
  }

  void Reset() {
    req.method = Method::kGet;
    req.target.clear();
    req.path.clear();
    req.query.clear();
    if (req.body.capacity() > kRetainedBodyCapacity) {
      std::string().swap(req.body);
    } else {
      req.body.clear();
    }
    req.body_file.reset();
    req.path_params.clear();
    req.request_id.clear();
    res = Response();
    match = Router::Match();
    version = 11;
    keep_alive = true;
    ready = false;
    counted = false;
    close_after = false;
    dispatched = false;
    cancelled.store(false, std::memory_order_relaxed);
    head.clear();
    head_pending = false;
    send_body = false;
    body_offset = 0;
    file_fd = -1;
    file_offset = 0;
    file_remaining = 0;
    if (chunk.capacity() > kRetainedBodyCapacity) {
      std::string().swap(chunk);
    } else {
      chunk.clear();
    }
    chunk_offset = 0;
    streaming = false;
    stream_done = false;
    chunked = false;
    trailer_sent = false;
    stream_sent = 0;
    frame.clear();
  }
};

struct Core {
  static constexpr std::chrono::milliseconds kMinTick{5};
  static constexpr std::chrono::milliseconds kMaxTick{1000};

  ServerOptions options;
  const Router& router;
  std::chrono::milliseconds tick;  // how often sessions check their deadlines
  std::unique_ptr<boost::asio::io_context> ioc;
  std::unique_ptr<boost::asio::thread_pool> workers;  // reads (GET, HEAD, reads_only routes)
  std::unique_ptr<boost::asio::thread_pool> writers;  // every other request (MayWrite)
  std::unique_ptr<boost::asio::thread_pool> compute;  // RouteOptions::compute handlers
  std::atomic<int> compute_admitted{0};         // compute requests running or waiting for a thread
  std::atomic<int64_t> compute_micros_ewma{0};  // recent compute handler time (Retry-After)
  std::atomic<bool> stopping{false};

  std::mutex mu;  // guards inflight and sessions
  std::condition_variable cv;
  int64_t inflight = 0;
  std::unordered_map<Session*, std::weak_ptr<Session>> sessions;
  std::atomic<int> connections{0};  // sessions serving requests
  std::atomic<int> rejecting{0};    // sessions answering 503 at the connection cap
  MemoryReclaimer reclaimer;
  std::atomic<uint64_t> requests{0};  // requests started, ever (the idle release watches it)

  Core(ServerOptions opts, const Router& r) : options(std::move(opts)), router(r) {
    int shortest = std::min({options.header_timeout_ms, options.read_timeout_ms,
                             options.idle_timeout_ms, options.write_timeout_ms});
    tick = std::clamp(std::chrono::milliseconds(shortest / 4), kMinTick, kMaxTick);
    if (options.max_pipelined < 1) options.max_pipelined = 1;
    if (options.max_connections < 1) options.max_connections = 1;
    if (options.write_timeout_ms < 1) options.write_timeout_ms = 1;
    if (options.compute_threads < 1) options.compute_threads = 1;
    if (options.write_threads < 1) options.write_threads = 1;
    if (options.compute_queue < 0) options.compute_queue = 0;
    if (options.temp_dir.empty()) {
      std::error_code ec;
      options.temp_dir = std::filesystem::temp_directory_path(ec).string();
      if (ec) options.temp_dir = "/tmp";
    }
  }

  void AddInflight() {
    requests.fetch_add(1, std::memory_order_relaxed);
    std::lock_guard lock(mu);
    ++inflight;
  }
  void RemoveInflight() {
    std::lock_guard lock(mu);
    if (--inflight == 0) cv.notify_all();
  }
};

}  // namespace cairn::http::internal
