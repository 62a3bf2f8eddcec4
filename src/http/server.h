// HttpServer: Boost.Beast/Asio listener + sessions in front of a Router.
//
// I/O threads accept and read requests; handlers run on a worker pool (unless the route is
// inline) and responses are posted back to the session's strand. Keep-alive, a body limit (413),
// header/read/idle/write timeouts, a minimum body rate, one access-log line per request, and
// graceful shutdown: Stop() stops accepting, lets in-flight requests finish (bounded by
// drain_timeout), then returns.
//
// What one client can hold is bounded: a connection reads ahead at most max_pipelined requests
// and stops reading and handling further ones while the bytes it buffers (responses not yet
// written, request bodies not yet handled) exceed max_buffered_bytes; its handlers run one at a
// time, in order. Beyond max_connections open connections, a new one is answered 503 and
// closed. Freed memory goes back to the OS (malloc_trim) once large buffers were released.
//
// Streamed bodies (Response::Streamed, http/message.h BodyProducer): the next piece is produced
// on a worker only once the previous one is written, and counts against max_buffered_bytes
// while it waits; chunked for HTTP/1.1, Content-Length when known, close-delimited for HTTP/1.0.
//
// Admission control: routes marked RouteOptions::compute run on their own small pool with a
// bounded queue (503 + Retry-After beyond it), so a burst of heavy requests neither starves
// ordinary ones nor holds unbounded memory. A handler's request is cancelled
// (common/cancellation.h) when its client disconnects; a compute request still waiting then is
// never run.
//
// Thread safety: Start/Stop from one controlling thread.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "common/status.h"
#include "http/router.h"

namespace cairn::http {

// Observes every finished request (for /metrics). Called on an I/O or worker thread.
class RequestObserver {
 public:
  virtual ~RequestObserver() = default;
  virtual void OnRequest(Method method, const std::string& route_pattern, int status,
                         int64_t micros) = 0;
};

struct ServerOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 8500;  // 0 = pick a free port
  int io_threads = 2;
  // Handlers run on two pools: `worker_threads` for reads (GET and HEAD requests, and routes
  // marked RouteOptions::reads_only), `write_threads` for every other request. On SQLite, write
  // transactions queue for the one writer and commit in groups of those waiting; with their own
  // threads, a burst of writers neither holds up reads nor is capped in group size by the reader
  // count (2 cores, a search while the 64-client sweep writes: p50 28-35 ms with one 4-thread
  // pool, 1.3-1.7 ms with 4 readers and 16 writers).
  int worker_threads = 4;
  int write_threads = 16;
  // Heavy computations (RouteOptions::compute): threads that run them, and how many more may
  // wait for a thread; beyond, 503 with Retry-After.
  int compute_threads = 1;
  int compute_queue = 8;
  uint64_t max_body_bytes = 16ull << 20;      // in-memory bodies
  uint64_t max_file_body_bytes = 8ull << 30;  // streamed uploads
  int header_timeout_ms = 10000;
  int read_timeout_ms = 60000;  // a request body making no progress at all
  int idle_timeout_ms = 60000;
  // Each write (at most 256 KiB of a body in memory, or a 64 KiB file chunk) must finish within
  // this: a client that stops reading, or reads slower than ~17 KiB/s, is disconnected.
  int write_timeout_ms = 15000;
  // A body kept in memory must arrive completely within this (streamed uploads are only bound
  // by the minimum rate).
  int body_timeout_ms = 120000;
  // While a body is read, every 5 s window must bring at least 5 x this many bytes (0: off).
  uint32_t min_body_rate = 1024;  // bytes per second
  int max_pipelined = 16;         // requests read ahead of the response being written
  // Per connection: responses waiting to be written plus request bodies waiting for their
  // handler. Beyond it, no further pipelined request is read or handled until the client has
  // read enough.
  uint64_t max_buffered_bytes = 4ull << 20;
  // Open connections; beyond it (and beyond what RLIMIT_NOFILE allows) new ones get a 503.
  int max_connections = 4096;
  int drain_timeout_ms = 30000;
  std::string temp_dir;  // where streamed bodies go (must exist)
  bool access_log = true;
  // Catch SIGINT/SIGTERM from Start() on (RunUntilSignal then only waits). Off for embedded and
  // test servers, on for `cairn serve`.
  bool handle_signals = false;
  RequestObserver* observer = nullptr;  // not owned, may be null
  // Called on a worker thread once the server has served requests and then had none for
  // kIdleReleaseSeconds (again after each later burst), before the heap is trimmed: where the
  // application gives back what its caches hold for idle resources. May be empty.
  std::function<void()> on_idle;
  static constexpr int kIdleReleaseSeconds = 2;
};

class HttpServer {
 public:
  HttpServer(ServerOptions options, const Router& router);
  ~HttpServer();

  // Binds and starts the I/O and worker threads. Errors: Unavailable if the bind fails.
  Status Start();
  // The bound port (after Start).
  uint16_t port() const;
  // Blocks until SIGINT/SIGTERM arrives, then drains and stops.
  void RunUntilSignal();
  // Graceful stop, idempotent: closes the listener and idle connections, lets in-flight requests
  // finish and be answered (waiting at most drain_timeout_ms), then closes every connection and
  // joins the threads. Handlers already running past the drain timeout are still waited for
  // (threads cannot be cancelled); handlers not yet started are dropped.
  void Stop();

 private:
  struct Impl;
  static void InstallSignalHandler(Impl& s);
  std::unique_ptr<Impl> impl_;
};

}  // namespace cairn::http
