// HttpServer on Boost.Beast/Asio. Layout:
//   Core      — state shared by the listener and every session (options, router, worker pool,
//               in-flight count, the session registry used by Stop()).
//   Parser    — a beast::http::basic_parser that writes the request line and fields straight
//               into our Request (no beast::http::fields allocation per header) and the body
//               into memory or a temporary file, chosen after routing.
//   Session   — one connection on its own strand: reads ahead up to max_pipelined requests,
//               runs handlers (worker pool or inline), writes responses in order with one
//               gathered write each. Timeouts come from a coarse per-session tick against a
//               deadline (no timer re-arming per request).
//   Listener  — accept loop.
#include "http/server.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/basic_parser.hpp>
#include <boost/beast/http/error.hpp>
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <deque>
#include <filesystem>
#include <mutex>
#include <optional>
#include <random>
#include <thread>
#include <unordered_map>

#include "common/log.h"

namespace cairn::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

constexpr uint32_t kHeaderLimit = 16 * 1024;
constexpr size_t kHeaderReadChunk = 4 * 1024;
constexpr size_t kBodyReadChunk = 64 * 1024;
constexpr size_t kFileWriteChunk = 64 * 1024;
constexpr size_t kMaxRequestIdLength = 64;
constexpr size_t kRetainedBodyCapacity = 64 * 1024;
constexpr int kAcceptRetryMs = 50;
constexpr std::chrono::milliseconds kMinTick{5};
constexpr std::chrono::milliseconds kMaxTick{1000};
constexpr std::chrono::milliseconds kSessionCloseGrace{1000};
// After a response that closes the connection, unread request bytes are drained for a while
// before the socket is closed, so the peer's TCP stack does not answer them with a reset that
// could destroy the response in flight (e.g. a 413 sent before the body was read).
constexpr std::chrono::milliseconds kLingerTime{1000};
constexpr uint64_t kMaxLingerBytes = 1 << 20;
constexpr std::string_view kUnmatched = "unmatched";
constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";

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

// IMF-fixdate for the Date header, formatted at most once per second per thread.
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

bool BodyForbidden(int status) { return status == 204 || status == 304 || status < 200; }

struct Core;
class Session;

// One request/response pair. Pooled per session so buffers keep their capacity.
struct Exchange {
  Request req;
  Response res;
  Router::Match match;
  Clock::time_point start;
  int version = 11;
  bool keep_alive = true;
  bool ready = false;
  bool counted = false;      // included in Core::inflight
  bool close_after = false;  // the connection closes after this response
  bool expect_continue = false;
  std::string head;  // serialized status line + headers
  int file_fd = -1;  // response file being streamed
  uint64_t file_offset = 0;
  uint64_t file_remaining = 0;

  void Reset() {
    req.method = Method::kGet;
    req.target.clear();
    req.path.clear();
    req.query.clear();
    if (req.body.capacity() > kRetainedBodyCapacity) {
      std::string().swap(req.body);
    } else {
      req.body.clear();
    }
    req.body_file.reset();
    req.path_params.clear();
    req.request_id.clear();
    res = Response();
    match = Router::Match();
    version = 11;
    keep_alive = true;
    ready = false;
    counted = false;
    close_after = false;
    expect_continue = false;
    head.clear();
    file_fd = -1;
    file_offset = 0;
    file_remaining = 0;
  }
};

struct Core {
  ServerOptions options;
  const Router& router;
  std::chrono::milliseconds tick;
  std::unique_ptr<asio::io_context> ioc;
  std::unique_ptr<asio::thread_pool> workers;
  std::atomic<bool> stopping{false};

  std::mutex mu;  // guards inflight waiting and the session registry
  std::condition_variable cv;
  int64_t inflight = 0;
  std::unordered_map<Session*, std::weak_ptr<Session>> sessions;

  Core(ServerOptions opts, const Router& r) : options(std::move(opts)), router(r) {
    int shortest =
        std::min({options.header_timeout_ms, options.read_timeout_ms, options.idle_timeout_ms});
    tick = std::clamp(std::chrono::milliseconds(shortest / 4), kMinTick, kMaxTick);
    if (options.max_pipelined < 1) options.max_pipelined = 1;
    if (options.temp_dir.empty()) {
      std::error_code ec;
      options.temp_dir = std::filesystem::temp_directory_path(ec).string();
      if (ec) options.temp_dir = "/tmp";
    }
  }

  void AddInflight() {
    std::lock_guard lock(mu);
    ++inflight;
  }
  void RemoveInflight() {
    std::lock_guard lock(mu);
    if (--inflight == 0) cv.notify_all();
  }
};

// Parses one request into an Exchange. The body sink (memory or file) is chosen by the session
// after the header, before the parser reaches the body.
class Parser final : public bhttp::basic_parser<true> {
 public:
  explicit Parser(Exchange& ex) : ex_(ex) {}

  int file_fd = -1;
  bool sink_failed = false;
  size_t fields = 0;

 private:
  void on_request_impl(bhttp::verb method, beast::string_view, beast::string_view target,
                       int version, beast::error_code&) override {
    ex_.req.method = ToMethod(method);
    ex_.req.target.assign(target.data(), target.size());
    ex_.version = version;
  }
  void on_response_impl(int, beast::string_view, int, beast::error_code& ec) override {
    ec = bhttp::error::bad_version;  // requests only
  }
  void on_field_impl(bhttp::field, beast::string_view name, beast::string_view value,
                     beast::error_code&) override {
    auto& headers = ex_.req.headers;
    if (fields == headers.size()) headers.emplace_back();
    auto& [n, v] = headers[fields++];
    n.resize(name.size());
    for (size_t i = 0; i < name.size(); ++i) {
      char c = name[i];
      n[i] = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
    }
    v.assign(value.data(), value.size());
  }
  void on_header_impl(beast::error_code&) override { ex_.req.headers.resize(fields); }
  void on_body_init_impl(const boost::optional<std::uint64_t>& length,
                         beast::error_code&) override {
    if (file_fd < 0 && length) ex_.req.body.reserve(static_cast<size_t>(*length));
  }
  size_t on_body_impl(beast::string_view body, beast::error_code& ec) override {
    return Sink(body, ec);
  }
  void on_chunk_header_impl(std::uint64_t, beast::string_view, beast::error_code&) override {}
  size_t on_chunk_body_impl(std::uint64_t, beast::string_view body,
                            beast::error_code& ec) override {
    return Sink(body, ec);
  }
  void on_finish_impl(beast::error_code&) override {}

  size_t Sink(beast::string_view body, beast::error_code& ec) {
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

  Exchange& ex_;
};

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(Core& core, tcp::socket socket)
      : core_(core), socket_(std::move(socket)), tick_(socket_.get_executor()) {}

  ~Session() {
    {
      std::lock_guard lock(core_.mu);
      core_.sessions.erase(this);
    }
    core_.cv.notify_all();
    if (reading_) Discard(*reading_);
    for (auto& ex : queue_) Discard(*ex);
  }

  void Start() {
    {
      std::lock_guard lock(core_.mu);
      core_.sessions.emplace(this, weak_from_this());
    }
    ArmTick();
    MaybeRead();
  }

  // Graceful stop: idle connections close now, busy ones after their last response.
  void Shutdown() {
    stop_reading_ = true;
    if (queue_.empty() && phase_ != Phase::kBody) Close();
  }

  void Close() {
    if (closed_) return;
    closed_ = true;
    beast::error_code ec;
    socket_.shutdown(tcp::socket::shutdown_both, ec);
    socket_.close(ec);
    tick_.cancel();
  }

  // Half-closes, then drains what the peer still sends (bounded in time and bytes) and closes.
  void LingeringClose() {
    if (closed_ || lingering_) return;
    lingering_ = true;
    linger_deadline_ = Clock::now() + kLingerTime;
    beast::error_code ec;
    socket_.shutdown(tcp::socket::shutdown_send, ec);
    if (ec) {
      Close();
      return;
    }
    buffer_.clear();
    if (!read_pending_) ReadSome(kBodyReadChunk, false);
  }

  asio::any_io_executor executor() { return socket_.get_executor(); }

 private:
  enum class Phase { kIdle, kHeader, kBody, kNone };

  // ---- timeouts --------------------------------------------------------------------------

  void ArmTick() {
    tick_.expires_after(core_.tick);
    tick_.async_wait([self = shared_from_this()](const beast::error_code& ec) {
      if (!ec) self->OnTick();
    });
  }

  void OnTick() {
    if (closed_) return;
    Clock::time_point deadline = Clock::time_point::max();
    if (lingering_) {
      deadline = linger_deadline_;
    } else if (writing_) {
      deadline = write_deadline_;
    } else if (queue_.empty() && phase_ != Phase::kNone) {
      deadline = read_deadline_;  // handlers in progress never time a connection out
    }
    if (Clock::now() >= deadline) {
      Close();
      return;
    }
    ArmTick();
  }

  void SetReadPhase(Phase phase) {
    phase_ = phase;
    int ms = 0;
    switch (phase) {
      case Phase::kIdle:
        ms = core_.options.idle_timeout_ms;
        break;
      case Phase::kHeader:
        ms = core_.options.header_timeout_ms;
        break;
      case Phase::kBody:
        ms = core_.options.read_timeout_ms;
        break;
      case Phase::kNone:
        return;
    }
    read_deadline_ = Clock::now() + std::chrono::milliseconds(ms);
  }

  // ---- reading ---------------------------------------------------------------------------

  void MaybeRead() {
    if (closed_ || reading_ || stop_reading_) return;
    if (core_.stopping.load(std::memory_order_relaxed)) {
      stop_reading_ = true;
      if (queue_.empty()) Close();
      return;
    }
    if (queue_.size() >= static_cast<size_t>(core_.options.max_pipelined)) return;
    reading_ = Acquire();
    parser_.emplace(*reading_);
    parser_->header_limit(kHeaderLimit);
    parser_->body_limit(boost::none);  // limits are applied per route after the header
    // The first request of a connection (or bytes already buffered) is a header in progress;
    // otherwise the connection is idle between keep-alive requests.
    SetReadPhase(first_request_ || buffer_.size() > 0 ? Phase::kHeader : Phase::kIdle);
    first_request_ = false;
    ParseHeader();
  }

  void ParseHeader() {
    while (buffer_.size() > 0) {
      beast::error_code ec;
      size_t used = parser_->put(buffer_.data(), ec);
      buffer_.consume(used);
      if (ec == bhttp::error::need_more) break;
      if (ec) {
        RejectMalformed(ec);
        return;
      }
      if (parser_->is_header_done()) {
        OnHeaderDone();
        return;
      }
      if (used == 0) break;
    }
    ReadSome(kHeaderReadChunk, false);
  }

  void ReadSome(size_t chunk, bool body) {
    read_pending_ = true;
    socket_.async_read_some(buffer_.prepare(chunk), [self = shared_from_this(), body](
                                                        const beast::error_code& ec, size_t n) {
      self->OnRead(ec, n, body);
    });
  }

  void OnRead(const beast::error_code& ec, size_t n, bool body) {
    read_pending_ = false;
    if (closed_) return;
    if (lingering_) {
      lingered_ += n;
      buffer_.clear();
      if (ec || lingered_ > kMaxLingerBytes) {
        Close();
      } else {
        ReadSome(kBodyReadChunk, false);
      }
      return;
    }
    if (ec) {
      // EOF or reset: a partial request is dropped; answered requests still get written.
      stop_reading_ = true;
      if (reading_) {
        CloseBodyFile();
        parser_.reset();
        phase_ = Phase::kNone;
        Discard(*reading_);
        Release(std::move(reading_));
      }
      if (queue_.empty()) Close();
      return;
    }
    buffer_.commit(n);
    if (body) {
      SetReadPhase(Phase::kBody);
      ParseBody();
    } else {
      if (phase_ == Phase::kIdle) SetReadPhase(Phase::kHeader);
      ParseHeader();
    }
  }

  void RejectMalformed(const beast::error_code& ec) {
    Exchange& ex = *reading_;
    if (!ex.counted) {
      ex.counted = true;
      core_.AddInflight();
    }
    ex.start = Clock::now();
    if (ex.req.request_id.empty()) NewRequestId(ex.req.request_id);
    int status = ec == bhttp::error::header_limit ? 431 : 400;
    Status st = InvalidArgument(ec == bhttp::error::header_limit ? "request header too large"
                                                                 : "malformed HTTP request");
    ex.res = Problem(st, "/");
    ex.res.status = status;
    ex.match.pattern = std::string(kUnmatched);
    FinishEarly();
  }

  void OnHeaderDone() {
    Exchange& ex = *reading_;
    ex.counted = true;
    core_.AddInflight();
    ex.start = Clock::now();
    ex.keep_alive = parser_->keep_alive();
    Request& req = ex.req;
    if (auto id = req.Header("x-request-id"); id && SaneRequestId(*id)) {
      req.request_id.assign(id->data(), id->size());
    } else {
      NewRequestId(req.request_id);
    }

    Status parsed = ParseTarget(req);
    if (!parsed.ok()) {
      ex.res = Problem(parsed, req.target.substr(0, req.target.find('?')));
      ex.match.pattern = std::string(kUnmatched);
      FinishEarly();
      return;
    }
    Response error;
    ex.match = core_.router.Find(req, &error);
    if (ex.match.handler == nullptr) {
      ex.res = std::move(error);
      ex.match.pattern = std::string(kUnmatched);
      FinishEarly();
      return;
    }
    const RouteOptions& route = *ex.match.options;
    if (auto bad = CheckContentType(req, route)) {
      ex.res = std::move(*bad);
      FinishEarly();
      return;
    }
    if (parser_->is_done()) {
      StartHandler();
      return;
    }

    uint64_t limit = route.stream_body_to_file ? core_.options.max_file_body_bytes
                                               : core_.options.max_body_bytes;
    if (auto len = parser_->content_length(); len && *len > limit) {
      TooLarge(limit);
      return;
    }
    body_limit_ = limit;
    parser_->body_limit(limit);
    parser_->eager(true);
    if (route.stream_body_to_file && !OpenBodyFile()) return;
    if (auto expect = req.Header("expect"); expect && (*expect == "100-continue")) {
      SendContinue();
    }
    SetReadPhase(Phase::kBody);
    ParseBody();
  }

  bool OpenBodyFile() {
    Exchange& ex = *reading_;
    std::string path;
    for (int attempt = 0; attempt < 4; ++attempt) {
      std::string id;
      NewRequestId(id);
      path = core_.options.temp_dir + "/cairn-upload-" + id;
      int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
      if (fd >= 0) {
        parser_->file_fd = fd;
        ex.req.body_file = path;
        return true;
      }
      if (errno != EEXIST) break;
    }
    log::Error("request_id=" + ex.req.request_id + " cannot create upload file in " +
               core_.options.temp_dir + ": " + std::strerror(errno));
    ex.res = Problem(Internal("cannot create upload file"), ex.req.path);
    FinishEarly();
    return false;
  }

  void CloseBodyFile() {
    if (parser_ && parser_->file_fd >= 0) {
      ::close(parser_->file_fd);
      parser_->file_fd = -1;
    }
  }

  static void RemoveBodyFile(Exchange& ex) {
    if (ex.req.body_file) {
      std::error_code ec;
      std::filesystem::remove(*ex.req.body_file, ec);
      ex.req.body_file.reset();
    }
  }

  void SendContinue() {
    // Only when nothing else is on the wire: interim responses must not interleave.
    if (writing_ || !queue_.empty()) return;
    writing_ = true;
    write_deadline_ = Clock::now() + std::chrono::milliseconds(core_.options.read_timeout_ms);
    asio::async_write(socket_, asio::buffer(kContinue.data(), kContinue.size()),
                      [self = shared_from_this()](const beast::error_code& ec, size_t) {
                        self->writing_ = false;
                        if (ec) {
                          self->Close();
                          return;
                        }
                        self->MaybeWrite();
                      });
  }

  void ParseBody() {
    while (!parser_->is_done()) {
      if (buffer_.size() == 0) {
        ReadSome(kBodyReadChunk, true);
        return;
      }
      beast::error_code ec;
      size_t used = parser_->put(buffer_.data(), ec);
      buffer_.consume(used);
      if (ec == bhttp::error::need_more) {
        ReadSome(kBodyReadChunk, true);
        return;
      }
      if (ec == bhttp::error::body_limit) {
        TooLarge(body_limit_);
        return;
      }
      if (ec) {
        CloseBodyFile();
        Exchange& ex = *reading_;
        RemoveBodyFile(ex);
        if (parser_->sink_failed) {
          log::Error("request_id=" + ex.req.request_id +
                     " writing upload failed: " + std::strerror(errno));
          ex.res = Problem(Internal("writing upload failed"), ex.req.path);
        } else {
          ex.res = Problem(InvalidArgument("malformed request body"), ex.req.path);
        }
        FinishEarly();
        return;
      }
    }
    CloseBodyFile();
    StartHandler();
  }

  void TooLarge(uint64_t limit) {
    CloseBodyFile();
    Exchange& ex = *reading_;
    RemoveBodyFile(ex);
    ex.res = Problem(
        ResourceExhausted("request body exceeds the limit of " + std::to_string(limit) + " bytes"),
        ex.req.path);
    FinishEarly();
  }

  // Answers the request being read without running a handler. If its body was not consumed the
  // connection cannot be reused: it closes after this response.
  void FinishEarly() {
    bool body_pending = !parser_ || !parser_->is_done();
    CloseBodyFile();
    std::unique_ptr<Exchange> owned = std::move(reading_);
    Exchange* ex = owned.get();
    parser_.reset();
    phase_ = Phase::kNone;
    if (body_pending) {
      ex->close_after = true;
      stop_reading_ = true;
    }
    if (!ex->counted) {
      ex->counted = true;
      core_.AddInflight();
    }
    ex->ready = true;
    queue_.push_back(std::move(owned));
    MaybeWrite();
    MaybeRead();
  }

  // ---- handlers --------------------------------------------------------------------------

  void StartHandler() {
    Exchange* ex = reading_.get();
    queue_.push_back(std::move(reading_));
    parser_.reset();
    phase_ = Phase::kNone;
    if (!ex->keep_alive) stop_reading_ = true;
    // The upload file is removed as soon as the handler returns (unless it moved it), before the
    // response goes out.
    if (ex->match.options->inline_handler) {
      ex->res = core_.router.Invoke(ex->match, ex->req);
      RemoveBodyFile(*ex);
      ex->ready = true;
      MaybeWrite();
    } else {
      asio::post(*core_.workers, [self = shared_from_this(), ex] {
        ex->res = self->core_.router.Invoke(ex->match, ex->req);
        RemoveBodyFile(*ex);
        asio::post(self->socket_.get_executor(), [self, ex] {
          ex->ready = true;
          self->MaybeWrite();
        });
      });
    }
    MaybeRead();
  }

  // ---- writing ---------------------------------------------------------------------------

  void MaybeWrite() {
    if (writing_ || closed_ || queue_.empty() || !queue_.front()->ready) return;
    Exchange& ex = *queue_.front();
    bool stopping = core_.stopping.load(std::memory_order_relaxed);
    if (!ex.keep_alive || (stopping && queue_.size() == 1 && phase_ != Phase::kBody)) {
      ex.close_after = true;
    }
    if (ex.close_after) stop_reading_ = true;

    bool head_only = ex.req.method == Method::kHead;
    uint64_t length = ex.res.body.size();
    if (ex.res.file_path) {
      ex.file_fd = ::open(ex.res.file_path->c_str(), O_RDONLY | O_CLOEXEC);
      struct stat st;
      if (ex.file_fd < 0 || ::fstat(ex.file_fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        if (ex.file_fd >= 0) ::close(ex.file_fd);
        ex.file_fd = -1;
        log::Error("request_id=" + ex.req.request_id + " cannot open response file " +
                   *ex.res.file_path);
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
    SerializeHead(ex, length);

    writing_ = true;
    write_deadline_ = Clock::now() + std::chrono::milliseconds(core_.options.read_timeout_ms);
    bool send_body = !head_only && !ex.res.file_path && !BodyForbidden(ex.res.status);
    std::array<asio::const_buffer, 2> buffers = {
        asio::buffer(ex.head), send_body ? asio::buffer(ex.res.body) : asio::const_buffer()};
    asio::async_write(
        socket_, buffers,
        [self = shared_from_this()](const beast::error_code& ec, size_t) { self->OnWrite(ec); });
  }

  void SerializeHead(Exchange& ex, uint64_t length) {
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
      h.append("Content-Length: ");
      AppendUint(h, length);
      h.append("\r\n");
    }
    if (ex.close_after) {
      h.append("Connection: close\r\n");
    } else if (ex.version == 10) {
      h.append("Connection: keep-alive\r\n");
    }
    h.append("\r\n");
  }

  void OnWrite(const beast::error_code& ec) {
    writing_ = false;
    if (ec) {
      Close();
      return;
    }
    Exchange& ex = *queue_.front();
    if (ex.file_remaining > 0) {
      WriteFileChunk(ex);
      return;
    }
    Complete();
  }

  void WriteFileChunk(Exchange& ex) {
    chunk_.resize(kFileWriteChunk);
    size_t want = static_cast<size_t>(std::min<uint64_t>(ex.file_remaining, chunk_.size()));
    ssize_t n;
    do {
      n = ::pread(ex.file_fd, chunk_.data(), want, static_cast<off_t>(ex.file_offset));
    } while (n < 0 && errno == EINTR);
    if (n <= 0) {
      // The length is already on the wire: the only honest signal left is closing.
      log::Error("request_id=" + ex.req.request_id + " reading response file failed");
      Close();
      return;
    }
    ex.file_offset += static_cast<uint64_t>(n);
    ex.file_remaining -= static_cast<uint64_t>(n);
    writing_ = true;
    write_deadline_ = Clock::now() + std::chrono::milliseconds(core_.options.read_timeout_ms);
    asio::async_write(
        socket_, asio::buffer(chunk_.data(), static_cast<size_t>(n)),
        [self = shared_from_this()](const beast::error_code& ec, size_t) { self->OnWrite(ec); });
  }

  void Complete() {
    std::unique_ptr<Exchange> owned = std::move(queue_.front());
    queue_.pop_front();
    Exchange& ex = *owned;
    Record(ex);
    bool close = ex.close_after;
    Discard(ex);
    Release(std::move(owned));
    if (close) {
      LingeringClose();
      return;
    }
    if (queue_.empty() && phase_ == Phase::kIdle) SetReadPhase(Phase::kIdle);
    MaybeWrite();
    MaybeRead();
    if (stop_reading_ && queue_.empty() && !writing_ && phase_ != Phase::kBody) Close();
  }

  void Record(const Exchange& ex) {
    int64_t micros =
        std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - ex.start).count();
    if (core_.options.access_log) {
      std::string line;
      line.reserve(96);
      line.append(MethodName(ex.req.method));
      line.push_back(' ');
      std::string_view target = ex.req.target;
      line.append(target.empty() ? std::string_view("-") : target.substr(0, target.find('?')));
      line.push_back(' ');
      AppendUint(line, static_cast<uint64_t>(ex.res.status));
      line.push_back(' ');
      AppendUint(line, static_cast<uint64_t>(micros));
      line.push_back(' ');
      line.append(ex.req.request_id);
      log::Info(line);
    }
    if (core_.options.observer != nullptr) {
      core_.options.observer->OnRequest(ex.req.method, ex.match.pattern, ex.res.status, micros);
    }
  }

  // Releases what an exchange holds outside memory: the in-flight count, files.
  void Discard(Exchange& ex) {
    if (ex.file_fd >= 0) {
      ::close(ex.file_fd);
      ex.file_fd = -1;
    }
    RemoveBodyFile(ex);
    if (ex.counted) {
      ex.counted = false;
      core_.RemoveInflight();
    }
  }

  std::unique_ptr<Exchange> Acquire() {
    if (pool_.empty()) return std::make_unique<Exchange>();
    std::unique_ptr<Exchange> ex = std::move(pool_.back());
    pool_.pop_back();
    return ex;
  }

  void Release(std::unique_ptr<Exchange> ex) {
    ex->Reset();
    if (pool_.size() < static_cast<size_t>(core_.options.max_pipelined) + 1) {
      pool_.push_back(std::move(ex));
    }
  }

  Core& core_;
  tcp::socket socket_;
  asio::steady_timer tick_;
  beast::flat_buffer buffer_;
  std::optional<Parser> parser_;
  std::unique_ptr<Exchange> reading_;  // the request being read; moves into queue_
  uint64_t body_limit_ = 0;
  std::deque<std::unique_ptr<Exchange>> queue_;
  std::vector<std::unique_ptr<Exchange>> pool_;
  std::vector<char> chunk_;
  Phase phase_ = Phase::kNone;
  Clock::time_point read_deadline_ = Clock::time_point::max();
  Clock::time_point write_deadline_ = Clock::time_point::max();
  bool first_request_ = true;
  bool read_pending_ = false;
  bool writing_ = false;
  bool stop_reading_ = false;
  bool closed_ = false;
  bool lingering_ = false;
  uint64_t lingered_ = 0;
  Clock::time_point linger_deadline_;
};

}  // namespace

struct HttpServer::Impl {
  Impl(ServerOptions options, const Router& router) : core(std::move(options), router) {}

  void Accept() {
    acceptor->async_accept(asio::make_strand(*core.ioc),
                           [this](const beast::error_code& ec, tcp::socket socket) {
                             OnAccept(ec, std::move(socket));
                           });
  }

  void OnAccept(const beast::error_code& ec, tcp::socket socket) {
    if (ec == asio::error::operation_aborted || !acceptor->is_open()) return;
    if (ec) {
      log::Error("accept failed: " + ec.message());
      // Out of descriptors and similar: back off instead of spinning.
      accept_timer->expires_after(std::chrono::milliseconds(kAcceptRetryMs));
      accept_timer->async_wait([this](const beast::error_code& wait_ec) {
        if (!wait_ec && acceptor->is_open()) Accept();
      });
      return;
    }
    if (core.stopping.load()) {
      beast::error_code ignored;
      socket.close(ignored);
      return;
    }
    beast::error_code opt_ec;
    socket.set_option(tcp::no_delay(true), opt_ec);
    std::make_shared<Session>(core, std::move(socket))->Start();
    Accept();
  }

  template <typename F>
  void ForEachSession(F f) {
    std::vector<std::shared_ptr<Session>> live;
    {
      std::lock_guard lock(core.mu);
      for (auto& [ptr, weak] : core.sessions) {
        if (auto s = weak.lock()) live.push_back(std::move(s));
      }
    }
    for (auto& s : live) {
      asio::post(s->executor(), [s, f] { f(*s); });
    }
  }

  Core core;
  std::unique_ptr<asio::strand<asio::io_context::executor_type>> accept_strand;
  std::unique_ptr<tcp::acceptor> acceptor;
  std::unique_ptr<asio::steady_timer> accept_timer;
  std::unique_ptr<asio::signal_set> signals;
  std::optional<asio::executor_work_guard<asio::io_context::executor_type>> work;
  std::vector<std::thread> io_threads;
  uint16_t port = 0;

  std::mutex control_mu;  // started/stopped/signal flags
  std::condition_variable control_cv;
  bool started = false;
  bool stopping = false;
  bool stopped = false;
  bool signalled = false;
  std::mutex stop_mu;  // serialises Stop()
};

HttpServer::HttpServer(ServerOptions options, const Router& router)
    : impl_(std::make_unique<Impl>(std::move(options), router)) {}

HttpServer::~HttpServer() { Stop(); }

// SIGINT/SIGTERM end RunUntilSignal's wait; the stop itself runs on the controlling thread.
void HttpServer::InstallSignalHandler(Impl& s) {
  s.signals = std::make_unique<asio::signal_set>(*s.core.ioc, SIGINT, SIGTERM);
  s.signals->async_wait([&s](const beast::error_code& ec, int signo) {
    if (ec) return;
    log::Info("received signal " + std::to_string(signo) + ", shutting down");
    std::lock_guard inner(s.control_mu);
    s.signalled = true;
    s.control_cv.notify_all();
  });
}

Status HttpServer::Start() {
  Impl& s = *impl_;
  {
    std::lock_guard lock(s.control_mu);
    if (s.started) return FailedPrecondition("server already started");
  }
  Core& core = s.core;
  int io_threads = std::max(1, core.options.io_threads);
  int worker_threads = std::max(1, core.options.worker_threads);

  beast::error_code ec;
  asio::ip::address address = asio::ip::make_address(core.options.host, ec);
  if (ec) return Unavailable("invalid listen address '" + core.options.host + "': " + ec.message());

  core.ioc = std::make_unique<asio::io_context>(io_threads);
  s.accept_strand =
      std::make_unique<asio::strand<asio::io_context::executor_type>>(core.ioc->get_executor());
  s.acceptor = std::make_unique<tcp::acceptor>(*s.accept_strand);
  s.accept_timer = std::make_unique<asio::steady_timer>(*s.accept_strand);
  tcp::endpoint endpoint(address, core.options.port);
  auto fail = [&](std::string_view what) {
    Status st = Unavailable("cannot " + std::string(what) + " " + core.options.host + ":" +
                            std::to_string(core.options.port) + ": " + ec.message());
    s.accept_timer.reset();
    s.acceptor.reset();
    s.accept_strand.reset();
    core.ioc.reset();
    return st;
  };
  s.acceptor->open(endpoint.protocol(), ec);
  if (ec) return fail("open socket for");
  s.acceptor->set_option(asio::socket_base::reuse_address(true), ec);
  if (ec) return fail("set options on");
  s.acceptor->bind(endpoint, ec);
  if (ec) return fail("bind");
  s.acceptor->listen(asio::socket_base::max_listen_connections, ec);
  if (ec) return fail("listen on");
  s.port = s.acceptor->local_endpoint(ec).port();

  core.workers = std::make_unique<asio::thread_pool>(static_cast<size_t>(worker_threads));
  s.work.emplace(core.ioc->get_executor());
  if (core.options.handle_signals) {
    // Installed before any thread runs and before the caller announces the port, so a signal
    // that arrives right after start-up still means a graceful stop.
    InstallSignalHandler(s);
  }
  asio::post(*s.accept_strand, [&s] { s.Accept(); });
  for (int i = 0; i < io_threads; ++i) {
    s.io_threads.emplace_back([&core] {
      // Asio handlers here do not throw; this catch only keeps a stray exception from
      // terminating the process without a log line.
      try {
        core.ioc->run();
      } catch (const std::exception& e) {
        log::Error(std::string("I/O thread stopped by exception: ") + e.what());
      }
    });
  }
  std::lock_guard lock(s.control_mu);
  s.started = true;
  return Status::Ok();
}

uint16_t HttpServer::port() const { return impl_->port; }

void HttpServer::RunUntilSignal() {
  Impl& s = *impl_;
  std::unique_lock lock(s.control_mu);
  if (!s.started || s.stopping) return;
  if (!s.signals) {
    InstallSignalHandler(s);
  }
  s.control_cv.wait(lock, [&s] { return s.signalled || s.stopping; });
  lock.unlock();
  Stop();
}

void HttpServer::Stop() {
  Impl& s = *impl_;
  std::lock_guard stop_lock(s.stop_mu);
  {
    std::lock_guard lock(s.control_mu);
    if (!s.started || s.stopped) return;
    s.stopping = true;
    s.control_cv.notify_all();
  }
  Core& core = s.core;
  core.stopping.store(true);

  // 1. Stop accepting.
  asio::post(*s.accept_strand, [&s] {
    beast::error_code ec;
    s.acceptor->close(ec);
    s.accept_timer->cancel();
  });
  // 2. Idle connections close; busy ones finish what they have.
  s.ForEachSession([](Session& session) { session.Shutdown(); });
  // 3. Wait for in-flight requests, bounded.
  bool drained = false;
  {
    std::unique_lock lock(core.mu);
    drained = core.cv.wait_for(lock, std::chrono::milliseconds(core.options.drain_timeout_ms),
                               [&core] { return core.inflight == 0; });
    if (!drained) {
      log::Error("shutdown: " + std::to_string(core.inflight) +
                 " request(s) still in flight after the drain timeout");
    }
  }
  // 4. Close whatever is left and let the I/O threads run out of work. Queued handlers are
  // dropped when the drain timed out; sessions they reference go away with the pool.
  if (!drained) core.workers->stop();
  s.ForEachSession([](Session& session) { session.Close(); });
  {
    std::unique_lock lock(core.mu);
    core.cv.wait_for(lock, drained ? kSessionCloseGrace : kSessionCloseGrace / 10,
                     [&core] { return core.sessions.empty(); });
  }
  if (s.signals) {
    asio::post(*s.accept_strand, [&s] {
      beast::error_code ec;
      s.signals->cancel(ec);
    });
  }
  s.work.reset();
  core.ioc->stop();
  for (auto& t : s.io_threads) t.join();
  s.io_threads.clear();
  core.workers->join();  // handlers already running still finish
  s.signals.reset();
  s.accept_timer.reset();
  s.acceptor.reset();
  s.accept_strand.reset();
  // Dropped worker handlers, then queued I/O handlers, release the last sessions; both need the
  // io_context alive, so it goes last.
  core.workers.reset();
  core.ioc.reset();

  std::lock_guard lock(s.control_mu);
  s.stopped = true;
}

}  // namespace cairn::http
