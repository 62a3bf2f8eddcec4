// Where the console and the Swagger UI are looked for, and which paths answer the console.
#include "server/platform_routes.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "http/router.h"

namespace cairn::server {
namespace {

namespace fs = std::filesystem;

class AssetDirs : public ::testing::Test {
 protected:
  void SetUp() override {
    base_ = fs::temp_directory_path() /
            ("cairn-assets-" + std::to_string(::getpid()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(base_);
    fs::create_directories(base_ / "prefix" / "bin");
    fs::create_directories(base_ / "src" / "web" / "dist");
    fs::create_directories(base_ / "src" / "web" / "node_modules" / "swagger-ui-dist");
    Touch(base_ / "src" / "web" / "dist" / "index.html");
    Touch(base_ / "src" / "web" / "node_modules" / "swagger-ui-dist" / "swagger-ui-bundle.js");
  }
  void TearDown() override { fs::remove_all(base_); }
  static void Touch(const fs::path& p) { std::ofstream(p) << "x"; }
  void Install() {
    fs::create_directories(base_ / "prefix" / "share" / "cairn" / "web");
    fs::create_directories(base_ / "prefix" / "share" / "cairn" / "docs");
    Touch(base_ / "prefix" / "share" / "cairn" / "web" / "index.html");
    Touch(base_ / "prefix" / "share" / "cairn" / "docs" / "swagger-ui-bundle.js");
  }
  std::string Exe() const { return (base_ / "prefix" / "bin").string(); }
  std::string Src() const { return (base_ / "src").string(); }
  fs::path base_;
};

TEST_F(AssetDirs, ConfiguredFolderWinsAsGiven) {
  Install();
  EXPECT_EQ(FindWebDirIn("/somewhere/web", Exe(), Src()), "/somewhere/web");
  EXPECT_EQ(FindDocsDirIn("/somewhere/docs", Exe(), Src()), "/somewhere/docs");
}

TEST_F(AssetDirs, InstalledFolderNextToTheExecutableWinsOverTheCheckout) {
  Install();
  EXPECT_EQ(FindWebDirIn("", Exe(), Src()),
            (base_ / "prefix" / "share" / "cairn" / "web").string());
  EXPECT_EQ(FindDocsDirIn("", Exe(), Src()),
            (base_ / "prefix" / "share" / "cairn" / "docs").string());
}

TEST_F(AssetDirs, FallsBackToTheSourceCheckout) {
  EXPECT_EQ(FindWebDirIn("", Exe(), Src()), (base_ / "src" / "web" / "dist").string());
  EXPECT_EQ(FindDocsDirIn("", Exe(), Src()),
            (base_ / "src" / "web" / "node_modules" / "swagger-ui-dist").string());
}

TEST_F(AssetDirs, EmptyWhenNothingIsBuilt) {
  fs::remove_all(base_ / "src" / "web");
  EXPECT_EQ(FindWebDirIn("", Exe(), Src()), "");
  EXPECT_EQ(FindDocsDirIn("", "", ""), "");
}

TEST(ExecutableDir, IsTheFolderOfThisTestBinary) {
  std::string dir = ExecutableDir();
  ASSERT_FALSE(dir.empty());
  EXPECT_TRUE(fs::is_directory(dir));
}

// Console pages are literal prefixes: unknown API paths keep the router's answers.
TEST(ConsoleRoutes, UnknownApiPathsAreNotConsolePages) {
  http::Router router;
  RegisterPlatformRoutes(router, PlatformDeps{nullptr, nullptr, "", ""});
  router.Add(http::Method::kPost, "/api/v1/things",
             [](http::Request&) { return http::Response::Json(201, "{}"); });
  auto route_of = [&](http::Method m, std::string path) {
    http::Request req;
    req.method = m;
    req.path = std::move(path);
    http::Response error;
    http::Router::Match match = router.Find(req, &error);
    return match.handler ? match.pattern : std::to_string(error.status);
  };
  EXPECT_EQ(route_of(http::Method::kGet, "/"), "/");
  EXPECT_EQ(route_of(http::Method::kGet, "/experiments"), "/{file}");
  EXPECT_EQ(route_of(http::Method::kGet, "/experiments/mnist.v2/runs"), "/experiments/{path...}");
  EXPECT_EQ(route_of(http::Method::kGet, "/assets/index-0a1b2c3d.js"), "/assets/{file...}");
  EXPECT_EQ(route_of(http::Method::kGet, "/api/v1/unknown"), "404");
  EXPECT_EQ(route_of(http::Method::kGet, "/api/v1/things"), "405");
  EXPECT_EQ(route_of(http::Method::kDelete, "/api/v1/unknown"), "404");
  EXPECT_EQ(route_of(http::Method::kGet, "/healthz"), "/healthz");
}

TEST(ConsoleRoutes, MissingConsoleIs503Problem) {
  http::Router router;
  RegisterPlatformRoutes(router, PlatformDeps{nullptr, nullptr, "", ""});
  for (const char* path : {"/", "/models/m/1", "/favicon.svg"}) {
    http::Request req;
    req.method = http::Method::kGet;
    req.path = path;
    http::Response r = router.Dispatch(req);
    EXPECT_EQ(r.status, 503) << path;
    EXPECT_NE(r.body.find("web console is not built"), std::string::npos) << r.body;
  }
}

}  // namespace
}  // namespace cairn::server
