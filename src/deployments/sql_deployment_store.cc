#include "deployments/sql_deployment_store.h"

#include <boost/json.hpp>
#include <utility>

#include "audit/audit_writer.h"
#include "common/json.h"
#include "storage/pagination.h"
#include "storage/revision_guard.h"

namespace cairn::deployments {
namespace {

namespace bj = boost::json;
using storage::Row;
using storage::Transaction;
using storage::Value;

const storage::Keyset kOrder("deployments", {{"created_at", storage::KeyType::kInt},
                                             {"id", storage::KeyType::kText}});

constexpr char kColumns[] =
    "id, model_name, model_version, status, environment, endpoint, config, health_status, "
    "metrics, created_by, updated_by, deployed_at, created_at, updated_at, revision";

std::string ConfigToJson(const EndpointConfig& c) {
  bj::object o;
  o.emplace("replicas", c.replicas);
  o.emplace("traffic_percent", c.traffic_percent);
  o.emplace("timeout_ms", c.timeout_ms);
  o.emplace("max_batch_size", c.max_batch_size);
  if (c.autoscaling) {
    bj::object a;
    a.emplace("min_replicas", c.autoscaling->min_replicas);
    a.emplace("max_replicas", c.autoscaling->max_replicas);
    a.emplace("target_rps", c.autoscaling->target_rps);
    o.emplace("autoscaling", std::move(a));
  }
  return ::cairn::json::Serialize(o);
}

int64_t IntOf(const bj::object& o, const char* key, int64_t fallback) {
  auto* v = o.if_contains(key);
  return v && v->is_int64() ? v->get_int64() : fallback;
}

double NumberOf(const bj::object& o, const char* key, double fallback) {
  auto* v = o.if_contains(key);
  return v && v->is_number() ? v->to_number<double>() : fallback;
}

bj::object ObjectOf(const std::string& text) {
  boost::system::error_code ec;
  bj::value v = bj::parse(text, ec);
  if (ec || !v.is_object()) return {};  // written by this store; never expected
  return std::move(v.get_object());
}

EndpointConfig ConfigFromJson(const std::string& text) {
  bj::object o = ObjectOf(text);
  EndpointConfig c;
  c.replicas = IntOf(o, "replicas", c.replicas);
  c.traffic_percent = NumberOf(o, "traffic_percent", c.traffic_percent);
  c.timeout_ms = IntOf(o, "timeout_ms", c.timeout_ms);
  c.max_batch_size = IntOf(o, "max_batch_size", c.max_batch_size);
  if (auto* a = o.if_contains("autoscaling"); a && a->is_object()) {
    const auto& ao = a->get_object();
    c.autoscaling = Autoscaling{IntOf(ao, "min_replicas", 1), IntOf(ao, "max_replicas", 1),
                                NumberOf(ao, "target_rps", 0)};
  }
  return c;
}

std::string MetricsToJson(const DeploymentMetrics& m) {
  bj::object o;
  o.emplace("request_count", m.request_count);
  o.emplace("error_count", m.error_count);
  o.emplace("error_rate", m.error_rate);
  o.emplace("latency_p50_ms", m.latency_p50_ms);
  o.emplace("latency_p95_ms", m.latency_p95_ms);
  o.emplace("latency_p99_ms", m.latency_p99_ms);
  o.emplace("requests_per_second", m.requests_per_second);
  return ::cairn::json::Serialize(o);
}

DeploymentMetrics MetricsFromJson(const std::string& text) {
  bj::object o = ObjectOf(text);
  DeploymentMetrics m;
  m.request_count = IntOf(o, "request_count", 0);
  m.error_count = IntOf(o, "error_count", 0);
  m.error_rate = NumberOf(o, "error_rate", 0);
  m.latency_p50_ms = NumberOf(o, "latency_p50_ms", 0);
  m.latency_p95_ms = NumberOf(o, "latency_p95_ms", 0);
  m.latency_p99_ms = NumberOf(o, "latency_p99_ms", 0);
  m.requests_per_second = NumberOf(o, "requests_per_second", 0);
  return m;
}

Deployment FromRow(const Row& row) {
  Deployment d;
  d.id = row.Text(0);
  d.model_name = row.Text(1);
  d.model_version = row.Int(2);
  d.status = ParseDeploymentStatus(row.Text(3)).value_or(DeploymentStatus::kPending);
  d.environment = ParseEnvironment(row.Text(4)).value_or(Environment::kDevelopment);
  d.endpoint = row.Text(5);
  d.config = ConfigFromJson(row.Text(6));
  d.health_status = ParseHealthStatus(row.Text(7)).value_or(HealthStatus::kUnknown);
  d.metrics = MetricsFromJson(row.Text(8));
  d.created_by = row.Text(9);
  d.updated_by = row.Text(10);
  d.deployed_at = row.OptInt(11);
  d.created_at = row.Int(12);
  d.updated_at = row.Int(13);
  d.revision = row.Int(14);
  return d;
}

Result<std::optional<Deployment>> Load(Transaction& tx, const std::string& id) {
  const Value p[] = {id};
  ASSIGN_OR_RETURN(
      auto row,
      tx.QueryOne(std::string("SELECT ") + kColumns + " FROM deployments WHERE id = ?", p));
  if (!row) return std::optional<Deployment>();
  return std::optional<Deployment>(FromRow(*row));
}

}  // namespace

Status SqlDeploymentStore::Create(const Deployment& d, const audit::Entry& audit) {
  ASSIGN_OR_RETURN(auto tx, db_.Begin(storage::TxMode::kWrite));
  const Value p[] = {d.id,
                     d.model_name,
                     d.model_version,
                     std::string(ToString(d.status)),
                     std::string(ToString(d.environment)),
                     d.endpoint,
                     ConfigToJson(d.config),
                     std::string(ToString(d.health_status)),
                     MetricsToJson(d.metrics),
                     d.created_by,
                     d.updated_by,
                     storage::Nullable(d.deployed_at),
                     d.created_at,
                     d.updated_at,
                     d.revision};
  auto r = tx->Exec(
      "INSERT INTO deployments (id, model_name, model_version, status, environment, "
      "endpoint, config, health_status, metrics, created_by, updated_by, "
      "deployed_at, created_at, updated_at, revision) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      p);
  if (!r.ok()) {
    if (r.status().code() == StatusCode::kAlreadyExists)
      return AlreadyExists("deployment '" + d.id + "' already exists");
    return r.status();
  }
  RETURN_IF_ERROR(audit::AppendInTx(*tx, audit));
  return tx->Commit();
}

Result<Deployment> SqlDeploymentStore::Get(const std::string& id) {
  ASSIGN_OR_RETURN(auto tx, db_.Begin(storage::TxMode::kRead));
  ASSIGN_OR_RETURN(auto d, Load(*tx, id));
  if (!d) return NotFound("deployment '" + id + "' not found");
  return std::move(*d);
}

Status SqlDeploymentStore::CheckExists(storage::Transaction& tx, const std::string& id) {
  const storage::Value p[] = {id};
  ASSIGN_OR_RETURN(auto row, tx.QueryOne("SELECT 1 FROM deployments WHERE id = ?", p));
  if (!row) return NotFound("deployment '" + id + "' not found");
  return Status::Ok();
}

Result<Page<Deployment>> SqlDeploymentStore::List(const DeploymentQuery& query) {
  std::string sql = std::string("SELECT ") + kColumns + " FROM deployments WHERE 1 = 1";
  std::vector<Value> params;
  if (query.model_name) {
    sql += " AND model_name = ?";
    params.emplace_back(*query.model_name);
  }
  if (query.environment) {
    sql += " AND environment = ?";
    params.emplace_back(std::string(ToString(*query.environment)));
  }
  if (query.status) {
    sql += " AND status = ?";
    params.emplace_back(std::string(ToString(*query.status)));
  }
  RETURN_IF_ERROR(kOrder.AppendAfter(query.page_token, sql, params));
  kOrder.AppendOrderAndLimit(query.limit, sql, params);
  ASSIGN_OR_RETURN(auto tx, db_.Begin(storage::TxMode::kRead));
  ASSIGN_OR_RETURN(auto rows, tx->Query(sql, params));
  Page<Deployment> page;
  for (const auto& row : rows) page.items.push_back(FromRow(row));
  kOrder.FinishPage(page, query.limit, [](const Deployment& d) {
    return storage::Keyset::Position{d.created_at, d.id};
  });
  return page;
}

Result<Deployment> SqlDeploymentStore::Update(const std::string& id,
                                              const DeploymentMutator& mutate) {
  ASSIGN_OR_RETURN(auto tx, db_.Begin(storage::TxMode::kWrite));
  ASSIGN_OR_RETURN(auto current, Load(*tx, id));
  if (!current) return NotFound("deployment '" + id + "' not found");
  ASSIGN_OR_RETURN(DeploymentChange change, mutate(*current));
  if (!change.audit) return std::move(*current);
  const Deployment& u = change.updated;
  RETURN_IF_ERROR(storage::UpdateWithRevision(
      *tx, {.table = "deployments",
            .set = "status = ?, config = ?, health_status = ?, metrics = ?, updated_by = ?, "
                   "deployed_at = ?, updated_at = ?",
            .set_values = {std::string(ToString(u.status)), ConfigToJson(u.config),
                           std::string(ToString(u.health_status)), MetricsToJson(u.metrics),
                           u.updated_by, storage::Nullable(u.deployed_at), u.updated_at},
            .where = "id = ?",
            .where_values = {id},
            .revision = current->revision,
            .resource = "deployment '" + id + "'"}));
  RETURN_IF_ERROR(audit::AppendInTx(*tx, *change.audit));
  RETURN_IF_ERROR(tx->Commit());
  return u;
}

}  // namespace cairn::deployments
