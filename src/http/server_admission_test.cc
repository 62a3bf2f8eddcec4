// Admission control (hardening issue, item 11): routes marked RouteOptions::compute run on their
// own pool with a bounded queue — beyond it 503 with Retry-After, before the body is read when
// possible — while ordinary routes keep answering; a client that disconnects cancels its running
// computation, and one still waiting is never run. Raw sockets, so every close is the test's.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <thread>

#include "common/cancellation.h"
#include "common/log.h"
#include "http/server.h"
#include "http/testing/raw_conn.h"

namespace cairn::http {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using testing::RawConn;
using namespace std::chrono_literals;

// Polls `done` for up to `limit`.
template <typename Pred>
bool WaitUntil(Pred done, std::chrono::milliseconds limit = 5000ms) {
  auto end = std::chrono::steady_clock::now() + limit;
  while (!done()) {
    if (std::chrono::steady_clock::now() > end) return false;
    std::this_thread::sleep_for(2ms);
  }
  return true;
}

std::string ComputeRequest(std::string_view mode) {
  return "POST /compute/" + std::string(mode) +
         " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}";
}

class ServerAdmissionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    log::SetQuiet(true);
    dir_ = fs::temp_directory_path() /
           ("cairn-admission-test-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    router_.Add(Method::kGet, "/hello", [](Request&) { return Response::Json(200, "{}"); });
    RouteOptions compute{.content_types = {"application/json"}, .compute = true};
    // /compute/gate waits for the test to open the gate; /compute/until-cancelled works until its
    // client goes (at most 10 s); /compute/quick returns at once.
    router_.Add(
        Method::kPost, "/compute/{mode}",
        [this](Request& req) {
          started_.fetch_add(1);
          const std::string& mode = req.Param("mode");
          auto end = std::chrono::steady_clock::now() + 10s;
          while (std::chrono::steady_clock::now() < end) {
            if (mode == "quick") break;
            if (mode == "gate" && gate_open_.load()) break;
            if (mode == "until-cancelled" && CancellationRequested()) {
              cancelled_seen_.fetch_add(1);
              return Response::Json(503, "{}");
            }
            std::this_thread::sleep_for(1ms);
          }
          return Response::Json(200, R"({"done":true})");
        },
        compute);
    // /pool/write-gate and /pool/read-gate wait for their gate; /pool/write and the reads_only
    // /pool/search return at once.
    auto gated = [](std::atomic<int>& started, std::atomic<bool>& gate) {
      return [&started, &gate](Request&) {
        started.fetch_add(1);
        auto end = std::chrono::steady_clock::now() + 10s;
        while (!gate.load() && std::chrono::steady_clock::now() < end)
          std::this_thread::sleep_for(1ms);
        return Response::Json(200, "{}");
      };
    };
    router_.Add(Method::kPost, "/pool/write-gate", gated(writes_started_, write_gate_));
    router_.Add(Method::kGet, "/pool/read-gate", gated(reads_started_, read_gate_));
    router_.Add(Method::kPost, "/pool/write", [this](Request&) {
      writes_started_.fetch_add(1);
      return Response::Json(200, "{}");
    });
    RouteOptions reads;
    reads.reads_only = true;
    router_.Add(
        Method::kPost, "/pool/search", [](Request&) { return Response::Json(200, "{}"); }, reads);
    RouteOptions upload{.stream_body_to_file = true, .content_types = {}, .compute = true};
    router_.Add(
        Method::kPut, "/compute-upload",
        [this](Request&) {
          started_.fetch_add(1);
          return Response::Json(200, "{}");
        },
        upload);
  }

  void TearDown() override {
    gate_open_ = true;
    write_gate_ = true;
    read_gate_ = true;
    if (server_) server_->Stop();
    server_.reset();
    fs::remove_all(dir_);
  }

  void StartServer(int compute_threads, int compute_queue, int worker_threads = 2,
                   int write_threads = 2) {
    ServerOptions o;
    o.port = 0;
    o.io_threads = 2;
    o.worker_threads = worker_threads;
    o.write_threads = write_threads;
    o.compute_threads = compute_threads;
    o.compute_queue = compute_queue;
    o.temp_dir = dir_.string();
    server_ = std::make_unique<HttpServer>(std::move(o), router_);
    Status st = server_->Start();
    ASSERT_TRUE(st.ok()) << st.ToString();
  }
  uint16_t port() const { return server_->port(); }

  fs::path dir_;
  Router router_;
  std::unique_ptr<HttpServer> server_;
  std::atomic<int> started_{0};
  std::atomic<int> cancelled_seen_{0};
  std::atomic<bool> gate_open_{false};
  std::atomic<int> writes_started_{0};
  std::atomic<int> reads_started_{0};
  std::atomic<bool> write_gate_{false};
  std::atomic<bool> read_gate_{false};
};

std::optional<int> StatusOf(RawConn& conn, const std::string& request) {
  if (!conn.Send(request)) return std::nullopt;
  auto res = conn.ReadResponse();
  if (!res) return std::nullopt;
  return res->result_int();
}

// Reads (GET, and POST routes marked reads_only) and writes (every other request) run on their own
// threads: with one of each, a write that is still running holds up the next write only, and a
// read that is still running the next read only.
TEST_F(ServerAdmissionTest, ReadsAndWritesRunOnTheirOwnThreads) {
  StartServer(/*compute_threads=*/1, /*compute_queue=*/1, /*worker_threads=*/1,
              /*write_threads=*/1);
  const std::string post = " HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n";
  RawConn writer(port());
  ASSERT_TRUE(writer.Send("POST /pool/write-gate" + post));
  ASSERT_TRUE(WaitUntil([&] { return writes_started_.load() == 1; }));
  RawConn queued(port());
  ASSERT_TRUE(queued.Send("POST /pool/write" + post));
  RawConn reader(port());
  EXPECT_EQ(StatusOf(reader, "GET /hello HTTP/1.1\r\nHost: x\r\n\r\n"), 200);
  EXPECT_EQ(StatusOf(reader, "POST /pool/search" + post), 200);
  EXPECT_EQ(writes_started_.load(), 1) << "the second write waits for the one writer thread";
  write_gate_ = true;
  EXPECT_EQ(StatusOf(writer, ""), 200);
  EXPECT_EQ(StatusOf(queued, ""), 200);
  EXPECT_EQ(writes_started_.load(), 2);

  RawConn slow_reader(port());
  ASSERT_TRUE(slow_reader.Send("GET /pool/read-gate HTTP/1.1\r\nHost: x\r\n\r\n"));
  ASSERT_TRUE(WaitUntil([&] { return reads_started_.load() == 1; }));
  RawConn queued_reader(port());
  ASSERT_TRUE(queued_reader.Send("POST /pool/search" + post));
  RawConn other_writer(port());
  EXPECT_EQ(StatusOf(other_writer, "POST /pool/write" + post), 200);
  read_gate_ = true;
  EXPECT_EQ(StatusOf(slow_reader, ""), 200);
  EXPECT_EQ(StatusOf(queued_reader, ""), 200);
}

TEST_F(ServerAdmissionTest, FullComputeQueueIs503WithRetryAfterWhileOtherRoutesAnswer) {
  StartServer(/*compute_threads=*/1, /*compute_queue=*/1);
  RawConn running(port());
  ASSERT_TRUE(running.Send(ComputeRequest("gate")));
  ASSERT_TRUE(WaitUntil([&] { return started_.load() == 1; }));
  RawConn waiting(port());
  ASSERT_TRUE(waiting.Send(ComputeRequest("gate")));
  std::this_thread::sleep_for(50ms);  // let the server read and queue it
  EXPECT_EQ(started_.load(), 1) << "one compute thread: the second request waits";

  RawConn refused(port());
  ASSERT_TRUE(refused.Send(ComputeRequest("quick")));
  auto busy = refused.ReadResponse();
  ASSERT_TRUE(busy.has_value());
  EXPECT_EQ(busy->result_int(), 503);
  EXPECT_EQ(busy->at("Content-Type"), "application/problem+json");
  ASSERT_NE(busy->find("Retry-After"), busy->end());
  EXPECT_GE(std::stoi(std::string(busy->at("Retry-After"))), 1);
  EXPECT_THAT(busy->body(), HasSubstr("busy with other computations"));

  // Ordinary routes do not wait for the computations.
  RawConn reader(port());
  ASSERT_TRUE(reader.Send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n"));
  auto hello = reader.ReadResponse();
  ASSERT_TRUE(hello.has_value());
  EXPECT_EQ(hello->result_int(), 200);
  EXPECT_EQ(started_.load(), 1);

  gate_open_ = true;
  auto first = running.ReadResponse();
  auto second = waiting.ReadResponse();
  ASSERT_TRUE(first.has_value() && second.has_value());
  EXPECT_EQ(first->result_int(), 200);
  EXPECT_EQ(second->result_int(), 200);
  EXPECT_EQ(started_.load(), 2) << "the refused request never ran";

  // The places are free again (the refused connection was closed: its body was never read).
  RawConn again(port());
  ASSERT_TRUE(again.Send(ComputeRequest("quick")));
  auto after = again.ReadResponse();
  ASSERT_TRUE(after.has_value());
  EXPECT_EQ(after->result_int(), 200);
}

TEST_F(ServerAdmissionTest, FullComputeQueueRefusesAnUploadBeforeItsBodyIsSent) {
  StartServer(/*compute_threads=*/1, /*compute_queue=*/0);
  RawConn running(port());
  ASSERT_TRUE(running.Send(ComputeRequest("gate")));
  ASSERT_TRUE(WaitUntil([&] { return started_.load() == 1; }));

  RawConn upload(port());
  ASSERT_TRUE(
      upload.Send("PUT /compute-upload HTTP/1.1\r\nHost: x\r\nContent-Length: 1000000000\r\n\r\n"));
  auto busy = upload.ReadResponse();
  ASSERT_TRUE(busy.has_value()) << "answered without waiting for the gigabyte";
  EXPECT_EQ(busy->result_int(), 503);
  EXPECT_NE(busy->find("Retry-After"), busy->end());
  EXPECT_TRUE(upload.ClosedWithin(3000)) << "the unread body closes the connection";
  EXPECT_EQ(started_.load(), 1);
  EXPECT_TRUE(fs::is_empty(dir_)) << "no upload file was created";

  gate_open_ = true;
  auto first = running.ReadResponse();
  ASSERT_TRUE(first.has_value());
  EXPECT_EQ(first->result_int(), 200);
}

TEST_F(ServerAdmissionTest, DisconnectCancelsTheRunningComputationAndDropsTheWaitingOne) {
  StartServer(/*compute_threads=*/1, /*compute_queue=*/4);
  auto running = std::make_unique<RawConn>(port());
  ASSERT_TRUE(running->Send(ComputeRequest("until-cancelled")));
  ASSERT_TRUE(WaitUntil([&] { return started_.load() == 1; }));
  auto waiting = std::make_unique<RawConn>(port());
  ASSERT_TRUE(waiting->Send(ComputeRequest("until-cancelled")));
  std::this_thread::sleep_for(50ms);  // queued behind the first

  waiting.reset();  // its client leaves while it waits
  std::this_thread::sleep_for(50ms);
  running.reset();  // and this one while it runs
  ASSERT_TRUE(WaitUntil([&] { return cancelled_seen_.load() == 1; }))
      << "the running computation saw its cancellation";

  // Requests run in order on the single compute thread: once this one is answered, the waiting
  // request was either run or dropped.
  RawConn next(port());
  ASSERT_TRUE(next.Send(ComputeRequest("quick")));
  auto quick = next.ReadResponse();
  ASSERT_TRUE(quick.has_value());
  EXPECT_EQ(quick->result_int(), 200);
  EXPECT_EQ(started_.load(), 2) << "the request whose client left while waiting never ran";
  EXPECT_EQ(cancelled_seen_.load(), 1);
}

TEST(Cancellation, FollowsTheScopeOfTheCallingThread) {
  EXPECT_FALSE(CancellationRequested());
  std::atomic<bool> flag{false};
  {
    ScopedCancellation scope(&flag);
    EXPECT_FALSE(CancellationRequested());
    flag = true;
    EXPECT_TRUE(CancellationRequested());
    std::atomic<bool> inner{false};
    {
      ScopedCancellation nested(&inner);
      EXPECT_FALSE(CancellationRequested());
    }
    EXPECT_TRUE(CancellationRequested());
    bool other_thread = true;
    std::thread([&] { other_thread = CancellationRequested(); }).join();
    EXPECT_FALSE(other_thread) << "another thread does not inherit the scope";
  }
  EXPECT_FALSE(CancellationRequested());
  EXPECT_EQ(Cancelled().code(), StatusCode::kUnavailable);
}

}  // namespace
}  // namespace cairn::http
