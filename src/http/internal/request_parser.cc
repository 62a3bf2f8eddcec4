#include "http/internal/request_parser.h"

#include <unistd.h>

#include <algorithm>
#include <boost/beast/http/error.hpp>
#include <cerrno>
#include <random>

namespace cairn::http::internal {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;

Method ToMethod(bhttp::verb v) {
  switch (v) {
    case bhttp::verb::get:
      return Method::kGet;
    case bhttp::verb::head:
      return Method::kHead;
    case bhttp::verb::post:
      return Method::kPost;
    case bhttp::verb::put:
      return Method::kPut;
    case bhttp::verb::patch:
      return Method::kPatch;
    case bhttp::verb::delete_:
      return Method::kDelete;
    case bhttp::verb::options:
      return Method::kOptions;
    default:
      return Method::kOther;
  }
}

bool SaneRequestId(std::string_view id) {
  if (id.empty() || id.size() > kMaxRequestIdLength) return false;
  for (char c : id) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_' || c == '.';
    if (!ok) return false;
  }
  return true;
}

void NewRequestId(std::string& out) {
  thread_local std::mt19937_64 rng{std::random_device{}()};
  static constexpr char kHex[] = "0123456789abcdef";
  uint64_t v = rng();
  out.resize(16);
  for (int i = 0; i < 16; ++i) {
    out[i] = kHex[v & 0xF];
    v >>= 4;
  }
}

namespace {

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = (a[i] >= 'A' && a[i] <= 'Z') ? static_cast<char>(a[i] + 32) : a[i];
    if (x != b[i]) return false;
  }
  return true;
}

std::string_view TrimOws(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

std::optional<RequestDefect> CheckRequestHead(const Request& req, int version) {
  int hosts = 0;
  int transfer_encodings = 0;
  bool chunked_only = true;
  bool content_length = false;
  for (const auto& [name, value] : req.headers) {
    if (name == "host") {
      ++hosts;
    } else if (name == "transfer-encoding") {
      ++transfer_encodings;
      if (!EqualsIgnoreCase(TrimOws(value), "chunked")) chunked_only = false;
    } else if (name == "content-length") {
      content_length = true;
    }
  }
  if (transfer_encodings > 0) {
    std::string_view why;
    if (version < 11) {
      why = "Transfer-Encoding is not allowed on HTTP/1.0";
    } else if (transfer_encodings > 1 || !chunked_only) {
      why = "unsupported Transfer-Encoding (only a single `chunked` is accepted)";
    } else if (content_length) {
      why = "Transfer-Encoding and Content-Length together";
    }
    if (!why.empty()) return RequestDefect{InvalidArgument(std::string(why)), true};
  }
  if (version >= 11 && hosts != 1) {
    return RequestDefect{
        InvalidArgument(hosts == 0 ? "HTTP/1.1 request without Host" : "more than one Host"),
        false};
  }
  return std::nullopt;
}

void RequestParser::on_request_impl(bhttp::verb method, beast::string_view /*method_str*/,
                                    beast::string_view target, int version,
                                    beast::error_code& /*ec*/) {
  ex_.req.method = ToMethod(method);
  ex_.req.target.assign(target.data(), target.size());
  ex_.version = version;
}

void RequestParser::on_response_impl(int /*code*/, beast::string_view /*reason*/, int /*version*/,
                                     beast::error_code& ec) {
  ec = bhttp::error::bad_version;  // requests only
}

void RequestParser::on_field_impl(bhttp::field /*f*/, beast::string_view name,
                                  beast::string_view value, beast::error_code& /*ec*/) {
  auto& headers = ex_.req.headers;
  if (fields_ == headers.size()) headers.emplace_back();
  auto& [n, v] = headers[fields_++];
  n.resize(name.size());
  for (size_t i = 0; i < name.size(); ++i) {
    char c = name[i];
    n[i] = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
  }
  v.assign(value.data(), value.size());
}

void RequestParser::on_header_impl(beast::error_code& /*ec*/) { ex_.req.headers.resize(fields_); }

void RequestParser::on_body_init_impl(const boost::optional<std::uint64_t>& length,
                                      beast::error_code& /*ec*/) {
  // Content-Length is the client's claim: reserve at most this much up front (a larger body
  // grows as it arrives, within the route's limit), so a claim of 2^64 - 2 bytes can neither
  // throw length_error nor allocate before the limit is checked (found by fuzz_http_request).
  constexpr std::uint64_t kMaxReserve = 8 * 1024 * 1024;
  if (file_fd < 0 && length) {
    ex_.req.body.reserve(static_cast<size_t>(std::min<std::uint64_t>(*length, kMaxReserve)));
  }
}

size_t RequestParser::on_body_impl(beast::string_view body, beast::error_code& ec) {
  return Sink(body, ec);
}

void RequestParser::on_chunk_header_impl(std::uint64_t /*size*/, beast::string_view /*extensions*/,
                                         beast::error_code& /*ec*/) {}

size_t RequestParser::on_chunk_body_impl(std::uint64_t /*remain*/, beast::string_view body,
                                         beast::error_code& ec) {
  return Sink(body, ec);
}

void RequestParser::on_finish_impl(beast::error_code& /*ec*/) {}

size_t RequestParser::Sink(beast::string_view body, beast::error_code& ec) {
  if (file_fd < 0) {
    ex_.req.body.append(body.data(), body.size());
    return body.size();
  }
  const char* p = body.data();
  size_t left = body.size();
  while (left > 0) {
    ssize_t n = ::write(file_fd, p, left);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      sink_failed = true;
      ec = boost::system::errc::make_error_code(boost::system::errc::io_error);
      return 0;
    }
    p += n;
    left -= static_cast<size_t>(n);
  }
  return body.size();
}

}  // namespace cairn::http::internal
