// Private to http/: one client connection. A Session runs on its own strand: it reads ahead up
// to max_pipelined requests, routes each one after its header (so the body limit and the body
// sink — memory or a temporary file — are the route's), runs their handlers one at a time in
// order on the worker pool (or inline for inline routes) and writes the responses in request
// order through a ResponseWriter (a produced body's next piece is asked for on a worker once
// the previous one is written). While the bytes it buffers (ServerOptions::max_buffered_bytes)
// exceed the budget it neither reads nor handles further requests. Timeouts come from a coarse
// per-session tick against deadlines (no timer re-arming per request): header, idle keep-alive,
// body (no progress, minimum rate, total time for in-memory bodies) and write deadlines, and a
// bounded lingering close after a response that ends the connection.
//
// A session started with kOverCapacity answers 503 at once and closes: the listener's way to
// refuse connections beyond max_connections without resetting them.
//
// Thread safety: every method runs on the session's strand (HttpServer posts Shutdown/Close
// there); workers only touch the Exchange they were given, then post back.
#pragma once

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <vector>

#include "http/internal/request_parser.h"
#include "http/internal/response_writer.h"
#include "http/internal/server_core.h"

namespace cairn::http::internal {

class Session : public std::enable_shared_from_this<Session> {
 public:
  enum class Mode { kServe, kOverCapacity };

  Session(Core& core, boost::asio::ip::tcp::socket socket, Mode mode = Mode::kServe);
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  // Registers with the core and starts reading (or answering 503).
  void Start();
  // Graceful stop: idle connections close now, busy ones after their last response.
  void Shutdown();
  // Closes the socket now.
  void Close();

  boost::asio::any_io_executor executor() { return socket_.get_executor(); }

 private:
  enum class Phase { kIdle, kHeader, kBody, kNone };

  // Timeouts.
  void ArmTick();
  void OnTick();
  void SetReadPhase(Phase phase);

  // Reading.
  void MaybeRead();
  void ParseHeader();
  void ReadSome(size_t chunk, bool body);
  void OnRead(const boost::beast::error_code& ec, size_t n, bool body);
  void RejectMalformed(const boost::beast::error_code& ec);
  void OnHeaderDone();
  bool OpenBodyFile();
  void CloseBodyFile();
  static void RemoveBodyFile(Exchange& ex);
  void SendContinue();
  void ParseBody();
  void TooLarge(uint64_t limit);
  void SlowBody();
  void FinishEarly(bool close = false);

  // Handlers.
  void Enqueue();
  void DispatchNext();
  void OnHandlerDone(Exchange* ex);
  bool AdmitCompute(Exchange& ex);
  bool ComputeFull() const;
  Response ComputeBusy(const Request& req) const;
  void RunCompute(Exchange* ex);
  void CancelQueued();  // marks every exchange of the connection cancelled
  uint64_t BufferedBytes() const;

  // Writing.
  void MaybeWrite();
  void WriteNext();
  void OnWrite(const boost::beast::error_code& ec);
  void PullNext();
  void OnPulled(Exchange* ex, const Status& s);
  void Complete();
  void LingeringClose();
  void Record(const Exchange& ex);

  // Exchange bookkeeping.
  void Discard(Exchange& ex);
  std::unique_ptr<Exchange> Acquire();
  void Release(std::unique_ptr<Exchange> ex);

  Core& core_;
  Mode mode_;
  boost::asio::ip::tcp::socket socket_;
  boost::asio::steady_timer tick_;
  boost::beast::flat_buffer buffer_;
  std::optional<RequestParser> parser_;
  std::unique_ptr<Exchange> reading_;  // the request being read; moves into queue_
  uint64_t body_limit_ = 0;
  std::deque<std::unique_ptr<Exchange>> queue_;
  std::vector<std::unique_ptr<Exchange>> pool_;
  ResponseWriter writer_;
  Phase phase_ = Phase::kNone;
  SteadyClock::time_point read_deadline_ = SteadyClock::time_point::max();
  SteadyClock::time_point write_deadline_ = SteadyClock::time_point::max();
  // Body progress: bytes received in the current rate window, and the whole body's deadline.
  SteadyClock::time_point body_window_start_;
  uint64_t body_window_bytes_ = 0;
  SteadyClock::time_point body_deadline_ = SteadyClock::time_point::max();
  bool first_request_ = true;
  bool read_pending_ = false;
  bool handler_running_ = false;
  bool writing_ = false;
  bool pulling_ = false;     // a worker produces the next piece of the response being written
  bool responding_ = false;  // the front exchange's response is being written (Begin was called)
  bool stop_reading_ = false;
  bool closed_ = false;
  bool lingering_ = false;
  uint64_t lingered_ = 0;
  SteadyClock::time_point linger_deadline_;
};

}  // namespace cairn::http::internal
