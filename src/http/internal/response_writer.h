// Private to http/: the response side of the wire. ResponseWriter turns one Exchange's Response
// into the buffers a session writes: the head (status line and headers, with Date, Server,
// X-Request-Id, Content-Length and Connection) gathered with the first 256 KiB of the in-memory
// (or shared) body and the rest in 256 KiB slices written straight from the response — never
// copied —, or the head and then the response file in 64 KiB chunks read with pread, or the
// head and then a producer's pieces (Response::stream), each written in slices of at most
// 256 KiB — as chunks of the chunked transfer encoding unless the length is known or the client
// speaks HTTP/1.0 (then the connection closes after the body). The writer never calls the
// producer: when it needs the next piece it says so (Step::need_more) and the session fills
// Exchange::chunk on a worker. Header names and values that could inject a header are dropped.
//
// Thread safety: a writer belongs to one session (its chunk buffer is reused).
#pragma once

#include <array>
#include <boost/asio/buffer.hpp>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "http/internal/server_core.h"

namespace cairn::http::internal {

// 1xx, 204 and 304 responses carry no body (and no Content-Length).
[[nodiscard]] bool BodyForbidden(int status);
// IMF-fixdate for the Date header, formatted at most once per second per thread.
[[nodiscard]] std::string_view HttpDate();
[[nodiscard]] bool ValidHeaderName(std::string_view s);
[[nodiscard]] bool ValidHeaderValue(std::string_view s);
void AppendUint(std::string& out, uint64_t v);

class ResponseWriter {
 public:
  static constexpr size_t kFileChunk = 64 * 1024;
  static constexpr size_t kBodySlice = 256 * 1024;

  struct Step {
    std::array<boost::asio::const_buffer, 4> buffers;
    bool done = false;  // nothing left to write: the response is complete
    // The response file could not be read, or a producer yielded more or less than its declared
    // length: close the connection.
    bool failed = false;
    // The piece in Exchange::chunk is written: the producer must fill it again (leaving it
    // empty when the body is complete, then set stream_done) before the next call.
    bool need_more = false;
  };

  // Prepares the exchange's response for writing: opens its file (a file that cannot be opened
  // becomes a 404 problem, logged), and serializes the head into ex.head. For a produced body,
  // ex.chunk already holds the first piece (stream_done when there is none); an HTTP/1.0
  // response of unknown length sets ex.close_after.
  void Begin(Exchange& ex);
  // The next buffers to write for the exchange Begin prepared.
  Step Next(Exchange& ex);

 private:
  enum class Framing { kLength, kChunked, kClose };
  static void SerializeHead(Exchange& ex, Framing framing, uint64_t length);
  Step NextPiece(Exchange& ex);

  std::vector<char> chunk_;
};

}  // namespace cairn::http::internal
