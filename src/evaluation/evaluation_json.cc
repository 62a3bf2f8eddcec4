#include "evaluation/evaluation_json.h"

#include <boost/json.hpp>
#include <charconv>
#include <cmath>

#include "common/json.h"
#include "common/time.h"

namespace cairn::evaluation {
namespace {

namespace bj = boost::json;

std::optional<std::vector<std::string>> StringList(json::ObjectReader& r, std::string_view key) {
  const bj::value* v = r.Raw(key);
  if (!v) return std::nullopt;
  if (!v->is_array()) {
    r.AddError(r.Field(key), "must be an array of strings");
    return std::nullopt;
  }
  std::vector<std::string> out;
  for (const auto& e : v->get_array()) {
    if (!e.is_string()) {
      r.AddError(r.Field(key), "must be an array of strings");
      return std::nullopt;
    }
    out.emplace_back(e.get_string());
  }
  return out;
}

// {"roc_auc": {"op": ">=", "value": 0.8}, ...}
std::optional<std::map<std::string, Threshold>> Thresholds(json::ObjectReader& r) {
  const bj::value* v = r.Raw("thresholds");
  if (!v) return std::nullopt;
  if (!v->is_object()) {
    r.AddError("thresholds", "must be an object of {op, value}");
    return std::nullopt;
  }
  std::map<std::string, Threshold> out;
  bool ok = true;
  for (const auto& kv : v->get_object()) {
    const std::string metric(kv.key());
    json::ObjectReader t(kv.value(), "thresholds." + metric + ".");
    if (!t.is_object()) {
      r.AddError("thresholds." + metric, "must be an object {op, value}");
      ok = false;
      continue;
    }
    auto op = t.String("op", true);
    auto value = t.Number("value", true);
    std::vector<FieldError> errors;
    t.CollectInto(errors);
    for (auto& e : errors) r.AddError(e.field, e.message);
    if (!errors.empty() || !op || !value) {
      ok = false;
      continue;
    }
    out[metric] = Threshold{*op, *value};
  }
  if (!ok) return std::nullopt;
  return out;
}

bj::value Opt(const std::optional<std::string>& s) {
  if (s) return bj::value(*s);
  return nullptr;
}
bj::value Opt(const std::optional<int64_t>& v) {
  if (v) return bj::value(*v);
  return nullptr;
}
bj::value Opt(const std::optional<double>& v) {
  if (v && std::isfinite(*v)) return bj::value(*v);
  return nullptr;
}
bj::value OptTime(const std::optional<int64_t>& t) {
  if (t) return bj::value(FormatRfc3339(*t));
  return nullptr;
}

bj::object ToObject(const StringMap& m) {
  bj::object o;
  for (const auto& [k, v] : m) o.emplace(k, v);
  return o;
}

bj::array ToArray(const std::vector<std::string>& l) {
  bj::array a;
  for (const auto& s : l) a.emplace_back(s);
  return a;
}

bj::object ThresholdsObject(const std::map<std::string, Threshold>& t) {
  bj::object o;
  for (const auto& [metric, th] : t) {
    bj::object x;
    x.emplace("op", th.op);
    x.emplace("value", th.value);
    o.emplace(metric, std::move(x));
  }
  return o;
}

bj::object ScenarioObject(const Scenario& s) {
  bj::object o;
  o.emplace("name", s.name);
  o.emplace("description", s.description);
  o.emplace("task_type", TaskTypeName(s.task_type));
  o.emplace("dataset_id", s.dataset_id);
  o.emplace("label_column", s.label_column);
  o.emplace("score_column", Opt(s.score_column));
  o.emplace("prediction_column", Opt(s.prediction_column));
  o.emplace("model_name", Opt(s.model_name));
  o.emplace("version", Opt(s.model_version));
  o.emplace("feature_columns", ToArray(s.feature_columns));
  o.emplace("metrics", ToArray(s.metrics.empty() ? TaskMetrics(s.task_type) : s.metrics));
  o.emplace("thresholds", ThresholdsObject(s.thresholds));
  o.emplace("slice_column", Opt(s.slice_column));
  o.emplace("decision_threshold", s.decision_threshold);
  o.emplace("importance_repeats", s.importance_repeats);
  o.emplace("importance_seed", s.importance_seed);
  o.emplace("tags", ToObject(s.tags));
  o.emplace("created_by", s.created_by);
  o.emplace("updated_by", s.updated_by);
  o.emplace("created_at", FormatRfc3339(s.created_at));
  o.emplace("updated_at", FormatRfc3339(s.updated_at));
  o.emplace("revision", s.revision);
  return o;
}

bj::object RunObject(const EvalRun& r) {
  bj::object o;
  o.emplace("run_id", r.run_id);
  o.emplace("scenario_name", r.scenario_name);
  o.emplace("scenario_revision", r.scenario_revision);
  o.emplace("model_name", Opt(r.model_name));
  o.emplace("version", Opt(r.model_version));
  o.emplace("status", RunStatusName(r.status));
  o.emplace("verdict", Opt(r.verdict));
  o.emplace("failure_reason", Opt(r.failure_reason));
  o.emplace("n_rows", Opt(r.n_rows));
  o.emplace("created_by", r.created_by);
  o.emplace("created_at", FormatRfc3339(r.created_at));
  o.emplace("started_at", OptTime(r.started_at));
  o.emplace("finished_at", OptTime(r.finished_at));
  o.emplace("revision", r.revision);
  return o;
}

bj::object Metrics(const MetricValues& m) {
  bj::object o;
  for (const auto& [k, v] : m) o.emplace(k, Opt(v));
  return o;
}

bj::value PageToken(const std::optional<std::string>& t) {
  if (t) return bj::value(*t);
  return nullptr;
}

}  // namespace

Result<Scenario> ParseScenarioCreate(const std::string& body) {
  ASSIGN_OR_RETURN(bj::value v, json::Parse(body));
  json::ObjectReader r(v);
  if (!r.is_object()) return InvalidArgument("body must be a JSON object");
  Scenario s;
  s.name = r.String("name", true).value_or("");
  s.description = r.String("description").value_or("");
  auto task = r.String("task_type", true);
  if (task) {
    auto t = ParseTaskType(*task);
    if (!t) {
      r.AddError("task_type",
                 "must be binary_classification, multiclass_classification or regression");
    } else {
      s.task_type = *t;
    }
  }
  s.dataset_id = r.String("dataset_id", true).value_or("");
  s.label_column = r.String("label_column", true).value_or("");
  s.score_column = r.String("score_column");
  s.prediction_column = r.String("prediction_column");
  s.model_name = r.String("model_name");
  s.model_version = r.Int("version");
  s.feature_columns = StringList(r, "feature_columns").value_or(std::vector<std::string>{});
  s.metrics = StringList(r, "metrics").value_or(std::vector<std::string>{});
  s.thresholds = Thresholds(r).value_or(std::map<std::string, Threshold>{});
  s.slice_column = r.String("slice_column");
  s.decision_threshold = r.Number("decision_threshold").value_or(0.5);
  auto repeats = r.Int("importance_repeats");
  if (repeats) s.importance_repeats = static_cast<int>(std::clamp<int64_t>(*repeats, -1, 1000));
  s.importance_seed = r.Int("importance_seed").value_or(1);
  s.tags = r.Strings("tags").value_or(StringMap{});
  RETURN_IF_ERROR(r.Finish());
  return s;
}

Result<ScenarioPatch> ParseScenarioPatch(const std::string& body) {
  ASSIGN_OR_RETURN(bj::value v, json::Parse(body));
  json::ObjectReader r(v);
  if (!r.is_object()) return InvalidArgument("body must be a JSON object");
  ScenarioPatch p;
  auto is_null = [&v](std::string_view k) {
    const auto* x = v.get_object().if_contains(k);
    return x && x->is_null();
  };
  p.description = r.String("description");
  p.task_type = r.String("task_type");
  p.dataset_id = r.String("dataset_id");
  p.label_column = r.String("label_column");
  p.score_column = r.String("score_column");
  p.clear_score_column = is_null("score_column");
  p.prediction_column = r.String("prediction_column");
  p.clear_prediction_column = is_null("prediction_column");
  p.model_name = r.String("model_name");
  p.clear_model = is_null("model_name");
  p.model_version = r.Int("version");
  p.feature_columns = StringList(r, "feature_columns");
  p.metrics = StringList(r, "metrics");
  p.thresholds = Thresholds(r);
  p.slice_column = r.String("slice_column");
  p.clear_slice_column = is_null("slice_column");
  p.decision_threshold = r.Number("decision_threshold");
  p.importance_repeats = r.Int("importance_repeats");
  p.importance_seed = r.Int("importance_seed");
  p.tags = r.Strings("tags");
  RETURN_IF_ERROR(r.Finish());
  return p;
}

Result<RunCreate> ParseRunCreate(const std::string& body) {
  ASSIGN_OR_RETURN(bj::value v, json::Parse(body));
  json::ObjectReader r(v);
  if (!r.is_object()) return InvalidArgument("body must be a JSON object");
  RunCreate c;
  c.scenario_name = r.String("scenario_name", true).value_or("");
  c.model_name = r.String("model_name");
  c.model_version = r.Int("version");
  RETURN_IF_ERROR(r.Finish());
  return c;
}

std::string ScenarioToJson(const Scenario& s) { return json::Serialize(ScenarioObject(s)); }

std::string ScenarioPageToJson(const Page<Scenario>& page) {
  bj::array items;
  for (const auto& s : page.items) items.emplace_back(ScenarioObject(s));
  bj::object o;
  o.emplace("items", std::move(items));
  o.emplace("next_page_token", PageToken(page.next_page_token));
  return json::Serialize(o);
}

std::string RunToJson(const EvalRun& r) { return json::Serialize(RunObject(r)); }

std::string RunPageToJson(const Page<EvalRun>& page) {
  bj::array items;
  for (const auto& r : page.items) items.emplace_back(RunObject(r));
  bj::object o;
  o.emplace("items", std::move(items));
  o.emplace("next_page_token", PageToken(page.next_page_token));
  return json::Serialize(o);
}

std::string ReportToJson(const EvalRun& run, const Report& rep) {
  bj::object o;
  o.emplace("run_id", run.run_id);
  o.emplace("scenario_name", run.scenario_name);
  o.emplace("status", "completed");
  o.emplace("verdict", rep.passed ? "pass" : "fail");
  o.emplace("n_rows", rep.n_rows);
  o.emplace("metrics", Metrics(rep.metrics));
  if (rep.has_confusion) {
    bj::object cm;
    bj::array labels;
    for (const auto& l : rep.confusion_labels) {
      // Numeric labels render as numbers. This runs on the evaluation worker thread: parse
      // without exceptions, and keep the text should a label ever not be an integer.
      int64_t n = 0;
      const auto [end, ec] = std::from_chars(l.data(), l.data() + l.size(), n);
      if (rep.numeric_confusion_labels && ec == std::errc() && end == l.data() + l.size()) {
        labels.emplace_back(n);
      } else {
        labels.emplace_back(l);
      }
    }
    bj::array matrix;
    for (const auto& row : rep.confusion) {
      bj::array a;
      for (int64_t c : row) a.emplace_back(c);
      matrix.emplace_back(std::move(a));
    }
    cm.emplace("labels", std::move(labels));
    cm.emplace("matrix", std::move(matrix));
    o.emplace("confusion_matrix", std::move(cm));
  } else {
    o.emplace("confusion_matrix", nullptr);
  }
  bj::array th;
  for (const auto& t : rep.thresholds) {
    bj::object x;
    x.emplace("metric", t.metric);
    x.emplace("op", t.op);
    x.emplace("value", t.value);
    x.emplace("actual", Opt(t.actual));
    x.emplace("passed", t.passed);
    th.emplace_back(std::move(x));
  }
  o.emplace("thresholds", std::move(th));
  if (rep.slice_column) {
    bj::object slices;
    for (const auto& [value, s] : rep.slices) {
      bj::object x;
      x.emplace("n_rows", s.n_rows);
      x.emplace("metrics", Metrics(s.metrics));
      slices.emplace(value, std::move(x));
    }
    o.emplace("slices", std::move(slices));
    bj::object gaps;
    for (const auto& [metric, g] : rep.worst_slice_gap) {
      bj::object x;
      x.emplace("gap", g.gap);
      x.emplace("max_slice", g.max_slice);
      x.emplace("max", g.max);
      x.emplace("min_slice", g.min_slice);
      x.emplace("min", g.min);
      gaps.emplace(metric, std::move(x));
    }
    o.emplace("worst_slice_gap", std::move(gaps));
  } else {
    o.emplace("slices", nullptr);
    o.emplace("worst_slice_gap", nullptr);
  }
  if (rep.has_importance) {
    bj::object ex;
    bj::object imp, std_dev;
    for (const auto& [f, v] : rep.importance) imp.emplace(f, v);
    for (const auto& [f, v] : rep.importance_std) std_dev.emplace(f, v);
    ex.emplace("permutation_importance", std::move(imp));
    ex.emplace("permutation_importance_std", std::move(std_dev));
    ex.emplace("metric", rep.importance_metric);
    ex.emplace("repeats", rep.importance_repeats);
    ex.emplace("seed", rep.importance_seed);
    o.emplace("explainability", std::move(ex));
  } else {
    o.emplace("explainability", nullptr);
  }
  const Compliance& c = rep.compliance;
  bj::object co;
  co.emplace("dataset_id", c.dataset_id);
  co.emplace("dataset_sha256", c.dataset_sha256);
  co.emplace("model_name", Opt(c.model_name));
  co.emplace("model_version", Opt(c.model_version));
  co.emplace("model_format", Opt(c.model_format));
  co.emplace("model_sha256", Opt(c.model_sha256));
  co.emplace("scenario_revision", c.scenario_revision);
  co.emplace("evaluator_version", c.evaluator_version);
  co.emplace("run_by", c.run_by);
  co.emplace("requested_at", FormatRfc3339(c.requested_at));
  co.emplace("started_at", FormatRfc3339(c.started_at));
  co.emplace("completed_at", FormatRfc3339(c.completed_at));
  co.emplace("decision_threshold", c.decision_threshold);
  co.emplace("n_rows_excluded", c.n_rows_excluded);
  co.emplace("evaluation_passed_ticked", c.evaluation_passed_ticked);
  o.emplace("compliance", std::move(co));
  return json::Serialize(o);
}

std::string RunReportToJson(const EvalRun& run) {
  if (run.status == RunStatus::kCompleted && !run.stored_report.empty()) return run.stored_report;
  bj::object o;
  o.emplace("run_id", run.run_id);
  o.emplace("scenario_name", run.scenario_name);
  o.emplace("status", RunStatusName(run.status));
  o.emplace("verdict", nullptr);
  o.emplace("n_rows", nullptr);
  o.emplace("metrics", bj::object());
  o.emplace("confusion_matrix", nullptr);
  o.emplace("thresholds", bj::array());
  o.emplace("slices", nullptr);
  o.emplace("worst_slice_gap", nullptr);
  o.emplace("explainability", nullptr);
  o.emplace("compliance", nullptr);
  o.emplace("failure_reason", Opt(run.failure_reason));
  return json::Serialize(o);
}

std::string ThresholdsToJson(const std::map<std::string, Threshold>& t) {
  return json::Serialize(ThresholdsObject(t));
}

std::map<std::string, Threshold> ThresholdsFromJson(const std::string& text) {
  std::map<std::string, Threshold> out;
  boost::system::error_code ec;
  bj::value v = bj::parse(text, ec);
  if (ec || !v.is_object()) return out;
  for (const auto& kv : v.get_object()) {
    const auto* op = kv.value().is_object() ? kv.value().get_object().if_contains("op") : nullptr;
    const auto* val =
        kv.value().is_object() ? kv.value().get_object().if_contains("value") : nullptr;
    if (!op || !op->is_string() || !val) continue;
    out[std::string(kv.key())] = Threshold{std::string(op->get_string()),
                                           val->is_double()  ? val->get_double()
                                           : val->is_int64() ? static_cast<double>(val->get_int64())
                                                             : 0.0};
  }
  return out;
}

}  // namespace cairn::evaluation
