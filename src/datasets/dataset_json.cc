#include "datasets/dataset_json.h"

#include <boost/json.hpp>

#include "common/json.h"
#include "common/time.h"
#include "common/validation.h"

namespace cairn::datasets {
namespace {

namespace bj = boost::json;

std::string_view TypeName(ColumnType t) { return ToString(t); }

bj::value Num(const std::optional<double>& v, bool as_time) {
  if (!v) return nullptr;
  if (as_time) return bj::value(FormatRfc3339(static_cast<int64_t>(std::llround(*v))));
  return *v;
}

bj::object ProfileObject(const ColumnProfile& p, bool api) {
  const bool t = api && p.type == ColumnType::kTimestamp;
  bj::object o;
  o["type"] = TypeName(p.type);
  o["count"] = p.count;
  o["missing"] = p.missing;
  o["distinct"] = p.distinct;
  o["distinct_exact"] = p.distinct_exact;
  o["min"] = Num(p.min, t);
  o["max"] = Num(p.max, t);
  o["mean"] = Num(p.mean, t);
  o["std"] = Num(p.std, false);
  if (p.quantiles.size() == kQuantileProbs.size()) {
    bj::object q;
    for (size_t i = 0; i < p.quantiles.size(); ++i) q[kQuantileNames[i]] = Num(p.quantiles[i], t);
    o["quantiles"] = std::move(q);
  } else {
    o["quantiles"] = nullptr;
  }
  if (p.histogram) {
    bj::array e, c;
    for (double x : p.histogram->edges) e.push_back(x);
    for (int64_t x : p.histogram->counts) c.push_back(x);
    o["histogram"] = bj::object{{"edges", std::move(e)}, {"counts", std::move(c)}};
  } else {
    o["histogram"] = nullptr;
  }
  if (p.type == ColumnType::kString || p.type == ColumnType::kBool) {
    bj::array top;
    for (const auto& tv : p.top_values)
      top.push_back(bj::object{{"value", tv.value}, {"count", tv.count}});
    o["top_values"] = std::move(top);
    o["top_values_exact"] = p.top_values_exact;
  } else {
    o["top_values"] = nullptr;
  }
  return o;
}

std::optional<double> OptDouble(const bj::object& o, std::string_view k) {
  const auto* v = o.if_contains(k);
  if (!v || !v->is_number()) return std::nullopt;
  return v->to_number<double>();
}
int64_t Int(const bj::object& o, std::string_view k) {
  const auto* v = o.if_contains(k);
  if (!v || !v->is_number()) return 0;
  boost::system::error_code ec;
  const auto n = v->to_number<int64_t>(ec);  // the throwing overload fails on 1.5 or 2^64
  return ec ? 0 : n;
}
bool Bool(const bj::object& o, std::string_view k) {
  const auto* v = o.if_contains(k);
  return v && v->is_bool() && v->get_bool();
}

bj::object DatasetObject(const Dataset& d, bool with_profile) {
  bj::object o;
  o["id"] = d.id;
  o["name"] = d.name;
  o["description"] = d.description;
  o["source_type"] = d.source_type;
  o["table_name"] = d.table_name;
  bj::object schema;
  bj::array cols;
  for (const auto& [n, t] : d.columns) {
    schema[n] = TypeName(t);
    cols.push_back(bj::object{{"name", n}, {"type", TypeName(t)}});
  }
  o["schema"] = std::move(schema);
  o["columns"] = std::move(cols);
  o["row_count"] = d.row_count;
  o["size_bytes"] = d.size_bytes;
  o["stored_bytes"] = d.stored_bytes;
  o["sha256"] = d.sha256;
  bj::object tags;
  for (const auto& [k, v] : d.tags) tags[k] = v;
  o["tags"] = std::move(tags);
  o["created_by"] = d.created_by;
  o["created_at"] = FormatRfc3339(d.created_at);
  o["updated_at"] = FormatRfc3339(d.updated_at);
  o["revision"] = d.revision;
  if (with_profile) {
    bj::object prof;
    for (const auto& p : d.profile) prof[p.name] = ProfileObject(p, true);
    o["profile"] = std::move(prof);
  }
  return o;
}

}  // namespace

std::string_view ToString(ColumnType t) {
  switch (t) {
    case ColumnType::kInt64:
      return "int64";
    case ColumnType::kFloat64:
      return "float64";
    case ColumnType::kBool:
      return "bool";
    case ColumnType::kTimestamp:
      return "timestamp";
    case ColumnType::kString:
      return "string";
  }
  return "string";
}

std::optional<ColumnType> ParseColumnType(std::string_view s) {
  for (auto t : {ColumnType::kInt64, ColumnType::kFloat64, ColumnType::kBool,
                 ColumnType::kTimestamp, ColumnType::kString})
    if (ToString(t) == s) return t;
  return std::nullopt;
}

std::string ProfilesToStoredText(const std::vector<ColumnProfile>& profiles) {
  bj::array a;
  for (const auto& p : profiles) {
    bj::object o = ProfileObject(p, false);
    o["name"] = p.name;
    a.push_back(std::move(o));
  }
  return ::cairn::json::Serialize(a);
}

std::vector<ColumnProfile> ProfilesFromStoredText(const std::string& text) {
  std::vector<ColumnProfile> out;
  boost::system::error_code ec;
  bj::value v = bj::parse(text, ec);
  if (ec || !v.is_array()) return out;
  for (const auto& e : v.get_array()) {
    if (!e.is_object()) continue;
    const bj::object& o = e.get_object();
    ColumnProfile p;
    if (const auto* n = o.if_contains("name"); n && n->is_string()) p.name = n->get_string();
    if (const auto* t = o.if_contains("type"); t && t->is_string())
      p.type = ParseColumnType(t->get_string()).value_or(ColumnType::kString);
    p.count = Int(o, "count");
    p.missing = Int(o, "missing");
    p.distinct = Int(o, "distinct");
    p.distinct_exact = Bool(o, "distinct_exact");
    p.min = OptDouble(o, "min");
    p.max = OptDouble(o, "max");
    p.mean = OptDouble(o, "mean");
    p.std = OptDouble(o, "std");
    if (const auto* q = o.if_contains("quantiles"); q && q->is_object()) {
      for (auto name : kQuantileNames)
        p.quantiles.push_back(OptDouble(q->get_object(), name).value_or(0));
    }
    if (const auto* h = o.if_contains("histogram"); h && h->is_object()) {
      Histogram hist;
      if (const auto* es = h->get_object().if_contains("edges"); es && es->is_array())
        for (const auto& x : es->get_array())
          hist.edges.push_back(x.is_number() ? x.to_number<double>() : 0);
      if (const auto* cs = h->get_object().if_contains("counts"); cs && cs->is_array()) {
        for (const auto& x : cs->get_array()) {
          boost::system::error_code ec;
          const auto n = x.is_number() ? x.to_number<int64_t>(ec) : 0;
          hist.counts.push_back(ec ? 0 : n);
        }
      }
      p.histogram = std::move(hist);
    }
    if (const auto* tv = o.if_contains("top_values"); tv && tv->is_array()) {
      for (const auto& x : tv->get_array()) {
        if (!x.is_object()) continue;
        TopValue t;
        if (const auto* s = x.get_object().if_contains("value"); s && s->is_string())
          t.value = s->get_string();
        t.count = Int(x.get_object(), "count");
        p.top_values.push_back(std::move(t));
      }
    }
    p.top_values_exact = Bool(o, "top_values_exact");
    out.push_back(std::move(p));
  }
  return out;
}

std::string DatasetToJson(const Dataset& d, bool with_profile) {
  return ::cairn::json::Serialize(DatasetObject(d, with_profile));
}

std::string DatasetPageToJson(const DatasetPage& page) {
  bj::array items;
  for (const auto& d : page.items) items.push_back(DatasetObject(d, false));
  bj::object o{{"items", std::move(items)}};
  o["next_page_token"] =
      page.next_page_token ? bj::value(*page.next_page_token) : bj::value(nullptr);
  return ::cairn::json::Serialize(o);
}

std::string DatasetRowsToJson(const std::string& id, const DatasetRows& rows, int64_t limit) {
  bj::array out;
  for (const auto& row : rows.rows) {
    bj::object r;
    for (size_t i = 0; i < row.size(); ++i) {
      const PreviewCell& c = row[i];
      bj::value v;
      if (c.present) {
        switch (c.type) {
          case ColumnType::kInt64:
            v = c.i;
            break;
          case ColumnType::kFloat64:
            v = c.d;
            break;
          case ColumnType::kBool:
            v = c.i != 0;
            break;
          case ColumnType::kTimestamp:
            v = FormatRfc3339(c.i);
            break;
          case ColumnType::kString:
            v = c.s;
            break;
        }
      }
      r[rows.columns[i]] = std::move(v);
    }
    out.push_back(std::move(r));
  }
  bj::array cols;
  for (const auto& c : rows.columns) cols.push_back(bj::string(c));
  bj::object o{{"dataset_id", id}, {"columns", std::move(cols)}, {"offset", rows.offset},
               {"limit", limit},   {"total", rows.total},        {"rows", std::move(out)}};
  return ::cairn::json::Serialize(o);
}

Result<DatasetPatch> ParseDatasetPatch(std::string_view body) {
  ASSIGN_OR_RETURN(bj::value v, json::Parse(body));
  json::ObjectReader r(v);
  if (!r.is_object()) return validation::FieldInvalid("body", "must be a JSON object");
  DatasetPatch p;
  p.description = r.String("description");
  p.tags = r.Strings("tags");
  RETURN_IF_ERROR(r.Finish());
  return p;
}

}  // namespace cairn::datasets
