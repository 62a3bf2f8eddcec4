#include "server/platform_routes.h"

#include <filesystem>

#include "http/static_files.h"

namespace cairn::server {
namespace {

constexpr std::string_view kDocsIndex = R"html(<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Cairn API</title>
<link rel="stylesheet" href="/docs/swagger-ui.css">
</head>
<body>
<div id="swagger-ui"></div>
<script src="/docs/swagger-ui-bundle.js"></script>
<script src="/docs/swagger-ui-standalone-preset.js"></script>
<script>
window.onload = () => {
  window.ui = SwaggerUIBundle({
    url: "/openapi.json",
    dom_id: "#swagger-ui",
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    layout: "StandaloneLayout",
  });
};
</script>
</body>
</html>
)html";

}  // namespace

std::string FindDocsDir(const std::string& configured) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!configured.empty()) return configured;
  const fs::path candidates[] = {
      fs::path(CAIRN_SOURCE_DIR) / "web" / "node_modules" / "swagger-ui-dist",
  };
  for (const auto& c : candidates)
    if (fs::exists(c / "swagger-ui-bundle.js", ec)) return c.string();
  return "";
}

void RegisterPlatformRoutes(http::Router& router, PlatformDeps deps) {
  http::RouteOptions inline_opts;
  inline_opts.inline_handler = true;

  router.Add(
      http::Method::kGet, "/healthz",
      [](http::Request&) { return http::Response::Json(200, R"({"status":"ok"})"); }, inline_opts);

  router.Add(http::Method::kGet, "/readyz", [db = deps.db](http::Request&) {
    if (db->Ping()) return http::Response::Json(200, R"({"status":"ready"})");
    return http::Response::Json(503, R"({"status":"storage unavailable"})");
  });

  router.Add(
      http::Method::kGet, "/metrics",
      [m = deps.metrics](http::Request&) {
        return http::Response::Text(200, "text/plain; version=0.0.4; charset=utf-8", m->Render());
      },
      inline_opts);

  router.Add(
      http::Method::kGet, "/openapi.json",
      [](http::Request&) { return http::Response::Json(200, std::string(OpenApiDocument())); },
      inline_opts);

  router.Add(
      http::Method::kGet, "/docs",
      [](http::Request&) {
        http::Response r = http::Response::Text(301, "text/plain", "");
        r.headers.emplace_back("Location", "/docs/index.html");
        return r;
      },
      inline_opts);

  router.Add(
      http::Method::kGet, "/docs/{file...}",
      [dir = deps.docs_dir](http::Request& req) {
        const std::string& file = req.Param("file");
        if (file.empty() || file == "index.html") {
          http::Response r =
              http::Response::Text(200, "text/html; charset=utf-8", std::string(kDocsIndex));
          r.headers.emplace_back("Cache-Control", "no-cache");
          return r;
        }
        if (dir.empty())
          return http::Problem(Unavailable("Swagger UI assets are not installed "
                                           "(run scripts/install-deps.sh)"),
                               req.path);
        return http::ServeStaticFile(dir, file, /*spa_fallback=*/false, req);
      },
      inline_opts);
}

}  // namespace cairn::server
