// Private to http/: the accept loop. A Listener owns the listening socket on its own strand and
// starts one Session per accepted connection (TCP_NODELAY set). Beyond max_connections, an
// accepted connection gets a session that only answers 503 (Retry-After: 1) and closes; if 64 of
// those are already busy, it is closed at once. Accept errors (out of descriptors and the like)
// back off briefly instead of spinning; once the server is stopping, new connections are closed
// at once.
//
// Thread safety: Open before the I/O threads run; Start and Stop post onto the strand.
#pragma once

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core/error.hpp>
#include <cstdint>
#include <memory>
#include <string>

#include "common/status.h"
#include "http/internal/server_core.h"

namespace cairn::http::internal {

class Listener {
 public:
  explicit Listener(Core& core);

  // Opens, binds and listens on core.options.host:port (port 0 picks one).
  // Errors: Unavailable for an invalid address or when the bind fails.
  Status Open();
  // The bound port (after Open).
  uint16_t port() const { return port_; }
  // The strand the acceptor runs on (also used for the server's signal set).
  boost::asio::strand<boost::asio::io_context::executor_type>& strand() { return strand_; }

  // Starts accepting (posted to the strand).
  void Start();
  // Stops accepting: closes the listening socket (posted to the strand).
  void Stop();

 private:
  void Accept();
  void OnAccept(const boost::beast::error_code& ec, boost::asio::ip::tcp::socket socket);

  Core& core_;
  boost::asio::strand<boost::asio::io_context::executor_type> strand_;
  boost::asio::ip::tcp::acceptor acceptor_;
  boost::asio::steady_timer retry_timer_;
  uint16_t port_ = 0;
};

}  // namespace cairn::http::internal
