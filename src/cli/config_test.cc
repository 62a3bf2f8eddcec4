#include "cli/config.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>

#include "common/testing/status_matchers.h"

namespace cairn::cli {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

EnvLookup FakeEnv(std::map<std::string, std::string> vars) {
  return [vars](const std::string& k) -> std::optional<std::string> {
    auto it = vars.find(k);
    if (it == vars.end()) return std::nullopt;
    return it->second;
  };
}

class ConfigTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("cairn-cli-config-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

TEST_F(ConfigTest, PathFollowsXdgThenHome) {
  EXPECT_EQ(*ConfigPath(FakeEnv({{"HOME", "/h"}})), "/h/.config/cairn/config.toml");
  EXPECT_EQ(*ConfigPath(FakeEnv({{"HOME", "/h"}, {"XDG_CONFIG_HOME", "/x"}})),
            "/x/cairn/config.toml");
  EXPECT_FALSE(ConfigPath(FakeEnv({})).ok());
}

TEST_F(ConfigTest, MissingFileIsEmpty) {
  auto c = LoadConfigFile((dir_ / "none.toml").string());
  ASSERT_OK(c);
  EXPECT_TRUE(c->profiles.empty());
}

TEST_F(ConfigTest, SavesWithMode0600AndReadsBack) {
  std::string path = (dir_ / "sub" / "config.toml").string();
  ConfigFile f;
  f.current = "prod";
  f.profiles["prod"] = {"https://cairn.example.com", "cairn_secret\"quoted", "", "/ca.pem"};
  f.profiles["local"] = {"http://127.0.0.1:8500", "", "alice", ""};
  ::umask(022);
  ASSERT_OK(SaveConfigFile(path, f));
  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  ASSERT_EQ(::stat((dir_ / "sub").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0700u);
  EXPECT_FALSE(IsTooOpen(path));
  auto back = LoadConfigFile(path);
  ASSERT_OK(back);
  EXPECT_EQ(back->current, "prod");
  EXPECT_EQ(back->profiles.at("prod").token, "cairn_secret\"quoted");
  EXPECT_EQ(back->profiles.at("prod").ca_file, "/ca.pem");
  EXPECT_EQ(back->profiles.at("local").user, "alice");
  ::chmod(path.c_str(), 0644);
  EXPECT_TRUE(IsTooOpen(path));
}

TEST_F(ConfigTest, BadTomlNamesTheFileAndLine) {
  fs::create_directories(dir_);
  std::string path = (dir_ / "bad.toml").string();
  std::ofstream(path) << "profile = 'x'\n[profiles.x\n";
  auto c = LoadConfigFile(path);
  ASSERT_FALSE(c.ok());
  EXPECT_THAT(c.status().message(), HasSubstr("bad.toml"));
  EXPECT_THAT(c.status().message(), HasSubstr("line 2"));
  std::ofstream(path) << "[profiles.x]\nurl = 5\n";
  auto typed = LoadConfigFile(path);
  ASSERT_FALSE(typed.ok());
  EXPECT_THAT(typed.status().message(), HasSubstr("profiles.x.url must be a string"));
}

TEST_F(ConfigTest, FlagsBeatEnvironmentBeatProfile) {
  ConfigFile f;
  f.current = "a";
  f.profiles["a"] = {"http://a:1", "tok-a", "alice", ""};
  f.profiles["b"] = {"http://b:2", "tok-b", "", ""};
  auto s = ResolveSettings({}, FakeEnv({}), f);
  ASSERT_OK(s);
  EXPECT_EQ(s->profile, "a");
  EXPECT_EQ(s->url, "http://a:1");
  EXPECT_EQ(s->token, "tok-a");
  EXPECT_EQ(s->user, "alice");

  auto env = ResolveSettings({}, FakeEnv({{"CAIRN_PROFILE", "b"}, {"CAIRN_TOKEN", "tok-env"}}), f);
  ASSERT_OK(env);
  EXPECT_EQ(env->url, "http://b:2");
  EXPECT_EQ(env->token, "tok-env");

  Overrides o;
  o.profile = "b";
  o.url = "http://flag:3";
  auto flag = ResolveSettings(o, FakeEnv({{"CAIRN_URL", "http://env:4"}}), f);
  ASSERT_OK(flag);
  EXPECT_EQ(flag->url, "http://flag:3");
  EXPECT_EQ(flag->token, "tok-b");
}

TEST_F(ConfigTest, DefaultsWithoutAFileAndUnknownNamedProfileIsNotFound) {
  auto s = ResolveSettings({}, FakeEnv({}), ConfigFile{});
  ASSERT_OK(s);
  EXPECT_EQ(s->url, kDefaultUrl);
  EXPECT_EQ(s->profile, kDefaultProfile);
  EXPECT_FALSE(s->profile_exists);
  Overrides o;
  o.profile = "nope";
  auto missing = ResolveSettings(o, FakeEnv({}), ConfigFile{});
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace cairn::cli
