// cairn deployments ls|show|create|set-status|rm
#include "cli/commands.h"
#include "cli/context.h"
#include "cli/fields.h"
#include "cli/listing.h"

namespace cairn::cli {
namespace {

std::string DeploymentsPath() { return std::string(kLifecycle) + "/deployments"; }
std::string DeploymentPath(const std::string& id) {
  return DeploymentsPath() + "/" + http::PercentEncode(id);
}

void RenderDeployments(Output& out, const bj::array& items) {
  Table t({{"ID", false, false},
           {"MODEL"},
           {"VERSION", true},
           {"ENVIRONMENT"},
           {"STATUS"},
           {"HEALTH"},
           {"TRAFFIC", true},
           {"ENDPOINT"},
           {"UPDATED"}});
  for (const auto& d : items) {
    const bj::value* cfg = Field(d, "config");
    t.Add({Text(d, "id"), Text(d, "model_name"), Text(d, "model_version"),
           StatusCell(d, "environment"), StatusCell(d, "status"), StatusCell(d, "health_status"),
           cfg ? Text(*cfg, "traffic_percent") + "%" : "-", Text(d, "endpoint"),
           TimeText(d, "updated_at")});
  }
  out.PrintTable(t);
}

void RenderDeployment(Output& out, const bj::value& d) {
  out.PrintFields({{"id", Text(d, "id")},
                   {"model", Text(d, "model_name") + " version " + Text(d, "model_version")},
                   {"environment", StatusCell(d, "environment")},
                   {"status", StatusCell(d, "status")},
                   {"health", StatusCell(d, "health_status")},
                   {"endpoint", Text(d, "endpoint")},
                   {"config", MapText(d, "config")},
                   {"metrics", MapText(d, "metrics")},
                   {"deployed", TimeText(d, "deployed_at")},
                   {"created", TimeText(d, "created_at") + " by " + Text(d, "created_by")},
                   {"updated", TimeText(d, "updated_at") + " by " + Text(d, "updated_by")},
                   {"revision", Text(d, "revision")}});
}

Result<std::optional<int64_t>> IfMatch(Invocation& inv) { return inv.int_flag("if-match"); }

int List(Invocation& inv) {
  Query q;
  q.Add("model_name", inv.flag("model"))
      .Add("environment", inv.flag("environment"))
      .Add("status", inv.flag("status"));
  return ListPages(inv, DeploymentsPath(), q,
                   [&](const bj::array& items) { RenderDeployments(inv.ctx().out(), items); });
}

int Show(Invocation& inv) {
  auto conn = inv.ctx().api();
  if (!conn.ok()) return inv.ctx().Fail(conn.status());
  return inv.ctx().Show((*conn)->Get(DeploymentPath(inv.arg(0))),
                        [&](const bj::value& d) { RenderDeployment(inv.ctx().out(), d); });
}

int Create(Invocation& inv) {
  bj::value version = GuessJson(inv.arg(1));
  if (!version.is_int64()) return inv.UsageError("VERSION must be an integer");
  auto env = inv.flag("environment");
  if (!env) return inv.UsageError("--environment is required (development|staging|production)");
  bj::object body;
  body["model_name"] = inv.arg(0);
  body["model_version"] = version;
  body["environment"] = *env;
  if (auto e = inv.flag("endpoint")) body["endpoint"] = *e;
  bj::object config;
  for (const char* f : {"replicas", "timeout-ms", "max-batch-size"}) {
    auto v = inv.int_flag(f);
    if (!v.ok()) return inv.UsageError(v.status().message());
    std::string key(f);
    std::replace(key.begin(), key.end(), '-', '_');
    if (*v) config[key] = **v;
  }
  auto traffic = inv.number_flag("traffic");
  if (!traffic.ok()) return inv.UsageError(traffic.status().message());
  if (*traffic) config["traffic_percent"] = **traffic;
  if (!config.empty()) body["config"] = config;
  auto conn = inv.ctx().api();
  if (!conn.ok()) return inv.ctx().Fail(conn.status());
  return inv.ctx().Show((*conn)->Post(DeploymentsPath(), body),
                        [&](const bj::value& d) { RenderDeployment(inv.ctx().out(), d); });
}

int SetStatus(Invocation& inv) {
  bj::object body;
  if (!inv.arg(1).empty()) body["status"] = inv.arg(1);
  if (auto h = inv.flag("health")) body["health_status"] = *h;
  if (body.empty()) return inv.UsageError("give a STATUS and/or --health");
  auto if_match = IfMatch(inv);
  if (!if_match.ok()) return inv.UsageError(if_match.status().message());
  auto conn = inv.ctx().api();
  if (!conn.ok()) return inv.ctx().Fail(conn.status());
  return inv.ctx().Show((*conn)->Patch(DeploymentPath(inv.arg(0)), body, *if_match),
                        [&](const bj::value& d) { RenderDeployment(inv.ctx().out(), d); });
}

int Remove(Invocation& inv) {
  auto if_match = IfMatch(inv);
  if (!if_match.ok()) return inv.UsageError(if_match.status().message());
  http::HeaderList h;
  if (*if_match) h.emplace_back("If-Match", std::to_string(**if_match));
  auto conn = inv.ctx().api();
  if (!conn.ok()) return inv.ctx().Fail(conn.status());
  return inv.ctx().Show((*conn)->Call("DELETE", DeploymentPath(inv.arg(0)), nullptr, h),
                        [&](const bj::value& d) {
                          inv.ctx().out().out() << "deployment " << Text(d, "id") << " is "
                                                << Text(d, "status") << "\n";
                        });
}

Flag IfMatchFlag() {
  return {"if-match", "REVISION", "Refuse (exit 4) unless the revision is still this"};
}

}  // namespace

Command DeploymentsCommand() {
  Command c{.name = "deployments",
            .aliases = {"deployment", "deploy"},
            .summary = "Deployments of model versions and their status machine"};
  c.children.push_back(
      {.name = "ls",
       .aliases = {"list"},
       .summary = "List deployments, newest first",
       .flags = WithPageFlags({{"model", "NAME", "Only this model's"},
                               {"environment", "ENV", "development|staging|production"},
                               {"status", "STATUS", "pending|validating|deploying|active|…"}}),
       .examples = {"cairn deployments ls --environment production --status active"},
       .run = List});
  c.children.push_back({.name = "show",
                        .aliases = {"get"},
                        .summary = "A deployment with its config and metrics",
                        .positionals = {{"ID", "Deployment id"}},
                        .examples = {"cairn deployments show ID"},
                        .run = Show});
  c.children.push_back(
      {.name = "create",
       .summary = "Deploy a model version (starts pending; production needs a production version)",
       .positionals = {{"MODEL", "Model name"}, {"VERSION", "Version number"}},
       .flags = {{"environment", "ENV", "development|staging|production (required)"},
                 {"endpoint", "PATH", "URL path it is served at (default derived)"},
                 {"replicas", "N", "Replicas"},
                 {"traffic", "PERCENT", "Traffic share 0-100"},
                 {"timeout-ms", "MS", "Request timeout"},
                 {"max-batch-size", "N", "Largest batch"}},
       .examples = {"cairn deployments create churn-xgb 3 --environment staging --replicas 2"},
       .run = Create});
  c.children.push_back(
      {.name = "set-status",
       .summary = "Move a deployment through pending → validating → deploying → active …",
       .positionals = {{"ID", "Deployment id"},
                       {"STATUS",
                        "validating|deploying|active|failed|rollback|terminated (optional with "
                        "--health)",
                        false}},
       .flags = {{"health", "HEALTH", "unknown|healthy|degraded|unhealthy"}, IfMatchFlag()},
       .examples = {"cairn deployments set-status ID active --health healthy"},
       .run = SetStatus});
  c.children.push_back({.name = "rm",
                        .aliases = {"terminate", "delete"},
                        .summary = "Terminate a deployment (kept for history)",
                        .positionals = {{"ID", "Deployment id"}},
                        .flags = {IfMatchFlag()},
                        .examples = {"cairn deployments rm ID"},
                        .run = Remove});
  return c;
}

}  // namespace cairn::cli
