// Private to http/: the request side of the wire. RequestParser is a Beast basic_parser that
// writes the request line and fields straight into an Exchange's Request (no beast::http::fields
// allocation per header) and the body into memory or into a file descriptor chosen by the session
// after routing. Plus request ids (X-Request-Id) and the method mapping.
//
// Thread safety: a parser belongs to one session; the free functions are thread-safe.
#pragma once

#include <boost/beast/http/basic_parser.hpp>
#include <boost/beast/http/verb.hpp>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/status.h"
#include "http/internal/server_core.h"

namespace cairn::http::internal {

inline constexpr size_t kMaxRequestIdLength = 64;

Method ToMethod(boost::beast::http::verb v);

// A client-supplied X-Request-Id is kept when it is 1-64 characters of [A-Za-z0-9._-].
[[nodiscard]] bool SaneRequestId(std::string_view id);
// A fresh random id: 16 lower-case hex digits.
void NewRequestId(std::string& out);

// What Beast accepts but a server must refuse (RFC 9112): a defect in the request head.
struct RequestDefect {
  Status status;          // the 400 to answer
  bool close_connection;  // the body's framing cannot be trusted: read nothing more
};

// Checks a parsed head: Transfer-Encoding must be exactly `chunked` (one field, one coding;
// `gzip`, `xchunked`, `chunked, gzip` are refused since Beast would frame them as no body or
// as chunked and the bytes after the header could become a smuggled request), never on HTTP/1.0
// and never together with Content-Length (§6.1, §6.3); HTTP/1.1 needs exactly one Host (§3.2).
// Transfer-Encoding defects close the connection.
[[nodiscard]] std::optional<RequestDefect> CheckRequestHead(const Request& req, int version);

class RequestParser final : public boost::beast::http::basic_parser<true> {
 public:
  explicit RequestParser(Exchange& ex) : ex_(ex) {}

  // Where the body goes: -1 = into Request::body, else this (owned by the session) descriptor.
  int file_fd = -1;
  // Writing to file_fd failed (the parser error is then io_error).
  bool sink_failed = false;

 private:
  void on_request_impl(boost::beast::http::verb method, boost::beast::string_view method_str,
                       boost::beast::string_view target, int version,
                       boost::beast::error_code& ec) override;
  void on_response_impl(int code, boost::beast::string_view reason, int version,
                        boost::beast::error_code& ec) override;
  void on_field_impl(boost::beast::http::field f, boost::beast::string_view name,
                     boost::beast::string_view value, boost::beast::error_code& ec) override;
  void on_header_impl(boost::beast::error_code& ec) override;
  void on_body_init_impl(const boost::optional<std::uint64_t>& length,
                         boost::beast::error_code& ec) override;
  size_t on_body_impl(boost::beast::string_view body, boost::beast::error_code& ec) override;
  void on_chunk_header_impl(std::uint64_t size, boost::beast::string_view extensions,
                            boost::beast::error_code& ec) override;
  size_t on_chunk_body_impl(std::uint64_t remain, boost::beast::string_view body,
                            boost::beast::error_code& ec) override;
  void on_finish_impl(boost::beast::error_code& ec) override;

  size_t Sink(boost::beast::string_view body, boost::beast::error_code& ec);

  Exchange& ex_;
  size_t fields_ = 0;  // header fields parsed so far (Request::headers keeps its capacity)
};

}  // namespace cairn::http::internal
