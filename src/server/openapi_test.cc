// The OpenAPI document and the router must describe the same set of routes.
#include <gtest/gtest.h>

#include <algorithm>
#include <boost/json.hpp>
#include <filesystem>
#include <map>
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

TEST(OpenApi, DeclaresTheSecuritySchemes) {
  auto doc = boost::json::parse(OpenApiDocument());
  const auto& schemes = doc.at("components").at("securitySchemes").as_object();
  EXPECT_EQ(schemes.at("bearerAuth").at("scheme").as_string(), "bearer");
  EXPECT_EQ(schemes.at("cookieAuth").at("name").as_string(), "cairn_session");
  EXPECT_EQ(doc.at("security").as_array().size(), 2u);
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
  config.password_hash_cost = 10;
  config.auth_required = true;  // the identity routes exist only then
  auto app = App::Create(config);
  ASSERT_OK(app);

  std::set<std::string> routed;
  const auto& console = ConsolePageRoutes();
  std::map<std::string, std::string> roles;  // what the router enforces, per operation
  for (const auto& r : (*app)->router().Routes()) {
    // The console's client-side pages and files are the web UI, not the API (only `/` is listed).
    if (std::find(console.begin(), console.end(), r.pattern) != console.end()) continue;
    std::string key = Lower(http::MethodName(r.method)) + " " + ToOpenApiPath(r.pattern);
    routed.insert(key);
    const auto& access = r.options->access;
    roles[key] = !access             ? std::string("undeclared")
                 : access->is_public ? std::string("public")
                                     : std::string(RoleName(access->role));
  }

  std::set<std::string> documented;
  auto doc = boost::json::parse(OpenApiDocument());
  for (const auto& [path, item] : doc.at("paths").as_object())
    for (const auto& [method, op] : item.as_object()) {
      if (method == "parameters") continue;
      std::string key = std::string(method) + " " + std::string(path);
      documented.insert(key);
      const auto* declared = op.as_object().if_contains("x-required-role");
      ASSERT_NE(declared, nullptr) << key << " has no x-required-role";
      if (roles.count(key)) {
        EXPECT_EQ(std::string(declared->as_string()), roles[key])
            << key << ": openapi.json and the router disagree on the required role";
      }
      bool is_public = declared->as_string() == "public";
      const auto* security = op.as_object().if_contains("security");
      EXPECT_EQ(security != nullptr && security->as_array().empty(), is_public)
          << key << ": public operations (only) have security: []";
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
