#include "tests/integration/raw_http.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>

namespace cairn::testing {
namespace {

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

std::string Trim(std::string s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.pop_back();
  size_t i = 0;
  while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
  return s.substr(i);
}

}  // namespace

std::optional<std::string> RawReply::Header(std::string_view lower_name) const {
  for (const auto& [k, v] : headers) {
    if (k == lower_name) return v;
  }
  return std::nullopt;
}

Result<std::unique_ptr<RawConnection>> RawConnection::Connect(uint16_t port, int timeout_ms,
                                                              int receive_buffer) {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return Internal("socket failed");
  if (receive_buffer > 0) {
    ::setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &receive_buffer, sizeof(receive_buffer));
  }
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0) {
    ::close(fd);
    return Unavailable("connect to 127.0.0.1:" + std::to_string(port) + " failed");
  }
  int one = 1;
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
  return std::unique_ptr<RawConnection>(new RawConnection(fd, timeout_ms));
}

RawConnection::~RawConnection() { ::close(fd_); }

Status RawConnection::Send(std::string_view bytes) {
  while (!bytes.empty()) {
    ssize_t n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (n <= 0) return Unavailable("send failed: connection closed");
    bytes.remove_prefix(static_cast<size_t>(n));
  }
  return Status::Ok();
}

bool RawConnection::Fill() {
  pollfd pfd{fd_, POLLIN, 0};
  if (::poll(&pfd, 1, timeout_ms_) <= 0) return false;
  char buf[65536];
  ssize_t n = ::recv(fd_, buf, sizeof(buf), 0);
  if (n <= 0) return false;
  buffer_.append(buf, static_cast<size_t>(n));
  return true;
}

Result<RawReply> RawConnection::ReadReply() {
  size_t header_end;
  while ((header_end = buffer_.find("\r\n\r\n")) == std::string::npos) {
    if (!Fill()) return Unavailable("connection closed before response headers");
  }
  std::string head = buffer_.substr(0, header_end);
  buffer_.erase(0, header_end + 4);

  RawReply reply;
  size_t line_end = head.find("\r\n");
  std::string status_line = head.substr(0, line_end);
  // "HTTP/1.1 200 OK"
  size_t sp = status_line.find(' ');
  if (sp == std::string::npos) return Internal("bad status line: " + status_line);
  reply.status = std::atoi(status_line.c_str() + sp + 1);
  size_t pos = line_end == std::string::npos ? head.size() : line_end + 2;
  while (pos < head.size()) {
    size_t end = head.find("\r\n", pos);
    if (end == std::string::npos) end = head.size();
    std::string line = head.substr(pos, end - pos);
    size_t colon = line.find(':');
    if (colon != std::string::npos) {
      reply.headers.emplace_back(Lower(line.substr(0, colon)), Trim(line.substr(colon + 1)));
    }
    pos = end + 2;
  }

  auto te = reply.Header("transfer-encoding");
  if (te && Lower(*te).find("chunked") != std::string::npos) {
    while (true) {
      size_t eol;
      while ((eol = buffer_.find("\r\n")) == std::string::npos) {
        if (!Fill()) return Unavailable("connection closed in chunk header");
      }
      size_t size = std::strtoul(buffer_.substr(0, eol).c_str(), nullptr, 16);
      buffer_.erase(0, eol + 2);
      while (buffer_.size() < size + 2) {
        if (!Fill()) return Unavailable("connection closed in chunk");
      }
      reply.body.append(buffer_, 0, size);
      buffer_.erase(0, size + 2);
      if (size == 0) break;  // (trailers are not used by the server)
    }
    return reply;
  }
  auto cl = reply.Header("content-length");
  size_t length = cl ? std::strtoull(cl->c_str(), nullptr, 10) : 0;
  bool no_body = reply.status == 204 || reply.status == 304 || reply.status / 100 == 1;
  if (!cl && !no_body) {
    // Close-delimited body.
    while (Fill()) {
    }
    reply.body = std::move(buffer_);
    buffer_.clear();
    return reply;
  }
  while (buffer_.size() < length) {
    if (!Fill()) return Unavailable("connection closed in body");
  }
  reply.body = buffer_.substr(0, length);
  buffer_.erase(0, length);
  return reply;
}

std::string RawConnection::Build(std::string_view method, std::string_view target,
                                 std::string_view body,
                                 const std::vector<std::pair<std::string, std::string>>& headers) {
  std::string req;
  req.reserve(256 + body.size());
  req.append(method).append(" ").append(target).append(" HTTP/1.1\r\nHost: 127.0.0.1\r\n");
  bool has_length = false;
  for (const auto& [k, v] : headers) {
    req.append(k).append(": ").append(v).append("\r\n");
    if (Lower(k) == "content-length") has_length = true;
  }
  if (!has_length && (!body.empty() || method == "POST" || method == "PUT" || method == "PATCH")) {
    req.append("Content-Length: ").append(std::to_string(body.size())).append("\r\n");
  }
  req.append("\r\n");
  req.append(body);
  return req;
}

Result<RawReply> RawConnection::Roundtrip(
    std::string_view method, std::string_view target, std::string_view body,
    const std::vector<std::pair<std::string, std::string>>& headers) {
  RETURN_IF_ERROR(Send(Build(method, target, body, headers)));
  return ReadReply();
}

}  // namespace cairn::testing
