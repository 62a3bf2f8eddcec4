#include "http/internal/session.h"

#include <fcntl.h>
#include <unistd.h>

#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/http/error.hpp>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <string>

#include "common/cancellation.h"
#include "common/log.h"

namespace cairn::http::internal {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using Tcp = asio::ip::tcp;

constexpr uint32_t kHeaderLimit = 16 * 1024;
constexpr size_t kHeaderReadChunk = 4 * 1024;
constexpr size_t kBodyReadChunk = 64 * 1024;
// After a response that closes the connection, unread request bytes are drained for a while
// before the socket is closed, so the peer's TCP stack does not answer them with a reset that
// could destroy the response in flight (e.g. a 413 sent before the body was read).
constexpr std::chrono::milliseconds kLingerTime{1000};
constexpr uint64_t kMaxLingerBytes = 1 << 20;
constexpr std::string_view kUnmatched = "unmatched";
constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
// The minimum body rate is checked over windows this long.
constexpr std::chrono::seconds kBodyRateWindow{5};
constexpr int kRequestTimeout = 408;
constexpr int kHeaderTooLarge = 431;
constexpr int kServiceUnavailable = 503;
// Retry-After for a full compute queue stays within these bounds (seconds).
constexpr int64_t kMinRetryAfter = 1;
constexpr int64_t kMaxRetryAfter = 60;

// Asks a produced body for its next piece into ex.chunk, with the request's cancellation flag
// and request id in scope. A client that has gone is not produced for.
Status PullPiece(Exchange& ex) {
  ex.chunk.clear();
  ex.chunk_offset = 0;
  if (ex.cancelled.load(std::memory_order_relaxed)) return Cancelled();
  ScopedCancellation scope(&ex.cancelled);
  log::ScopedRequestId context(ex.req.request_id);
  Status s = ex.res.stream->Next(ex.chunk);
  if (s.ok() && ex.chunk.empty()) ex.stream_done = true;
  return s;
}

// A produced body's first piece is asked for right after its handler, before anything is
// written, so that an error there is still a normal answer. HEAD never produces.
void PrimeStream(Exchange& ex) {
  if (!ex.res.stream || ex.req.method == Method::kHead || BodyForbidden(ex.res.status)) return;
  Status s = PullPiece(ex);
  if (s.ok()) return;
  {
    log::ScopedRequestId context(ex.req.request_id);
    if (s.code() == StatusCode::kInternal) log::Error("streamed response failed: " + s.message());
  }
  ex.res = Problem(s, ex.req.path);
  ex.chunk.clear();
  ex.stream_done = false;
}

// Whether a request runs on the writer pool (ServerOptions::write_threads).
bool MayWrite(Method method, const RouteOptions& options) {
  return method != Method::kGet && method != Method::kHead && !options.reads_only;
}

// Runs the handler with the request's cancellation flag as the thread's context, then primes a
// produced body.

Response InvokeCancellable(const Router& router, Exchange& ex) {
  ScopedCancellation scope(&ex.cancelled);
  return router.Invoke(ex.match, ex.req);
}

}  // namespace

Session::Session(Core& core, Tcp::socket socket, Mode mode)
    : core_(core), mode_(mode), socket_(std::move(socket)), tick_(socket_.get_executor()) {
  (mode_ == Mode::kServe ? core_.connections : core_.rejecting).fetch_add(1);
}

Session::~Session() {
  {
    std::lock_guard lock(core_.mu);
    core_.sessions.erase(this);
  }
  core_.cv.notify_all();
  if (reading_) Discard(*reading_);
  size_t held = buffer_.capacity();
  for (auto& ex : queue_) {
    held += ex->req.body.capacity() + ex->res.body.capacity();
    Discard(*ex);
  }
  for (auto& ex : pool_) held += ex->req.body.capacity() + ex->res.body.capacity();
  core_.reclaimer.NoteReleased(held);
  (mode_ == Mode::kServe ? core_.connections : core_.rejecting).fetch_sub(1);
}

void Session::Start() {
  {
    std::lock_guard lock(core_.mu);
    core_.sessions.emplace(this, weak_from_this());
  }
  ArmTick();
  if (mode_ == Mode::kServe) {
    MaybeRead();
    return;
  }
  // Over the connection cap: answer at once, then close (lingering, so that the request the
  // client is sending does not turn into a reset that destroys the answer).
  std::unique_ptr<Exchange> ex = Acquire();
  ex->start = SteadyClock::now();
  ex->req.method = Method::kOther;
  NewRequestId(ex->req.request_id);
  ex->res = Problem(Unavailable("the server is at its connection limit; retry shortly"), "/",
                    kServiceUnavailable);
  ex->res.headers.emplace_back("Retry-After", "1");
  ex->match.pattern = std::string(kUnmatched);
  ex->close_after = true;
  ex->dispatched = true;
  ex->ready = true;
  stop_reading_ = true;
  queue_.push_back(std::move(ex));
  MaybeWrite();
}

void Session::Shutdown() {
  stop_reading_ = true;
  if (queue_.empty() && phase_ != Phase::kBody) Close();
}

void Session::Close() {
  if (closed_) return;
  closed_ = true;
  CancelQueued();
  beast::error_code ec;
  socket_.shutdown(Tcp::socket::shutdown_both, ec);
  socket_.close(ec);
  tick_.cancel();
}

// Half-closes, then drains what the peer still sends (bounded in time and bytes) and closes.
void Session::LingeringClose() {
  if (closed_ || lingering_) return;
  lingering_ = true;
  linger_deadline_ = SteadyClock::now() + kLingerTime;
  beast::error_code ec;
  socket_.shutdown(Tcp::socket::shutdown_send, ec);
  if (ec) {
    Close();
    return;
  }
  buffer_.clear();
  if (!read_pending_) ReadSome(kBodyReadChunk, false);
}

// ---- timeouts ------------------------------------------------------------------------------

void Session::ArmTick() {
  tick_.expires_after(core_.tick);
  tick_.async_wait([self = shared_from_this()](const beast::error_code& ec) {
    if (!ec) self->OnTick();
  });
}

void Session::OnTick() {
  if (closed_) return;
  if (phase_ == Phase::kBody && reading_ && !lingering_) {
    SteadyClock::time_point now = SteadyClock::now();
    if (now >= body_deadline_) {
      SlowBody();
    } else if (now - body_window_start_ >= kBodyRateWindow) {
      uint64_t wanted = uint64_t{core_.options.min_body_rate} *
                        std::chrono::duration_cast<std::chrono::seconds>(kBodyRateWindow).count();
      if (body_window_bytes_ < wanted) {
        SlowBody();
      } else {
        body_window_start_ = now;
        body_window_bytes_ = 0;
      }
    }
    if (closed_) return;
  }
  SteadyClock::time_point deadline = SteadyClock::time_point::max();
  if (lingering_) {
    deadline = linger_deadline_;
  } else if (writing_) {
    deadline = write_deadline_;
  } else if (queue_.empty() && phase_ != Phase::kNone) {
    deadline = read_deadline_;  // handlers in progress never time a connection out
  }
  if (SteadyClock::now() >= deadline) {
    Close();
    return;
  }
  ArmTick();
}

void Session::SetReadPhase(Phase phase) {
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
  read_deadline_ = SteadyClock::now() + std::chrono::milliseconds(ms);
}

// ---- reading -------------------------------------------------------------------------------

void Session::MaybeRead() {
  if (closed_ || reading_ || stop_reading_) return;
  if (core_.stopping.load(std::memory_order_relaxed)) {
    stop_reading_ = true;
    if (queue_.empty()) Close();
    return;
  }
  if (queue_.size() >= static_cast<size_t>(core_.options.max_pipelined)) return;
  // Read ahead only while what this connection buffers is within its budget: a client that
  // pipelines requests for big responses and never reads them stalls here, not in our memory.
  if (!queue_.empty() && BufferedBytes() >= core_.options.max_buffered_bytes) return;
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

void Session::ParseHeader() {
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

void Session::ReadSome(size_t chunk, bool body) {
  read_pending_ = true;
  socket_.async_read_some(buffer_.prepare(chunk),
                          [self = shared_from_this(), body](const beast::error_code& ec, size_t n) {
                            self->OnRead(ec, n, body);
                          });
}

void Session::OnRead(const beast::error_code& ec, size_t n, bool body) {
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
    // EOF or reset: a partial request is dropped; answered requests still get written. The
    // client has most likely gone (a half-close is legal but rare), so handlers still working
    // for it are asked to stop, and compute requests still waiting are not run.
    stop_reading_ = true;
    CancelQueued();
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
  if (body && !parser_) {
    // The request was answered while this read was pending (too slow a body): its bytes are
    // dropped; the lingering close after the answer drains the rest.
    buffer_.clear();
    return;
  }
  if (body) {
    body_window_bytes_ += n;
    SetReadPhase(Phase::kBody);
    ParseBody();
  } else {
    if (phase_ == Phase::kIdle) SetReadPhase(Phase::kHeader);
    ParseHeader();
  }
}

void Session::RejectMalformed(const beast::error_code& ec) {
  Exchange& ex = *reading_;
  if (!ex.counted) {
    ex.counted = true;
    core_.AddInflight();
  }
  ex.start = SteadyClock::now();
  if (ex.req.request_id.empty()) NewRequestId(ex.req.request_id);
  if (ec == bhttp::error::header_limit) {
    ex.res = Problem(InvalidArgument("request header too large (limit " +
                                     std::to_string(kHeaderLimit) + " bytes)"),
                     "/", kHeaderTooLarge);
  } else {
    ex.res = Problem(InvalidArgument("malformed HTTP request"), "/");
  }
  ex.match.pattern = std::string(kUnmatched);
  FinishEarly(/*close=*/true);
}

void Session::OnHeaderDone() {
  Exchange& ex = *reading_;
  ex.counted = true;
  core_.AddInflight();
  ex.start = SteadyClock::now();
  ex.keep_alive = parser_->keep_alive();
  Request& req = ex.req;
  if (auto id = req.Header("x-request-id"); id && SaneRequestId(*id)) {
    req.request_id.assign(id->data(), id->size());
  } else {
    NewRequestId(req.request_id);
  }

  if (auto defect = CheckRequestHead(req, ex.version)) {
    ex.res = Problem(defect->status, "/");
    ex.match.pattern = std::string(kUnmatched);
    FinishEarly(defect->close_connection);
    return;
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
    Enqueue();
    return;
  }

  // A computation that could not start now is refused before its body is read: an upload of
  // gigabytes is not accepted only to be answered 503 (it is checked again when it would start).
  if (route.compute && ComputeFull()) {
    ex.res = ComputeBusy(req);
    FinishEarly();
    return;
  }
  uint64_t limit =
      route.stream_body_to_file ? core_.options.max_file_body_bytes : core_.options.max_body_bytes;
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
  body_window_start_ = SteadyClock::now();
  body_window_bytes_ = 0;
  body_deadline_ =
      route.stream_body_to_file
          ? SteadyClock::time_point::max()
          : body_window_start_ + std::chrono::milliseconds(core_.options.body_timeout_ms);
  SetReadPhase(Phase::kBody);
  ParseBody();
}

bool Session::OpenBodyFile() {
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
  log::ScopedRequestId context(ex.req.request_id);
  log::Error("cannot create upload file in " + core_.options.temp_dir + ": " +
             std::strerror(errno));
  ex.res = Problem(Internal("cannot create upload file"), ex.req.path);
  FinishEarly();
  return false;
}

void Session::CloseBodyFile() {
  if (parser_ && parser_->file_fd >= 0) {
    ::close(parser_->file_fd);
    parser_->file_fd = -1;
  }
}

void Session::RemoveBodyFile(Exchange& ex) {
  if (ex.req.body_file) {
    std::error_code ec;
    std::filesystem::remove(*ex.req.body_file, ec);
    ex.req.body_file.reset();
  }
}

void Session::SendContinue() {
  // Only when nothing else is on the wire: interim responses must not interleave.
  if (writing_ || !queue_.empty()) return;
  writing_ = true;
  write_deadline_ = SteadyClock::now() + std::chrono::milliseconds(core_.options.write_timeout_ms);
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

void Session::ParseBody() {
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
        log::ScopedRequestId context(ex.req.request_id);
        log::Error(std::string("writing upload failed: ") + std::strerror(errno));
        ex.res = Problem(Internal("writing upload failed"), ex.req.path);
      } else {
        ex.res = Problem(InvalidArgument("malformed request body"), ex.req.path);
      }
      FinishEarly();
      return;
    }
  }
  CloseBodyFile();
  Enqueue();
}

void Session::TooLarge(uint64_t limit) {
  CloseBodyFile();
  Exchange& ex = *reading_;
  RemoveBodyFile(ex);
  ex.res = Problem(
      ResourceExhausted("request body exceeds the limit of " + std::to_string(limit) + " bytes"),
      ex.req.path);
  FinishEarly();
}

// A body that arrives slower than the minimum rate, or an in-memory body that is not complete
// within body_timeout_ms: 408, and the connection closes.
void Session::SlowBody() {
  Exchange& ex = *reading_;
  {
    log::ScopedRequestId context(ex.req.request_id);
    log::Info("request body arrived too slowly; closing the connection");
  }
  CloseBodyFile();
  RemoveBodyFile(ex);
  ex.res =
      Problem(InvalidArgument("the request body arrived too slowly"), ex.req.path, kRequestTimeout);
  FinishEarly(/*close=*/true);
}

// Answers the request being read without running a handler. If its body was not consumed (or
// `close`: its framing cannot be trusted) the connection cannot be reused: it closes after this
// response.
void Session::FinishEarly(bool close) {
  bool body_pending = !parser_ || !parser_->is_done();
  CloseBodyFile();
  std::unique_ptr<Exchange> owned = std::move(reading_);
  Exchange* ex = owned.get();
  parser_.reset();
  phase_ = Phase::kNone;
  body_deadline_ = SteadyClock::time_point::max();
  if (body_pending || close) {
    ex->close_after = true;
    stop_reading_ = true;
  }
  if (!ex->counted) {
    ex->counted = true;
    core_.AddInflight();
  }
  ex->dispatched = true;
  ex->ready = true;
  queue_.push_back(std::move(owned));
  MaybeWrite();
  MaybeRead();
}

// ---- handlers ------------------------------------------------------------------------------

// The request just read joins the queue; its handler runs when the ones before it are done.
void Session::Enqueue() {
  Exchange* ex = reading_.get();
  queue_.push_back(std::move(reading_));
  parser_.reset();
  phase_ = Phase::kNone;
  body_deadline_ = SteadyClock::time_point::max();
  if (!ex->keep_alive) stop_reading_ = true;
  DispatchNext();
  MaybeRead();
}

// Starts handlers in request order, one at a time: a pipelining client gets its answers as
// fast as one connection needs, and never more than one handler's worth of work in flight or
// more than max_buffered_bytes of answers waiting for it.
void Session::DispatchNext() {
  while (!handler_running_ && !closed_) {
    Exchange* ex = nullptr;
    uint64_t answers_ahead = 0;  // bytes of responses waiting to be written before it
    for (auto& queued : queue_) {
      if (!queued->dispatched) {
        ex = queued.get();
        break;
      }
      answers_ahead += queued->BufferedBytes();
    }
    if (ex == nullptr || answers_ahead >= core_.options.max_buffered_bytes) return;
    ex->dispatched = true;
    // The upload file is removed as soon as the handler returns (unless it moved it), before
    // the response goes out.
    if (ex->match.options->inline_handler) {
      ex->res = core_.router.Invoke(ex->match, ex->req);
      RemoveBodyFile(*ex);
      PrimeStream(*ex);  // inline routes' producers run on the I/O thread (none stream today)
      ex->ready = true;
      MaybeWrite();
      continue;
    }
    if (ex->match.options->compute) {
      if (!AdmitCompute(*ex)) continue;
      handler_running_ = true;
      asio::post(*core_.compute, [self = shared_from_this(), ex] { self->RunCompute(ex); });
      continue;
    }
    handler_running_ = true;
    asio::post(MayWrite(ex->req.method, *ex->match.options) ? *core_.writers : *core_.workers,
               [self = shared_from_this(), ex] {
                 ex->res = InvokeCancellable(self->core_.router, *ex);
                 RemoveBodyFile(*ex);
                 PrimeStream(*ex);
                 asio::post(self->socket_.get_executor(), [self, ex] { self->OnHandlerDone(ex); });
               });
  }
}

// A compute request takes a place among compute_threads + compute_queue, or is answered 503
// at once with a Retry-After estimated from recent compute times (its body is dropped: a full
// queue must not keep accumulating bodies).
bool Session::AdmitCompute(Exchange& ex) {
  const int capacity = core_.options.compute_threads + core_.options.compute_queue;
  if (core_.compute_admitted.fetch_add(1, std::memory_order_acq_rel) < capacity) return true;
  core_.compute_admitted.fetch_sub(1, std::memory_order_acq_rel);
  ex.res = ComputeBusy(ex.req);
  RemoveBodyFile(ex);
  ex.ready = true;
  MaybeWrite();
  return false;
}

bool Session::ComputeFull() const {
  return core_.compute_admitted.load(std::memory_order_acquire) >=
         core_.options.compute_threads + core_.options.compute_queue;
}

Response Session::ComputeBusy(const Request& req) const {
  const int capacity = core_.options.compute_threads + core_.options.compute_queue;
  const int64_t avg_micros = core_.compute_micros_ewma.load(std::memory_order_relaxed);
  const int64_t waves = 1 + (capacity / core_.options.compute_threads);
  const int64_t retry =
      std::clamp((avg_micros * waves + 999'999) / 1'000'000, kMinRetryAfter, kMaxRetryAfter);
  log::ScopedRequestId context(req.request_id);
  Response res = Problem(
      Unavailable("the server is busy with other computations (" + std::to_string(capacity) +
                  " running or waiting); retry in " + std::to_string(retry) + " s"),
      req.path, kServiceUnavailable);
  res.headers.emplace_back("Retry-After", std::to_string(retry));
  return res;
}

// On the compute pool. A request whose client left while it waited is not run.
void Session::RunCompute(Exchange* ex) {
  if (ex->cancelled.load(std::memory_order_relaxed)) {
    ex->res = Problem(Cancelled(), ex->req.path, kServiceUnavailable);
  } else {
    SteadyClock::time_point t0 = SteadyClock::now();
    ex->res = InvokeCancellable(core_.router, *ex);
    int64_t micros =
        std::chrono::duration_cast<std::chrono::microseconds>(SteadyClock::now() - t0).count();
    // Exponential moving average (weight 1/4), racy updates are harmless: it is an estimate.
    int64_t avg = core_.compute_micros_ewma.load(std::memory_order_relaxed);
    core_.compute_micros_ewma.store(avg == 0 ? micros : avg + (micros - avg) / 4,
                                    std::memory_order_relaxed);
  }
  core_.compute_admitted.fetch_sub(1, std::memory_order_acq_rel);
  RemoveBodyFile(*ex);
  PrimeStream(*ex);
  asio::post(socket_.get_executor(), [self = shared_from_this(), ex] { self->OnHandlerDone(ex); });
}

void Session::CancelQueued() {
  for (auto& ex : queue_) ex->cancelled.store(true, std::memory_order_relaxed);
}

void Session::OnHandlerDone(Exchange* ex) {
  handler_running_ = false;
  ex->ready = true;
  MaybeWrite();
  DispatchNext();
  MaybeRead();
}

uint64_t Session::BufferedBytes() const {
  uint64_t total = 0;
  for (const auto& ex : queue_) total += ex->BufferedBytes();
  return total;
}

// ---- writing -------------------------------------------------------------------------------

void Session::MaybeWrite() {
  if (writing_ || pulling_ || responding_ || closed_ || queue_.empty() || !queue_.front()->ready)
    return;
  Exchange& ex = *queue_.front();
  bool stopping = core_.stopping.load(std::memory_order_relaxed);
  if (!ex.keep_alive || (stopping && queue_.size() == 1 && phase_ != Phase::kBody)) {
    ex.close_after = true;
  }
  writer_.Begin(ex);
  if (ex.close_after) stop_reading_ = true;  // (Begin closes after an HTTP/1.0 stream)
  responding_ = true;
  WriteNext();
}

void Session::WriteNext() {
  Exchange& ex = *queue_.front();
  ResponseWriter::Step step = writer_.Next(ex);
  if (step.failed) {
    Close();
    return;
  }
  if (step.done) {
    Complete();
    return;
  }
  if (step.need_more) {
    PullNext();
    return;
  }
  writing_ = true;
  write_deadline_ = SteadyClock::now() + std::chrono::milliseconds(core_.options.write_timeout_ms);
  asio::async_write(
      socket_, step.buffers,
      [self = shared_from_this()](const beast::error_code& ec, size_t) { self->OnWrite(ec); });
}

// The piece of a produced body went out: the next one is produced on a worker (never on the
// I/O thread: it may read storage), and written when it is back. Until then nothing else of
// this connection is written, so what a slow reader makes the server hold is this one piece.
void Session::PullNext() {
  pulling_ = true;
  Exchange* ex = queue_.front().get();
  asio::post(*core_.workers, [self = shared_from_this(), ex] {
    Status s = PullPiece(*ex);
    asio::post(self->socket_.get_executor(),
               [self, ex, s = std::move(s)] { self->OnPulled(ex, s); });
  });
}

void Session::OnPulled(Exchange* ex, const Status& s) {
  pulling_ = false;
  if (closed_) return;
  if (!s.ok()) {
    // Part of the body is on the wire: closing without its end is the only honest signal.
    if (s.code() == StatusCode::kInternal) {
      log::ScopedRequestId context(ex->req.request_id);
      log::Error("streamed response failed after " + std::to_string(ex->stream_sent) +
                 " bytes: " + s.message());
    }
    Close();
    return;
  }
  WriteNext();
}

void Session::OnWrite(const beast::error_code& ec) {
  writing_ = false;
  if (ec) {
    Close();
    return;
  }
  WriteNext();
}

void Session::Complete() {
  responding_ = false;
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
  DispatchNext();
  MaybeRead();
  if (stop_reading_ && queue_.empty() && !writing_ && phase_ != Phase::kBody) Close();
}

void Session::Record(const Exchange& ex) {
  int64_t micros =
      std::chrono::duration_cast<std::chrono::microseconds>(SteadyClock::now() - ex.start).count();
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

// ---- exchange bookkeeping ------------------------------------------------------------------

// Releases what an exchange holds outside memory: the in-flight count, files.
void Session::Discard(Exchange& ex) {
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

std::unique_ptr<Exchange> Session::Acquire() {
  if (pool_.empty()) return std::make_unique<Exchange>();
  std::unique_ptr<Exchange> ex = std::move(pool_.back());
  pool_.pop_back();
  return ex;
}

void Session::Release(std::unique_ptr<Exchange> ex) {
  // What Reset frees (a large body, a response that is not kept) may go back to the OS.
  size_t released = ex->res.body.capacity() + ex->chunk.capacity();
  if (ex->req.body.capacity() > kRetainedBodyCapacity) released += ex->req.body.capacity();
  core_.reclaimer.NoteReleased(released);
  ex->Reset();
  if (pool_.size() < static_cast<size_t>(core_.options.max_pipelined) + 1) {
    pool_.push_back(std::move(ex));
  }
}

}  // namespace cairn::http::internal
