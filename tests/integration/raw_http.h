// A blocking HTTP/1.1 connection over a raw socket, for tests that need byte-level control: send
// half a request, send a malformed one, keep one connection alive across requests.
//
// Thread safety: one RawConnection per thread.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/status.h"

namespace cairn::testing {

struct RawReply {
  int status = 0;
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-cased
  std::string body;

  std::optional<std::string> Header(std::string_view lower_name) const;
};

class RawConnection {
 public:
  // Errors: Unavailable when the connection is refused. `receive_buffer` > 0 sets SO_RCVBUF
  // before connecting (a client that reads slowly, or not at all, fills up quickly).
  static Result<std::unique_ptr<RawConnection>> Connect(uint16_t port, int timeout_ms = 30000,
                                                        int receive_buffer = 0);
  ~RawConnection();
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;

  // Errors: Unavailable when the peer closed the connection.
  Status Send(std::string_view bytes);
  // Reads exactly one response (Content-Length or chunked). Errors: Unavailable on EOF/timeout
  // before a complete response.
  Result<RawReply> ReadReply();

  // Builds a request with Host, Content-Length (when a body is given) and the extra headers.
  static std::string Build(std::string_view method, std::string_view target, std::string_view body,
                           const std::vector<std::pair<std::string, std::string>>& headers = {});

  // Send(Build(...)) + ReadReply().
  Result<RawReply> Roundtrip(std::string_view method, std::string_view target,
                             std::string_view body = "",
                             const std::vector<std::pair<std::string, std::string>>& headers = {});

 private:
  explicit RawConnection(int fd, int timeout_ms) : fd_(fd), timeout_ms_(timeout_ms) {}
  // Reads more bytes into buffer_. False on EOF/timeout/error.
  bool Fill();

  int fd_;
  int timeout_ms_;
  std::string buffer_;
};

}  // namespace cairn::testing
