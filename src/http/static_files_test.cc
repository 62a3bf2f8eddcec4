#include "http/static_files.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace cairn::http {
namespace {

namespace fs = std::filesystem;

std::optional<std::string> HeaderOf(const Response& r, std::string_view name) {
  for (const auto& [k, v] : r.headers) {
    if (k == name) return v;
  }
  return std::nullopt;
}

class StaticFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    base_ = fs::temp_directory_path() /
            ("cairn-static-" + std::to_string(::getpid()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(base_);
    root_ = base_ / "web";
    fs::create_directories(root_ / "assets");
    fs::create_directories(root_ / "docs");
    Write(root_ / "index.html", "<html>app</html>");
    Write(root_ / "assets" / "index-3f9a1b2cDE.js", "js");
    Write(root_ / "assets" / "index-3f9a1b2cDE.js.gz", "gz");
    Write(root_ / "assets" / "app-0a1b2c3d.css", "css");
    Write(root_ / "assets" / "app-0a1b2c3d.css.gz", "gz");
    Write(root_ / "assets" / "app-0a1b2c3d.css.br", "br");
    Write(root_ / "index.html.br", "br");
    Write(root_ / "style.css", "css");
    Write(root_ / "docs" / "index.html", "docs");
    Write(base_ / "secret.txt", "secret");
    fs::create_symlink(base_ / "secret.txt", root_ / "leak.txt");
  }
  void TearDown() override { fs::remove_all(base_); }
  static void Write(const fs::path& p, const std::string& content) { std::ofstream(p) << content; }
  fs::path base_, root_;
};

TEST_F(StaticFilesTest, ServesFileWithMimeType) {
  Response r = ServeStaticFile(root_.string(), "/style.css", false);
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.content_type, "text/css; charset=utf-8");
  ASSERT_TRUE(r.file_path);
  EXPECT_EQ(fs::path(*r.file_path), root_ / "style.css");
}

TEST_F(StaticFilesTest, RootServesIndexNoCache) {
  Response r = ServeStaticFile(root_.string(), "/", false);
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.content_type, "text/html; charset=utf-8");
  EXPECT_EQ(HeaderOf(r, "Cache-Control"), "no-cache");
  EXPECT_EQ(fs::path(*r.file_path), root_ / "index.html");
}

TEST_F(StaticFilesTest, DirectoryServesItsIndex) {
  Response r = ServeStaticFile(root_.string(), "docs", false);
  EXPECT_EQ(fs::path(*r.file_path), root_ / "docs" / "index.html");
}

TEST_F(StaticFilesTest, HashedAssetIsImmutable) {
  Response r = ServeStaticFile(root_.string(), "assets/index-3f9a1b2cDE.js", false);
  EXPECT_EQ(r.content_type, "text/javascript; charset=utf-8");
  EXPECT_EQ(HeaderOf(r, "Cache-Control"), "public, max-age=31536000, immutable");
  EXPECT_EQ(HeaderOf(r, "Vary"), "Accept-Encoding");
  EXPECT_EQ(HeaderOf(r, "Content-Encoding"), std::nullopt);
}

TEST_F(StaticFilesTest, ServesGzipWhenAccepted) {
  Response r = ServeStaticFile(root_.string(), "assets/index-3f9a1b2cDE.js", false,
                               std::string_view("br, gzip;q=0.8"));
  EXPECT_EQ(HeaderOf(r, "Content-Encoding"), "gzip");
  EXPECT_EQ(r.content_type, "text/javascript; charset=utf-8");
  EXPECT_EQ(fs::path(*r.file_path), root_ / "assets" / "index-3f9a1b2cDE.js.gz");
}

TEST_F(StaticFilesTest, NoGzipWhenRefused) {
  Response r = ServeStaticFile(root_.string(), "assets/index-3f9a1b2cDE.js", false,
                               std::string_view("gzip;q=0"));
  EXPECT_EQ(HeaderOf(r, "Content-Encoding"), std::nullopt);
}

TEST_F(StaticFilesTest, PrefersBrotliWhenBothAreAcceptedEqually) {
  Response r = ServeStaticFile(root_.string(), "assets/app-0a1b2c3d.css", false,
                               std::string_view("gzip, deflate, br, zstd"));
  EXPECT_EQ(HeaderOf(r, "Content-Encoding"), "br");
  EXPECT_EQ(r.content_type, "text/css; charset=utf-8");
  EXPECT_EQ(HeaderOf(r, "Vary"), "Accept-Encoding");
  EXPECT_EQ(HeaderOf(r, "Cache-Control"), "public, max-age=31536000, immutable");
  EXPECT_EQ(fs::path(*r.file_path), root_ / "assets" / "app-0a1b2c3d.css.br");
}

TEST_F(StaticFilesTest, HigherQValueWinsOverBrotli) {
  Response r = ServeStaticFile(root_.string(), "assets/app-0a1b2c3d.css", false,
                               std::string_view("br;q=0.5, gzip;q=0.9"));
  EXPECT_EQ(HeaderOf(r, "Content-Encoding"), "gzip");
  EXPECT_EQ(fs::path(*r.file_path), root_ / "assets" / "app-0a1b2c3d.css.gz");
}

TEST_F(StaticFilesTest, BrotliRefusedFallsBackToGzipThenIdentity) {
  Response gz = ServeStaticFile(root_.string(), "assets/app-0a1b2c3d.css", false,
                                std::string_view("br;q=0, *"));
  EXPECT_EQ(HeaderOf(gz, "Content-Encoding"), "gzip");
  Response plain = ServeStaticFile(root_.string(), "assets/app-0a1b2c3d.css", false,
                                   std::string_view("identity"));
  EXPECT_EQ(HeaderOf(plain, "Content-Encoding"), std::nullopt);
  EXPECT_EQ(HeaderOf(plain, "Vary"), "Accept-Encoding");
  EXPECT_EQ(fs::path(*plain.file_path), root_ / "assets" / "app-0a1b2c3d.css");
}

TEST_F(StaticFilesTest, NoVaryWithoutCompressedVariant) {
  Response r = ServeStaticFile(root_.string(), "style.css", false, std::string_view("br, gzip"));
  EXPECT_EQ(HeaderOf(r, "Vary"), std::nullopt);
  EXPECT_EQ(HeaderOf(r, "Content-Encoding"), std::nullopt);
  EXPECT_EQ(HeaderOf(r, "Cache-Control"), "no-cache");
}

TEST_F(StaticFilesTest, SpaFallbackIndexIsNoCacheAndCompressed) {
  Response r = ServeStaticFile(root_.string(), "experiments/mnist", true, std::string_view("br"));
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.content_type, "text/html; charset=utf-8");
  EXPECT_EQ(HeaderOf(r, "Cache-Control"), "no-cache");
  EXPECT_EQ(HeaderOf(r, "Content-Encoding"), "br");
  EXPECT_EQ(fs::path(*r.file_path), root_ / "index.html.br");
}

TEST_F(StaticFilesTest, SpaFallbackForRoutesOnly) {
  Response r = ServeStaticFile(root_.string(), "runs/abc", true);
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(fs::path(*r.file_path), root_ / "index.html");
  EXPECT_EQ(ServeStaticFile(root_.string(), "assets/missing-12345678.js", true).status, 404);
  EXPECT_EQ(ServeStaticFile(root_.string(), "runs/abc", false).status, 404);
}

TEST_F(StaticFilesTest, RefusesDotDot) {
  for (const char* p : {"../secret.txt", "assets/../../secret.txt", "..", "a\\..\\b"}) {
    Response r = ServeStaticFile(root_.string(), p, true);
    EXPECT_EQ(r.status, 404) << p;
    EXPECT_FALSE(r.file_path) << p;
  }
}

TEST_F(StaticFilesTest, RefusesSymlinkOutOfRoot) {
  Response r = ServeStaticFile(root_.string(), "leak.txt", false);
  EXPECT_EQ(r.status, 404);
}

TEST(MimeTypeFor, KnownAndUnknown) {
  EXPECT_EQ(MimeTypeFor("a.html"), "text/html; charset=utf-8");
  EXPECT_EQ(MimeTypeFor("a.mjs"), "text/javascript; charset=utf-8");
  EXPECT_EQ(MimeTypeFor("a.JSON"), "application/json");
  EXPECT_EQ(MimeTypeFor("a.js.map"), "application/json");
  EXPECT_EQ(MimeTypeFor("a.png"), "image/png");
  EXPECT_EQ(MimeTypeFor("a.svg"), "image/svg+xml");
  EXPECT_EQ(MimeTypeFor("favicon.ico"), "image/x-icon");
  EXPECT_EQ(MimeTypeFor("f.woff2"), "font/woff2");
  EXPECT_EQ(MimeTypeFor("robots.txt"), "text/plain; charset=utf-8");
  EXPECT_EQ(MimeTypeFor("blob"), "application/octet-stream");
  EXPECT_EQ(MimeTypeFor("x.exe"), "application/octet-stream");
}

TEST(ParseAcceptEncoding, WeightsAndWildcard) {
  AcceptedEncodings a = ParseAcceptEncoding("gzip, br");
  EXPECT_EQ(a.br, 1);
  EXPECT_EQ(a.gzip, 1);
  a = ParseAcceptEncoding(" BR ; q=0.25 , GZip;q=0.750");
  EXPECT_DOUBLE_EQ(a.br, 0.25);
  EXPECT_DOUBLE_EQ(a.gzip, 0.75);
  a = ParseAcceptEncoding("*;q=0.5, gzip;q=0");
  EXPECT_DOUBLE_EQ(a.br, 0.5);
  EXPECT_EQ(a.gzip, 0);
  a = ParseAcceptEncoding("");
  EXPECT_EQ(a.br, 0);
  EXPECT_EQ(a.gzip, 0);
  a = ParseAcceptEncoding("deflate, identity");
  EXPECT_EQ(a.br, 0);
  EXPECT_EQ(a.gzip, 0);
}

TEST(ParseAcceptEncoding, MalformedQValuesCountAsRefusal) {
  for (const char* bad : {"br;q=2", "br;q=abc", "br;q=0.12345", "br;q=", "br;q=1.5", "br;q=-1"}) {
    EXPECT_EQ(ParseAcceptEncoding(bad).br, 0) << bad;
  }
  EXPECT_EQ(ParseAcceptEncoding("br;level=5").br, 1);
  EXPECT_EQ(ParseAcceptEncoding("br;q=1.000").br, 1);
}

TEST(MimeTypeFor, ImagesAndFonts) {
  EXPECT_EQ(MimeTypeFor("a.jpg"), "image/jpeg");
  EXPECT_EQ(MimeTypeFor("a.webp"), "image/webp");
  EXPECT_EQ(MimeTypeFor("a.woff"), "font/woff");
  EXPECT_EQ(MimeTypeFor("a.wasm"), "application/wasm");
}

TEST(IsContentHashed, Pattern) {
  EXPECT_TRUE(IsContentHashed("index-3f9a1b2c.js"));
  EXPECT_TRUE(IsContentHashed("vendor-AbC_12345678.css"));
  EXPECT_FALSE(IsContentHashed("index.js"));
  EXPECT_FALSE(IsContentHashed("my-file.js"));
  EXPECT_FALSE(IsContentHashed("index-3f9a1b2"));
}

}  // namespace
}  // namespace cairn::http
