#include "server/route_roles.h"

#include <boost/json.hpp>
#include <deque>
#include <map>
#include <string>

#include "common/json.h"

namespace cairn::server {
namespace {

using http::Method;
namespace bj = boost::json;

constexpr std::optional<Role> kPublic = std::nullopt;
constexpr std::optional<Role> kViewer = Role::kViewer;
constexpr std::optional<Role> kEditor = Role::kEditor;
constexpr std::optional<Role> kApprover = Role::kApprover;

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = (a[i] >= 'A' && a[i] <= 'Z') ? static_cast<char>(a[i] + 32) : a[i];
    char y = (b[i] >= 'A' && b[i] <= 'Z') ? static_cast<char>(b[i] + 32) : b[i];
    if (x != y) return false;
  }
  return true;
}

bool StringIs(const bj::value* v, std::string_view want) {
  return v != nullptr && v->is_string() && EqualsIgnoreCase(v->get_string(), want);
}

// The same parser the handlers use, so both read the same object (duplicate keys included).
const bj::object* BodyObject(const http::Request& req, bj::value& storage) {
  auto parsed = json::Parse(req.body);
  if (!parsed.ok() || !parsed->is_object()) return nullptr;
  storage = std::move(*parsed);
  return &storage.get_object();
}

constexpr std::string_view kVersionRule =
    "approver when moving the version to production or changing its owner_signoff or "
    "bias_reviewed checklist items";
constexpr std::string_view kTransitionRule = "approver when the stage is Production";
constexpr std::string_view kDeploymentRule = "approver when the environment is production";

}  // namespace

std::optional<http::RoleRequirement> MlflowTransitionRole(const http::Request& req) {
  bj::value storage;
  const bj::object* body = BodyObject(req, storage);
  if (body == nullptr) {
    return http::RoleRequirement{Role::kApprover, "the body is not a JSON object"};
  }
  if (StringIs(body->if_contains("stage"), "production")) {
    return http::RoleRequirement{Role::kApprover, "moving a model version to production"};
  }
  return std::nullopt;
}

namespace {

// MLflow's REST API (tracking/mlflow_tracking_routes.cc), under both of MLflow's prefixes: GETs
// and the two searches read (viewer); every other call writes tracking data (editor). MLflow's
// health and version checks are public like /healthz.
void AddMlflowRoutes(std::vector<RouteRole>& t) {
  struct Entry {
    Method method;
    std::string_view path;
    std::optional<Role> role;
  };
  static constexpr Entry kApi[] = {
      {Method::kPost, "/experiments/create", kEditor},
      {Method::kGet, "/experiments/get", kViewer},
      {Method::kGet, "/experiments/get-by-name", kViewer},
      {Method::kGet, "/experiments/search", kViewer},
      {Method::kPost, "/experiments/search", kViewer},
      {Method::kPost, "/experiments/update", kEditor},
      {Method::kPost, "/experiments/delete", kEditor},
      {Method::kPost, "/experiments/restore", kEditor},
      {Method::kPost, "/experiments/set-experiment-tag", kEditor},
      {Method::kPost, "/runs/create", kEditor},
      {Method::kGet, "/runs/get", kViewer},
      {Method::kPost, "/runs/update", kEditor},
      {Method::kPost, "/runs/delete", kEditor},
      {Method::kPost, "/runs/restore", kEditor},
      {Method::kPost, "/runs/search", kViewer},
      {Method::kPost, "/runs/log-metric", kEditor},
      {Method::kPost, "/runs/log-parameter", kEditor},
      {Method::kPost, "/runs/set-tag", kEditor},
      {Method::kPost, "/runs/delete-tag", kEditor},
      {Method::kPost, "/runs/log-batch", kEditor},
      {Method::kPost, "/runs/log-inputs", kEditor},
      {Method::kPost, "/runs/log-model", kEditor},
      {Method::kGet, "/metrics/get-history", kViewer},
      {Method::kGet, "/metrics/get-history-bulk-interval", kViewer},
      {Method::kGet, "/artifacts/list", kViewer},
      {Method::kPost, "/registered-models/create", kEditor},
      {Method::kGet, "/registered-models/get", kViewer},
      {Method::kPost, "/registered-models/get-latest-versions", kViewer},
      {Method::kGet, "/registered-models/get-latest-versions", kViewer},
      // Aliases, rename and delete: writes are the editor's (deleting is refused while a version
      // is in production or deployed, whoever asks); resolving an alias is a read.
      {Method::kPost, "/registered-models/alias", kEditor},
      {Method::kDelete, "/registered-models/alias", kEditor},
      {Method::kGet, "/registered-models/alias", kViewer},
      {Method::kPost, "/registered-models/rename", kEditor},
      {Method::kDelete, "/registered-models/delete", kEditor},
      {Method::kDelete, "/model-versions/delete", kEditor},
      {Method::kPost, "/model-versions/create", kEditor},
      {Method::kGet, "/model-versions/get", kViewer},
      {Method::kPatch, "/model-versions/update", kEditor},
      {Method::kPost, "/model-versions/set-tag", kEditor},
      {Method::kDelete, "/model-versions/delete-tag", kEditor},
      {Method::kPatch, "/registered-models/update", kEditor},
      {Method::kPost, "/registered-models/set-tag", kEditor},
      {Method::kDelete, "/registered-models/delete-tag", kEditor},
      {Method::kGet, "/registered-models/search", kViewer},
      {Method::kGet, "/model-versions/get-download-uri", kViewer},
      {Method::kGet, "/model-versions/search", kViewer},
  };
  // The table holds views: the composed patterns live as long as the table.
  static std::deque<std::string> patterns;
  auto add = [&](Method m, std::string pattern, std::optional<Role> role) {
    patterns.push_back(std::move(pattern));
    t.push_back(RouteRole{m, patterns.back(), role, {}, {}});
  };
  for (std::string_view prefix : {"/api/2.0/mlflow", "/ajax-api/2.0/mlflow"}) {
    for (const Entry& e : kApi) add(e.method, std::string(prefix) + std::string(e.path), e.role);
    // A stage transition is the native version PATCH's twin: moving into production needs an
    // approver, like the native promotion.
    patterns.push_back(std::string(prefix) + "/model-versions/transition-stage");
    t.push_back(
        RouteRole{Method::kPost, patterns.back(), kEditor, MlflowTransitionRole, kTransitionRule});
  }
  add(Method::kGet, "/health", kPublic);
  add(Method::kGet, "/version", kPublic);
  const std::string proxy = "/api/2.0/mlflow-artifacts";
  add(Method::kGet, proxy + "/artifacts", kViewer);
  add(Method::kPut, proxy + "/artifacts/{path...}", kEditor);
  add(Method::kGet, proxy + "/artifacts/{path...}", kViewer);
  add(Method::kDelete, proxy + "/artifacts/{path...}", kEditor);
  for (const char* op : {"create", "complete", "abort"}) {
    add(Method::kPost, proxy + "/mpu/" + op + "/{path...}", kEditor);
  }
}

}  // namespace

std::optional<http::RoleRequirement> ModelVersionPatchRole(const http::Request& req) {
  bj::value storage;
  const bj::object* body = BodyObject(req, storage);
  if (body == nullptr) {
    return http::RoleRequirement{Role::kApprover, "the body is not a JSON object"};
  }
  if (StringIs(body->if_contains("stage"), "production")) {
    return http::RoleRequirement{Role::kApprover, "moving a model version to production"};
  }
  if (const bj::value* list = body->if_contains("checklist"); list && list->is_array()) {
    for (const bj::value& item : list->get_array()) {
      const bj::object* o = item.if_object();
      if (o == nullptr) continue;
      const bj::value* key = o->if_contains("key");
      if (StringIs(key, "owner_signoff") || StringIs(key, "bias_reviewed")) {
        return http::RoleRequirement{
            Role::kApprover, "changing the " + std::string(key->get_string()) + " checklist item"};
      }
    }
  }
  return std::nullopt;
}

std::optional<http::RoleRequirement> DeploymentCreateRole(const http::Request& req) {
  bj::value storage;
  const bj::object* body = BodyObject(req, storage);
  if (body == nullptr) {
    return http::RoleRequirement{Role::kApprover, "the body is not a JSON object"};
  }
  if (StringIs(body->if_contains("environment"), "production")) {
    return http::RoleRequirement{Role::kApprover, "a production deployment"};
  }
  return std::nullopt;
}

const std::vector<RouteRole>& RouteRoleTable() {
  static const std::vector<RouteRole> kTable = [] {
    std::vector<RouteRole> t{
        // Platform.
        {Method::kGet, "/healthz", kPublic, {}, {}},
        {Method::kGet, "/readyz", kPublic, {}, {}},
        {Method::kGet, "/metrics", kPublic, {}, {}},
        {Method::kGet, "/openapi.json", kPublic, {}, {}},
        {Method::kGet, "/docs", kPublic, {}, {}},
        {Method::kGet, "/docs/{file...}", kPublic, {}, {}},
        {Method::kGet, "/api/v1/audit", kViewer, {}, {}},

        // Tracking.
        {Method::kPost, "/api/v1/ml/lifecycle/experiments", kEditor, {}, {}},
        {Method::kGet, "/api/v1/ml/lifecycle/experiments", kViewer, {}, {}},
        {Method::kGet, "/api/v1/ml/lifecycle/experiments/{name}", kViewer, {}, {}},
        {Method::kPatch, "/api/v1/ml/lifecycle/experiments/{name}", kEditor, {}, {}},
        {Method::kDelete, "/api/v1/ml/lifecycle/experiments/{name}", kEditor, {}, {}},
        {Method::kPost, "/api/v1/ml/lifecycle/experiments/{name}/restore", kEditor, {}, {}},
        {Method::kPost, "/api/v1/ml/lifecycle/runs", kEditor, {}, {}},
        {Method::kGet, "/api/v1/ml/lifecycle/runs", kViewer, {}, {}},
        {Method::kGet, "/api/v1/ml/lifecycle/runs/{run_id}", kViewer, {}, {}},
        {Method::kPatch, "/api/v1/ml/lifecycle/runs/{run_id}", kEditor, {}, {}},
        {Method::kDelete, "/api/v1/ml/lifecycle/runs/{run_id}", kEditor, {}, {}},
        {Method::kPost, "/api/v1/ml/lifecycle/runs/{run_id}/restore", kEditor, {}, {}},
        {Method::kPost, "/api/v1/ml/lifecycle/runs/{run_id}/metrics", kEditor, {}, {}},
        {Method::kGet, "/api/v1/ml/lifecycle/runs/{run_id}/metrics/{key...}", kViewer, {}, {}},
        {Method::kGet, "/api/v1/ml/lifecycle/runs/{run_id}/artifacts", kViewer, {}, {}},
        {Method::kPut, "/api/v1/ml/lifecycle/runs/{run_id}/artifacts/{path...}", kEditor, {}, {}},
        {Method::kGet, "/api/v1/ml/lifecycle/runs/{run_id}/artifacts/{path...}", kViewer, {}, {}},

        // Registry.
        {Method::kPost, "/api/v1/ml/lifecycle/models", kEditor, {}, {}},
        {Method::kGet, "/api/v1/ml/lifecycle/models", kViewer, {}, {}},
        {Method::kGet, "/api/v1/ml/lifecycle/models/{model_name}", kViewer, {}, {}},
        {Method::kPost, "/api/v1/ml/lifecycle/models/{model_name}/compare", kViewer, {}, {}},
        {Method::kGet, "/api/v1/ml/lifecycle/models/{model_name}/{version}", kViewer, {}, {}},
        {Method::kPatch, "/api/v1/ml/lifecycle/models/{model_name}/{version}", kEditor,
         ModelVersionPatchRole, kVersionRule},
        {Method::kPut,
         "/api/v1/ml/lifecycle/models/{model_name}/{version}/artifact",
         kEditor,
         {},
         {}},
        {Method::kGet,
         "/api/v1/ml/lifecycle/models/{model_name}/{version}/artifact",
         kViewer,
         {},
         {}},
        {Method::kPut, "/api/v1/ml/lifecycle/models/{model_name}/aliases/{alias}", kEditor, {}, {}},
        {Method::kDelete,
         "/api/v1/ml/lifecycle/models/{model_name}/aliases/{alias}",
         kEditor,
         {},
         {}},
        {Method::kGet, "/api/v1/ml/lifecycle/models/{model_name}/aliases/{alias}", kViewer, {}, {}},

        // Deployments and drift.
        {Method::kPost, "/api/v1/ml/lifecycle/deployments", kEditor, DeploymentCreateRole,
         kDeploymentRule},
        {Method::kGet, "/api/v1/ml/lifecycle/deployments", kViewer, {}, {}},
        {Method::kGet, "/api/v1/ml/lifecycle/deployments/{id}", kViewer, {}, {}},
        {Method::kPatch, "/api/v1/ml/lifecycle/deployments/{id}", kEditor, {}, {}},
        {Method::kDelete, "/api/v1/ml/lifecycle/deployments/{id}", kEditor, {}, {}},
        {Method::kPost, "/api/v1/ml/lifecycle/drift-events", kEditor, {}, {}},
        {Method::kGet, "/api/v1/ml/lifecycle/drift-events", kViewer, {}, {}},
        {Method::kPost, "/api/v1/ml/lifecycle/drift/compute", kEditor, {}, {}},

        // Features and datasets.
        {Method::kPost, "/api/v1/features", kEditor, {}, {}},
        {Method::kGet, "/api/v1/features", kViewer, {}, {}},
        {Method::kPost, "/api/v1/features/values", kEditor, {}, {}},
        {Method::kGet, "/api/v1/features/online", kViewer, {}, {}},
        {Method::kPost, "/api/v1/features/historical", kViewer, {}, {}},
        {Method::kGet, "/api/v1/features/{name}", kViewer, {}, {}},
        {Method::kPatch, "/api/v1/features/{name}", kEditor, {}, {}},
        {Method::kDelete, "/api/v1/features/{name}", kEditor, {}, {}},
        {Method::kGet, "/api/v1/features/{name}/versions", kViewer, {}, {}},
        {Method::kPost, "/api/v1/features/{name}/versions", kEditor, {}, {}},
        {Method::kGet, "/api/v1/features/{name}/versions/{version}", kViewer, {}, {}},
        {Method::kPost, "/api/v1/features/{name}/materialize", kEditor, {}, {}},
        {Method::kPost, "/api/v1/features/datasets", kEditor, {}, {}},
        {Method::kGet, "/api/v1/features/datasets", kViewer, {}, {}},
        {Method::kGet, "/api/v1/features/datasets/{id}", kViewer, {}, {}},
        {Method::kPatch, "/api/v1/features/datasets/{id}", kEditor, {}, {}},
        {Method::kDelete, "/api/v1/features/datasets/{id}", kEditor, {}, {}},
        {Method::kGet, "/api/v1/features/datasets/{id}/rows", kViewer, {}, {}},

        // Evaluation.
        {Method::kPost, "/api/v1/ml/evaluation/scenarios", kEditor, {}, {}},
        {Method::kGet, "/api/v1/ml/evaluation/scenarios", kViewer, {}, {}},
        {Method::kGet, "/api/v1/ml/evaluation/scenarios/{name}", kViewer, {}, {}},
        {Method::kPatch, "/api/v1/ml/evaluation/scenarios/{name}", kEditor, {}, {}},
        {Method::kPost, "/api/v1/ml/evaluation/runs", kEditor, {}, {}},
        {Method::kGet, "/api/v1/ml/evaluation/runs", kViewer, {}, {}},
        {Method::kGet, "/api/v1/ml/evaluation/runs/{run_id}", kViewer, {}, {}},
        {Method::kGet, "/api/v1/ml/evaluation/runs/{run_id}/report", kViewer, {}, {}},

        // Prompt governance.
        {Method::kPost, "/api/v1/prompt-governance/templates", kEditor, {}, {}},
        {Method::kGet, "/api/v1/prompt-governance/templates", kViewer, {}, {}},
        {Method::kGet, "/api/v1/prompt-governance/templates/{id}", kViewer, {}, {}},
        {Method::kPatch, "/api/v1/prompt-governance/templates/{id}", kEditor, {}, {}},
        {Method::kPost, "/api/v1/prompt-governance/templates/{id}/versions", kEditor, {}, {}},
        {Method::kGet,
         "/api/v1/prompt-governance/templates/{id}/versions/{version}",
         kViewer,
         {},
         {}},
        {Method::kPatch,
         "/api/v1/prompt-governance/templates/{id}/versions/{version}",
         kEditor,
         {},
         {}},
        {Method::kPost, "/api/v1/prompt-governance/evaluate", kEditor, {}, {}},
        {Method::kGet, "/api/v1/prompt-governance/rules", kViewer, {}, {}},
        {Method::kPost,
         "/api/v1/prompt-governance/templates/{id}/{version}/submit",
         kEditor,
         {},
         {}},
        {Method::kPost,
         "/api/v1/prompt-governance/templates/{id}/{version}/approve",
         kApprover,
         {},
         {}},
        {Method::kPost,
         "/api/v1/prompt-governance/templates/{id}/{version}/reject",
         kApprover,
         {},
         {}},
        {Method::kPost,
         "/api/v1/prompt-governance/templates/{id}/{version}/deprecate",
         kApprover,
         {},
         {}},
        {Method::kPut,
         "/api/v1/prompt-governance/templates/{id}/labels/{label}",
         kApprover,
         {},
         {}},
        {Method::kDelete,
         "/api/v1/prompt-governance/templates/{id}/labels/{label}",
         kApprover,
         {},
         {}},
        {Method::kPost,
         "/api/v1/prompt-governance/templates/{id}/{version}/usage",
         kEditor,
         {},
         {}},
        {Method::kGet, "/api/v1/prompt-governance/templates/{id}/{version}/usage", kViewer, {}, {}},
        {Method::kPost, "/api/v1/prompt-governance/templates/{id}/render", kViewer, {}, {}},

        // The web console's files (registered when the console is part of the build).
        {Method::kGet, "/", kPublic, {}, {}, true},
        {Method::kGet, "/{file}", kPublic, {}, {}, true},
        {Method::kGet, "/assets/{file...}", kPublic, {}, {}, true},
        {Method::kGet, "/experiments/{path...}", kPublic, {}, {}, true},
        {Method::kGet, "/runs/{path...}", kPublic, {}, {}, true},
        {Method::kGet, "/compare/{path...}", kPublic, {}, {}, true},
        {Method::kGet, "/models/{path...}", kPublic, {}, {}, true},
        {Method::kGet, "/deployments/{path...}", kPublic, {}, {}, true},
        {Method::kGet, "/drift/{path...}", kPublic, {}, {}, true},
        {Method::kGet, "/features/{path...}", kPublic, {}, {}, true},
        {Method::kGet, "/datasets/{path...}", kPublic, {}, {}, true},
        {Method::kGet, "/evaluation/{path...}", kPublic, {}, {}, true},
        {Method::kGet, "/prompts/{path...}", kPublic, {}, {}, true},
        {Method::kGet, "/audit/{path...}", kPublic, {}, {}, true},
        {Method::kGet, "/login/{path...}", kPublic, {}, {}, true},
    };
    AddMlflowRoutes(t);
    return t;
  }();
  return kTable;
}

std::string AccessTableJson(const http::Router& router) {
  std::map<std::string, bj::object> sorted;
  for (const http::RouteInfo& r : router.Routes()) {
    std::string path = r.pattern;
    if (auto pos = path.find("...}"); pos != std::string::npos) path.erase(pos, 3);
    std::string method(http::MethodName(r.method));
    for (char& c : method) c = static_cast<char>(c - 'A' + 'a');
    bj::object o;
    const auto& access = r.options->access;
    if (!access) {
      o["role"] = "undeclared";
    } else if (access->is_public) {
      o["role"] = "public";
    } else {
      o["role"] = RoleName(access->role);
      if (access->refine) o["elevated"] = access->refine_summary;
    }
    if (r.options->compute) o["compute"] = true;
    sorted[method + " " + path] = std::move(o);
  }
  std::string out = "{\n";
  bool first = true;
  for (const auto& [key, value] : sorted) {
    if (!first) out += ",\n";
    first = false;
    out += "  " + json::Serialize(bj::value(key)) + ": " + json::Serialize(value);
  }
  out += "\n}\n";
  return out;
}

std::optional<http::RouteAccess> AccessForRoute(http::Method method, std::string_view pattern) {
  for (const RouteRole& r : RouteRoleTable()) {
    if (r.method != method || r.pattern != pattern) continue;
    if (!r.role) return http::RouteAccess::Public();
    if (r.refine)
      return http::RouteAccess::Require(*r.role, r.refine, std::string(r.refine_summary));
    return http::RouteAccess::Require(*r.role);
  }
  return std::nullopt;
}

}  // namespace cairn::server
