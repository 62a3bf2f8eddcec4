#include "http/server.h"

#include <arpa/inet.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <boost/beast/http.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <thread>

#include "common/log.h"
#include "common/testing/status_matchers.h"
#include "http/testing/raw_conn.h"
#include "support/http_client.h"

namespace cairn::http {
namespace {

namespace fs = std::filesystem;
namespace bhttp = boost::beast::http;
using test::HttpClient;
using ::testing::HasSubstr;
using testing::RawConn;

class RecordingObserver : public RequestObserver {
 public:
  void OnRequest(Method method, const std::string& route_pattern, int status,
                 int64_t micros) override {
    std::lock_guard lock(mu_);
    calls_.push_back({method, route_pattern, status, micros});
  }
  struct Call {
    Method method;
    std::string pattern;
    int status;
    int64_t micros;
  };
  std::vector<Call> calls() {
    std::lock_guard lock(mu_);
    return calls_;
  }

 private:
  std::mutex mu_;
  std::vector<Call> calls_;
};

RouteOptions StreamedRoute() {
  RouteOptions o;
  o.stream_body_to_file = true;
  return o;
}

RouteOptions InlineRoute() {
  RouteOptions o;
  o.inline_handler = true;
  return o;
}

class ServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    log::SetQuiet(true);
    dir_ = fs::temp_directory_path() /
           ("cairn-server-test-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "tmp");
    std::ofstream(dir_ / "download.bin") << std::string(200000, 'z') << "end";

    router_.Add(Method::kGet, "/hello",
                [](Request&) { return Response::Json(200, R"({"hello":"world"})"); });
    router_.Add(
        Method::kPost, "/echo", [](Request& req) { return Response::Json(201, req.body); },
        RouteOptions{.content_types = {"application/json"}});
    router_.Add(Method::kGet, "/items/{id}", [](Request& req) {
      return Response::Json(200, "{\"id\":\"" + req.Param("id") + "\"}");
    });
    router_.Add(Method::kDelete, "/items/{id}", [](Request&) { return Response::NoContent(); });
    router_.Add(Method::kGet, "/sleep/{ms}", [this](Request& req) {
      started_.fetch_add(1);
      std::this_thread::sleep_for(std::chrono::milliseconds(std::stoi(req.Param("ms"))));
      handled_.fetch_add(1);
      return Response::Text(200, "text/plain", "slept " + req.Param("ms"));
    });
    router_.Add(
        Method::kPut, "/upload",
        [this](Request& req) {
          if (!req.body_file) return Problem(InvalidArgument("no file"), req.path);
          uploaded_path_ = *req.body_file;
          std::ifstream in(*req.body_file, std::ios::binary);
          std::string content((std::istreambuf_iterator<char>(in)), {});
          return Response::Text(200, "text/plain",
                                std::to_string(content.size()) + ":" + content.substr(0, 5) + ":" +
                                    (req.body.empty() ? "mem-empty" : "mem-full"));
        },
        StreamedRoute());
    router_.Add(Method::kGet, "/download", [this](Request&) {
      Response r;
      r.content_type = "application/octet-stream";
      r.file_path = (dir_ / "download.bin").string();
      return r;
    });
    router_.Add(Method::kGet, "/missing-file", [this](Request&) {
      Response r;
      r.file_path = (dir_ / "nope.bin").string();
      return r;
    });
    router_.Add(Method::kGet, "/throw",
                [](Request&) -> Response { throw std::runtime_error("boom"); });
    router_.Add(
        Method::kGet, "/inline", [](Request&) { return Response::Text(200, "text/plain", "fast"); },
        InlineRoute());
    router_.Add(Method::kGet, "/headers", [](Request&) {
      Response r = Response::Json(200, "{}");
      r.headers.emplace_back("X-Custom", "yes");
      r.headers.emplace_back("X-Evil", "a\r\nSet-Cookie: x=1");
      return r;
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
    o.max_body_bytes = 1024;
    o.max_file_body_bytes = 1 << 20;
    o.temp_dir = (dir_ / "tmp").string();
    o.header_timeout_ms = 2000;
    o.idle_timeout_ms = 2000;
    o.read_timeout_ms = 2000;
    o.observer = &observer_;
    return o;
  }

  void StartServer(ServerOptions o) {
    server_ = std::make_unique<HttpServer>(std::move(o), router_);
    Status st = server_->Start();
    ASSERT_OK(st);
    ASSERT_NE(server_->port(), 0);
  }
  void StartServer() { StartServer(Options()); }

  uint16_t port() const { return server_->port(); }

  fs::path dir_;
  Router router_;
  RecordingObserver observer_;
  std::unique_ptr<HttpServer> server_;
  std::atomic<int> started_{0};
  std::atomic<int> handled_{0};

  // Waits until `n` slow handlers have started (the request reached the worker pool).
  bool WaitStarted(int n) {
    for (int i = 0; i < 500 && started_.load() < n; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return started_.load() >= n;
  }
  std::string uploaded_path_;
};

TEST_F(ServerTest, GetAndPostRoundtrip) {
  StartServer();
  HttpClient client("127.0.0.1", port());
  auto r = client.Request("GET", "/hello");
  ASSERT_OK(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body, R"({"hello":"world"})");
  EXPECT_EQ(r->Header("Content-Type"), "application/json");
  EXPECT_EQ(r->Header("Server"), "cairn");
  EXPECT_EQ(r->Header("X-Request-Id").size(), 16u);
  EXPECT_FALSE(r->Header("Date").empty());

  auto p = client.Request("POST", "/echo", R"({"a":1})");
  ASSERT_OK(p);
  EXPECT_EQ(p->status, 201);
  EXPECT_EQ(p->body, R"({"a":1})");
}

// Once requests stop, on_idle runs once (after about ServerOptions::kIdleReleaseSeconds), and
// again only after later requests; never before the first request, nor while one is running.
TEST_F(ServerTest, OnIdleRunsOnceRequestsStopAndAgainAfterLaterOnes) {
  std::atomic<int> idle{0};
  ServerOptions o = Options();
  o.on_idle = [&idle] { idle.fetch_add(1); };
  StartServer(std::move(o));
  auto wait_for = [&](int n) {
    for (int i = 0; i < 100 && idle.load() < n; ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    return idle.load();
  };
  std::this_thread::sleep_for(std::chrono::milliseconds(2500));
  EXPECT_EQ(idle.load(), 0) << "no request yet";
  HttpClient client("127.0.0.1", port());
  ASSERT_OK(client.Request("GET", "/hello"));
  EXPECT_EQ(wait_for(1), 1);
  std::this_thread::sleep_for(std::chrono::milliseconds(2500));
  EXPECT_EQ(idle.load(), 1) << "once per quiet spell";
  // A request running for longer than the quiet period: no release while it runs.
  auto slow = client.Request("GET", "/sleep/3500");
  ASSERT_OK(slow);
  EXPECT_EQ(idle.load(), 1);
  EXPECT_EQ(wait_for(2), 2);
}

TEST_F(ServerTest, PathParamsAndNoContent) {
  StartServer();
  HttpClient client("127.0.0.1", port());
  auto r = client.Request("GET", "/items/a%20b");
  ASSERT_OK(r);
  EXPECT_EQ(r->body, R"({"id":"a b"})");
  auto d = client.Request("DELETE", "/items/x");
  ASSERT_OK(d);
  EXPECT_EQ(d->status, 204);
  EXPECT_EQ(d->body, "");
  EXPECT_EQ(d->Header("Content-Type"), "");
}

TEST_F(ServerTest, KeepAliveServesSeveralRequestsOnOneConnection) {
  StartServer();
  RawConn conn(port());
  ASSERT_TRUE(conn.connected());
  for (int i = 0; i < 5; ++i) {
    ASSERT_TRUE(conn.Send("GET /items/" + std::to_string(i) + " HTTP/1.1\r\nHost: x\r\n\r\n"));
    auto res = conn.ReadResponse();
    ASSERT_TRUE(res) << i;
    EXPECT_EQ(res->result_int(), 200u);
    EXPECT_EQ(res->body(), "{\"id\":\"" + std::to_string(i) + "\"}");
    EXPECT_TRUE(res->keep_alive());
  }
}

TEST_F(ServerTest, ConnectionCloseIsHonoured) {
  StartServer();
  RawConn conn(port());
  ASSERT_TRUE(conn.Send("GET /hello HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
  auto res = conn.ReadResponse();
  ASSERT_TRUE(res);
  EXPECT_FALSE(res->keep_alive());
  EXPECT_TRUE(conn.ClosedWithin(2000));
}

TEST_F(ServerTest, Http10WithoutKeepAliveCloses) {
  StartServer();
  RawConn conn(port());
  ASSERT_TRUE(conn.Send("GET /hello HTTP/1.0\r\n\r\n"));
  auto res = conn.ReadResponse();
  ASSERT_TRUE(res);
  EXPECT_EQ(res->result_int(), 200u);
  EXPECT_TRUE(conn.ClosedWithin(2000));
}

TEST_F(ServerTest, RequestIdEchoedWhenSaneElseGenerated) {
  StartServer();
  HttpClient client("127.0.0.1", port());
  auto r = client.Request("GET", "/hello", "", {{"X-Request-Id", "abc-123_X.y"}});
  ASSERT_OK(r);
  EXPECT_EQ(r->Header("X-Request-Id"), "abc-123_X.y");
  auto bad = client.Request("GET", "/hello", "", {{"X-Request-Id", "evil id<script>"}});
  ASSERT_OK(bad);
  EXPECT_NE(bad->Header("X-Request-Id"), "evil id<script>");
  EXPECT_EQ(bad->Header("X-Request-Id").size(), 16u);
}

TEST_F(ServerTest, OversizeContentLengthIs413AndCloses) {
  StartServer();
  RawConn conn(port());
  std::string body(5000, 'a');
  ASSERT_TRUE(
      conn.Send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                "Content-Length: 5000\r\n\r\n" +
                body));
  auto res = conn.ReadResponse();
  ASSERT_TRUE(res);
  EXPECT_EQ(res->result_int(), 413u);
  EXPECT_EQ(res->at(bhttp::field::content_type), "application/problem+json");
  EXPECT_THAT(res->body(), HasSubstr("resource_exhausted"));
  EXPECT_FALSE(res->keep_alive());
}

TEST_F(ServerTest, OversizeChunkedBodyIs413) {
  StartServer();
  RawConn conn(port());
  std::string req =
      "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
      "Transfer-Encoding: chunked\r\n\r\n";
  for (int i = 0; i < 4; ++i) req += "200\r\n" + std::string(512, 'b') + "\r\n";
  req += "0\r\n\r\n";
  ASSERT_TRUE(conn.Send(req));
  auto res = conn.ReadResponse();
  ASSERT_TRUE(res);
  EXPECT_EQ(res->result_int(), 413u);
}

TEST_F(ServerTest, ChunkedBodyWithinLimitWorks) {
  StartServer();
  RawConn conn(port());
  ASSERT_TRUE(
      conn.Send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                "Transfer-Encoding: chunked\r\n\r\n4\r\n{\"a\"\r\n3\r\n:1}\r\n0\r\n\r\n"
                "GET /hello HTTP/1.1\r\nHost: x\r\n\r\n"));
  auto res = conn.ReadResponse();
  ASSERT_TRUE(res);
  EXPECT_EQ(res->result_int(), 201u);
  EXPECT_EQ(res->body(), "{\"a\":1}");
  auto next = conn.ReadResponse();
  ASSERT_TRUE(next);
  EXPECT_EQ(next->result_int(), 200u);
}

TEST_F(ServerTest, NotFoundAndMethodNotAllowedAreProblems) {
  StartServer();
  HttpClient client("127.0.0.1", port());
  auto nf = client.Request("GET", "/nope");
  ASSERT_OK(nf);
  EXPECT_EQ(nf->status, 404);
  EXPECT_EQ(nf->Header("Content-Type"), "application/problem+json");
  EXPECT_THAT(nf->body, HasSubstr("\"instance\":\"/nope\""));
  auto na = client.Request("PATCH", "/items/1", "{}");
  ASSERT_OK(na);
  EXPECT_EQ(na->status, 405);
  EXPECT_EQ(na->Header("Allow"), "GET, HEAD, DELETE");
  EXPECT_THAT(na->body, HasSubstr("\"status\":405"));
  // The connection survives errors whose body was consumed (none here).
  auto ok = client.Request("GET", "/hello");
  ASSERT_OK(ok);
  EXPECT_EQ(ok->status, 200);
}

TEST_F(ServerTest, WrongContentTypeIs415) {
  StartServer();
  HttpClient client("127.0.0.1", port());
  auto r = client.Request("POST", "/echo", "x=1", {{"Content-Type", "text/plain"}});
  ASSERT_OK(r);
  EXPECT_EQ(r->status, 415);
}

TEST_F(ServerTest, HandlerExceptionIs500) {
  StartServer();
  HttpClient client("127.0.0.1", port());
  auto r = client.Request("GET", "/throw");
  ASSERT_OK(r);
  EXPECT_EQ(r->status, 500);
  EXPECT_EQ(r->body.find("boom"), std::string::npos);
}

TEST_F(ServerTest, MalformedRequestIs400) {
  StartServer();
  RawConn conn(port());
  ASSERT_TRUE(conn.Send("GARBAGE\r\n\r\n"));
  auto res = conn.ReadResponse();
  ASSERT_TRUE(res);
  EXPECT_EQ(res->result_int(), 400u);
  EXPECT_TRUE(conn.ClosedWithin(2000));
}

TEST_F(ServerTest, OversizeHeaderIs431) {
  StartServer();
  RawConn conn(port());
  ASSERT_TRUE(conn.Send("GET /hello HTTP/1.1\r\nX-Big: " + std::string(20000, 'h') + "\r\n\r\n"));
  auto res = conn.ReadResponse();
  ASSERT_TRUE(res);
  EXPECT_EQ(res->result_int(), 431u);
}

TEST_F(ServerTest, DotDotPathIs400) {
  StartServer();
  RawConn conn(port());
  ASSERT_TRUE(conn.Send("GET /items/%2e%2e HTTP/1.1\r\nHost: x\r\n\r\n"));
  auto res = conn.ReadResponse();
  ASSERT_TRUE(res);
  EXPECT_EQ(res->result_int(), 400u);
}

TEST_F(ServerTest, StreamedUploadGoesToFileAndIsRemoved) {
  StartServer();
  HttpClient client("127.0.0.1", port());
  std::string body = "HELLO" + std::string(100000, 'u');  // above max_body_bytes, below file limit
  auto r = client.Request("PUT", "/upload", body, {{"Content-Type", "application/octet-stream"}});
  ASSERT_OK(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body, "100005:HELLO:mem-empty");
  ASSERT_FALSE(uploaded_path_.empty());
  EXPECT_EQ(fs::path(uploaded_path_).parent_path(), dir_ / "tmp");
  EXPECT_FALSE(fs::exists(uploaded_path_));
}

TEST_F(ServerTest, ChunkedStreamedUploadWorks) {
  StartServer();
  RawConn conn(port());
  ASSERT_TRUE(
      conn.Send("PUT /upload HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                "5\r\nHELLO\r\n3\r\nabc\r\n0\r\n\r\n"));
  auto res = conn.ReadResponse();
  ASSERT_TRUE(res);
  EXPECT_EQ(res->body(), "8:HELLO:mem-empty");
}

TEST_F(ServerTest, StreamedUploadOverFileLimitIs413) {
  StartServer();
  RawConn conn(port());
  ASSERT_TRUE(conn.Send("PUT /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 5000000\r\n\r\nabc"));
  auto res = conn.ReadResponse();
  ASSERT_TRUE(res);
  EXPECT_EQ(res->result_int(), 413u);
  EXPECT_TRUE(fs::is_empty(dir_ / "tmp"));
}

TEST_F(ServerTest, Expect100ContinueGetsInterimResponse) {
  StartServer();
  RawConn conn(port());
  ASSERT_TRUE(
      conn.Send("PUT /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n"
                "Expect: 100-continue\r\n\r\n"));
  ASSERT_GT(conn.ReadSome(2000), 0);
  ASSERT_TRUE(conn.Send("HELLO"));
  auto interim = conn.ReadResponse();
  ASSERT_TRUE(interim);
  EXPECT_EQ(interim->result_int(), 100u);
  auto res = conn.ReadResponse();
  ASSERT_TRUE(res);
  EXPECT_EQ(res->body(), "5:HELLO:mem-empty");
}

TEST_F(ServerTest, FileDownloadStreamsWithLength) {
  StartServer();
  HttpClient client("127.0.0.1", port());
  auto r = client.Request("GET", "/download");
  ASSERT_OK(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->Header("Content-Length"), "200003");
  EXPECT_EQ(r->body.size(), 200003u);
  EXPECT_EQ(r->body.substr(r->body.size() - 3), "end");
  auto again = client.Request("GET", "/hello");  // connection still usable
  ASSERT_OK(again);
  EXPECT_EQ(again->status, 200);
}

TEST_F(ServerTest, MissingResponseFileIs404) {
  StartServer();
  HttpClient client("127.0.0.1", port());
  auto r = client.Request("GET", "/missing-file");
  ASSERT_OK(r);
  EXPECT_EQ(r->status, 404);
}

TEST_F(ServerTest, HeadSendsHeadersOnly) {
  StartServer();
  RawConn conn(port());
  ASSERT_TRUE(
      conn.Send("HEAD /hello HTTP/1.1\r\nHost: x\r\n\r\n"
                "HEAD /download HTTP/1.1\r\nHost: x\r\n\r\n"
                "GET /items/7 HTTP/1.1\r\nHost: x\r\n\r\n"));
  auto h1 = conn.ReadResponse(true);
  ASSERT_TRUE(h1);
  EXPECT_EQ(h1->result_int(), 200u);
  EXPECT_EQ(h1->at(bhttp::field::content_length), "17");
  auto h2 = conn.ReadResponse(true);
  ASSERT_TRUE(h2);
  EXPECT_EQ(h2->at(bhttp::field::content_length), "200003");
  // If either HEAD had carried a body, this parse would see garbage.
  auto g = conn.ReadResponse();
  ASSERT_TRUE(g);
  EXPECT_EQ(g->body(), R"({"id":"7"})");
}

TEST_F(ServerTest, PipelinedResponsesComeInOrder) {
  StartServer();
  RawConn conn(port());
  ASSERT_TRUE(
      conn.Send("GET /sleep/300 HTTP/1.1\r\nHost: x\r\n\r\n"
                "GET /sleep/10 HTTP/1.1\r\nHost: x\r\n\r\n"
                "GET /inline HTTP/1.1\r\nHost: x\r\n\r\n"
                "GET /items/last HTTP/1.1\r\nHost: x\r\n\r\n"));
  auto r1 = conn.ReadResponse();
  auto r2 = conn.ReadResponse();
  auto r3 = conn.ReadResponse();
  auto r4 = conn.ReadResponse();
  ASSERT_TRUE(r1 && r2 && r3 && r4);
  EXPECT_EQ(r1->body(), "slept 300");
  EXPECT_EQ(r2->body(), "slept 10");
  EXPECT_EQ(r3->body(), "fast");
  EXPECT_EQ(r4->body(), R"({"id":"last"})");
}

TEST_F(ServerTest, PipelineCapStillAnswersEverything) {
  ServerOptions o = Options();
  o.max_pipelined = 2;
  StartServer(o);
  RawConn conn(port());
  std::string batch;
  for (int i = 0; i < 10; ++i)
    batch += "GET /items/" + std::to_string(i) + " HTTP/1.1\r\nHost: x\r\n\r\n";
  ASSERT_TRUE(conn.Send(batch));
  for (int i = 0; i < 10; ++i) {
    auto r = conn.ReadResponse();
    ASSERT_TRUE(r) << i;
    EXPECT_EQ(r->body(), "{\"id\":\"" + std::to_string(i) + "\"}");
  }
}

TEST_F(ServerTest, IdleTimeoutClosesConnection) {
  ServerOptions o = Options();
  o.idle_timeout_ms = 200;
  StartServer(o);
  RawConn conn(port());
  ASSERT_TRUE(conn.Send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n"));
  ASSERT_TRUE(conn.ReadResponse());
  auto start = std::chrono::steady_clock::now();
  EXPECT_TRUE(conn.ClosedWithin(3000));
  EXPECT_GE(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(150));
}

TEST_F(ServerTest, IdleTimeoutDoesNotCutSlowHandler) {
  ServerOptions o = Options();
  o.idle_timeout_ms = 100;
  o.header_timeout_ms = 100;
  StartServer(o);
  RawConn conn(port());
  ASSERT_TRUE(conn.Send("GET /sleep/400 HTTP/1.1\r\nHost: x\r\n\r\n"));
  auto r = conn.ReadResponse();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->body(), "slept 400");
}

TEST_F(ServerTest, HeaderTimeoutClosesSlowloris) {
  ServerOptions o = Options();
  o.header_timeout_ms = 200;
  o.idle_timeout_ms = 10000;
  StartServer(o);
  RawConn conn(port());
  ASSERT_TRUE(conn.Send("GET /hello HTTP/1.1\r\nHost: x\r\n"));
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  ASSERT_TRUE(conn.Send("X-A: 1\r\n"));
  EXPECT_TRUE(conn.ClosedWithin(3000));
}

TEST_F(ServerTest, HeaderTimeoutAppliesAfterIdleKeepAlive) {
  ServerOptions o = Options();
  o.header_timeout_ms = 200;
  o.idle_timeout_ms = 10000;
  StartServer(o);
  RawConn conn(port());
  ASSERT_TRUE(conn.Send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n"));
  ASSERT_TRUE(conn.ReadResponse());
  ASSERT_TRUE(conn.Send("GET /hello HTTP/1.1\r\n"));  // second request never finishes
  EXPECT_TRUE(conn.ClosedWithin(3000));
}

TEST_F(ServerTest, BodyReadTimeoutCloses) {
  ServerOptions o = Options();
  o.read_timeout_ms = 200;
  StartServer(o);
  RawConn conn(port());
  ASSERT_TRUE(
      conn.Send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                "Content-Length: 100\r\n\r\n{\"a\""));
  EXPECT_TRUE(conn.ClosedWithin(3000));
}

TEST_F(ServerTest, StopLetsInflightRequestFinish) {
  StartServer();
  std::optional<Result<HttpClient::Reply>> reply;
  std::thread client_thread([&] {
    HttpClient client("127.0.0.1", port());
    reply.emplace(client.Request("GET", "/sleep/400"));
  });
  ASSERT_TRUE(WaitStarted(1));
  auto start = std::chrono::steady_clock::now();
  server_->Stop();
  auto took = std::chrono::steady_clock::now() - start;
  client_thread.join();
  ASSERT_TRUE(reply.has_value());
  ASSERT_TRUE(reply->ok()) << reply->status().ToString();
  EXPECT_EQ((*reply)->status, 200);
  EXPECT_EQ((*reply)->body, "slept 400");
  EXPECT_EQ(handled_.load(), 1);
  EXPECT_LT(took, std::chrono::seconds(5));
  // Not accepting any more.
  RawConn late(port());
  EXPECT_FALSE(late.connected() && late.Send("GET /hello HTTP/1.1\r\n\r\n") && late.ReadResponse());
}

TEST_F(ServerTest, StopGivesUpOnConnectionsAfterDrainTimeout) {
  ServerOptions o = Options();
  o.drain_timeout_ms = 100;
  o.worker_threads = 1;
  StartServer(o);
  RawConn slow(port());
  ASSERT_TRUE(slow.Send("GET /sleep/800 HTTP/1.1\r\nHost: x\r\n\r\n"));
  RawConn queued(port());
  ASSERT_TRUE(WaitStarted(1));
  ASSERT_TRUE(queued.Send("GET /sleep/800 HTTP/1.1\r\nHost: x\r\n\r\n"));
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  auto start = std::chrono::steady_clock::now();
  server_->Stop();
  auto took = std::chrono::steady_clock::now() - start;
  EXPECT_LT(took, std::chrono::milliseconds(2500));
  EXPECT_FALSE(slow.ReadResponse(false, 500));  // closed at the drain timeout, unanswered
  EXPECT_FALSE(queued.ReadResponse(false, 500));
  EXPECT_EQ(started_.load(), 1);  // the queued handler was dropped, not run
}

TEST_F(ServerTest, StopClosesIdleConnectionsQuickly) {
  StartServer();
  RawConn idle(port());
  ASSERT_TRUE(idle.Send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n"));
  ASSERT_TRUE(idle.ReadResponse());
  auto start = std::chrono::steady_clock::now();
  server_->Stop();
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));
  EXPECT_TRUE(idle.ClosedWithin(1000));
  server_->Stop();  // idempotent
}

TEST_F(ServerTest, ObserverSeesPatternStatusAndTime) {
  StartServer();
  HttpClient client("127.0.0.1", port());
  ASSERT_OK(client.Request("GET", "/items/42"));
  ASSERT_OK(client.Request("GET", "/nowhere"));
  server_->Stop();
  auto calls = observer_.calls();
  ASSERT_EQ(calls.size(), 2u);
  EXPECT_EQ(calls[0].method, Method::kGet);
  EXPECT_EQ(calls[0].pattern, "/items/{id}");
  EXPECT_EQ(calls[0].status, 200);
  EXPECT_GE(calls[0].micros, 0);
  EXPECT_EQ(calls[1].pattern, "unmatched");
  EXPECT_EQ(calls[1].status, 404);
}

TEST_F(ServerTest, UnknownMethodIs405) {
  StartServer();
  HttpClient client("127.0.0.1", port());
  auto r = client.Request("BREW", "/hello");
  ASSERT_OK(r);
  EXPECT_EQ(r->status, 405);
  EXPECT_EQ(r->Header("Allow"), "GET, HEAD");
}

TEST_F(ServerTest, UnsafeResponseHeadersAreDropped) {
  StartServer();
  HttpClient client("127.0.0.1", port());
  auto r = client.Request("GET", "/headers");
  ASSERT_OK(r);
  EXPECT_EQ(r->Header("X-Custom"), "yes");
  EXPECT_EQ(r->Header("X-Evil"), "");
  EXPECT_EQ(r->Header("Set-Cookie"), "");
}

TEST_F(ServerTest, ClientReconnectsAfterServerClosed) {
  ServerOptions o = Options();
  o.idle_timeout_ms = 100;
  StartServer(o);
  HttpClient client("127.0.0.1", port());
  ASSERT_OK(client.Request("GET", "/hello"));
  std::this_thread::sleep_for(std::chrono::milliseconds(400));
  auto r = client.Request("GET", "/hello");
  ASSERT_OK(r);
  EXPECT_EQ(r->status, 200);
}

TEST_F(ServerTest, ManyConcurrentClients) {
  StartServer();
  std::atomic<int> ok{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      HttpClient client("127.0.0.1", port());
      for (int i = 0; i < 50; ++i) {
        auto r = client.Request("GET", "/items/" + std::to_string(i));
        if (r.ok() && r->status == 200) ok.fetch_add(1);
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok.load(), 400);
}

TEST(HttpServer, BindConflictIsUnavailable) {
  log::SetQuiet(true);
  Router router;
  ServerOptions o;
  o.port = 0;
  HttpServer first(o, router);
  ASSERT_OK(first.Start());
  o.port = first.port();
  HttpServer second(o, router);
  Status st = second.Start();
  EXPECT_EQ(st.code(), StatusCode::kUnavailable);
  ServerOptions bad;
  bad.host = "not-an-address";
  bad.port = 0;
  HttpServer third(bad, router);
  EXPECT_EQ(third.Start().code(), StatusCode::kUnavailable);
}

TEST(HttpServer, RunUntilSignalReturnsOnSigterm) {
  log::SetQuiet(true);
  Router router;
  ServerOptions o;
  o.port = 0;
  HttpServer server(o, router);
  ASSERT_OK(server.Start());
  std::thread killer([] {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    ::kill(::getpid(), SIGTERM);
  });
  server.RunUntilSignal();
  killer.join();
  SUCCEED();
}

}  // namespace
}  // namespace cairn::http
