// The web console as the real server serves it: SPA fallback, cache headers, pre-compressed
// variants chosen by Accept-Encoding, and API paths that stay API answers.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <filesystem>
#include <fstream>

#include "common/testing/status_matchers.h"
#include "tests/integration/test_server.h"

namespace cairn::testing {
namespace {

namespace fs = std::filesystem;

constexpr char kAsset[] = "/assets/index-0a1b2c3d.js";

void Write(const fs::path& p, const std::string& body) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << body;
}

class ConsoleServing : public ::testing::Test {
 protected:
  void SetUp() override {
    fs::path web = fs::path(web_.path()) / "dist";
    Write(web / "index.html", "<!doctype html><title>console</title>");
    Write(web / "index.html.br", "BR-INDEX");
    Write(web / "index.html.gz", "GZ-INDEX");
    Write(web / "favicon.svg", "<svg/>");
    Write(web / ("." + std::string(kAsset)), "console.log(1)");
    Write(web / ("." + std::string(kAsset) + ".br"), "BR-JS");
    Write(web / ("." + std::string(kAsset) + ".gz"), "GZ-JS");
    auto s = TestServer::Start(BackendKind::kSqlite, {"--web-dir", web.string()});
    ASSERT_OK(s);
    server_ = std::move(*s);
  }

  RawReply Get(const std::string& target, const std::string& accept_encoding = "") {
    Headers h;
    if (!accept_encoding.empty()) h.emplace_back("Accept-Encoding", accept_encoding);
    auto r = server_->Call("GET", target, "", h);
    EXPECT_OK(r);
    return r.ok() ? *r : RawReply{};
  }

  TempDir web_;
  std::unique_ptr<TestServer> server_;
};

TEST_F(ConsoleServing, RootIsIndexHtmlNoCache) {
  RawReply r = Get("/");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.Header("content-type").value_or(""), "text/html; charset=utf-8");
  EXPECT_EQ(r.Header("cache-control").value_or(""), "no-cache");
  EXPECT_EQ(r.Header("vary").value_or(""), "Accept-Encoding");
  EXPECT_EQ(r.Header("content-encoding"), std::nullopt);
  EXPECT_EQ(r.body, "<!doctype html><title>console</title>");
}

TEST_F(ConsoleServing, ClientSideRoutesFallBackToIndexEvenWithDots) {
  for (const char* page : {"/experiments", "/experiments/mnist.v2", "/runs/abc/def",
                           "/models/churn/versions/3", "/prompts/review", "/audit"}) {
    RawReply r = Get(page);
    EXPECT_EQ(r.status, 200) << page;
    EXPECT_EQ(r.body, "<!doctype html><title>console</title>") << page;
    EXPECT_EQ(r.Header("cache-control").value_or(""), "no-cache") << page;
  }
}

TEST_F(ConsoleServing, BrotliPreferredThenGzipByAcceptEncoding) {
  RawReply br = Get(kAsset, "gzip, deflate, br");
  EXPECT_EQ(br.status, 200);
  EXPECT_EQ(br.Header("content-encoding").value_or(""), "br");
  EXPECT_EQ(br.Header("content-type").value_or(""), "text/javascript; charset=utf-8");
  EXPECT_EQ(br.body, "BR-JS");
  RawReply gz = Get(kAsset, "gzip");
  EXPECT_EQ(gz.Header("content-encoding").value_or(""), "gzip");
  EXPECT_EQ(gz.body, "GZ-JS");
  RawReply weighted = Get(kAsset, "br;q=0.2, gzip;q=0.8");
  EXPECT_EQ(weighted.Header("content-encoding").value_or(""), "gzip");
  RawReply plain = Get(kAsset);
  EXPECT_EQ(plain.Header("content-encoding"), std::nullopt);
  EXPECT_EQ(plain.body, "console.log(1)");
  RawReply index = Get("/models/m", "br");
  EXPECT_EQ(index.Header("content-encoding").value_or(""), "br");
  EXPECT_EQ(index.body, "BR-INDEX");
}

TEST_F(ConsoleServing, HashedAssetsAreImmutableOtherFilesRevalidate) {
  RawReply asset = Get(kAsset);
  EXPECT_EQ(asset.Header("cache-control").value_or(""), "public, max-age=31536000, immutable");
  RawReply icon = Get("/favicon.svg");
  EXPECT_EQ(icon.status, 200);
  EXPECT_EQ(icon.Header("content-type").value_or(""), "image/svg+xml");
  EXPECT_EQ(icon.Header("cache-control").value_or(""), "no-cache");
}

TEST_F(ConsoleServing, MissingAssetIs404NotIndex) {
  RawReply r = Get("/assets/missing-01234567.js");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.Header("content-type").value_or("").rfind("application/problem+json", 0), 0u);
  EXPECT_EQ(Get("/nothing.js").status, 404);
  EXPECT_EQ(Get("/assets/../index.html").status, 400);
}

TEST_F(ConsoleServing, ApiPathsKeepTheirOwnAnswers) {
  RawReply unknown = Get("/api/v1/ml/lifecycle/no-such-thing");
  EXPECT_EQ(unknown.status, 404);
  auto body = boost::json::parse(unknown.body);
  EXPECT_EQ(body.at("detail").as_string(), "no resource at this path");
  RawReply post_only = Get("/api/v1/ml/lifecycle/drift/compute");
  EXPECT_EQ(post_only.status, 405);
  EXPECT_EQ(Get("/healthz").status, 200);
  EXPECT_EQ(Get("/docs/index.html").status, 200);
}

TEST(ConsoleServingWithoutBuild, PagesAnswerAClear503) {
  TempDir empty;
  auto s = TestServer::Start(BackendKind::kSqlite, {"--web-dir", empty.path() + "/not-built"});
  ASSERT_OK(s);
  for (const char* page : {"/", "/experiments"}) {
    auto r = (*s)->Call("GET", page);
    ASSERT_OK(r);
    EXPECT_EQ(r->status, 503) << page;
    EXPECT_NE(r->body.find("web console is not built"), std::string::npos) << r->body;
  }
  auto api = (*s)->Call("GET", "/healthz");
  ASSERT_OK(api);
  EXPECT_EQ(api->status, 200);
}

}  // namespace
}  // namespace cairn::testing
