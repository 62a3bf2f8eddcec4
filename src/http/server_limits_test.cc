// HttpServer against hostile clients: HTTP framing strictness (RFC 9112), what one connection
// may make the server buffer, slow bodies, stalled readers and the connection cap. Raw sockets,
// so every byte and every close is the test's.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <boost/json.hpp>
#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "common/log.h"
#include "http/server.h"
#include "http/testing/raw_conn.h"

namespace cairn::http {
namespace {

namespace fs = std::filesystem;
namespace bhttp = boost::beast::http;
using ::testing::HasSubstr;
using testing::RawConn;

constexpr size_t kBigBody = 4u << 20;

RouteOptions Streamed() {
  RouteOptions o;
  o.stream_body_to_file = true;
  return o;
}

class ServerLimitsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    log::SetQuiet(true);
    dir_ = fs::temp_directory_path() /
           ("cairn-limits-test-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    router_.Add(Method::kGet, "/hello",
                [](Request&) { return Response::Json(200, R"({"hello":"world"})"); });
    router_.Add(Method::kGet, "/items/{id}", [](Request& req) {
      return Response::Json(200,
                            boost::json::serialize(boost::json::object{{"id", req.Param("id")}}));
    });
    router_.Add(
        Method::kPost, "/echo", [](Request& req) { return Response::Json(201, req.body); },
        RouteOptions{.content_types = {"application/json"}});
    router_.Add(
        Method::kPut, "/upload",
        [](Request& req) { return Response::Json(200, req.body_file ? "{}" : "null"); },
        Streamed());
    router_.Add(Method::kGet, "/big", [this](Request&) {
      big_handled_.fetch_add(1);
      return Response::Text(200, "application/octet-stream", std::string(kBigBody, 'b'));
    });
    router_.Add(Method::kGet, "/shared", [doc = shared_doc_](Request&) {
      return Response::Shared(200, "application/json", doc);
    });
  }

  void TearDown() override {
    if (server_) server_->Stop();
    server_.reset();
    fs::remove_all(dir_);
  }

  ServerOptions Options() {
    ServerOptions o;
    o.port = 0;
    o.io_threads = 2;
    o.worker_threads = 4;
    o.max_body_bytes = 1 << 20;
    o.temp_dir = dir_.string();
    o.header_timeout_ms = 5000;
    o.idle_timeout_ms = 5000;
    o.read_timeout_ms = 5000;
    return o;
  }

  void StartServer(ServerOptions o) {
    server_ = std::make_unique<HttpServer>(std::move(o), router_);
    Status st = server_->Start();
    ASSERT_TRUE(st.ok()) << st.ToString();
  }
  void StartServer() { StartServer(Options()); }
  uint16_t port() const { return server_->port(); }

  fs::path dir_;
  Router router_;
  std::unique_ptr<HttpServer> server_;
  std::atomic<int> big_handled_{0};
  std::shared_ptr<const std::string> shared_doc_ =
      std::make_shared<const std::string>("{\"doc\":\"" + std::string(300000, 'd') + "\"}");
};

// Regression (hardening issue, item 13): a Transfer-Encoding Beast frames differently than a
// proxy might let the bytes after the header run as a second, smuggled request.
TEST_F(ServerLimitsTest, TransferEncodingOtherThanChunkedIs400AndClosesTheConnection) {
  StartServer();
  const std::string smuggled = "GET /hello HTTP/1.1\r\nHost: x\r\n\r\n";
  const std::string post = "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n";
  const std::vector<std::string> heads = {
      post + "Transfer-Encoding: gzip\r\n\r\n",
      post + "Transfer-Encoding: xchunked\r\n\r\n",
      post + "Transfer-Encoding: chunked, gzip\r\n\r\n",
      post + "Transfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n",
      post + "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
      post + "Transfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n0\r\n\r\n",
      std::string("POST /echo HTTP/1.0\r\nContent-Type: application/json\r\n") +
          "Connection: keep-alive\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
  };
  for (const std::string& head : heads) {
    RawConn conn(port());
    ASSERT_TRUE(conn.Send(head + smuggled));
    auto res = conn.ReadResponse();
    ASSERT_TRUE(res) << head;
    EXPECT_EQ(res->result_int(), 400u) << head;
    EXPECT_FALSE(res->keep_alive()) << head;
    EXPECT_EQ(conn.ReadResponse(false, 1500), std::nullopt) << "second response after: " << head;
    EXPECT_TRUE(conn.ClosedWithin(3000)) << head;
  }
  // Exactly `chunked` still works (any case, surrounding spaces allowed).
  RawConn conn(port());
  ASSERT_TRUE(
      conn.Send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                "Transfer-Encoding:  Chunked \r\n\r\n2\r\n{}\r\n0\r\n\r\n" +
                smuggled));
  auto echoed = conn.ReadResponse();
  ASSERT_TRUE(echoed);
  EXPECT_EQ(echoed->result_int(), 201u);
  auto next = conn.ReadResponse();
  ASSERT_TRUE(next);
  EXPECT_EQ(next->result_int(), 200u);
}

TEST_F(ServerLimitsTest, Http11NeedsExactlyOneHost) {
  StartServer();
  RawConn conn(port());
  ASSERT_TRUE(conn.Send("GET /hello HTTP/1.1\r\n\r\n"));
  auto none = conn.ReadResponse();
  ASSERT_TRUE(none);
  EXPECT_EQ(none->result_int(), 400u);
  EXPECT_THAT(none->body(), HasSubstr("Host"));
  ASSERT_TRUE(conn.Send("GET /hello HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n"));
  auto two = conn.ReadResponse();
  ASSERT_TRUE(two);
  EXPECT_EQ(two->result_int(), 400u);
  // The framing was fine, so the connection carries on.
  ASSERT_TRUE(conn.Send("GET /hello HTTP/1.1\r\nHost: a\r\n\r\n"));
  auto ok = conn.ReadResponse();
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->result_int(), 200u);

  RawConn old(port());
  ASSERT_TRUE(old.Send("GET /hello HTTP/1.0\r\n\r\n"));
  auto http10 = old.ReadResponse();
  ASSERT_TRUE(http10);
  EXPECT_EQ(http10->result_int(), 200u);
}

TEST_F(ServerLimitsTest, OversizeHeaderAnswer431SaysSoInItsBody) {
  StartServer();
  RawConn conn(port());
  ASSERT_TRUE(conn.Send("GET /hello HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(20000, 'h') +
                        "\r\n\r\n"));
  auto res = conn.ReadResponse();
  ASSERT_TRUE(res);
  EXPECT_EQ(res->result_int(), 431u);
  auto body = boost::json::parse(res->body());
  EXPECT_EQ(body.at("status").as_int64(), 431);
  EXPECT_EQ(body.at("title").as_string(), "Request Header Fields Too Large");
  EXPECT_EQ(res->at(bhttp::field::content_type), "application/problem+json");
}

TEST_F(ServerLimitsTest, JsonInACharsetOtherThanUtf8Is415) {
  StartServer();
  auto post = [&](const std::string& content_type) {
    RawConn conn(port());  // a refused body is not read: that connection closes
    EXPECT_TRUE(conn.Send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: " + content_type +
                          "\r\nContent-Length: 2\r\n\r\n{}"));
    auto res = conn.ReadResponse();
    return res ? static_cast<int>(res->result_int()) : 0;
  };
  EXPECT_EQ(post("application/json; charset=latin1"), 415);
  EXPECT_EQ(post("application/json; charset=ISO-8859-1"), 415);
  EXPECT_EQ(post("application/json;charset=\"utf-16\""), 415);
  EXPECT_EQ(post("application/json"), 201);
  EXPECT_EQ(post("application/json; charset=utf-8"), 201);
  EXPECT_EQ(post("Application/JSON; Charset=\"UTF-8\""), 201);
}

TEST_F(ServerLimitsTest, InvalidUtf8InPathOrQueryIs400WithValidJson) {
  StartServer();
  for (const char* target : {"/items/%FF", "/items/caf%C3", "/items/%C0%AF", "/items/%ED%A0%80",
                             "/hello?q=%FF", "/hello?%FE=1", "/items/a\xff"}) {
    RawConn conn(port());
    ASSERT_TRUE(conn.Send(std::string("GET ") + target + " HTTP/1.1\r\nHost: x\r\n\r\n"));
    auto res = conn.ReadResponse();
    ASSERT_TRUE(res) << target;
    EXPECT_EQ(res->result_int(), 400u) << target;
    boost::system::error_code ec;
    boost::json::parse(res->body(), ec);
    EXPECT_FALSE(ec) << target << ": " << res->body();
  }
  RawConn conn(port());
  ASSERT_TRUE(conn.Send("GET /items/caf%C3%A9 HTTP/1.1\r\nHost: x\r\n\r\n"));
  auto ok = conn.ReadResponse();
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->result_int(), 200u);
  EXPECT_EQ(boost::json::parse(ok->body()).at("id").as_string(), "caf\xc3\xa9");
}

// Regression (item 12): a body read deadline that reset on every byte let uploads at 1 byte/s
// hold their connections forever.
TEST_F(ServerLimitsTest, UploadSlowerThanTheMinimumRateIsAnswered408AndClosed) {
  ServerOptions o = Options();
  o.min_body_rate = 1000;
  StartServer(o);
  RawConn conn(port());
  ASSERT_TRUE(conn.Send("PUT /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n"));
  auto start = std::chrono::steady_clock::now();
  std::optional<bhttp::response<bhttp::string_body>> res;
  // 20 bytes every 200 ms: 100 B/s, never silent long enough for the read timeout.
  while (!res && std::chrono::steady_clock::now() - start < std::chrono::seconds(15)) {
    if (!conn.Send(std::string(20, 'u'))) break;
    res = conn.ReadResponse(false, 200);
  }
  if (!res) res = conn.ReadResponse(false, 2000);
  ASSERT_TRUE(res) << "no answer to a trickling upload";
  EXPECT_EQ(res->result_int(), 408u);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(12));
  EXPECT_TRUE(conn.ClosedWithin(3000));
  // The partial upload is gone.
  for (const auto& entry : fs::directory_iterator(dir_)) ADD_FAILURE() << entry.path();
}

TEST_F(ServerLimitsTest, InMemoryBodyMustArriveWithinTheBodyTimeout) {
  ServerOptions o = Options();
  o.body_timeout_ms = 400;
  StartServer(o);
  RawConn conn(port());
  ASSERT_TRUE(
      conn.Send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                "Content-Length: 100000\r\n\r\n[1"));
  auto start = std::chrono::steady_clock::now();
  std::optional<bhttp::response<bhttp::string_body>> res;
  while (!res && std::chrono::steady_clock::now() - start < std::chrono::seconds(10)) {
    if (!conn.Send(std::string(2000, ' '))) break;  // fast enough for the minimum rate
    res = conn.ReadResponse(false, 100);
  }
  ASSERT_TRUE(res);
  EXPECT_EQ(res->result_int(), 408u);
  EXPECT_TRUE(conn.ClosedWithin(3000));
}

TEST_F(ServerLimitsTest, ConnectionsBeyondTheCapGet503AndClose) {
  ServerOptions o = Options();
  o.max_connections = 2;
  StartServer(o);
  auto first = std::make_unique<RawConn>(port());
  RawConn second(port());
  for (RawConn* c : {first.get(), &second}) {
    ASSERT_TRUE(c->Send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n"));
    auto res = c->ReadResponse();
    ASSERT_TRUE(res);
    EXPECT_EQ(res->result_int(), 200u);
  }
  RawConn third(port());
  ASSERT_TRUE(third.Send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n"));
  auto refused = third.ReadResponse();
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->result_int(), 503u);
  EXPECT_EQ(refused->at(bhttp::field::retry_after), "1");
  EXPECT_EQ(boost::json::parse(refused->body()).at("status").as_int64(), 503);
  EXPECT_TRUE(third.ClosedWithin(3000));

  // A slot frees up when a connection closes.
  first.reset();
  bool served = false;
  for (int attempt = 0; attempt < 50 && !served; ++attempt) {
    RawConn next(port());
    if (!next.Send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n")) continue;
    auto res = next.ReadResponse();
    served = res && res->result_int() == 200;
    if (!served) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_TRUE(served);
}

// Regression (item 3): one connection pipelining requests for big responses and never reading
// made the server buffer every answer.
TEST_F(ServerLimitsTest, PipelinedBigResponsesStopBeingHandledBeyondTheBudget) {
  ServerOptions o = Options();
  o.max_buffered_bytes = kBigBody;
  o.write_timeout_ms = 20000;
  StartServer(o);
  RawConn conn(port(), /*receive_buffer=*/4096);
  std::string batch;
  for (int i = 0; i < 16; ++i) batch += "GET /big HTTP/1.1\r\nHost: x\r\n\r\n";
  ASSERT_TRUE(conn.Send(batch));
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  // Kernel socket buffers hold a few MiB; beyond them, the budget: a handful, not 16.
  EXPECT_LE(big_handled_.load(), 5);
  for (int i = 0; i < 16; ++i) {
    auto res = conn.ReadResponse(false, 10000);
    ASSERT_TRUE(res) << i;
    EXPECT_EQ(res->body().size(), kBigBody) << i;
  }
  EXPECT_EQ(big_handled_.load(), 16);
}

TEST_F(ServerLimitsTest, ClientThatStopsReadingIsDisconnectedAfterTheWriteTimeout) {
  ServerOptions o = Options();
  o.write_timeout_ms = 300;
  StartServer(o);
  RawConn conn(port(), /*receive_buffer=*/4096);
  ASSERT_TRUE(conn.Send("GET /big HTTP/1.1\r\nHost: x\r\n\r\n"));
  std::this_thread::sleep_for(std::chrono::milliseconds(2000));
  // What the kernel buffered still arrives, then the connection ends mid-body.
  EXPECT_EQ(conn.ReadResponse(false, 3000), std::nullopt);
  EXPECT_TRUE(conn.ClosedWithin(3000));
}

TEST_F(ServerLimitsTest, SharedBodyIsServedWholeForGetAndAsLengthForHead) {
  StartServer();
  RawConn conn(port());
  ASSERT_TRUE(
      conn.Send("GET /shared HTTP/1.1\r\nHost: x\r\n\r\nHEAD /shared HTTP/1.1\r\nHost: x\r\n\r\n"));
  auto get = conn.ReadResponse();
  ASSERT_TRUE(get);
  EXPECT_EQ(get->body(), *shared_doc_);
  auto head = conn.ReadResponse(/*head=*/true);
  ASSERT_TRUE(head);
  EXPECT_EQ(head->at(bhttp::field::content_length), std::to_string(shared_doc_->size()));
  EXPECT_EQ(head->body(), "");
}

}  // namespace
}  // namespace cairn::http
