#include "drift/drift_json.h"

#include <boost/json.hpp>
#include <cmath>
#include <limits>

#include "common/json.h"
#include "common/time.h"

namespace cairn::drift {
namespace {

namespace bj = boost::json;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::optional<int64_t> TimeField(json::ObjectReader& r, std::string_view key) {
  auto s = r.String(key);
  if (!s) return std::nullopt;
  auto t = ParseRfc3339(*s);
  if (!t) r.AddError(r.Field(key), "must be an RFC 3339 date-time");
  return t;
}

std::optional<std::vector<std::string>> StringList(json::ObjectReader& r, std::string_view key) {
  const bj::value* v = r.Raw(key);
  if (!v) return std::nullopt;
  std::vector<std::string> out;
  bool ok = v->is_array();
  if (ok) {
    for (const auto& e : v->get_array()) {
      if (!e.is_string()) {
        ok = false;
        break;
      }
      out.emplace_back(e.get_string());
    }
  }
  if (!ok) {
    r.AddError(r.Field(key), "must be an array of strings");
    return std::nullopt;
  }
  return out;
}

// One inline column; records an error naming `<side>.<name>` when its values are unusable.
InlineColumn ReadColumn(std::string_view side, std::string_view name, const bj::value& v,
                        std::vector<FieldError>& errors) {
  InlineColumn c;
  c.name = std::string(name);
  const std::string field = std::string(side) + "." + std::string(name);
  if (!v.is_array()) {
    errors.push_back({field, "must be an array of numbers, strings or nulls"});
    return c;
  }
  const bj::array& a = v.get_array();
  size_t numbers = 0, strings = 0;
  for (const auto& e : a) {
    if (e.is_null()) {
      ++c.nulls;
    } else if (e.is_number()) {
      ++numbers;
    } else if (e.is_string()) {
      ++strings;
    } else {
      errors.push_back({field, "values must be numbers, strings or null"});
      return c;
    }
  }
  if (numbers > 0 && strings > 0) {
    errors.push_back({field, "mixes numbers and strings; a column is numeric or categorical"});
    return c;
  }
  if (numbers > 0) {
    c.kind = ColumnKind::kNumeric;
    c.numbers.reserve(a.size());
    for (const auto& e : a) c.numbers.push_back(e.is_null() ? kNaN : e.to_number<double>());
  } else if (strings > 0) {
    c.kind = ColumnKind::kCategorical;
    c.strings.reserve(a.size());
    for (const auto& e : a) {
      if (e.is_null()) {
        c.strings.emplace_back(std::nullopt);
      } else {
        c.strings.emplace_back(std::string(e.get_string()));
      }
    }
  }
  return c;
}

std::optional<std::vector<InlineColumn>> ReadColumns(json::ObjectReader& r, std::string_view side,
                                                     std::vector<FieldError>& errors) {
  const bj::value* v = r.Raw(side);
  if (!v) return std::nullopt;
  if (!v->is_object()) {
    errors.push_back({std::string(side), "must be an object of columns"});
    return std::nullopt;
  }
  std::vector<InlineColumn> out;
  out.reserve(v->get_object().size());
  for (const auto& kv : v->get_object())
    out.push_back(ReadColumn(side, kv.key(), kv.value(), errors));
  return out;
}

bj::value Num(double x) {
  if (std::isfinite(x)) return bj::value(x);
  return nullptr;
}

bj::value OptNum(const std::optional<double>& x) {
  if (x) return Num(*x);
  return nullptr;
}

bj::value OptInt(const std::optional<int64_t>& x) {
  if (x) return bj::value(*x);
  return nullptr;
}

bj::value OptTime(const std::optional<int64_t>& t) {
  if (t) return bj::value(FormatRfc3339(*t));
  return nullptr;
}

template <typename T>
bj::array ArrayOf(const std::vector<T>& v) {
  bj::array a;
  a.reserve(v.size());
  for (const auto& x : v) {
    if constexpr (std::is_same_v<T, double>) {
      a.push_back(Num(x));
    } else {
      a.emplace_back(x);
    }
  }
  return a;
}

bj::object EventObject(const DriftEvent& e) {
  bj::object o;
  o.reserve(16);
  o.emplace("id", e.id);
  o.emplace("model_name", e.model_name);
  o.emplace("model_version", OptInt(e.model_version));
  o.emplace("deployment_id", e.deployment_id ? bj::value(*e.deployment_id) : bj::value(nullptr));
  o.emplace("feature", e.feature);
  o.emplace("method", ToString(e.method));
  o.emplace("score", Num(e.score));
  o.emplace("p_value", OptNum(e.p_value));
  o.emplace("threshold", OptNum(e.threshold));
  o.emplace("severity", stats::SeverityName(e.severity));
  o.emplace("window_start", OptTime(e.window_start));
  o.emplace("window_end", OptTime(e.window_end));
  boost::system::error_code ec;
  bj::value details = bj::parse(e.details_json, ec);
  o.emplace("details", ec || !details.is_object() ? bj::value(bj::object()) : std::move(details));
  o.emplace("created_by", e.created_by);
  o.emplace("detected_at", FormatRfc3339(e.detected_at));
  return o;
}

bj::object ColumnObject(const ColumnDrift& c) {
  bj::object o;
  o.reserve(16);
  if (c.categorical) {
    const auto& d = c.categorical_drift;
    o.emplace("type", "categorical");
    o.emplace("n_reference", d.n_reference);
    o.emplace("n_current", d.n_current);
    o.emplace("missing_reference", d.missing_reference);
    o.emplace("missing_current", d.missing_current);
    bj::object chi2;
    chi2.emplace("statistic", Num(d.chi2.statistic));
    chi2.emplace("p_value", Num(d.chi2.p_value));
    chi2.emplace("dof", d.chi2.dof);
    o.emplace("chi2", std::move(chi2));
    o.emplace("psi", Num(d.psi));
    o.emplace("js", Num(d.js_distance));
    o.emplace("drifted", d.drifted);
    o.emplace("severity", stats::SeverityName(d.severity));
    bj::object h;
    h.emplace("categories", ArrayOf(d.categories));
    h.emplace("reference", ArrayOf(d.reference_counts));
    h.emplace("current", ArrayOf(d.current_counts));
    o.emplace("histogram", std::move(h));
  } else {
    const auto& d = c.numeric;
    o.emplace("type", "numeric");
    o.emplace("n_reference", d.n_reference);
    o.emplace("n_current", d.n_current);
    o.emplace("missing_reference", d.missing_reference);
    o.emplace("missing_current", d.missing_current);
    bj::object ks;
    ks.emplace("statistic", Num(d.ks.statistic));
    ks.emplace("p_value", Num(d.ks.p_value));
    o.emplace("ks", std::move(ks));
    o.emplace("psi", Num(d.psi.psi));
    o.emplace("js", Num(d.js_distance));
    o.emplace("wasserstein", Num(d.wasserstein));
    o.emplace("drifted", d.drifted);
    o.emplace("severity", stats::SeverityName(d.severity));
    bj::object h;
    h.emplace("edges", ArrayOf(d.histogram.edges));
    h.emplace("reference", ArrayOf(d.histogram.reference_counts));
    h.emplace("current", ArrayOf(d.histogram.current_counts));
    o.emplace("histogram", std::move(h));
  }
  return o;
}

}  // namespace

Result<DriftEventCreate> ParseDriftEventCreate(std::string_view body) {
  ASSIGN_OR_RETURN(bj::value v, json::Parse(body));
  json::ObjectReader r(v);
  DriftEventCreate c;
  c.model_name = r.String("model_name", true).value_or("");
  c.model_version = r.Int("model_version");
  c.deployment_id = r.String("deployment_id");
  c.feature = r.String("feature", true).value_or("");
  c.method = r.String("method", true).value_or("");
  c.score = r.Number("score", true).value_or(0);
  c.p_value = r.Number("p_value");
  c.threshold = r.Number("threshold");
  c.severity = r.String("severity");
  c.window_start = TimeField(r, "window_start");
  c.window_end = TimeField(r, "window_end");
  c.detected_at = TimeField(r, "detected_at");
  if (const bj::value* d = r.Raw("details")) {
    if (!d->is_object()) {
      r.AddError("details", "must be an object");
    } else {
      c.details_json = ::cairn::json::Serialize(*d);
    }
  }
  RETURN_IF_ERROR(r.Finish());
  return c;
}

Result<DriftComputeRequest> ParseDriftComputeRequest(std::string_view body) {
  ASSIGN_OR_RETURN(bj::value v, json::Parse(body));
  json::ObjectReader r(v);
  std::vector<FieldError> errors;
  DriftComputeRequest c;
  c.reference_dataset_id = r.String("reference_dataset_id");
  c.current_dataset_id = r.String("current_dataset_id");
  c.columns = StringList(r, "columns");
  c.reference = ReadColumns(r, "reference", errors);
  c.current = ReadColumns(r, "current", errors);
  c.model_name = r.String("model_name");
  c.model_version = r.Int("model_version");
  c.deployment_id = r.String("deployment_id");
  r.CollectInto(errors);
  if (!errors.empty()) return json::ValidationError(std::move(errors));
  return c;
}

std::string DriftEventToJson(const DriftEvent& e) {
  return ::cairn::json::Serialize(EventObject(e));
}

std::string DriftEventPageToJson(const Page<DriftEvent>& page) {
  bj::object o;
  bj::array items;
  items.reserve(page.items.size());
  for (const auto& e : page.items) items.emplace_back(EventObject(e));
  o.emplace("items", std::move(items));
  o.emplace("next_page_token",
            page.next_page_token ? bj::value(*page.next_page_token) : bj::value(nullptr));
  return ::cairn::json::Serialize(o);
}

std::string DriftComputeResultToJson(const DriftComputeResult& r) {
  bj::object o;
  bj::object columns;
  columns.reserve(r.columns.size());
  for (const auto& c : r.columns) columns.emplace(c.name, ColumnObject(c));
  o.emplace("columns", std::move(columns));
  o.emplace("drift_share", Num(r.drift_share));
  o.emplace("dataset_drift", r.dataset_drift);
  o.emplace("events", ArrayOf(r.events));
  return ::cairn::json::Serialize(o);
}

}  // namespace cairn::drift
