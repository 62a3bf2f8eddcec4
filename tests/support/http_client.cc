#include "support/http_client.h"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <optional>

namespace cairn::test {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;

constexpr uint64_t kMaxReplyBytes = 1ull << 30;

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    auto lower = [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

}  // namespace

std::string HttpClient::Reply::Header(std::string_view name) const {
  for (const auto& [k, v] : headers) {
    if (EqualsIgnoreCase(k, name)) return v;
  }
  return "";
}

struct HttpClient::Impl {
  std::string host;
  uint16_t port;
  asio::io_context ioc;
  std::optional<tcp::socket> socket;
  beast::flat_buffer buffer;

  beast::error_code Connect() {
    beast::error_code ec;
    tcp::resolver resolver(ioc);
    auto results = resolver.resolve(host, std::to_string(port), ec);
    if (ec) return ec;
    socket.emplace(ioc);
    asio::connect(*socket, results, ec);
    if (ec) {
      socket.reset();
      return ec;
    }
    socket->set_option(tcp::no_delay(true), ec);
    buffer.clear();
    return {};
  }

  void Drop() {
    if (socket) {
      beast::error_code ignored;
      socket->shutdown(tcp::socket::shutdown_both, ignored);
      socket->close(ignored);
    }
    socket.reset();
    buffer.clear();
  }
};

HttpClient::HttpClient(std::string host, uint16_t port) : impl_(std::make_unique<Impl>()) {
  impl_->host = std::move(host);
  impl_->port = port;
}

HttpClient::~HttpClient() { impl_->Drop(); }

void HttpClient::Disconnect() { impl_->Drop(); }

Result<HttpClient::Reply> HttpClient::Request(
    std::string_view method, std::string_view target, std::string_view body,
    std::vector<std::pair<std::string, std::string>> headers) {
  bhttp::request<bhttp::string_body> req;
  if (bhttp::verb verb = bhttp::string_to_verb(method); verb != bhttp::verb::unknown) {
    req.method(verb);
  } else {
    req.method_string(method);
  }
  req.target(target);
  req.version(11);
  req.set(bhttp::field::host, impl_->host + ":" + std::to_string(impl_->port));
  bool has_content_type = false;
  for (const auto& [k, v] : headers) {
    if (EqualsIgnoreCase(k, "content-type")) has_content_type = true;
    req.insert(k, v);
  }
  if (!body.empty() && !has_content_type) req.set(bhttp::field::content_type, "application/json");
  req.body() = std::string(body);
  if (!body.empty() || method == "POST" || method == "PUT" || method == "PATCH") {
    req.prepare_payload();
  }

  for (int attempt = 0; attempt < 2; ++attempt) {
    bool reused = impl_->socket.has_value();
    beast::error_code ec;
    if (!reused) {
      ec = impl_->Connect();
      if (ec) return Unavailable("connect to " + impl_->host + ": " + ec.message());
    }
    bhttp::write(*impl_->socket, req, ec);
    if (ec) {
      impl_->Drop();
      if (reused) continue;
      return Unavailable("write: " + ec.message());
    }
    bhttp::response_parser<bhttp::string_body> parser;
    parser.body_limit(kMaxReplyBytes);
    parser.skip(method == "HEAD");
    bhttp::read(*impl_->socket, impl_->buffer, parser, ec);
    if (ec) {
      impl_->Drop();
      // A kept-alive connection the server has meanwhile closed: retry once on a fresh one.
      if (reused && (ec == bhttp::error::end_of_stream || ec == asio::error::eof ||
                     ec == asio::error::connection_reset || ec == asio::error::broken_pipe)) {
        continue;
      }
      return Unavailable("read: " + ec.message());
    }
    auto res = parser.release();
    Reply reply;
    reply.status = static_cast<int>(res.result_int());
    for (const auto& field : res) {
      reply.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
    }
    reply.body = std::move(res.body());
    if (!res.keep_alive()) impl_->Drop();
    return reply;
  }
  return Unavailable("server closed the connection");
}

}  // namespace cairn::test
