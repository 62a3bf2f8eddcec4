// SPEC §6: on SIGTERM the server stops accepting, finishes in-flight requests and exits 0.
#include <signal.h>
#include <sys/wait.h>

#include <chrono>
#include <thread>

#include "common/testing/status_matchers.h"
#include "tests/integration/api_fixture.h"

namespace cairn::testing {
namespace {

constexpr int kBatchPoints = 10000;

std::string LargeBatch() {
  std::string body = "{\"metrics\":[";
  for (int i = 0; i < kBatchPoints; ++i) {
    if (i) body += ',';
    body += "{\"key\":\"g\",\"value\":" + std::to_string(i * 0.5) +
            ",\"step\":" + std::to_string(i) + "}";
  }
  return body + "]}";
}

std::string RunId(const bj::object& run) {
  const auto* id = run.if_contains("run_id");
  return id && id->is_string() ? std::string(id->as_string()) : "";
}

class GracefulShutdownTest : public ApiTest {
 protected:
  // Waits for exit after SIGTERM and checks the exit code is 0. `signalled`: the test already
  // sent its SIGTERM, so this only waits — a second SIGTERM could arrive after the server has
  // released its signal handler and end it with the default action.
  void ExpectCleanExit(bool signalled = false) {
    std::optional<int> status;
    if (signalled) {
      status = server_->process().WaitFor(30000);
      if (!status) server_->process().Kill();
    } else {
      status = server_->process().Terminate(30000);
    }
    ASSERT_TRUE(status.has_value()) << "no exit within 30 s of SIGTERM; log:\n"
                                    << server_->process().Log();
    ASSERT_TRUE(WIFEXITED(*status)) << "died of signal " << WTERMSIG(*status) << "; log:\n"
                                    << server_->process().Log();
    EXPECT_EQ(WEXITSTATUS(*status), 0) << server_->process().Log();
  }

  void ExpectAllPointsStored(const std::string& run_id) {
    ASSERT_OK(server_->Restart());
    RawReply h = Do("GET", Url("/runs/" + run_id + "/metrics/g"));
    ASSERT_EQ(h.status, 200);
    EXPECT_EQ(BodyJson(h).at("items").as_array().size(), static_cast<size_t>(kBatchPoints));
  }
};

// The request is half sent when SIGTERM arrives; the rest follows afterwards.
TEST_P(GracefulShutdownTest, RequestHalfSentAtSigtermCompletes) {
  std::string exp = UniqueName("gs");
  CreateExperiment(exp);
  std::string run_id = RunId(CreateRun(exp));
  std::string body = LargeBatch();
  std::string request = RawConnection::Build("POST", Url("/runs/" + run_id + "/metrics"), body,
                                             {{"Content-Type", "application/json"}});
  auto conn = RawConnection::Connect(server_->port());
  ASSERT_OK(conn);
  size_t half = request.size() / 2;
  ASSERT_OK((*conn)->Send(std::string_view(request).substr(0, half)));
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  ::kill(server_->process().pid(), SIGTERM);
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  ASSERT_OK((*conn)->Send(std::string_view(request).substr(half)));
  auto reply = (*conn)->ReadReply();
  ASSERT_OK(reply) << reply.status().ToString() << "\nlog:\n" << server_->process().Log();
  EXPECT_EQ(reply->status, 200) << reply->body;
  EXPECT_EQ(BodyJson(*reply).at("accepted").as_int64(), kBatchPoints);
  ExpectCleanExit(/*signalled=*/true);
  ExpectAllPointsStored(run_id);
}

// The whole request is sent and SIGTERM follows at once, while the handler is working.
TEST_P(GracefulShutdownTest, RequestBeingHandledAtSigtermCompletes) {
  std::string exp = UniqueName("gs");
  CreateExperiment(exp);
  std::string run_id = RunId(CreateRun(exp));
  auto conn = RawConnection::Connect(server_->port());
  ASSERT_OK(conn);
  ASSERT_OK(
      (*conn)->Send(RawConnection::Build("POST", Url("/runs/" + run_id + "/metrics"), LargeBatch(),
                                         {{"Content-Type", "application/json"}})));
  // Give the server a moment to start reading: bytes still in the kernel's buffer when the
  // SIGTERM lands belong to a connection that looks idle, and idle connections are closed.
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  ::kill(server_->process().pid(), SIGTERM);
  auto reply = (*conn)->ReadReply();
  ASSERT_OK(reply) << reply.status().ToString() << "\nlog:\n" << server_->process().Log();
  EXPECT_EQ(reply->status, 200) << reply->body;
  ExpectCleanExit(/*signalled=*/true);
  ExpectAllPointsStored(run_id);
}

// An idle keep-alive connection does not hold the shutdown up.
TEST_P(GracefulShutdownTest, IdleKeepAliveConnectionDoesNotBlockExit) {
  auto conn = RawConnection::Connect(server_->port());
  ASSERT_OK(conn);
  auto reply = (*conn)->Roundtrip("GET", "/healthz");
  ASSERT_OK(reply);
  ExpectCleanExit();
}

// After shutdown the port no longer accepts connections.
TEST_P(GracefulShutdownTest, StopsAccepting) {
  uint16_t port = server_->port();
  ExpectCleanExit();
  EXPECT_FALSE(RawConnection::Connect(port).ok());
}

INSTANTIATE_TEST_SUITE_P(Backends, GracefulShutdownTest, ::testing::ValuesIn(AvailableBackends()),
                         BackendParamName);

}  // namespace
}  // namespace cairn::testing
