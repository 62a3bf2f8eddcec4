// HttpServer: Boost.Beast/Asio listener + sessions in front of a Router.
//
// I/O threads accept and read requests; handlers run on a worker pool (unless the route is
// inline) and responses are posted back to the session's strand. Keep-alive, a body limit (413),
// header/read/idle timeouts, a pipelining cap, one access-log line per request, and graceful
// shutdown: Stop() stops accepting, lets in-flight requests finish (bounded by drain_timeout),
// then returns.
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
  int worker_threads = 4;
  uint64_t max_body_bytes = 16ull << 20;      // in-memory bodies
  uint64_t max_file_body_bytes = 8ull << 30;  // streamed uploads
  int header_timeout_ms = 10000;
  int read_timeout_ms = 60000;
  int idle_timeout_ms = 60000;
  int max_pipelined = 16;  // requests read ahead of the response being written
  int drain_timeout_ms = 30000;
  std::string temp_dir;  // where streamed bodies go (must exist)
  bool access_log = true;
  // Catch SIGINT/SIGTERM from Start() on (RunUntilSignal then only waits). Off for embedded and
  // test servers, on for `cairn serve`.
  bool handle_signals = false;
  RequestObserver* observer = nullptr;  // not owned, may be null
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
