#include "http/internal/response_writer.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <ctime>

#include "common/log.h"

namespace cairn::http::internal {

namespace asio = boost::asio;

bool BodyForbidden(int status) { return status == 204 || status == 304 || status < 200; }

std::string_view HttpDate() {
  thread_local time_t cached_second = 0;
  thread_local char buf[40];
  thread_local size_t len = 0;
  time_t now = std::time(nullptr);
  if (now != cached_second) {
    struct tm tm_utc;
    gmtime_r(&now, &tm_utc);
    len = std::strftime(buf, sizeof(buf), "%a, %d %b %Y %H:%M:%S GMT", &tm_utc);
    cached_second = now;
  }
  return std::string_view(buf, len);
}

bool ValidHeaderName(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
    if (!ok) return false;
  }
  return true;
}

bool ValidHeaderValue(std::string_view s) {
  for (char c : s) {
    if (c == '\r' || c == '\n' || c == '\0') return false;
  }
  return true;
}

void AppendUint(std::string& out, uint64_t v) {
  char buf[24];
  int n = std::snprintf(buf, sizeof(buf), "%llu", static_cast<unsigned long long>(v));
  out.append(buf, static_cast<size_t>(n));
}

namespace {

constexpr std::string_view kCrlf = "\r\n";
constexpr std::string_view kLastChunk = "0\r\n\r\n";

void AppendHex(std::string& out, uint64_t v) {
  char buf[24];
  int n = std::snprintf(buf, sizeof(buf), "%llx", static_cast<unsigned long long>(v));
  out.append(buf, static_cast<size_t>(n));
}

asio::const_buffer Buffer(std::string_view s) { return asio::buffer(s.data(), s.size()); }

}  // namespace

void ResponseWriter::Begin(Exchange& ex) {
  bool head_only = ex.req.method == Method::kHead;
  uint64_t length = ex.res.BodyView().size();
  if (ex.res.stream) {
    Framing framing = Framing::kLength;
    if (ex.res.stream_length) {
      length = *ex.res.stream_length;
    } else if (ex.version >= 11) {
      framing = Framing::kChunked;
    } else {
      framing = Framing::kClose;
      if (!head_only && !BodyForbidden(ex.res.status)) ex.close_after = true;
    }
    ex.streaming = !head_only && !BodyForbidden(ex.res.status);
    ex.chunked = framing == Framing::kChunked;
    ex.chunk_offset = 0;
    ex.stream_sent = 0;
    ex.trailer_sent = false;
    SerializeHead(ex, framing, length);
    ex.head_pending = true;
    ex.send_body = false;
    ex.body_offset = 0;
    return;
  }
  const bool streams_file = ex.res.file_path || ex.res.file;
  if (streams_file) {
    // An open file is shared with the response: the writer reads its own duplicate with pread.
    ex.file_fd = ex.res.file ? ::fcntl(ex.res.file->Get(), F_DUPFD_CLOEXEC, 0)
                             : ::open(ex.res.file_path->c_str(), O_RDONLY | O_CLOEXEC);
    struct stat st;
    if (ex.file_fd < 0 || ::fstat(ex.file_fd, &st) != 0 || !S_ISREG(st.st_mode)) {
      if (ex.file_fd >= 0) ::close(ex.file_fd);
      ex.file_fd = -1;
      log::ScopedRequestId context(ex.req.request_id);
      log::Error(ex.res.file_path ? "cannot open response file " + *ex.res.file_path
                                  : std::string("cannot read response file"));
      ex.res = Problem(NotFound("file not found"), ex.req.path);
      length = ex.res.body.size();
    } else {
      length = static_cast<uint64_t>(st.st_size);
      ex.res.body.clear();
      ex.file_remaining = head_only ? 0 : length;
      ex.file_offset = 0;
      if (ex.file_remaining == 0) {
        ::close(ex.file_fd);
        ex.file_fd = -1;
      }
    }
  }
  SerializeHead(ex, Framing::kLength, length);
  ex.head_pending = true;
  ex.send_body = !head_only && !ex.res.file_path && !ex.res.file && !BodyForbidden(ex.res.status);
  ex.body_offset = 0;
}

ResponseWriter::Step ResponseWriter::Next(Exchange& ex) {
  if (ex.res.stream) return NextPiece(ex);
  Step step;
  // The in-memory body goes out in slices so that each write is short (the session's write
  // deadline then bounds how slowly a client may read) and written bytes can be accounted.
  std::string_view body = ex.send_body ? ex.res.BodyView() : std::string_view();
  std::string_view slice = body.substr(std::min<uint64_t>(ex.body_offset, body.size()), kBodySlice);
  if (ex.head_pending) {
    ex.head_pending = false;
    ex.body_offset += slice.size();
    step.buffers = {asio::buffer(ex.head), asio::buffer(slice.data(), slice.size())};
    return step;
  }
  if (!slice.empty()) {
    ex.body_offset += slice.size();
    step.buffers = {asio::buffer(slice.data(), slice.size()), asio::const_buffer()};
    return step;
  }
  if (ex.file_remaining == 0) {
    step.done = true;
    return step;
  }
  chunk_.resize(kFileChunk);
  size_t want = static_cast<size_t>(std::min<uint64_t>(ex.file_remaining, chunk_.size()));
  ssize_t n;
  do {
    n = ::pread(ex.file_fd, chunk_.data(), want, static_cast<off_t>(ex.file_offset));
  } while (n < 0 && errno == EINTR);
  if (n <= 0) {
    // The length is already on the wire: the only honest signal left is closing.
    log::ScopedRequestId context(ex.req.request_id);
    log::Error("reading response file failed");
    step.failed = true;
    return step;
  }
  ex.file_offset += static_cast<uint64_t>(n);
  ex.file_remaining -= static_cast<uint64_t>(n);
  step.buffers = {asio::buffer(chunk_.data(), static_cast<size_t>(n)), asio::const_buffer()};
  return step;
}

// A produced body: the current piece in slices (each its own chunk when chunked), then, once
// the producer is done, the last chunk. The head goes out with the first slice.
ResponseWriter::Step ResponseWriter::NextPiece(Exchange& ex) {
  Step step;
  size_t used = 0;
  if (ex.head_pending) {
    ex.head_pending = false;
    step.buffers[used++] = asio::buffer(ex.head);
  }
  if (!ex.streaming) {
    // HEAD (or a status without a body): the head alone; the producer is never asked.
    if (used == 0) step.done = true;
    return step;
  }
  std::string_view piece =
      std::string_view(ex.chunk).substr(std::min(ex.chunk_offset, ex.chunk.size()));
  if (!piece.empty()) {
    std::string_view slice = piece.substr(0, kBodySlice);
    ex.chunk_offset += slice.size();
    ex.stream_sent += slice.size();
    if (ex.res.stream_length && ex.stream_sent > *ex.res.stream_length) {
      log::ScopedRequestId context(ex.req.request_id);
      log::Error("a streamed response exceeded its declared length");
      step.failed = true;
      return step;
    }
    if (ex.chunked) {
      ex.frame.clear();
      AppendHex(ex.frame, slice.size());
      ex.frame.append(kCrlf);
      step.buffers[used++] = asio::buffer(ex.frame);
      step.buffers[used++] = Buffer(slice);
      step.buffers[used++] = Buffer(kCrlf);
    } else {
      step.buffers[used++] = Buffer(slice);
    }
    return step;
  }
  if (!ex.stream_done) {
    if (used > 0) return step;  // the head first (the producer had nothing yet)
    step.need_more = true;
    return step;
  }
  if (ex.res.stream_length && ex.stream_sent != *ex.res.stream_length) {
    log::ScopedRequestId context(ex.req.request_id);
    log::Error("a streamed response ended short of its declared length");
    step.failed = true;
    return step;
  }
  if (ex.chunked && !ex.trailer_sent) {
    ex.trailer_sent = true;
    step.buffers[used++] = Buffer(kLastChunk);
    return step;
  }
  if (used == 0) step.done = true;
  return step;
}

void ResponseWriter::SerializeHead(Exchange& ex, Framing framing, uint64_t length) {
  std::string& h = ex.head;
  h.clear();
  const Response& res = ex.res;
  h.append("HTTP/1.1 ");
  AppendUint(h, static_cast<uint64_t>(res.status));
  h.push_back(' ');
  h.append(ReasonPhrase(res.status));
  h.append("\r\nServer: cairn\r\nDate: ");
  h.append(HttpDate());
  h.append("\r\nX-Request-Id: ");
  h.append(ex.req.request_id);
  h.append("\r\n");
  if (!res.content_type.empty() && !BodyForbidden(res.status) &&
      ValidHeaderValue(res.content_type)) {
    h.append("Content-Type: ");
    h.append(res.content_type);
    h.append("\r\n");
  }
  for (const auto& [name, value] : res.headers) {
    if (!ValidHeaderName(name) || !ValidHeaderValue(value)) continue;  // no header injection
    h.append(name);
    h.append(": ");
    h.append(value);
    h.append("\r\n");
  }
  if (!BodyForbidden(res.status)) {
    if (framing == Framing::kLength) {
      h.append("Content-Length: ");
      AppendUint(h, length);
      h.append("\r\n");
    } else if (framing == Framing::kChunked) {
      h.append("Transfer-Encoding: chunked\r\n");
    }  // kClose: the body ends when the connection does
  }
  if (ex.close_after) {
    h.append("Connection: close\r\n");
  } else if (ex.version == 10) {
    h.append("Connection: keep-alive\r\n");
  }
  h.append("\r\n");
}

}  // namespace cairn::http::internal
