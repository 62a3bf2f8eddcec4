#include "server/app.h"

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <thread>

#include "audit/audit_routes.h"
#include "audit/audit_service.h"
#include "audit/sql_audit_store.h"
#include "auth/auth_routes.h"
#include "auth/auth_service.h"
#include "auth/http_authenticator.h"
#include "auth/sql_auth_store.h"
#include "common/log.h"
#include "datasets/dataset_routes.h"
#include "datasets/sql_dataset_store.h"
#include "deployments/deployment_routes.h"
#include "deployments/deployment_service.h"
#include "deployments/sql_deployment_store.h"
#include "drift/drift_routes.h"
#include "drift/drift_service.h"
#include "drift/registry_model_references.h"
#include "drift/sql_drift_store.h"
#include "evaluation/evaluation_dataset_usage.h"
#include "evaluation/evaluation_routes.h"
#include "evaluation/evaluation_service.h"
#include "evaluation/registry_model_catalog.h"
#include "evaluation/sql_evaluation_store.h"
#include "features/feature_routes.h"
#include "features/sql_feature_store.h"
#include "http/server.h"
#include "prompts/prompt_routes.h"
#include "prompts/prompt_service.h"
#include "prompts/sql_prompt_store.h"
#include "registry/mlflow_registry_routes.h"
#include "registry/registry_routes.h"
#include "registry/registry_service.h"
#include "registry/sql_registry_store.h"
#include "server/platform_routes.h"
#include "server/prom_metrics.h"
#include "server/route_roles.h"
#include "server/startup_cleanup.h"
#include "storage/store_factory.h"
#include "tracking/mlflow_tracking_routes.h"
#include "tracking/sql_tracking_store.h"
#include "tracking/tracking_routes.h"
#include "tracking/tracking_service.h"

namespace cairn::server {

namespace {

auth::AuthOptions AuthOptionsFor(const Config& c) {
  auth::AuthOptions o;
  o.scrypt.log2_n = c.password_hash_cost;
  o.session_idle_ms = c.session_idle_ms;
  o.session_lifetime_ms = c.session_lifetime_ms;
  o.cache_ttl_ms = c.auth_cache_ttl_ms;
  o.requests.per_second = c.token_rate_limit;
  o.requests.burst = 2.0 * c.token_rate_limit;
  o.login_per_user.max_events = c.login_failures_per_user;
  o.login_per_user.window_ms = c.login_window_ms;
  o.login_per_address.max_events = c.login_failures_per_address;
  o.login_per_address.window_ms = c.login_window_ms;
  return o;
}

// A storage URI fit to print: a PostgreSQL password is replaced by PASSWORD.
std::string PrintableStorage(const std::string& uri) {
  size_t scheme = uri.find("://");
  size_t at = uri.find('@');
  if (scheme == std::string::npos || at == std::string::npos || at < scheme) return uri;
  size_t colon = uri.find(':', scheme + 3);
  if (colon == std::string::npos || colon > at) return uri;
  return uri.substr(0, colon + 1) + "PASSWORD" + uri.substr(at);
}

}  // namespace

std::string BootstrapHint(const Config& config) {
  const std::string storage = "'" + PrintableStorage(config.storage) + "'";
  return "authentication is required and no user exists yet; create the first admin and a "
         "token with:\n"
         "  cairn user create NAME --role admin --storage " +
         storage +
         "\n"
         "  cairn token create --user NAME --name NAME --role admin --expires 90d --storage " +
         storage + "\n";
}

struct App::Impl {
  Config config;
  PromMetrics metrics;
  std::unique_ptr<storage::SqlDatabase> db;
  std::unique_ptr<audit::AuditService> audit;
  std::unique_ptr<tracking::TrackingService> tracking;
  std::unique_ptr<datasets::DatasetService> datasets;
  std::unique_ptr<features::FeatureService> features;
  std::unique_ptr<registry::RegistryService> registry;
  std::unique_ptr<deployments::DeploymentService> deployments;
  std::unique_ptr<drift::DriftService> drift;
  std::unique_ptr<evaluation::RegistryModelCatalog> model_catalog;
  std::unique_ptr<drift::RegistryModelReferences> drift_references;
  std::unique_ptr<evaluation::EvaluationService> evaluation;
  std::unique_ptr<evaluation::EvaluationDatasetUsage> evaluation_usage;
  std::unique_ptr<prompts::PromptService> prompts;
  std::unique_ptr<audit::SqlAuditStore> auth_events_store;
  std::unique_ptr<auth::AuthService> auth;
  std::unique_ptr<auth::HttpAuthenticator> authenticator;
  bool auth_required = false;
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
  const int compute_threads =
      config.compute_threads > 0
          ? config.compute_threads
          : std::max(1, static_cast<int>(std::thread::hardware_concurrency() / 2));
  open.pool_size = config.worker_threads + config.write_threads + compute_threads + 2;
  open.observer = &impl->metrics;
  open.sqlite_fsync_each_commit = config.sqlite_sync_full;
  ASSIGN_OR_RETURN(impl->db, storage::OpenDatabase(config.storage, open));

  impl->audit =
      std::make_unique<audit::AuditService>(std::make_unique<audit::SqlAuditStore>(*impl->db));
  tracking::TrackingServiceOptions tracking_opts;
  tracking_opts.data_dir = config.data_dir;
  impl->tracking = std::make_unique<tracking::TrackingService>(
      std::make_unique<tracking::SqlTrackingStore>(*impl->db), tracking_opts);

  impl->datasets = std::make_unique<datasets::DatasetService>(
      std::make_unique<datasets::SqlDatasetStore>(*impl->db),
      datasets::DatasetServiceOptions{config.data_dir});
  impl->features = std::make_unique<features::FeatureService>(
      std::make_unique<features::SqlFeatureStore>(*impl->db), impl->datasets.get());
  impl->datasets->AddUsage(impl->features.get());

  registry::RegistryOptions registry_opts;
  registry_opts.data_dir = config.data_dir;
  if (config.checklist) {
    registry_opts.default_checklist.clear();
    for (const auto& e : *config.checklist) {
      std::string description;
      for (const auto& d : registry::RegistryOptions().default_checklist)
        if (d.key == e.key) description = d.description;
      registry_opts.default_checklist.push_back({e.key, description, e.required});
    }
    if (Status st = registry::ValidateChecklistSpec(registry_opts.default_checklist); !st.ok())
      return InvalidArgument("checklist: " + st.message());
  }
  if (config.lower_is_better) registry_opts.lower_is_better_patterns = *config.lower_is_better;
  impl->registry = std::make_unique<registry::RegistryService>(
      std::make_unique<registry::SqlRegistryStore>(*impl->db), impl->tracking.get(), registry_opts);
  impl->deployments = std::make_unique<deployments::DeploymentService>(
      std::make_unique<deployments::SqlDeploymentStore>(*impl->db), *impl->registry);
  // A live deployment holds its model against deletion and renaming.
  impl->registry->AddUsage(impl->deployments.get());
  impl->drift =
      std::make_unique<drift::DriftService>(std::make_unique<drift::SqlDriftStore>(*impl->db),
                                            impl->datasets.get(), drift::DriftOptions{});
  impl->drift_references =
      std::make_unique<drift::RegistryModelReferences>(*impl->registry, *impl->deployments);
  impl->drift->SetModelReferences(impl->drift_references.get());

  impl->model_catalog = std::make_unique<evaluation::RegistryModelCatalog>(*impl->registry);
  evaluation::EvaluationServiceOptions evaluation_opts;
  if (config.evaluation_max_classes) evaluation_opts.max_classes = *config.evaluation_max_classes;
  if (config.evaluation_workers) evaluation_opts.workers = *config.evaluation_workers;
  impl->evaluation = std::make_unique<evaluation::EvaluationService>(
      std::make_unique<evaluation::SqlEvaluationStore>(*impl->db), *impl->datasets,
      impl->model_catalog.get(), evaluation_opts);
  impl->evaluation_usage = std::make_unique<evaluation::EvaluationDatasetUsage>(*impl->evaluation);
  impl->datasets->AddUsage(impl->evaluation_usage.get());
  CleanStartupLeftovers(config.data_dir, *impl->datasets, *impl->tracking);

  prompts::EvaluatorOptions prompt_eval;
  if (config.prompt_token_budget) prompt_eval.token_budget = *config.prompt_token_budget;
  prompt_eval.banned_terms = config.prompt_banned_terms;
  ASSIGN_OR_RETURN(auto evaluator, prompts::PromptEvaluator::Create(prompt_eval));
  prompts::PromptServiceOptions prompt_opts;
  if (config.prompt_max_render_bytes)
    prompt_opts.max_render_bytes = static_cast<size_t>(*config.prompt_max_render_bytes);
  impl->prompts =
      std::make_unique<prompts::PromptService>(std::make_unique<prompts::SqlPromptStore>(*impl->db),
                                               std::move(evaluator), Clock::System(), prompt_opts);

  impl->auth_required = EffectiveAuthRequired(config);
  impl->auth_events_store = std::make_unique<audit::SqlAuditStore>(*impl->db);
  impl->auth =
      std::make_unique<auth::AuthService>(std::make_unique<auth::SqlAuthStore>(*impl->db),
                                          *impl->auth_events_store, AuthOptionsFor(config));
  impl->authenticator = std::make_unique<auth::HttpAuthenticator>(*impl->auth);
  const http::AuthMode mode =
      impl->auth_required ? http::AuthMode::kRequired : http::AuthMode::kOff;
  // Access for every route is declared before the first one is added (route_roles.h).
  impl->router.SetAccessResolver(AccessForRoute);
  impl->router.SetAccessControl(http::AccessControl{mode, impl->authenticator.get()});

  RegisterPlatformRoutes(impl->router,
                         PlatformDeps{impl->db.get(), &impl->metrics, FindDocsDir(config.docs_dir),
                                      FindWebDir(config.web_dir)});
  if (impl->auth_required) {
    // With authentication off there is no identity API at all: /api/v1/auth/* is 404.
    auth::RegisterAuthRoutes(
        impl->router, *impl->auth,
        auth::AuthRouteOptions{EffectiveSecureCookies(config), config.trust_proxy});
  }
  tracking::RegisterTrackingRoutes(impl->router, *impl->tracking);
  tracking::RegisterMlflowTrackingRoutes(impl->router, *impl->tracking);
  audit::RegisterAuditRoutes(impl->router, *impl->audit);
  datasets::RegisterDatasetRoutes(impl->router, *impl->datasets);
  features::RegisterFeatureRoutes(impl->router, *impl->features);
  registry::RegisterRegistryRoutes(impl->router, *impl->registry);
  registry::RegisterMlflowRegistryRoutes(impl->router, *impl->registry);
  deployments::RegisterDeploymentRoutes(impl->router, *impl->deployments);
  drift::RegisterDriftRoutes(impl->router, *impl->drift);
  evaluation::RegisterEvaluationRoutes(impl->router, *impl->evaluation);
  prompts::RegisterPromptRoutes(impl->router, *impl->prompts);
  if (auto problems = impl->router.AccessProblems(); !problems.empty()) {
    std::string text = "every route needs an access rule (server/route_roles.cc):";
    for (const std::string& p : problems) text += "\n  " + p;
    return Internal(text);
  }

  http::ServerOptions so;
  so.host = config.host;
  so.port = config.port;
  so.io_threads = config.io_threads;
  so.worker_threads = config.worker_threads;
  so.write_threads = config.write_threads;
  so.compute_threads = compute_threads;
  so.compute_queue = config.compute_queue;
  so.max_body_bytes = config.max_body_bytes;
  so.max_connections = config.max_connections;
  so.temp_dir = (std::filesystem::path(config.data_dir) / "tmp").string();
  so.access_log = config.access_log;
  so.observer = &impl->metrics;
  so.handle_signals = true;
  // An idle server gives back the page caches of its idle database connections.
  so.on_idle = [db = impl->db.get()] { db->ReleaseIdleMemory(); };
  impl->server = std::make_unique<http::HttpServer>(so, impl->router);
  return std::unique_ptr<App>(new App(std::move(impl)));
}

Status App::Start() {
  RETURN_IF_ERROR(impl_->server->Start());
  impl_->evaluation->Start();
  const Config& c = impl_->config;
  if (!impl_->auth_required) {
    if (!IsLoopbackHost(c.host)) {
      log::Error("WARNING: authentication is off (--auth off) on the non-loopback address " +
                 c.host + ": anyone who can reach this server can act as anyone");
    }
  } else if (auto users = impl_->auth->CountUsers(); users.ok() && *users == 0) {
    std::cerr << BootstrapHint(c) << std::flush;
  }
  return Status::Ok();
}
uint16_t App::port() const { return impl_->server->port(); }

void App::RunUntilSignal() {
  impl_->server->RunUntilSignal();
  Stop();
}

void App::Stop() {
  if (impl_->stopped) return;
  impl_->stopped = true;
  impl_->server->Stop();
  impl_->evaluation->Stop();
  impl_->auth->Stop();
  impl_->db->Close();
}

const http::Router& App::router() const { return impl_->router; }

}  // namespace cairn::server
