#include "deployments/deployment_json.h"

#include <boost/json.hpp>

#include "common/json.h"
#include "common/time.h"

namespace cairn::deployments {
namespace {

namespace bj = boost::json;

std::optional<ConfigInput> ReadConfig(json::ObjectReader& parent, std::vector<FieldError>& errors) {
  const bj::value* v = parent.Raw("config");
  if (!v) return std::nullopt;
  json::ObjectReader r(*v, "config.");
  ConfigInput c;
  c.replicas = r.Int("replicas");
  c.traffic_percent = r.Number("traffic_percent");
  c.timeout_ms = r.Int("timeout_ms");
  c.max_batch_size = r.Int("max_batch_size");
  c.autoscaling_present = r.Has("autoscaling");
  if (const bj::value* a = r.Raw("autoscaling")) {
    json::ObjectReader ar(*a, "config.autoscaling.");
    auto min = ar.Int("min_replicas", true);
    auto max = ar.Int("max_replicas", true);
    auto rps = ar.Number("target_rps", true);
    if (min && max && rps) c.autoscaling = Autoscaling{*min, *max, *rps};
    ar.CollectInto(errors);
  }
  r.CollectInto(errors);
  return c;
}

std::optional<MetricsInput> ReadMetrics(json::ObjectReader& parent,
                                        std::vector<FieldError>& errors) {
  const bj::value* v = parent.Raw("metrics");
  if (!v) return std::nullopt;
  json::ObjectReader r(*v, "metrics.");
  MetricsInput m;
  m.request_count = r.Int("request_count");
  m.error_count = r.Int("error_count");
  m.error_rate = r.Number("error_rate");
  m.latency_p50_ms = r.Number("latency_p50_ms");
  m.latency_p95_ms = r.Number("latency_p95_ms");
  m.latency_p99_ms = r.Number("latency_p99_ms");
  m.requests_per_second = r.Number("requests_per_second");
  r.CollectInto(errors);
  return m;
}

bj::object DeploymentObject(const Deployment& d) {
  bj::object o;
  o.reserve(16);
  o.emplace("id", d.id);
  o.emplace("model_name", d.model_name);
  o.emplace("model_version", d.model_version);
  o.emplace("status", ToString(d.status));
  o.emplace("environment", ToString(d.environment));
  o.emplace("endpoint", d.endpoint);
  bj::object c;
  c.emplace("replicas", d.config.replicas);
  c.emplace("traffic_percent", d.config.traffic_percent);
  c.emplace("timeout_ms", d.config.timeout_ms);
  c.emplace("max_batch_size", d.config.max_batch_size);
  if (d.config.autoscaling) {
    bj::object a;
    a.emplace("min_replicas", d.config.autoscaling->min_replicas);
    a.emplace("max_replicas", d.config.autoscaling->max_replicas);
    a.emplace("target_rps", d.config.autoscaling->target_rps);
    c.emplace("autoscaling", std::move(a));
  } else {
    c.emplace("autoscaling", nullptr);
  }
  o.emplace("config", std::move(c));
  o.emplace("health_status", ToString(d.health_status));
  bj::object m;
  m.emplace("request_count", d.metrics.request_count);
  m.emplace("error_count", d.metrics.error_count);
  m.emplace("error_rate", d.metrics.error_rate);
  m.emplace("latency_p50_ms", d.metrics.latency_p50_ms);
  m.emplace("latency_p95_ms", d.metrics.latency_p95_ms);
  m.emplace("latency_p99_ms", d.metrics.latency_p99_ms);
  m.emplace("requests_per_second", d.metrics.requests_per_second);
  o.emplace("metrics", std::move(m));
  o.emplace("created_by", d.created_by);
  o.emplace("updated_by", d.updated_by);
  o.emplace("deployed_at",
            d.deployed_at ? bj::value(FormatRfc3339(*d.deployed_at)) : bj::value(nullptr));
  o.emplace("created_at", FormatRfc3339(d.created_at));
  o.emplace("updated_at", FormatRfc3339(d.updated_at));
  o.emplace("revision", d.revision);
  return o;
}

}  // namespace

Result<DeploymentCreate> ParseDeploymentCreate(std::string_view body) {
  ASSIGN_OR_RETURN(bj::value v, json::Parse(body));
  json::ObjectReader r(v);
  std::vector<FieldError> errors;
  DeploymentCreate c;
  c.model_name = r.String("model_name", true).value_or("");
  c.model_version = r.Int("model_version", true).value_or(0);
  c.environment = r.String("environment", true).value_or("");
  c.endpoint = r.String("endpoint");
  c.config = ReadConfig(r, errors);
  r.CollectInto(errors);
  if (!errors.empty()) return json::ValidationError(std::move(errors));
  return c;
}

Result<DeploymentPatch> ParseDeploymentPatch(std::string_view body) {
  ASSIGN_OR_RETURN(bj::value v, json::Parse(body));
  json::ObjectReader r(v);
  std::vector<FieldError> errors;
  DeploymentPatch p;
  p.status = r.String("status");
  p.health_status = r.String("health_status");
  p.metrics = ReadMetrics(r, errors);
  p.config = ReadConfig(r, errors);
  r.CollectInto(errors);
  if (!errors.empty()) return json::ValidationError(std::move(errors));
  return p;
}

std::string DeploymentToJson(const Deployment& d) {
  return ::cairn::json::Serialize(DeploymentObject(d));
}

std::string DeploymentPageToJson(const Page<Deployment>& page) {
  bj::object o;
  bj::array items;
  items.reserve(page.items.size());
  for (const auto& d : page.items) items.emplace_back(DeploymentObject(d));
  o.emplace("items", std::move(items));
  o.emplace("next_page_token",
            page.next_page_token ? bj::value(*page.next_page_token) : bj::value(nullptr));
  return ::cairn::json::Serialize(o);
}

}  // namespace cairn::deployments
