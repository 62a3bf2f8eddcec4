#include "prompts/prompt_json.h"

#include <boost/json.hpp>

#include "common/json.h"
#include "common/time.h"

namespace cairn::prompts {
namespace {

namespace bj = boost::json;

constexpr size_t kMaxReportedVariableErrors = 50;

bj::value OptString(const std::optional<std::string>& s) {
  if (s) return bj::value(*s);
  return nullptr;
}
bj::value OptTime(const std::optional<int64_t>& t) {
  if (t) return bj::value(FormatRfc3339(*t));
  return nullptr;
}
bj::value OptInt(const std::optional<int64_t>& v) {
  if (v) return bj::value(*v);
  return nullptr;
}
bj::value OptDouble(const std::optional<double>& v) {
  if (v) return bj::value(*v);
  return nullptr;
}

bj::object ToObject(const StringMap& m) {
  bj::object o;
  for (const auto& [k, v] : m) o.emplace(k, v);
  return o;
}

// variables: [{"name","description","required","default"}]
std::optional<std::vector<Variable>> VariablesField(json::ObjectReader& r, std::string_view key) {
  const bj::value* v = r.Raw(key);
  if (!v) return std::nullopt;
  if (!v->is_array()) {
    r.AddError(r.Field(key), "must be an array of variable objects");
    return std::nullopt;
  }
  std::vector<Variable> out;
  std::vector<FieldError> errors;
  size_t i = 0;
  for (const auto& e : v->get_array()) {
    json::ObjectReader vr(e, r.Field(key) + "[" + std::to_string(i++) + "].");
    if (!vr.is_object()) {
      r.AddError(vr.Field(""), "must be an object");
      continue;
    }
    Variable var;
    var.name = vr.String("name", true).value_or("");
    var.description = vr.String("description").value_or("");
    var.required = vr.Bool("required").value_or(false);
    var.default_value = vr.String("default");
    vr.CollectInto(errors);
    out.push_back(std::move(var));
  }
  for (size_t k = 0; k < errors.size() && k < kMaxReportedVariableErrors; ++k)
    r.AddError(errors[k].field, errors[k].message);
  return out;
}

std::optional<std::string> ParametersField(json::ObjectReader& r, std::string_view key) {
  const bj::value* v = r.Raw(key);
  if (!v) return std::nullopt;
  if (!v->is_object()) {
    r.AddError(r.Field(key), "must be an object");
    return std::nullopt;
  }
  return ::cairn::json::Serialize(*v);
}

VersionContent ReadContent(json::ObjectReader& r) {
  VersionContent c;
  c.body = r.String("body", true).value_or("");
  c.variables = VariablesField(r, "variables").value_or(std::vector<Variable>{});
  c.model_hint = r.String("model_hint").value_or("");
  c.parameters_json = ParametersField(r, "parameters").value_or("{}");
  return c;
}

bj::object VariableObject(const Variable& v) {
  bj::object o;
  o.emplace("name", v.name);
  o.emplace("description", v.description);
  o.emplace("required", v.required);
  o.emplace("default", OptString(v.default_value));
  return o;
}

bj::array VariablesArray(const std::vector<Variable>& vars) {
  bj::array a;
  for (const auto& v : vars) a.emplace_back(VariableObject(v));
  return a;
}

bj::object FindingObject(const Finding& f) {
  bj::object o;
  o.emplace("rule", f.rule);
  o.emplace("category", f.category);
  o.emplace("severity", ToString(f.severity));
  o.emplace("message", f.message);
  o.emplace("start", OptInt(f.start));
  o.emplace("end", OptInt(f.end));
  return o;
}

bj::object EvaluationObject(const Evaluation& e) {
  bj::object o;
  o.emplace("passed", e.passed);
  o.emplace("score", e.score);
  bj::array findings;
  for (const auto& f : e.findings) findings.emplace_back(FindingObject(f));
  o.emplace("findings", std::move(findings));
  o.emplace("findings_total", e.findings_total);
  o.emplace("truncated", e.truncated);
  o.emplace("body_sha256", e.body_sha256);
  o.emplace("body_bytes", e.body_bytes);
  o.emplace("body_chars", e.body_chars);
  o.emplace("estimated_tokens", e.estimated_tokens);
  o.emplace("token_budget", e.token_budget);
  o.emplace("position_unit", "byte");
  o.emplace("evaluated_at", e.evaluated_at ? bj::value(FormatRfc3339(e.evaluated_at)) : nullptr);
  o.emplace("evaluated_by",
            e.evaluated_by.empty() ? bj::value(nullptr) : bj::value(e.evaluated_by));
  return o;
}

bj::object VersionObject(const Version& v, bool with_body) {
  bj::object o;
  o.emplace("template_id", v.template_id);
  o.emplace("version", v.version);
  o.emplace("status", ToString(v.status));
  if (with_body) {
    o.emplace("body", v.body);
    o.emplace("body_sha256", v.body_sha256);
    o.emplace("variables", VariablesArray(v.variables));
    o.emplace("model_hint", v.model_hint);
    boost::system::error_code ec;
    bj::value params = bj::parse(v.parameters_json, ec);
    o.emplace("parameters", ec ? bj::value(bj::object{}) : std::move(params));
    o.emplace("evaluation", v.evaluation ? bj::value(EvaluationObject(*v.evaluation)) : nullptr);
  }
  o.emplace("created_by", v.created_by);
  o.emplace("created_at", FormatRfc3339(v.created_at));
  o.emplace("submitted_by", OptString(v.submitted_by));
  o.emplace("submitted_at", OptTime(v.submitted_at));
  o.emplace("reviewed_by", OptString(v.reviewed_by));
  o.emplace("reviewed_at", OptTime(v.reviewed_at));
  o.emplace("review_comment", OptString(v.review_comment));
  bj::array editors;
  for (const auto& e : v.edited_by) editors.emplace_back(e);
  o.emplace("edited_by", std::move(editors));
  bj::array labels;
  for (const auto& l : v.labels) labels.emplace_back(l);
  o.emplace("labels", std::move(labels));
  o.emplace("updated_at", FormatRfc3339(v.updated_at));
  o.emplace("revision", v.revision);
  return o;
}

bj::object TemplateObject(const Template& t, bool version_bodies) {
  bj::object o;
  o.emplace("id", t.id);
  o.emplace("name", t.name);
  o.emplace("description", t.description);
  o.emplace("owner", t.owner);
  o.emplace("tags", ToObject(t.tags));
  o.emplace("latest_version", t.latest_version);
  bj::object labels;
  for (const auto& [l, v] : t.labels) labels.emplace(l, v);
  o.emplace("labels", std::move(labels));
  bj::array versions;
  for (const auto& v : t.versions) versions.emplace_back(VersionObject(v, version_bodies));
  o.emplace("versions", std::move(versions));
  o.emplace("created_by", t.created_by);
  o.emplace("created_at", FormatRfc3339(t.created_at));
  o.emplace("updated_at", FormatRfc3339(t.updated_at));
  o.emplace("revision", t.revision);
  return o;
}

bj::object UsageEventObject(const UsageEvent& e) {
  bj::object o;
  o.emplace("app", e.app);
  o.emplace("latency_ms", e.latency_ms);
  o.emplace("input_tokens", e.input_tokens);
  o.emplace("output_tokens", e.output_tokens);
  o.emplace("cost_usd", e.cost_usd);
  o.emplace("success", e.success);
  o.emplace("error", OptString(e.error));
  o.emplace("logged_by", e.logged_by);
  o.emplace("at", FormatRfc3339(e.at));
  return o;
}

}  // namespace

Result<TemplateCreate> ParseTemplateCreate(std::string_view body) {
  ASSIGN_OR_RETURN(bj::value v, json::Parse(body));
  json::ObjectReader r(v);
  TemplateCreate c;
  c.name = r.String("name", true).value_or("");
  c.description = r.String("description").value_or("");
  c.tags = r.Strings("tags").value_or(StringMap{});
  c.content = ReadContent(r);
  RETURN_IF_ERROR(r.Finish());
  return c;
}

Result<TemplatePatch> ParseTemplatePatch(std::string_view body) {
  ASSIGN_OR_RETURN(bj::value v, json::Parse(body));
  json::ObjectReader r(v);
  TemplatePatch p;
  p.description = r.String("description");
  p.tags = r.Strings("tags");
  RETURN_IF_ERROR(r.Finish());
  return p;
}

Result<VersionContent> ParseVersionCreate(std::string_view body) {
  ASSIGN_OR_RETURN(bj::value v, json::Parse(body));
  json::ObjectReader r(v);
  VersionContent c = ReadContent(r);
  RETURN_IF_ERROR(r.Finish());
  return c;
}

Result<VersionPatch> ParseVersionPatch(std::string_view body) {
  ASSIGN_OR_RETURN(bj::value v, json::Parse(body));
  json::ObjectReader r(v);
  VersionPatch p;
  p.body = r.String("body");
  p.variables = VariablesField(r, "variables");
  p.model_hint = r.String("model_hint");
  p.parameters_json = ParametersField(r, "parameters");
  RETURN_IF_ERROR(r.Finish());
  return p;
}

Result<EvaluateRequest> ParseEvaluateRequest(std::string_view body) {
  ASSIGN_OR_RETURN(bj::value v, json::Parse(body));
  json::ObjectReader r(v);
  EvaluateRequest e;
  e.template_id = r.String("template_id");
  e.version = r.Int("version");
  e.body = r.String("body");
  e.variables = VariablesField(r, "variables");
  RETURN_IF_ERROR(r.Finish());
  return e;
}

Result<ReviewRequest> ParseReviewRequest(std::string_view body) {
  ReviewRequest rr;
  if (body.find_first_not_of(" \t\r\n") == std::string_view::npos) return rr;
  ASSIGN_OR_RETURN(bj::value v, json::Parse(body));
  json::ObjectReader r(v);
  rr.comment = r.String("comment");
  RETURN_IF_ERROR(r.Finish());
  return rr;
}

Result<int64_t> ParseLabelPut(std::string_view body) {
  ASSIGN_OR_RETURN(bj::value v, json::Parse(body));
  json::ObjectReader r(v);
  auto version = r.Int("version", true);
  RETURN_IF_ERROR(r.Finish());
  return *version;
}

Result<UsageEvent> ParseUsageEvent(std::string_view body) {
  ASSIGN_OR_RETURN(bj::value v, json::Parse(body));
  json::ObjectReader r(v);
  UsageEvent e;
  e.app = r.String("app", true).value_or("");
  e.latency_ms = r.Number("latency_ms", true).value_or(0);
  e.input_tokens = r.Int("input_tokens").value_or(0);
  e.output_tokens = r.Int("output_tokens").value_or(0);
  e.cost_usd = r.Number("cost_usd").value_or(0);
  e.success = r.Bool("success").value_or(true);
  e.error = r.String("error");
  RETURN_IF_ERROR(r.Finish());
  return e;
}

Result<RenderRequest> ParseRenderRequest(std::string_view body) {
  ASSIGN_OR_RETURN(bj::value v, json::Parse(body));
  json::ObjectReader r(v);
  RenderRequest rr;
  rr.label = r.String("label");
  rr.version = r.Int("version");
  if (const bj::value* vars = r.Raw("variables")) {
    if (!vars->is_object()) {
      r.AddError("variables", "must be an object");
    } else {
      for (const auto& kv : vars->get_object()) {
        const bj::value& val = kv.value();
        const std::string key(kv.key());
        if (val.is_string()) {
          rr.variables.emplace(key, std::string(val.get_string()));
        } else if (val.is_number() || val.is_bool()) {
          rr.variables.emplace(key, ::cairn::json::Serialize(val));
        } else {
          r.AddError("variables." + key, "must be a string, number or boolean");
        }
      }
    }
  }
  RETURN_IF_ERROR(r.Finish());
  return rr;
}

std::string TemplateToJson(const Template& t) {
  return ::cairn::json::Serialize(TemplateObject(t, true));
}

std::string TemplatePageToJson(const Page<Template>& page) {
  bj::array items;
  for (const auto& t : page.items) items.emplace_back(TemplateObject(t, false));
  bj::object o;
  o.emplace("items", std::move(items));
  o.emplace("next_page_token", OptString(page.next_page_token));
  return ::cairn::json::Serialize(o);
}

std::string VersionToJson(const Version& v) {
  return ::cairn::json::Serialize(VersionObject(v, true));
}

std::string EvaluationToJson(const Evaluation& e) {
  return ::cairn::json::Serialize(EvaluationObject(e));
}

std::string UsageEventToJson(const UsageEvent& e) {
  return ::cairn::json::Serialize(UsageEventObject(e));
}

std::string UsageSummaryToJson(const UsageSummary& s) {
  bj::object o;
  o.emplace("count", s.count);
  o.emplace("success_rate", OptDouble(s.success_rate));
  bj::object lat;
  lat.emplace("p50", OptDouble(s.latency_p50));
  lat.emplace("p95", OptDouble(s.latency_p95));
  o.emplace("latency_ms", std::move(lat));
  o.emplace("input_tokens", s.input_tokens);
  o.emplace("output_tokens", s.output_tokens);
  o.emplace("cost_usd", s.cost_usd);
  o.emplace("since", OptTime(s.since));
  bj::array recent;
  for (const auto& e : s.recent) recent.emplace_back(UsageEventObject(e));
  o.emplace("recent", std::move(recent));
  return ::cairn::json::Serialize(o);
}

std::string RenderedToJson(const Rendered& r) {
  bj::object o;
  o.emplace("text", r.text);
  o.emplace("version", r.version);
  o.emplace("label", OptString(r.label));
  return ::cairn::json::Serialize(o);
}

std::string LabelToJson(const std::string& template_id, const std::string& label,
                        const LabelMove& move) {
  bj::object o;
  o.emplace("template_id", template_id);
  o.emplace("label", label);
  o.emplace("version", move.version);
  o.emplace("revision", move.revision);
  return ::cairn::json::Serialize(o);
}

std::string RuleCatalogToJson(const std::vector<RuleInfo>& rules, const EvaluatorOptions& options) {
  bj::array items;
  for (const auto& r : rules) {
    bj::object o;
    o.emplace("id", r.id);
    o.emplace("category", r.category);
    o.emplace("severity", ToString(r.severity));
    o.emplace("weight", SeverityWeight(r.severity));
    o.emplace("description", r.description);
    items.emplace_back(std::move(o));
  }
  bj::object o;
  o.emplace("items", std::move(items));
  o.emplace("token_budget", options.token_budget);
  o.emplace("banned_terms_count", static_cast<int64_t>(options.banned_terms.size()));
  o.emplace("passing_score", kPassingScore);
  o.emplace("blocking_severities", bj::array{"high", "critical"});
  o.emplace("normalization", "NFKC; format characters removed; tag characters as ASCII");
  o.emplace("position_unit", "byte");
  return ::cairn::json::Serialize(o);
}

std::string VariablesToText(const std::vector<Variable>& vars) {
  return ::cairn::json::Serialize(VariablesArray(vars));
}

std::vector<Variable> VariablesFromText(const std::string& text) {
  std::vector<Variable> out;
  boost::system::error_code ec;
  bj::value v = bj::parse(text, ec);
  if (ec || !v.is_array()) return out;
  for (const auto& e : v.get_array()) {
    if (!e.is_object()) continue;
    const auto& o = e.get_object();
    Variable var;
    if (auto* n = o.if_contains("name"); n && n->is_string()) var.name = n->get_string();
    if (auto* d = o.if_contains("description"); d && d->is_string())
      var.description = d->get_string();
    if (auto* r = o.if_contains("required"); r && r->is_bool()) var.required = r->get_bool();
    if (auto* d = o.if_contains("default"); d && d->is_string())
      var.default_value = std::string(d->get_string());
    out.push_back(std::move(var));
  }
  return out;
}

std::string EvaluationToText(const Evaluation& e) { return EvaluationToJson(e); }

std::optional<Evaluation> EvaluationFromText(const std::string& text) {
  boost::system::error_code ec;
  bj::value v = bj::parse(text, ec);
  if (ec || !v.is_object()) return std::nullopt;
  const auto& o = v.get_object();
  auto str = [&](std::string_view k) -> std::string {
    auto* f = o.if_contains(k);
    return f && f->is_string() ? std::string(f->get_string()) : std::string();
  };
  auto num = [&](std::string_view k) -> int64_t {
    auto* f = o.if_contains(k);
    return f && f->is_int64() ? f->get_int64() : 0;
  };
  Evaluation e;
  if (auto* p = o.if_contains("passed"); p && p->is_bool()) e.passed = p->get_bool();
  e.score = static_cast<int>(num("score"));
  e.findings_total = num("findings_total");
  if (auto* t = o.if_contains("truncated"); t && t->is_bool()) e.truncated = t->get_bool();
  e.body_sha256 = str("body_sha256");
  e.body_bytes = num("body_bytes");
  e.body_chars = num("body_chars");
  e.estimated_tokens = num("estimated_tokens");
  e.token_budget = num("token_budget");
  e.evaluated_at = ParseRfc3339(str("evaluated_at")).value_or(0);
  e.evaluated_by = str("evaluated_by");
  if (auto* fs = o.if_contains("findings"); fs && fs->is_array()) {
    for (const auto& fv : fs->get_array()) {
      if (!fv.is_object()) continue;
      const auto& fo = fv.get_object();
      Finding f;
      auto fstr = [&](std::string_view k) -> std::string {
        auto* x = fo.if_contains(k);
        return x && x->is_string() ? std::string(x->get_string()) : std::string();
      };
      f.rule = fstr("rule");
      f.category = fstr("category");
      f.severity = ParseSeverity(fstr("severity")).value_or(Severity::kInfo);
      f.message = fstr("message");
      if (auto* s = fo.if_contains("start"); s && s->is_int64()) f.start = s->get_int64();
      if (auto* s = fo.if_contains("end"); s && s->is_int64()) f.end = s->get_int64();
      e.findings.push_back(std::move(f));
    }
  }
  return e;
}

}  // namespace cairn::prompts
