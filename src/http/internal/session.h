// Private to http/: one client connection. A Session runs on its own strand: it reads ahead up
// to max_pipelined requests, routes each one after its header (so the body limit and the body
// sink — memory or a temporary file — are the route's), runs handlers on the worker pool (or
// inline for inline routes) and writes the responses in request order through a ResponseWriter.
// Timeouts come from a coarse per-session tick against deadlines (no timer re-arming per
// request): header, idle keep-alive, body and write deadlines, and a bounded lingering close
// after a response that ends the connection.
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
  Session(Core& core, boost::asio::ip::tcp::socket socket);
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  // Registers with the core and starts reading.
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
  void FinishEarly(bool close = false);

  // Handlers.
  void StartHandler();

  // Writing.
  void MaybeWrite();
  void WriteNext();
  void OnWrite(const boost::beast::error_code& ec);
  void Complete();
  void LingeringClose();
  void Record(const Exchange& ex);

  // Exchange bookkeeping.
  void Discard(Exchange& ex);
  std::unique_ptr<Exchange> Acquire();
  void Release(std::unique_ptr<Exchange> ex);

  Core& core_;
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
  bool first_request_ = true;
  bool read_pending_ = false;
  bool writing_ = false;
  bool stop_reading_ = false;
  bool closed_ = false;
  bool lingering_ = false;
  uint64_t lingered_ = 0;
  SteadyClock::time_point linger_deadline_;
};

}  // namespace cairn::http::internal
