// Platform endpoints of SPEC §6: /healthz, /readyz, /metrics, /openapi.json, /docs (Swagger UI
// served from local files, no CDN) and the web console at `/` (the built single-page app:
// its client-side routes fall back to index.html).
//
// The console and the Swagger UI are found wherever Cairn is installed: a configured folder,
// else `<folder of the executable>/../share/cairn/{web,docs}` (what `cmake --install` lays
// out), else the source checkout the binary was built from (`web/dist`,
// `web/node_modules/swagger-ui-dist`).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "http/router.h"
#include "server/prom_metrics.h"
#include "storage/sql_database.h"

namespace cairn::server {

// The OpenAPI document embedded at build time from the repository's openapi.json.
std::string_view OpenApiDocument();

struct PlatformDeps {
  storage::SqlDatabase* db;    // not owned
  const PromMetrics* metrics;  // not owned
  std::string docs_dir;        // Swagger UI assets (swagger-ui-dist); empty: /docs answers 503
  std::string web_dir;         // the built console (index.html + assets/); empty: `/` answers 503
};

void RegisterPlatformRoutes(http::Router& router, const PlatformDeps& deps);

// Finds the Swagger UI assets (a folder holding swagger-ui-bundle.js) and the built console (a
// folder holding index.html): the configured folder when set (returned as given), else the
// installed one next to the executable, else the source checkout's. Empty when none is found.
std::string FindDocsDir(const std::string& configured);
std::string FindWebDir(const std::string& configured);

// The same searches with the executable's folder and the source checkout given explicitly.
std::string FindDocsDirIn(const std::string& configured, const std::string& exe_dir,
                          const std::string& source_dir);
std::string FindWebDirIn(const std::string& configured, const std::string& exe_dir,
                         const std::string& source_dir);

// The folder of the running executable (from /proc/self/exe); empty when unknown.
std::string ExecutableDir();

// Route templates that serve the console's client-side pages and files. They are the web UI,
// not the API, so openapi.json documents only `GET /`; its test skips these.
const std::vector<std::string>& ConsolePageRoutes();

}  // namespace cairn::server
