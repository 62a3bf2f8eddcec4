#include "registry/registry_json.h"

#include <boost/json.hpp>
#include <cmath>

#include "common/json.h"
#include "common/time.h"

namespace cairn::registry {
namespace {

namespace bj = boost::json;

bj::object ToObject(const StringMap& m) {
  bj::object o;
  o.reserve(m.size());
  for (const auto& [k, v] : m) o.emplace(k, v);
  return o;
}

bj::value OptTime(const std::optional<int64_t>& t) {
  if (t) return bj::value(FormatRfc3339(*t));
  return nullptr;
}

bj::object VersionObject(const ModelVersion& v) {
  bj::object o;
  o.reserve(16);
  o.emplace("model_name", v.model_name);
  o.emplace("version", v.version);
  o.emplace("run_id", v.run_id ? bj::value(*v.run_id) : bj::value(nullptr));
  o.emplace("description", v.description);
  o.emplace("stage", ToString(v.stage));
  bj::object metrics;
  for (const auto& [k, x] : v.metrics) metrics.emplace(k, x);
  o.emplace("metrics", std::move(metrics));
  o.emplace("params", ToObject(v.params));
  o.emplace("tags", ToObject(v.tags));
  bj::array aliases;
  for (const auto& a : v.aliases) aliases.emplace_back(a);
  o.emplace("aliases", std::move(aliases));
  if (v.artifact) {
    bj::object a;
    a.emplace("format", ToString(v.artifact->format));
    a.emplace("path", v.artifact->path);
    a.emplace("size_bytes", v.artifact->size_bytes);
    a.emplace("sha256", v.artifact->sha256);
    o.emplace("artifact", std::move(a));
  } else {
    o.emplace("artifact", nullptr);
  }
  bj::array checklist;
  for (const auto& i : v.checklist) {
    bj::object c;
    c.emplace("key", i.key);
    c.emplace("description", i.description);
    c.emplace("required", i.required);
    c.emplace("done", i.done);
    c.emplace("done_by", i.done_by ? bj::value(*i.done_by) : bj::value(nullptr));
    c.emplace("done_at", OptTime(i.done_at));
    c.emplace("note", i.note);
    checklist.emplace_back(std::move(c));
  }
  o.emplace("checklist", std::move(checklist));
  o.emplace("created_by", v.created_by);
  o.emplace("updated_by", v.updated_by);
  o.emplace("created_at", FormatRfc3339(v.created_at));
  o.emplace("updated_at", FormatRfc3339(v.updated_at));
  o.emplace("revision", v.revision);
  return o;
}

bj::value OptNumber(const std::optional<double>& x) {
  if (x) return bj::value(*x);
  return nullptr;
}

}  // namespace

Result<VersionCreate> ParseVersionCreate(std::string_view body) {
  ASSIGN_OR_RETURN(bj::value v, json::Parse(body));
  json::ObjectReader r(v);
  VersionCreate c;
  c.model_name = r.String("model_name", true).value_or("");
  c.run_id = r.String("run_id");
  c.description = r.String("description");
  c.tags = r.Strings("tags");
  c.params = r.Strings("params");
  if (const bj::value* m = r.Raw("metrics")) {
    if (!m->is_object()) {
      r.AddError("metrics", "must be an object of numbers");
    } else {
      MetricMap metrics;
      for (const auto& kv : m->get_object()) {
        if (!kv.value().is_number() || !std::isfinite(kv.value().to_number<double>())) {
          r.AddError("metrics." + std::string(kv.key()), "must be a finite number");
          continue;
        }
        metrics.emplace(kv.key(), kv.value().to_number<double>());
      }
      c.metrics = std::move(metrics);
    }
  }
  RETURN_IF_ERROR(r.Finish());
  return c;
}

Result<VersionPatch> ParseVersionPatch(std::string_view body) {
  ASSIGN_OR_RETURN(bj::value v, json::Parse(body));
  json::ObjectReader r(v);
  VersionPatch p;
  p.description = r.String("description");
  p.stage = r.String("stage");
  p.tags = r.Strings("tags");
  std::vector<FieldError> errors;
  if (const bj::value* list = r.Raw("checklist")) {
    if (!list->is_array()) {
      r.AddError("checklist", "must be an array of {key, done, note}");
    } else {
      size_t i = 0;
      for (const auto& e : list->get_array()) {
        json::ObjectReader item(e, "checklist[" + std::to_string(i++) + "].");
        ChecklistUpdate u;
        u.key = item.String("key", true).value_or("");
        u.done = item.Bool("done", true).value_or(false);
        u.note = item.String("note");
        item.CollectInto(errors);
        p.checklist.push_back(std::move(u));
      }
    }
  }
  r.CollectInto(errors);
  if (!errors.empty()) return json::ValidationError(std::move(errors));
  return p;
}

Result<int64_t> ParseAliasPut(std::string_view body) {
  ASSIGN_OR_RETURN(bj::value v, json::Parse(body));
  json::ObjectReader r(v);
  std::optional<int64_t> version = r.Int("version", true);
  if (version && *version < 1) r.AddError("version", "must be a positive integer");
  RETURN_IF_ERROR(r.Finish());
  return version.value_or(0);
}

Result<CompareRequest> ParseCompareRequest(std::string_view body) {
  ASSIGN_OR_RETURN(bj::value v, json::Parse(body));
  json::ObjectReader r(v);
  CompareRequest c;
  if (const bj::value* list = r.Raw("versions", true)) {
    bool ok = list->is_array();
    if (ok) {
      for (const auto& e : list->get_array()) {
        if (!e.is_int64() && !e.is_uint64()) {
          ok = false;
          break;
        }
        c.versions.push_back(e.is_int64() ? e.get_int64() : 0);
      }
    }
    if (!ok) r.AddError("versions", "must be an array of integers");
  }
  if (const bj::value* list = r.Raw("metrics")) {
    bool ok = list->is_array();
    std::vector<std::string> names;
    if (ok) {
      for (const auto& e : list->get_array()) {
        if (!e.is_string()) {
          ok = false;
          break;
        }
        names.emplace_back(e.get_string());
      }
    }
    if (!ok) {
      r.AddError("metrics", "must be an array of strings");
    } else {
      c.metrics = std::move(names);
    }
  }
  RETURN_IF_ERROR(r.Finish());
  return c;
}

std::string VersionToJson(const ModelVersion& v) {
  return ::cairn::json::Serialize(VersionObject(v));
}

std::string VersionPageToJson(const Page<ModelVersion>& page) {
  bj::object o;
  bj::array items;
  items.reserve(page.items.size());
  for (const auto& v : page.items) items.emplace_back(VersionObject(v));
  o.emplace("items", std::move(items));
  o.emplace("next_page_token",
            page.next_page_token ? bj::value(*page.next_page_token) : bj::value(nullptr));
  return ::cairn::json::Serialize(o);
}

std::string ModelToJson(const Model& m) {
  bj::object o;
  o.emplace("model_name", m.name);
  o.emplace("latest_version", m.latest_version);
  o.emplace("production_version",
            m.production_version ? bj::value(*m.production_version) : bj::value(nullptr));
  bj::object aliases;
  for (const auto& [alias, version] : m.aliases) aliases.emplace(alias, version);
  o.emplace("aliases", std::move(aliases));
  o.emplace("created_at", FormatRfc3339(m.created_at));
  o.emplace("updated_at", FormatRfc3339(m.updated_at));
  bj::array versions;
  for (const auto& v : m.versions) versions.emplace_back(VersionObject(v));
  o.emplace("versions", std::move(versions));
  return ::cairn::json::Serialize(o);
}

std::string ComparisonToJson(const Comparison& c) {
  bj::object o;
  o.emplace("model_name", c.model_name);
  bj::array versions;
  for (int64_t v : c.versions) versions.emplace_back(v);
  o.emplace("versions", std::move(versions));
  bj::object metrics;
  for (const auto& m : c.metrics) {
    bj::object mo;
    mo.emplace("higher_is_better", m.higher_is_better);
    bj::object values, deltas;
    for (size_t i = 0; i < c.versions.size(); ++i) {
      const std::string key = std::to_string(c.versions[i]);
      values.emplace(key, OptNumber(m.values[i]));
      deltas.emplace(key, OptNumber(m.deltas[i]));
    }
    mo.emplace("values", std::move(values));
    mo.emplace("best_version", m.best_version ? bj::value(*m.best_version) : bj::value(nullptr));
    mo.emplace("deltas", std::move(deltas));
    metrics.emplace(m.metric, std::move(mo));
  }
  o.emplace("metrics", std::move(metrics));
  bj::object params;
  for (const auto& d : c.params_diff) {
    bj::object po;
    for (size_t i = 0; i < c.versions.size(); ++i)
      po.emplace(std::to_string(c.versions[i]),
                 d.values[i] ? bj::value(*d.values[i]) : bj::value(nullptr));
    params.emplace(d.param, std::move(po));
  }
  o.emplace("params_diff", std::move(params));
  return ::cairn::json::Serialize(o);
}

}  // namespace cairn::registry
