#include "server/config.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>

#include "common/testing/status_matchers.h"
#include "server/app.h"

namespace cairn::server {
namespace {

EnvFn FakeEnv(const std::map<std::string, std::string>& vars) {
  return [vars](const std::string& k) -> std::optional<std::string> {
    auto it = vars.find(k);
    if (it == vars.end()) return std::nullopt;
    return it->second;
  };
}

std::string WriteToml(const std::string& text) {
  auto path =
      std::filesystem::temp_directory_path() /
      ("cairn_config_test_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
       "_" + ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".toml");
  std::ofstream(path) << text;
  return path.string();
}

TEST(Config, DefaultsFollowTheSpec) {
  auto c = LoadConfig({}, FakeEnv({}));
  ASSERT_OK(c);
  EXPECT_EQ(c->host, "127.0.0.1");
  EXPECT_EQ(c->port, 8500);
  EXPECT_EQ(c->data_dir, "./cairn-data");
  EXPECT_EQ(c->storage, "sqlite://./cairn-data/cairn.db");
}

TEST(Config, FlagsWinOverEnvironmentWhichWinsOverFile) {
  std::string file = WriteToml("host = \"0.0.0.0\"\nport = 9000\ndata_dir = \"/tmp/from-file\"\n");
  auto c = LoadConfig({"--config", file, "--port", "9100"},
                      FakeEnv({{"CAIRN_PORT", "9200"}, {"CAIRN_DATA_DIR", "/tmp/from-env"}}));
  ASSERT_OK(c);
  EXPECT_EQ(c->host, "0.0.0.0");            // file only
  EXPECT_EQ(c->data_dir, "/tmp/from-env");  // env over file
  EXPECT_EQ(c->port, 9100);                 // flag over env
  EXPECT_EQ(c->storage, "sqlite:///tmp/from-env/cairn.db");
}

TEST(Config, WebAndDocsFoldersFromFlagEnvironmentOrFile) {
  std::string file = WriteToml("web_dir = \"/opt/file/web\"\ndocs_dir = \"/opt/file/docs\"\n");
  auto from_file = LoadConfig({"--config", file}, FakeEnv({}));
  ASSERT_OK(from_file);
  EXPECT_EQ(from_file->web_dir, "/opt/file/web");
  EXPECT_EQ(from_file->docs_dir, "/opt/file/docs");
  auto from_env = LoadConfig({"--config", file}, FakeEnv({{"CAIRN_WEB_DIR", "/opt/env/web"}}));
  ASSERT_OK(from_env);
  EXPECT_EQ(from_env->web_dir, "/opt/env/web");
  auto from_flag = LoadConfig({"--config", file, "--web-dir=/opt/flag/web"},
                              FakeEnv({{"CAIRN_WEB_DIR", "/opt/env/web"}}));
  ASSERT_OK(from_flag);
  EXPECT_EQ(from_flag->web_dir, "/opt/flag/web");
  auto unset = LoadConfig({}, FakeEnv({}));
  ASSERT_OK(unset);
  EXPECT_EQ(unset->web_dir, "");
}

TEST(Config, ConfigFileFromEnvironment) {
  std::string file = WriteToml("storage = \"postgresql://u@h/db\"\naccess_log = false\n");
  auto c = LoadConfig({}, FakeEnv({{"CAIRN_CONFIG", file}}));
  ASSERT_OK(c);
  EXPECT_EQ(c->storage, "postgresql://u@h/db");
  EXPECT_FALSE(c->access_log);
}

TEST(Config, EqualsFormAndPortZero) {
  auto c = LoadConfig({"--port=0", "--host=::1", "--upgrade"}, FakeEnv({}));
  ASSERT_OK(c);
  EXPECT_EQ(c->port, 0);
  EXPECT_EQ(c->host, "::1");
  EXPECT_TRUE(c->upgrade);
}

TEST(Config, ConnectionCapFromFlagEnvironmentOrFile) {
  auto defaults = LoadConfig({}, FakeEnv({}));
  ASSERT_TRUE(defaults.ok());
  EXPECT_EQ(defaults->max_connections, 4096);
  std::string file = WriteToml("max_connections = 300\n");
  auto from_file = LoadConfig({"--config", file}, FakeEnv({}));
  ASSERT_TRUE(from_file.ok()) << from_file.status().ToString();
  EXPECT_EQ(from_file->max_connections, 300);
  auto from_env = LoadConfig({"--config", file}, FakeEnv({{"CAIRN_MAX_CONNECTIONS", "200"}}));
  ASSERT_TRUE(from_env.ok());
  EXPECT_EQ(from_env->max_connections, 200);
  auto from_flag = LoadConfig({"--config", file, "--max-connections", "100"},
                              FakeEnv({{"CAIRN_MAX_CONNECTIONS", "200"}}));
  ASSERT_TRUE(from_flag.ok());
  EXPECT_EQ(from_flag->max_connections, 100);
  EXPECT_FALSE(LoadConfig({"--max-connections", "0"}, FakeEnv({})).ok());
  EXPECT_FALSE(LoadConfig({"--max-connections", "many"}, FakeEnv({})).ok());
}

TEST(Config, ReaderAndWriterThreadsFromFlagEnvironmentOrFile) {
  auto defaults = LoadConfig({}, FakeEnv({}));
  ASSERT_TRUE(defaults.ok());
  EXPECT_EQ(defaults->worker_threads, 4);
  EXPECT_EQ(defaults->write_threads, 16);
  std::string file = WriteToml("worker_threads = 3\nwrite_threads = 24\n");
  auto from_file = LoadConfig({"--config", file}, FakeEnv({}));
  ASSERT_TRUE(from_file.ok()) << from_file.status().ToString();
  EXPECT_EQ(from_file->worker_threads, 3);
  EXPECT_EQ(from_file->write_threads, 24);
  auto from_env = LoadConfig({"--config", file}, FakeEnv({{"CAIRN_WRITE_THREADS", "8"}}));
  ASSERT_TRUE(from_env.ok());
  EXPECT_EQ(from_env->write_threads, 8);
  auto from_flag = LoadConfig({"--config", file, "--write-threads", "2"},
                              FakeEnv({{"CAIRN_WRITE_THREADS", "8"}}));
  ASSERT_TRUE(from_flag.ok());
  EXPECT_EQ(from_flag->write_threads, 2);
  EXPECT_FALSE(LoadConfig({"--write-threads", "0"}, FakeEnv({})).ok());
  EXPECT_FALSE(LoadConfig({"--write-threads", "257"}, FakeEnv({})).ok());
}

TEST(Config, ComputePoolFromFlagEnvironmentOrFile) {
  auto defaults = LoadConfig({}, FakeEnv({}));
  ASSERT_TRUE(defaults.ok());
  EXPECT_EQ(defaults->compute_threads, 0) << "0: half the cores";
  EXPECT_EQ(defaults->compute_queue, 8);
  std::string file = WriteToml("compute_threads = 3\ncompute_queue = 20\n");
  auto from_file = LoadConfig({"--config", file}, FakeEnv({}));
  ASSERT_TRUE(from_file.ok()) << from_file.status().ToString();
  EXPECT_EQ(from_file->compute_threads, 3);
  EXPECT_EQ(from_file->compute_queue, 20);
  auto from_env = LoadConfig({"--config", file}, FakeEnv({{"CAIRN_COMPUTE_QUEUE", "0"}}));
  ASSERT_TRUE(from_env.ok());
  EXPECT_EQ(from_env->compute_queue, 0);
  auto from_flag = LoadConfig({"--compute-threads", "2"}, FakeEnv({}));
  ASSERT_TRUE(from_flag.ok());
  EXPECT_EQ(from_flag->compute_threads, 2);
  EXPECT_FALSE(LoadConfig({"--compute-queue", "-1"}, FakeEnv({})).ok());
  EXPECT_FALSE(LoadConfig({"--compute-threads", "1000"}, FakeEnv({})).ok());
}

TEST(Config, RejectsUnknownFlag) {
  auto c = LoadConfig({"--prot", "1"}, FakeEnv({}));
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.status().message().find("--prot"), std::string::npos);
}

TEST(Config, RejectsBadPort) {
  EXPECT_FALSE(LoadConfig({"--port", "70000"}, FakeEnv({})).ok());
  EXPECT_FALSE(LoadConfig({"--port", "12ab"}, FakeEnv({})).ok());
  EXPECT_FALSE(LoadConfig({}, FakeEnv({{"CAIRN_PORT", "-1"}})).ok());
}

TEST(Config, RejectsMissingFlagValue) { EXPECT_FALSE(LoadConfig({"--host"}, FakeEnv({})).ok()); }

TEST(Config, RejectsBadTomlWithLine) {
  std::string file = WriteToml("port = 1\nhost = \n");
  auto c = LoadConfig({"--config", file}, FakeEnv({}));
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.status().message().find("line 2"), std::string::npos) << c.status().message();
}

TEST(Config, RejectsUnknownTomlKeyAndWrongType) {
  EXPECT_FALSE(LoadConfig({"--config", WriteToml("colour = \"red\"\n")}, FakeEnv({})).ok());
  EXPECT_FALSE(LoadConfig({"--config", WriteToml("port = [1]\n")}, FakeEnv({})).ok());
}

TEST(Config, ListSettingsFromFlagsEnvAndFile) {
  std::string file = WriteToml(
      "checklist = \"evaluation_passed, security_review:optional\"\n"
      "prompt_token_budget = 2048\n");
  auto c = LoadConfig({"--config", file, "--lower-is-better", "loss,regret"},
                      FakeEnv({{"CAIRN_PROMPT_BANNED_TERMS", "acme internal, project x"}}));
  ASSERT_OK(c);
  ASSERT_TRUE(c->checklist.has_value());
  ASSERT_EQ(c->checklist->size(), 2u);
  EXPECT_EQ((*c->checklist)[0].key, "evaluation_passed");
  EXPECT_TRUE((*c->checklist)[0].required);
  EXPECT_EQ((*c->checklist)[1].key, "security_review");
  EXPECT_FALSE((*c->checklist)[1].required);
  EXPECT_EQ(c->lower_is_better, (std::vector<std::string>{"loss", "regret"}));
  EXPECT_EQ(c->prompt_token_budget, 2048);
  EXPECT_EQ(c->prompt_banned_terms, (std::vector<std::string>{"acme internal", "project x"}));
}

TEST(Config, RejectsBadListSettings) {
  EXPECT_FALSE(LoadConfig({"--checklist", "a:maybe"}, FakeEnv({})).ok());
  EXPECT_FALSE(LoadConfig({"--checklist", " , "}, FakeEnv({})).ok());
  EXPECT_FALSE(LoadConfig({"--prompt-token-budget", "0"}, FakeEnv({})).ok());
}

TEST(Config, RejectsMissingFile) {
  EXPECT_FALSE(LoadConfig({"--config", "/nonexistent/cairn.toml"}, FakeEnv({})).ok());
}

TEST(Config, AuthIsRequiredOffLoopbackUnlessExplicitlyOff) {
  auto local = LoadConfig({}, FakeEnv({}));
  ASSERT_TRUE(local.ok());
  EXPECT_FALSE(EffectiveAuthRequired(*local));
  EXPECT_FALSE(EffectiveSecureCookies(*local));
  for (const char* host : {"0.0.0.0", "10.1.2.3", "::", "example.com"}) {
    auto c = LoadConfig({"--host", host}, FakeEnv({}));
    ASSERT_TRUE(c.ok());
    EXPECT_TRUE(EffectiveAuthRequired(*c)) << host;
    EXPECT_TRUE(EffectiveSecureCookies(*c)) << host;
  }
  auto open = LoadConfig({"--host", "0.0.0.0", "--auth", "off"}, FakeEnv({}));
  ASSERT_TRUE(open.ok());
  EXPECT_FALSE(EffectiveAuthRequired(*open));
  auto env = LoadConfig({"--host", "127.0.0.1"}, FakeEnv({{"CAIRN_AUTH", "required"}}));
  ASSERT_TRUE(env.ok());
  EXPECT_TRUE(EffectiveAuthRequired(*env));
  auto file =
      LoadConfig({"--config", WriteToml("auth = \"off\"\nhost = \"0.0.0.0\"\n")}, FakeEnv({}));
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  EXPECT_FALSE(EffectiveAuthRequired(*file));
  EXPECT_FALSE(LoadConfig({"--auth", "maybe"}, FakeEnv({})).ok());
  for (const char* h : {"127.0.0.1", "127.1.2.3", "localhost", "::1"})
    EXPECT_TRUE(IsLoopbackHost(h));
  for (const char* h : {"127.0.0.1.example.com", "128.0.0.1", "0.0.0.0", "127.0.0"}) {
    EXPECT_FALSE(IsLoopbackHost(h)) << h;
  }
}

TEST(Config, AuthSettings) {
  auto c =
      LoadConfig({"--session-idle-timeout", "2s", "--session-lifetime", "1h", "--auth-cache-ttl",
                  "0", "--token-rate-limit", "0", "--trust-proxy", "--secure-cookies", "false",
                  "--login-failures-per-user", "3", "--login-failures-per-address", "4",
                  "--login-window", "5m", "--password-hash-cost", "12"},
                 FakeEnv({}));
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->session_idle_ms, 2000);
  EXPECT_EQ(c->session_lifetime_ms, 3'600'000);
  EXPECT_EQ(c->auth_cache_ttl_ms, 0);
  EXPECT_EQ(c->token_rate_limit, 0);
  EXPECT_TRUE(c->trust_proxy);
  EXPECT_EQ(c->secure_cookies, false);
  EXPECT_EQ(c->login_failures_per_user, 3);
  EXPECT_EQ(c->login_failures_per_address, 4);
  EXPECT_EQ(c->login_window_ms, 300'000);
  EXPECT_EQ(c->password_hash_cost, 12);
  EXPECT_FALSE(LoadConfig({"--session-idle-timeout", "0"}, FakeEnv({})).ok());
  EXPECT_FALSE(LoadConfig({"--password-hash-cost", "30"}, FakeEnv({})).ok());
  EXPECT_FALSE(LoadConfig({"--session-lifetime", "soon"}, FakeEnv({})).ok());
}

TEST(BootstrapHint, NamesTheStorageWithoutItsPassword) {
  Config c;
  c.storage = "postgresql://cairn:s3cret-pw@db.internal:5432/cairn";
  std::string hint = BootstrapHint(c);
  EXPECT_NE(hint.find("cairn user create NAME --role admin --storage "
                      "'postgresql://cairn:PASSWORD@db.internal:5432/cairn'"),
            std::string::npos)
      << hint;
  EXPECT_EQ(hint.find("s3cret-pw"), std::string::npos);
  c.storage = "sqlite:///var/lib/cairn/cairn.db";
  EXPECT_NE(BootstrapHint(c).find("cairn token create --user NAME --name NAME --role admin "
                                  "--expires 90d --storage 'sqlite:///var/lib/cairn/cairn.db'"),
            std::string::npos);
}

}  // namespace
}  // namespace cairn::server
