// RawConn: a blocking POSIX connection for the HTTP server's tests, so they control exactly
// which bytes go out and when, read responses with Beast's parser, and see when the server
// closes. Test-only. Thread safety: one RawConn per thread.
#pragma once

#include <sys/types.h>

#include <boost/beast/http.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace cairn::http::testing {

class RawConn {
 public:
  // Connects to 127.0.0.1:port. `receive_buffer` > 0 sets SO_RCVBUF before connecting (a
  // client that reads slowly, or not at all, then fills up quickly).
  explicit RawConn(uint16_t port, int receive_buffer = 0);
  ~RawConn();
  RawConn(const RawConn&) = delete;
  RawConn& operator=(const RawConn&) = delete;

  bool connected() const { return connected_; }

  // False when the peer is gone.
  bool Send(std::string_view data);
  // Reads some bytes into the pending buffer; 0 on EOF, -1 on timeout or error.
  ssize_t ReadSome(int timeout_ms);
  // Parses one response (skips the body for HEAD). nullopt on timeout, EOF or parse error.
  std::optional<boost::beast::http::response<boost::beast::http::string_body>> ReadResponse(
      bool head = false, int timeout_ms = 5000);
  // True when the server closes the connection within the timeout (bytes read are kept).
  bool ClosedWithin(int timeout_ms);
  // The bytes read and not yet parsed (a test may inspect or consume them).
  std::string& pending() { return pending_; }

 private:
  int fd_ = -1;
  bool connected_ = false;
  std::string pending_;
};

}  // namespace cairn::http::testing
