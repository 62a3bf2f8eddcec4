#include "server/platform_routes.h"

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

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
<script src="/docs/cairn-docs.js"></script>
</body>
</html>
)html";

// The page's start-up code, served as a file so the Content-Security-Policy can forbid inline
// scripts (script-src 'self').
constexpr std::string_view kDocsInit = R"js(window.onload = () => {
  window.ui = SwaggerUIBundle({
    url: "/openapi.json",
    dom_id: "#swagger-ui",
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    layout: "StandaloneLayout",
  });
};
)js";

namespace fs = std::filesystem;

// Top-level path segments of the console's client-side routes (web/src/routes.tsx): everything
// below them is a page, answered with index.html whatever it looks like (names may contain
// dots). Literal prefixes, so that unknown API paths keep the router's own 404/405 answers
// instead of falling back to index.html.
constexpr const char* kConsolePages[] = {"experiments", "runs",    "compare",  "models",
                                         "deployments", "drift",   "features", "datasets",
                                         "evaluation",  "prompts", "audit",    "login"};

bool HasFile(const fs::path& dir, const char* file) {
  std::error_code ec;
  return fs::is_regular_file(dir / file, ec);
}

std::string FindIn(const std::string& configured, const std::string& exe_dir,
                   const std::string& source_dir, const char* installed, const char* source,
                   const char* marker) {
  if (!configured.empty()) return configured;
  std::vector<fs::path> candidates;
  if (!exe_dir.empty())
    candidates.push_back(fs::path(exe_dir) / ".." / "share" / "cairn" / installed);
  if (!source_dir.empty()) candidates.push_back(fs::path(source_dir) / source);
  for (const fs::path& c : candidates) {
    if (HasFile(c, marker)) return c.lexically_normal().string();
  }
  return "";
}

http::Response ConsoleMissing(const http::Request& req) {
  return http::Problem(Unavailable("the web console is not built: run scripts/serve.sh (or "
                                   "`npm run build` in web/), or point --web-dir at it"),
                       req.path);
}

}  // namespace

std::string ExecutableDir() {
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (ec) return "";
  return exe.parent_path().string();
}

std::string FindDocsDirIn(const std::string& configured, const std::string& exe_dir,
                          const std::string& source_dir) {
  return FindIn(configured, exe_dir, source_dir, "docs", "web/node_modules/swagger-ui-dist",
                "swagger-ui-bundle.js");
}

std::string FindWebDirIn(const std::string& configured, const std::string& exe_dir,
                         const std::string& source_dir) {
  return FindIn(configured, exe_dir, source_dir, "web", "web/dist", "index.html");
}

std::string FindDocsDir(const std::string& configured) {
  return FindDocsDirIn(configured, ExecutableDir(), CAIRN_SOURCE_DIR);
}

std::string FindWebDir(const std::string& configured) {
  return FindWebDirIn(configured, ExecutableDir(), CAIRN_SOURCE_DIR);
}

const std::vector<std::string>& ConsolePageRoutes() {
  static const std::vector<std::string> routes = [] {
    std::vector<std::string> r{"/{file}", "/assets/{file...}"};
    for (const char* section : kConsolePages)
      r.push_back(std::string("/") + section + "/{path...}");
    return r;
  }();
  return routes;
}

void RegisterPlatformRoutes(http::Router& router, const PlatformDeps& deps) {
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
      [m = deps.metrics, db = deps.db](http::Request&) {
        return http::Response::Text(
            200, "text/plain; version=0.0.4; charset=utf-8",
            m->Render() + PromMetrics::RenderDriverCounters(db->Counters()));
      },
      inline_opts);

  // ~200 KB: one copy shared by every response rather than one per request (a client
  // pipelining this route on many connections used to hold hundreds of megabytes).
  router.Add(
      http::Method::kGet, "/openapi.json",
      [doc = std::make_shared<const std::string>(OpenApiDocument())](http::Request&) {
        return http::Response::Shared(200, "application/json", doc);
      },
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
        if (file == "cairn-docs.js") {
          http::Response r =
              http::Response::Text(200, "text/javascript; charset=utf-8", std::string(kDocsInit));
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

  // The console: pages answer index.html (no-cache); files answer themselves (hashed assets
  // immutable, pre-compressed variants by Accept-Encoding); a missing asset is a 404.
  std::string web = deps.web_dir;
  auto page = [web](http::Request& req) {
    if (web.empty() || !HasFile(web, "index.html")) return ConsoleMissing(req);
    return http::ServeStaticFile(web, "index.html", /*spa_fallback=*/false, req);
  };
  router.Add(http::Method::kGet, "/", page, inline_opts);
  router.Add(
      http::Method::kGet, "/{file}",
      [web](http::Request& req) {
        if (web.empty() || !HasFile(web, "index.html")) return ConsoleMissing(req);
        return http::ServeStaticFile(web, req.Param("file"), /*spa_fallback=*/true, req);
      },
      inline_opts);
  router.Add(
      http::Method::kGet, "/assets/{file...}",
      [web](http::Request& req) {
        if (web.empty() || !HasFile(web, "index.html")) return ConsoleMissing(req);
        return http::ServeStaticFile(web, "assets/" + req.Param("file"), /*spa_fallback=*/false,
                                     req);
      },
      inline_opts);
  for (const char* section : kConsolePages)
    router.Add(http::Method::kGet, std::string("/") + section + "/{path...}", page, inline_opts);
}

}  // namespace cairn::server
