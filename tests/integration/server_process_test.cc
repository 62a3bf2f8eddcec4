// Tests of the integration harness itself, and of the `cairn serve` process contract it relies
// on: the "listening on" line, SIGTERM/SIGINT → exit 0, bad configuration → non-zero exit.
#include "tests/integration/server_process.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>

#include "common/testing/status_matchers.h"
#include "tests/integration/raw_http.h"
#include "tests/integration/test_server.h"

namespace cairn::testing {
namespace {

TEST(ParseListeningLine, AcceptsTheContractLine) {
  EXPECT_EQ(ParseListeningLine("listening on http://127.0.0.1:8500"), 8500);
  EXPECT_EQ(ParseListeningLine("listening on http://127.0.0.1:43211\r"), 43211);
}

TEST(ParseListeningLine, RejectsOtherLines) {
  EXPECT_EQ(ParseListeningLine(""), std::nullopt);
  EXPECT_EQ(ParseListeningLine("starting cairn"), std::nullopt);
  EXPECT_EQ(ParseListeningLine("listening on http://127.0.0.1:"), std::nullopt);
  EXPECT_EQ(ParseListeningLine("listening on http://127.0.0.1:0"), std::nullopt);
  EXPECT_EQ(ParseListeningLine("listening on http://127.0.0.1:70000"), std::nullopt);
  EXPECT_EQ(ParseListeningLine("listening on http://127.0.0.1:12a"), std::nullopt);
}

class ServerProcessTest : public ::testing::TestWithParam<BackendKind> {};

TEST_P(ServerProcessTest, AnnouncesPortAndAnswersHealthz) {
  auto server = TestServer::Start(GetParam());
  ASSERT_OK(server);
  auto reply = (*server)->Call("GET", "/healthz");
  ASSERT_OK(reply);
  EXPECT_EQ(reply->status, 200);
}

TEST_P(ServerProcessTest, SigtermExitsZero) {
  auto server = TestServer::Start(GetParam());
  ASSERT_OK(server);
  auto status = (*server)->process().Terminate();
  ASSERT_TRUE(status.has_value()) << "did not exit after SIGTERM; log:\n"
                                  << (*server)->process().Log();
  ASSERT_TRUE(WIFEXITED(*status)) << "killed by signal " << WTERMSIG(*status);
  EXPECT_EQ(WEXITSTATUS(*status), 0) << (*server)->process().Log();
}

TEST_P(ServerProcessTest, SigintExitsZero) {
  auto server = TestServer::Start(GetParam());
  ASSERT_OK(server);
  ::kill((*server)->process().pid(), SIGINT);
  // Terminate() only adds a SIGTERM if SIGINT was not enough within the timeout.
  for (int i = 0; i < 3000 && !(*server)->process().Exited(); ++i) ::usleep(10000);
  auto status = (*server)->process().Terminate();
  ASSERT_TRUE(status.has_value());
  ASSERT_TRUE(WIFEXITED(*status));
  EXPECT_EQ(WEXITSTATUS(*status), 0);
}

TEST_P(ServerProcessTest, RestartAfterKillKeepsServing) {
  auto server = TestServer::Start(GetParam());
  ASSERT_OK(server);
  (*server)->process().Kill();
  ASSERT_OK((*server)->Restart());
  auto reply = (*server)->Call("GET", "/readyz");
  ASSERT_OK(reply);
  EXPECT_EQ(reply->status, 200);
}

INSTANTIATE_TEST_SUITE_P(Backends, ServerProcessTest, ::testing::ValuesIn(AvailableBackends()),
                         [](const auto& info) { return BackendName(info.param); });

TEST(ServerProcess, BadStorageUriFailsToStartWithLog) {
  TempDir dir;
  ServerProcessOptions options;
  options.data_dir = dir.path();
  options.storage_uri = "nosuchscheme://x";
  options.startup_timeout_ms = 5000;
  auto proc = ServerProcess::Start(options);
  ASSERT_FALSE(proc.ok());
  EXPECT_EQ(proc.status().code(), StatusCode::kUnavailable);
}

TEST(ServerProcess, UnknownFlagFailsToStart) {
  TempDir dir;
  ServerProcessOptions options;
  options.data_dir = dir.path();
  options.extra_args = {"--no-such-flag"};
  auto proc = ServerProcess::Start(options);
  EXPECT_FALSE(proc.ok());
}

TEST(ReadRssKib, ReadsOwnProcess) {
  auto rss = ReadRssKib(::getpid());
  ASSERT_TRUE(rss.has_value());
  EXPECT_GT(*rss, 0);
}

}  // namespace
}  // namespace cairn::testing
