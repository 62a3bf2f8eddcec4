// Platform endpoints of SPEC §6: /healthz, /readyz, /metrics, /openapi.json, /docs (Swagger UI
// served from local files, no CDN).
#pragma once

#include <string>
#include <string_view>

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
};

void RegisterPlatformRoutes(http::Router& router, PlatformDeps deps);

// Finds the Swagger UI assets: the configured folder, else the ones installed with the web
// packages next to the sources. Empty when none is found.
std::string FindDocsDir(const std::string& configured);

}  // namespace cairn::server
