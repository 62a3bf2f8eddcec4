#include "server/app.h"

#include <filesystem>

#include "audit/audit_routes.h"
#include "audit/audit_service.h"
#include "audit/sql_audit_store.h"
#include "http/server.h"
#include "server/platform_routes.h"
#include "server/prom_metrics.h"
#include "storage/store_factory.h"
#include "tracking/sql_tracking_store.h"
#include "tracking/tracking_routes.h"
#include "tracking/tracking_service.h"

namespace cairn::server {

struct App::Impl {
  Config config;
  PromMetrics metrics;
  std::unique_ptr<storage::SqlDatabase> db;
  std::unique_ptr<audit::AuditService> audit;
  std::unique_ptr<tracking::TrackingService> tracking;
  http::Router router;
  std::unique_ptr<http::HttpServer> server;
  bool stopped = false;
};

App::App(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

App::~App() { Stop(); }

Result<std::unique_ptr<App>> App::Create(const Config& config) {
  auto impl = std::make_unique<Impl>();
  impl->config = config;
  std::error_code ec;
  std::filesystem::create_directories(config.data_dir, ec);
  if (ec) return Internal("cannot create data directory " + config.data_dir + ": " + ec.message());
  std::filesystem::create_directories(std::filesystem::path(config.data_dir) / "tmp", ec);
  if (ec) return Internal("cannot create " + config.data_dir + "/tmp: " + ec.message());

  storage::OpenOptions open;
  open.upgrade = config.upgrade;
  open.pool_size = config.worker_threads + 2;
  open.observer = &impl->metrics;
  open.sqlite_fsync_each_commit = config.sqlite_sync_full;
  ASSIGN_OR_RETURN(impl->db, storage::OpenDatabase(config.storage, open));

  impl->audit = std::make_unique<audit::AuditService>(
      std::make_unique<audit::SqlAuditStore>(*impl->db));
  tracking::TrackingServiceOptions tracking_opts;
  tracking_opts.data_dir = config.data_dir;
  impl->tracking = std::make_unique<tracking::TrackingService>(
      std::make_unique<tracking::SqlTrackingStore>(*impl->db), tracking_opts);

  RegisterPlatformRoutes(impl->router,
                         PlatformDeps{impl->db.get(), &impl->metrics, FindDocsDir(config.docs_dir)});
  tracking::RegisterTrackingRoutes(impl->router, *impl->tracking);
  audit::RegisterAuditRoutes(impl->router, *impl->audit);

  http::ServerOptions so;
  so.host = config.host;
  so.port = config.port;
  so.io_threads = config.io_threads;
  so.worker_threads = config.worker_threads;
  so.max_body_bytes = config.max_body_bytes;
  so.temp_dir = (std::filesystem::path(config.data_dir) / "tmp").string();
  so.access_log = config.access_log;
  so.observer = &impl->metrics;
  impl->server = std::make_unique<http::HttpServer>(so, impl->router);
  return std::unique_ptr<App>(new App(std::move(impl)));
}

Status App::Start() { return impl_->server->Start(); }
uint16_t App::port() const { return impl_->server->port(); }

void App::RunUntilSignal() {
  impl_->server->RunUntilSignal();
  Stop();
}

void App::Stop() {
  if (impl_->stopped) return;
  impl_->stopped = true;
  impl_->server->Stop();
  impl_->db->Close();
}

const http::Router& App::router() const { return impl_->router; }

}  // namespace cairn::server
