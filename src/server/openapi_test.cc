// The OpenAPI document and the router must describe the same set of routes.
#include <gtest/gtest.h>

#include <algorithm>
#include <boost/json.hpp>
#include <filesystem>
#include <set>

#include "common/testing/status_matchers.h"
#include "server/app.h"
#include "server/platform_routes.h"

namespace cairn::server {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Router templates end catch-alls with `...`; OpenAPI has no such syntax.
std::string ToOpenApiPath(std::string pattern) {
  auto pos = pattern.find("...}");
  if (pos != std::string::npos) pattern.erase(pos, 3);
  return pattern;
}

TEST(OpenApi, DocumentIsValidJsonOfVersion31) {
  boost::system::error_code ec;
  auto doc = boost::json::parse(OpenApiDocument(), ec);
  ASSERT_FALSE(ec) << ec.message();
  EXPECT_EQ(doc.at("openapi").as_string(), "3.1.0");
}

TEST(OpenApi, MatchesTheRouterExactly) {
  auto dir =
      std::filesystem::temp_directory_path() / ("cairn_openapi_test_" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  Config config;
  config.data_dir = dir.string();
  config.storage = "sqlite://" + (dir / "cairn.db").string();
  config.port = 0;
  auto app = App::Create(config);
  ASSERT_OK(app);

  std::set<std::string> routed;
  const auto& console = ConsolePageRoutes();
  for (const auto& r : (*app)->router().Routes()) {
    // The console's client-side pages and files are the web UI, not the API (only `/` is listed).
    if (std::find(console.begin(), console.end(), r.pattern) != console.end()) continue;
    routed.insert(Lower(http::MethodName(r.method)) + " " + ToOpenApiPath(r.pattern));
  }

  std::set<std::string> documented;
  auto doc = boost::json::parse(OpenApiDocument());
  for (const auto& [path, item] : doc.at("paths").as_object())
    for (const auto& [method, op] : item.as_object()) {
      (void)op;
      if (method == "parameters") continue;
      documented.insert(std::string(method) + " " + std::string(path));
    }

  for (const auto& r : routed)
    EXPECT_TRUE(documented.count(r)) << "route missing from openapi.json: " << r;
  for (const auto& d : documented)
    EXPECT_TRUE(routed.count(d)) << "openapi.json names a route that does not exist: " << d;
  (*app)->Stop();
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace cairn::server
