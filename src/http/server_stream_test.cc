// HttpServer writing produced bodies (Response::Streamed, http/message.h BodyProducer): chunk
// framing on the wire, Content-Length when the length is known, HTTP/1.0 clients, HEAD, errors
// before the first byte and after it, backpressure against a client that does not read, the
// write deadline, disconnects mid-stream, and keep-alive requests after a streamed response.
// Raw sockets, so every byte and every close is the test's.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "common/cancellation.h"
#include "common/log.h"
#include "http/server.h"
#include "http/testing/raw_conn.h"

namespace cairn::http {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using testing::RawConn;
using Clock = std::chrono::steady_clock;

// What the test observes of one producer.
struct Probe {
  std::atomic<int> calls{0};
  std::atomic<int64_t> produced{0};
  std::atomic<bool> saw_cancel{false};
  std::atomic<bool> destroyed{false};
};

// Yields `pieces` in order (then the end); piece number `fail_at`, if set, fails instead. Each
// piece `i` is the letter 'a' + i % 26 repeated piece_sizes[i] times.
class TestProducer final : public BodyProducer {
 public:
  TestProducer(std::shared_ptr<Probe> probe, std::vector<size_t> sizes, int fail_at, Status failure)
      : probe_(std::move(probe)),
        sizes_(std::move(sizes)),
        fail_at_(fail_at),
        failure_(std::move(failure)) {}
  ~TestProducer() override { probe_->destroyed.store(true); }

  Status Next(std::string& out) override {
    const int i = probe_->calls.fetch_add(1);
    if (CancellationRequested()) {
      probe_->saw_cancel.store(true);
      return Cancelled();
    }
    if (i == fail_at_) return failure_;
    if (static_cast<size_t>(i) >= sizes_.size()) return Status::Ok();
    out.assign(sizes_[i], static_cast<char>('a' + i % 26));
    probe_->produced.fetch_add(static_cast<int64_t>(out.size()));
    return Status::Ok();
  }

 private:
  std::shared_ptr<Probe> probe_;
  std::vector<size_t> sizes_;
  int fail_at_;
  Status failure_;
};

std::string Expected(const std::vector<size_t>& sizes) {
  std::string s;
  for (size_t i = 0; i < sizes.size(); ++i) s.append(sizes[i], static_cast<char>('a' + i % 26));
  return s;
}

class ServerStreamTest : public ::testing::Test {
 protected:
  void SetUp() override { log::SetQuiet(true); }
  void TearDown() override {
    if (server_) server_->Stop();
    server_.reset();
  }

  // GET /stream answers a TestProducer over `sizes`.
  void Serve(const std::vector<size_t>& sizes, std::optional<uint64_t> length = std::nullopt,
             int fail_at = -1, const Status& failure = Internal("boom")) {
    router_.Add(Method::kGet, "/stream", [this, sizes, length, fail_at, failure](Request&) {
      auto probe = std::make_shared<Probe>();
      {
        std::lock_guard lock(mu_);
        probes_.push_back(probe);
      }
      return Response::Streamed(200, "text/plain",
                                std::make_unique<TestProducer>(probe, sizes, fail_at, failure),
                                length);
    });
    router_.Add(Method::kGet, "/hello",
                [](Request&) { return Response::Json(200, R"({"hello":"world"})"); });
  }

  void Start(int write_timeout_ms = 15000) {
    ServerOptions o;
    o.port = 0;
    o.io_threads = 2;
    o.worker_threads = 2;
    o.access_log = false;
    o.write_timeout_ms = write_timeout_ms;
    server_ = std::make_unique<HttpServer>(std::move(o), router_);
    ASSERT_TRUE(server_->Start().ok());
  }

  std::shared_ptr<Probe> probe(size_t i) {
    std::lock_guard lock(mu_);
    return i < probes_.size() ? probes_[i] : nullptr;
  }

  static std::string Get(std::string_view path, std::string_view version = "1.1",
                         std::string_view method = "GET") {
    return std::string(method) + " " + std::string(path) + " HTTP/" + std::string(version) +
           "\r\nHost: x\r\n\r\n";
  }

  // Waits until `pred` holds (polling), at most `ms`.
  template <typename Pred>
  static bool Eventually(Pred pred, int ms = 5000) {
    auto deadline = Clock::now() + std::chrono::milliseconds(ms);
    while (!pred()) {
      if (Clock::now() >= deadline) return false;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return true;
  }

  Router router_;
  std::unique_ptr<HttpServer> server_;
  std::mutex mu_;
  std::vector<std::shared_ptr<Probe>> probes_;
};

// Reads from `conn` until `bytes` holds the head and a complete chunked body (or times out).
// Returns the raw bytes of that response and leaves what follows in pending().
std::string ReadChunkedRaw(RawConn& conn, int timeout_ms = 10000) {
  auto deadline = Clock::now() + std::chrono::milliseconds(timeout_ms);
  std::string& p = conn.pending();
  while (Clock::now() < deadline) {
    size_t head_end = p.find("\r\n\r\n");
    if (head_end != std::string::npos) {
      size_t pos = head_end + 4;
      while (true) {
        size_t eol = p.find("\r\n", pos);
        if (eol == std::string::npos) break;
        size_t size = std::stoul(p.substr(pos, eol - pos), nullptr, 16);
        if (p.size() < eol + 2 + size + 2) break;
        pos = eol + 2 + size + 2;
        if (size == 0) {
          std::string raw = p.substr(0, pos);
          p.erase(0, pos);
          return raw;
        }
      }
    }
    if (conn.ReadSome(100) == 0) break;
  }
  return "";
}

// Decodes a chunked body; fails the test on a framing error. `sizes` gets each chunk's size.
std::string Dechunk(std::string_view raw, std::vector<size_t>* sizes = nullptr) {
  size_t pos = raw.find("\r\n\r\n");
  EXPECT_NE(pos, std::string_view::npos);
  pos += 4;
  std::string body;
  while (pos < raw.size()) {
    size_t eol = raw.find("\r\n", pos);
    EXPECT_NE(eol, std::string_view::npos);
    size_t size = std::stoul(std::string(raw.substr(pos, eol - pos)), nullptr, 16);
    if (sizes) sizes->push_back(size);
    body.append(raw.substr(eol + 2, size));
    EXPECT_EQ(raw.substr(eol + 2 + size, 2), "\r\n");
    pos = eol + 2 + size + 2;
    if (size == 0) break;
  }
  EXPECT_EQ(pos, raw.size());
  return body;
}

TEST_F(ServerStreamTest, PiecesGoOutAsChunksOfAtMost256KiBThenTheLastChunk) {
  const std::vector<size_t> sizes = {3, 300 * 1024, 1, 256 * 1024};
  Serve(sizes);
  Start();
  RawConn conn(server_->port());
  ASSERT_TRUE(conn.Send(Get("/stream")));
  std::string raw = ReadChunkedRaw(conn);
  ASSERT_FALSE(raw.empty());
  const std::string head = raw.substr(0, raw.find("\r\n\r\n") + 4);
  EXPECT_THAT(head, HasSubstr("HTTP/1.1 200 OK\r\n"));
  EXPECT_THAT(head, HasSubstr("\r\nTransfer-Encoding: chunked\r\n"));
  EXPECT_THAT(head, HasSubstr("\r\nContent-Type: text/plain\r\n"));
  EXPECT_THAT(head, Not(HasSubstr("Content-Length")));
  EXPECT_THAT(head, Not(HasSubstr("Connection: close")));
  std::vector<size_t> chunk_sizes;
  EXPECT_EQ(Dechunk(raw, &chunk_sizes), Expected(sizes));
  // One chunk per slice of a piece: 300 KiB = 256 KiB + 44 KiB.
  EXPECT_THAT(chunk_sizes,
              ::testing::ElementsAre(3u, 256u * 1024, 44u * 1024, 1u, 256u * 1024, 0u));
  // The producer was asked once per piece and once more for the end; nothing after.
  EXPECT_TRUE(Eventually([&] { return probe(0) && probe(0)->destroyed.load(); }));
  EXPECT_EQ(probe(0)->calls.load(), 5);
}

TEST_F(ServerStreamTest, EmptyBodyIsJustTheLastChunk) {
  Serve({});
  Start();
  RawConn conn(server_->port());
  ASSERT_TRUE(conn.Send(Get("/stream")));
  std::string raw = ReadChunkedRaw(conn);
  ASSERT_FALSE(raw.empty());
  EXPECT_EQ(raw.substr(raw.find("\r\n\r\n") + 4), "0\r\n\r\n");
}

TEST_F(ServerStreamTest, KnownLengthIsSentAsContentLength) {
  const std::vector<size_t> sizes = {10, 400 * 1024};
  Serve(sizes, 10 + 400 * 1024);
  Start();
  RawConn conn(server_->port());
  ASSERT_TRUE(conn.Send(Get("/stream")));
  auto res = conn.ReadResponse();
  ASSERT_TRUE(res);
  EXPECT_EQ((*res)[boost::beast::http::field::content_length], std::to_string(10 + 400 * 1024));
  EXPECT_FALSE(res->chunked());
  EXPECT_EQ(res->body(), Expected(sizes));
}

TEST_F(ServerStreamTest, ProducerShortOfItsDeclaredLengthClosesTheConnection) {
  Serve({10, 10}, 100);
  Start();
  RawConn conn(server_->port());
  ASSERT_TRUE(conn.Send(Get("/stream")));
  EXPECT_FALSE(conn.ReadResponse(false, 3000));  // 20 of 100 bytes, then the close
  EXPECT_TRUE(conn.ClosedWithin(3000));
}

// An HTTP/1.0 client cannot read chunks: the body is delimited by closing the connection.
TEST_F(ServerStreamTest, Http10ClientsGetACloseDelimitedBody) {
  const std::vector<size_t> sizes = {5, 70000};
  Serve(sizes);
  Start();
  RawConn conn(server_->port());
  ASSERT_TRUE(conn.Send("GET /stream HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"));
  ASSERT_TRUE(conn.ClosedWithin(5000));
  const std::string& raw = conn.pending();
  const size_t head_end = raw.find("\r\n\r\n");
  ASSERT_NE(head_end, std::string::npos);
  const std::string head = raw.substr(0, head_end + 4);
  EXPECT_THAT(head, HasSubstr("HTTP/1.1 200 OK\r\n"));
  EXPECT_THAT(head, HasSubstr("Connection: close\r\n"));
  EXPECT_THAT(head, Not(HasSubstr("Transfer-Encoding")));
  EXPECT_THAT(head, Not(HasSubstr("Content-Length")));
  EXPECT_EQ(raw.substr(head_end + 4), Expected(sizes));
}

TEST_F(ServerStreamTest, HeadGetsTheHeadOnlyWithoutProducingAndKeepsTheConnection) {
  Serve({100, 100});
  Start();
  RawConn conn(server_->port());
  ASSERT_TRUE(conn.Send(Get("/stream", "1.1", "HEAD") + Get("/hello")));
  auto head = conn.ReadResponse(/*head=*/true);
  ASSERT_TRUE(head);
  EXPECT_EQ(head->result_int(), 200);
  EXPECT_TRUE(head->chunked());
  // Nothing but the head: the next bytes are the next response.
  auto hello = conn.ReadResponse();
  ASSERT_TRUE(hello);
  EXPECT_EQ(hello->body(), R"({"hello":"world"})");
  ASSERT_TRUE(probe(0));
  EXPECT_TRUE(Eventually([&] { return probe(0)->destroyed.load(); }));
  EXPECT_EQ(probe(0)->calls.load(), 0);
}

TEST_F(ServerStreamTest, ErrorBeforeTheFirstByteIsAProblemAndKeepsTheConnection) {
  Serve({100}, std::nullopt, /*fail_at=*/0, NotFound("no such history"));
  Start();
  RawConn conn(server_->port());
  ASSERT_TRUE(conn.Send(Get("/stream") + Get("/hello")));
  auto res = conn.ReadResponse();
  ASSERT_TRUE(res);
  EXPECT_EQ(res->result_int(), 404);
  EXPECT_EQ((*res)[boost::beast::http::field::content_type], "application/problem+json");
  EXPECT_FALSE(res->chunked());
  EXPECT_THAT(res->body(), HasSubstr("no such history"));
  auto hello = conn.ReadResponse();
  ASSERT_TRUE(hello);
  EXPECT_EQ(hello->result_int(), 200);
}

TEST_F(ServerStreamTest, ErrorMidStreamClosesWithoutTheLastChunk) {
  Serve({1000, 1000, 1000}, std::nullopt, /*fail_at=*/2);
  Start();
  RawConn conn(server_->port());
  ASSERT_TRUE(conn.Send(Get("/stream") + Get("/hello")));
  ASSERT_TRUE(conn.ClosedWithin(5000));
  const std::string& raw = conn.pending();
  EXPECT_THAT(raw, HasSubstr("Transfer-Encoding: chunked"));
  EXPECT_THAT(raw, HasSubstr("3e8\r\n" + std::string(1000, 'b') + "\r\n"));
  EXPECT_THAT(raw, Not(HasSubstr("0\r\n\r\n")));
  EXPECT_THAT(raw, Not(HasSubstr("hello")));  // the pipelined request is not answered
}

// Keep-alive: streamed responses and ordinary ones, pipelined and one after the other, on one
// connection, each complete and in order.
TEST_F(ServerStreamTest, KeepAliveRequestsFollowAStreamedResponse) {
  const std::vector<size_t> sizes = {70000, 3, 500000};
  Serve(sizes);
  Start();
  RawConn conn(server_->port());
  ASSERT_TRUE(conn.Send(Get("/stream") + Get("/hello") + Get("/stream")));
  for (int i = 0; i < 3; ++i) {
    auto res = conn.ReadResponse();
    ASSERT_TRUE(res) << i;
    EXPECT_EQ(res->result_int(), 200);
    EXPECT_EQ(res->body(), i == 1 ? std::string(R"({"hello":"world"})") : Expected(sizes)) << i;
  }
  ASSERT_TRUE(conn.Send(Get("/stream")));
  auto again = conn.ReadResponse();
  ASSERT_TRUE(again);
  EXPECT_EQ(again->body(), Expected(sizes));
  ASSERT_TRUE(conn.Send(Get("/hello")));
  auto hello = conn.ReadResponse();
  ASSERT_TRUE(hello);
  EXPECT_EQ(hello->body(), R"({"hello":"world"})");
}

// Backpressure: against a client that does not read, the producer is asked for the next piece
// only as the previous ones are written — what it produced stays within the socket buffers plus
// one piece, not the 512 MiB it could produce — and it resumes when the client reads.
TEST_F(ServerStreamTest, AClientThatDoesNotReadHoldsTheProducer) {
  constexpr size_t kPiece = 1 << 20;
  const std::vector<size_t> sizes(512, kPiece);
  Serve(sizes);
  Start();
  RawConn conn(server_->port(), /*receive_buffer=*/4096);
  ASSERT_TRUE(conn.Send(Get("/stream")));
  ASSERT_TRUE(Eventually([&] { return probe(0) && probe(0)->calls.load() > 0; }));
  std::this_thread::sleep_for(std::chrono::seconds(2));
  const int64_t stalled = probe(0)->produced.load();
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  EXPECT_EQ(probe(0)->produced.load(), stalled) << "the producer ran ahead of the client";
  // Loopback socket buffers hold a few MiB at most.
  EXPECT_LT(stalled, int64_t{16} * kPiece);
  // Reading resumes production.
  size_t read = 0;
  auto deadline = Clock::now() + std::chrono::seconds(10);
  while (read < 24 * kPiece && Clock::now() < deadline) {
    if (conn.ReadSome(1000) <= 0) break;
    read += conn.pending().size();
    conn.pending().clear();
  }
  EXPECT_GE(read, 24 * kPiece);
  EXPECT_GT(probe(0)->produced.load(), stalled);
}

// The client goes away mid-stream: the producer is not asked again and is released.
TEST_F(ServerStreamTest, DisconnectMidStreamStopsTheProducer) {
  constexpr size_t kPiece = 1 << 20;
  const std::vector<size_t> sizes(512, kPiece);
  Serve(sizes);
  Start();
  {
    RawConn conn(server_->port(), /*receive_buffer=*/4096);
    ASSERT_TRUE(conn.Send(Get("/stream")));
    ASSERT_GT(conn.ReadSome(5000), 0);  // the head and the start of the body
    ASSERT_TRUE(Eventually([&] { return probe(0) && probe(0)->calls.load() > 0; }));
  }  // closed without reading the rest
  ASSERT_TRUE(Eventually([&] { return probe(0)->destroyed.load(); }));
  EXPECT_LT(probe(0)->calls.load(), 64);
  const int calls = probe(0)->calls.load();
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  EXPECT_EQ(probe(0)->calls.load(), calls);
  // The server still serves.
  RawConn next(server_->port());
  ASSERT_TRUE(next.Send(Get("/hello")));
  auto hello = next.ReadResponse();
  ASSERT_TRUE(hello);
  EXPECT_EQ(hello->result_int(), 200);
}

// The write deadline still applies between pieces: a client that stops reading is cut, and the
// producer is released.
TEST_F(ServerStreamTest, TheWriteDeadlineCutsAStalledReader) {
  constexpr size_t kPiece = 1 << 20;
  const std::vector<size_t> sizes(512, kPiece);
  Serve(sizes);
  Start(/*write_timeout_ms=*/400);
  RawConn conn(server_->port(), /*receive_buffer=*/4096);
  ASSERT_TRUE(conn.Send(Get("/stream")));
  ASSERT_TRUE(Eventually([&] { return probe(0) && probe(0)->calls.load() > 0; }));
  EXPECT_TRUE(Eventually([&] { return probe(0)->destroyed.load(); }, 5000));
  EXPECT_LT(probe(0)->produced.load(), int64_t{16} * kPiece);
}

// Pipelined requests behind a streamed response wait within the connection's budget: the
// stream's pieces count against it like any buffered answer.
TEST_F(ServerStreamTest, PipelinedRequestsBehindAStreamAreAnsweredInOrder) {
  const std::vector<size_t> sizes(8, 300000);
  Serve(sizes);
  Start();
  RawConn conn(server_->port());
  std::string batch;
  for (int i = 0; i < 6; ++i) batch += Get(i % 2 == 0 ? "/stream" : "/hello");
  ASSERT_TRUE(conn.Send(batch));
  for (int i = 0; i < 6; ++i) {
    auto res = conn.ReadResponse(false, 10000);
    ASSERT_TRUE(res) << i;
    EXPECT_EQ(res->body().size(), i % 2 == 0 ? 8u * 300000 : 17u) << i;
  }
}

}  // namespace
}  // namespace cairn::http
