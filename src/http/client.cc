#include "http/client.h"

#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/url/parse.hpp>
#include <cstdio>
#include <filesystem>
#include <vector>

namespace cairn::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace ssl = boost::asio::ssl;
using tcp = asio::ip::tcp;

constexpr size_t kUploadChunkBytes = 256 * 1024;
constexpr uint32_t kMaxHeaderBytes = 64 * 1024;

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    auto lower = [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

// Errors that mean "the server had already closed this keep-alive connection".
bool IsStaleConnection(const beast::error_code& ec) {
  return ec == bhttp::error::end_of_stream || ec == asio::error::eof ||
         ec == asio::error::connection_reset || ec == asio::error::broken_pipe ||
         ec == ssl::error::stream_truncated;
}

struct FileCloser {
  void operator()(std::FILE* f) const {
    if (f) std::fclose(f);
  }
};
using FilePtr = std::unique_ptr<std::FILE, FileCloser>;

}  // namespace

std::optional<std::string> ClientResponse::Header(std::string_view name) const {
  for (const auto& [k, v] : headers) {
    if (EqualsIgnoreCase(k, name)) return v;
  }
  return std::nullopt;
}

std::string PercentEncode(std::string_view s, bool keep_slash) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(s.size());
  for (char ch : s) {
    auto c = static_cast<unsigned char>(ch);
    bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                      c == '-' || c == '.' || c == '_' || c == '~' || (keep_slash && c == '/');
    if (unreserved) {
      out.push_back(ch);
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

struct HttpClient::Impl {
  std::string scheme;
  std::string host;         // for resolving and certificate checks (IPv6 without brackets)
  std::string host_header;  // for the Host header
  uint16_t port = 0;
  std::string prefix;  // path prefix without a trailing '/'
  ClientOptions options;

  asio::io_context ioc;
  std::unique_ptr<ssl::context> tls_context;
  std::unique_ptr<beast::tcp_stream> plain;
  std::unique_ptr<beast::ssl_stream<beast::tcp_stream>> tls;
  beast::flat_buffer buffer;
  int requests_on_connection = 0;

  bool connected() const { return plain || tls; }
  beast::tcp_stream& lowest() { return tls ? beast::get_lowest_layer(*tls) : *plain; }

  void Close() {
    if (connected()) {
      beast::error_code ignored;
      lowest().socket().shutdown(tcp::socket::shutdown_both, ignored);
      lowest().close();
    }
    tls.reset();
    plain.reset();
    buffer.clear();
    requests_on_connection = 0;
  }

  // Starts one asynchronous operation and runs the I/O context until it completes; the stream's
  // expiry (set by the caller) turns a stalled operation into beast::error::timeout.
  template <class Start>
  beast::error_code Run(Start&& start) {
    beast::error_code result = asio::error::operation_aborted;
    start([&result](beast::error_code ec, auto&&...) { result = ec; });
    ioc.restart();
    ioc.run();
    return result;
  }

  Status Connect() {
    Close();
    tcp::resolver resolver(ioc);
    beast::error_code ec;
    auto endpoints = resolver.resolve(host, std::to_string(port), ec);
    if (ec) return Unavailable("cannot resolve " + host + ": " + ec.message());
    std::string where = host_header;
    if (scheme == "https") {
      tls = std::make_unique<beast::ssl_stream<beast::tcp_stream>>(ioc, *tls_context);
      SSL* s = tls->native_handle();
      boost::system::error_code not_ip;
      asio::ip::make_address(host, not_ip);
      if (not_ip) {
        // SNI and the host name the certificate must name.
        SSL_set_tlsext_host_name(s, host.c_str());
        SSL_set1_host(s, host.c_str());
      } else {
        X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(s), host.c_str());
      }
      tls->set_verify_mode(ssl::verify_peer);
    } else {
      plain = std::make_unique<beast::tcp_stream>(ioc);
    }
    lowest().expires_after(options.connect_timeout);
    ec = Run([&](auto handler) { lowest().async_connect(endpoints, std::move(handler)); });
    if (ec) {
      Close();
      return Unavailable("cannot connect to " + where + ": " + ec.message());
    }
    lowest().socket().set_option(tcp::no_delay(true), ec);
    if (tls) {
      lowest().expires_after(options.connect_timeout);
      ec = Run([&](auto handler) {
        tls->async_handshake(ssl::stream_base::client, std::move(handler));
      });
      if (ec) {
        long verify = SSL_get_verify_result(tls->native_handle());
        std::string why = verify != X509_V_OK ? std::string("certificate verification failed: ") +
                                                    X509_verify_cert_error_string(verify)
                                              : ec.message();
        Close();
        return Unavailable("TLS handshake with " + where + " failed: " + why);
      }
    }
    return Status::Ok();
  }

  // What writing a request came to: a transport error, or a local problem with the body file.
  struct WriteOutcome {
    beast::error_code ec;
    std::optional<Status> local;
  };

  template <class Stream>
  WriteOutcome WriteRequest(Stream& stream, const ClientRequest& r, const std::string& target) {
    bhttp::verb verb = bhttp::string_to_verb(r.method);
    auto set_headers = [&](auto& req) {
      if (verb == bhttp::verb::unknown) {
        req.method_string(r.method);
      } else {
        req.method(verb);
      }
      req.target(target);
      req.version(11);
      req.set(bhttp::field::host, host_header);
      req.set(bhttp::field::user_agent, options.user_agent);
      for (const auto& [k, v] : r.headers) req.set(k, v);
    };
    if (!r.body_file) {
      bhttp::request<bhttp::string_body> req;
      set_headers(req);
      req.body() = r.body;
      if (!r.body.empty() || verb == bhttp::verb::post || verb == bhttp::verb::put ||
          verb == bhttp::verb::patch) {
        req.content_length(r.body.size());
      }
      lowest().expires_after(options.io_timeout);
      return {Run([&](auto handler) { bhttp::async_write(stream, req, std::move(handler)); }), {}};
    }

    FilePtr file(std::fopen(r.body_file->c_str(), "rb"));
    std::error_code size_ec;
    uint64_t total = std::filesystem::file_size(*r.body_file, size_ec);
    if (!file || size_ec) return {{}, InvalidArgument("cannot read " + *r.body_file)};
    bhttp::request<bhttp::buffer_body> req;
    set_headers(req);
    req.content_length(total);
    req.body().data = nullptr;
    req.body().more = true;
    bhttp::request_serializer<bhttp::buffer_body> sr{req};
    lowest().expires_after(options.io_timeout);
    beast::error_code ec =
        Run([&](auto handler) { bhttp::async_write_header(stream, sr, std::move(handler)); });
    if (ec) return {ec, {}};
    std::vector<char> chunk(kUploadChunkBytes);
    uint64_t sent = 0;
    while (!sr.is_done()) {
      size_t n = 0;
      if (sent < total) {
        n = std::fread(chunk.data(), 1, chunk.size(), file.get());
        // The file shrank while being sent: the announced length can no longer be met.
        if (n == 0) return {{}, InvalidArgument(*r.body_file + " changed while it was being sent")};
      }
      req.body().data = n ? chunk.data() : nullptr;
      req.body().size = n;
      req.body().more = sent + n < total;
      lowest().expires_after(options.io_timeout);
      ec = Run([&](auto handler) { bhttp::async_write(stream, sr, std::move(handler)); });
      if (ec == bhttp::error::need_buffer) ec = {};
      if (ec) return {ec, {}};
      sent += n;
      if (r.on_progress) r.on_progress(sent, total);
    }
    return {};
  }

  // Reads one reply. `ec` reports transport errors; a Status reports local problems.
  template <class Stream>
  Result<ClientResponse> ReadResponse(Stream& stream, const ClientRequest& r,
                                      beast::error_code& ec) {
    bhttp::response_parser<bhttp::empty_body> head;
    head.header_limit(kMaxHeaderBytes);
    // Limits are applied below, once it is known where the body goes.
    head.body_limit(boost::none);
    lowest().expires_after(options.io_timeout);
    ec = Run(
        [&](auto handler) { bhttp::async_read_header(stream, buffer, head, std::move(handler)); });
    if (ec) return Unavailable("reading the reply: " + ec.message());
    ClientResponse out;
    out.status = static_cast<int>(head.get().result_int());
    for (const auto& f : head.get()) {
      out.headers.emplace_back(std::string(f.name_string()), std::string(f.value()));
    }
    bool keep_alive = head.get().keep_alive();
    if (r.download_file && out.status / 100 == 2) {
      bhttp::response_parser<bhttp::file_body> p{std::move(head)};
      p.body_limit(boost::none);
      beast::error_code open_ec;
      p.get().body().open(r.download_file->c_str(), beast::file_mode::write, open_ec);
      if (open_ec) {
        Close();
        return InvalidArgument("cannot write " + *r.download_file + ": " + open_ec.message());
      }
      lowest().expires_after(options.io_timeout);
      ec = Run([&](auto handler) { bhttp::async_read(stream, buffer, p, std::move(handler)); });
      if (ec) return Unavailable("reading the reply: " + ec.message());
      keep_alive = p.keep_alive();
      p.get().body().close();
      std::error_code size_ec;
      out.body_bytes = std::filesystem::file_size(*r.download_file, size_ec);
    } else {
      if (auto length = head.content_length(); length && *length > options.max_reply_bytes) {
        Close();
        return ResourceExhausted("the reply is larger than " +
                                 std::to_string(options.max_reply_bytes) + " bytes");
      }
      bhttp::response_parser<bhttp::string_body> p{std::move(head)};
      p.body_limit(options.max_reply_bytes);
      lowest().expires_after(options.io_timeout);
      ec = Run([&](auto handler) { bhttp::async_read(stream, buffer, p, std::move(handler)); });
      if (ec == bhttp::error::body_limit) {
        ec = {};
        Close();
        return ResourceExhausted("the reply is larger than " +
                                 std::to_string(options.max_reply_bytes) + " bytes");
      }
      if (ec) return Unavailable("reading the reply: " + ec.message());
      out.body = std::move(p.get().body());
      out.body_bytes = out.body.size();
      keep_alive = p.keep_alive();
    }
    if (!keep_alive) Close();
    return out;
  }

  template <class Stream>
  Result<ClientResponse> Exchange(Stream& stream, const ClientRequest& r, bool& stale) {
    std::string target = prefix + r.target;
    auto [ec, local] = WriteRequest(stream, r, target);
    if (local) {
      // A half-sent request cannot be finished: drop the connection.
      Close();
      return *local;
    }
    bool reused = requests_on_connection > 0;
    if (ec) {
      if (reused && IsStaleConnection(ec)) {
        stale = true;
        return Unavailable(ec.message());
      }
      // The server may have answered early (e.g. 413 for a body over its limit) and closed.
      beast::error_code read_ec;
      auto early = ReadResponse(stream, r, read_ec);
      Close();
      if (early.ok()) return early;
      return Unavailable("sending the request: " + ec.message());
    }
    ++requests_on_connection;
    auto reply = ReadResponse(stream, r, ec);
    if (ec) {
      Close();
      if (reused && IsStaleConnection(ec)) stale = true;
    }
    return reply;
  }

  Result<ClientResponse> SendOnce(const ClientRequest& r, bool& stale) {
    if (!connected()) RETURN_IF_ERROR(Connect());
    if (tls) return Exchange(*tls, r, stale);
    return Exchange(*plain, r, stale);
  }
};

HttpClient::HttpClient(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
HttpClient::~HttpClient() {
  if (impl_) impl_->Close();
}

Result<std::unique_ptr<HttpClient>> HttpClient::Create(std::string_view base_url,
                                                       ClientOptions options) {
  auto parsed = boost::urls::parse_absolute_uri(base_url);
  if (!parsed) return InvalidArgument("invalid URL '" + std::string(base_url) + "'");
  const auto& u = *parsed;
  std::string scheme(u.scheme());
  for (char& c : scheme) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (scheme != "http" && scheme != "https") {
    return InvalidArgument("URL '" + std::string(base_url) +
                           "' must start with http:// or https://");
  }
  if (!u.has_authority() || u.host_address().empty()) {
    return InvalidArgument("URL '" + std::string(base_url) + "' has no host");
  }
  if (u.has_query() || u.has_fragment() || u.has_userinfo()) {
    return InvalidArgument("URL '" + std::string(base_url) +
                           "' must not have credentials, a query or a fragment");
  }
  auto impl = std::make_unique<Impl>();
  impl->scheme = scheme;
  impl->host = std::string(u.host_address());
  impl->host_header = std::string(u.encoded_host_and_port());
  impl->port = scheme == "https" ? 443 : 80;
  if (u.has_port()) {
    if (u.port_number() == 0) {
      return InvalidArgument("URL '" + std::string(base_url) + "' has an invalid port");
    }
    impl->port = u.port_number();
  }
  impl->prefix = std::string(u.encoded_path());
  while (!impl->prefix.empty() && impl->prefix.back() == '/') impl->prefix.pop_back();
  impl->options = std::move(options);
  if (scheme == "https") {
    impl->tls_context = std::make_unique<ssl::context>(ssl::context::tls_client);
    beast::error_code ec;
    if (impl->options.ca_file.empty()) {
      impl->tls_context->set_default_verify_paths(ec);
    } else {
      impl->tls_context->load_verify_file(impl->options.ca_file, ec);
    }
    if (ec) {
      return InvalidArgument(
          "cannot load CA certificates" +
          (impl->options.ca_file.empty() ? std::string() : " from " + impl->options.ca_file) +
          ": " + ec.message());
    }
    impl->tls_context->set_verify_mode(ssl::verify_peer);
  }
  return std::unique_ptr<HttpClient>(new HttpClient(std::move(impl)));
}

Result<ClientResponse> HttpClient::Send(const ClientRequest& request) {
  bool stale = false;
  auto reply = impl_->SendOnce(request, stale);
  if (!reply.ok() && stale) {
    impl_->Close();
    stale = false;
    reply = impl_->SendOnce(request, stale);
  }
  return reply;
}

void HttpClient::Disconnect() { impl_->Close(); }
const std::string& HttpClient::scheme() const { return impl_->scheme; }
const std::string& HttpClient::host() const { return impl_->host; }
uint16_t HttpClient::port() const { return impl_->port; }

}  // namespace cairn::http
