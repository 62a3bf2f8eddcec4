#include "tracking/mlflow_tracking_routes.h"

#include <algorithm>
#include <boost/json.hpp>
#include <cctype>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "common/cancellation.h"
#include "common/ids.h"
#include "http/identity.h"
#include "mlflow/error.h"
#include "mlflow/messages.h"
#include "mlflow/order_by.h"
#include "mlflow/page_token.h"
#include "mlflow/search_filter.h"
#include "tracking/run_filter.h"

namespace cairn::tracking {
namespace {

namespace bj = boost::json;
namespace msg = mlflow::msg;

using http::Method;
using http::Request;
using http::Response;

constexpr char kDocsHint[] = " See the API docs for more information about request parameters.";
constexpr int kDefaultSearchRuns = 1000;
constexpr int kDefaultSearchExperiments = 1000;
constexpr int kMaxSearchResults = 50000;

// ---------------------------------------------------------------------------------------------
// Responses

Response Json(bj::object o) { return Response::Json(200, bj::serialize(o)); }

// MLflow's error shape for a Cairn status. A write to a deleted run or experiment is MLflow's
// INVALID_PARAMETER_VALUE ("must be in the 'active' state"); field errors are appended to the
// message so that a client sees which field was wrong.
Response Error(const Status& s) {
  mlflow::Error e = mlflow::FromStatus(s);
  bool deleted = false;
  for (const FieldError& f : s.errors()) deleted = deleted || f.field == "lifecycle_stage";
  if (deleted) e.code = mlflow::ErrorCode::kInvalidParameterValue;
  if (e.code != mlflow::ErrorCode::kInternalError) {
    for (const FieldError& f : s.errors()) {
      if (f.field == "lifecycle_stage") continue;
      e.message += (e.message.empty() ? "" : "; ") + f.field + " " + f.message;
    }
  }
  Response r = Response::Json(e.http_status(), e.ToJson());
  return r;
}

Status Invalid(std::string message) { return InvalidArgument(std::move(message)); }
Status Missing(std::string_view field) {
  return Invalid("Missing value for required parameter '" + std::string(field) + "'." + kDocsHint);
}
Status InvalidValue(std::string_view field, const bj::value& v) {
  std::string shown = v.is_string() ? std::string(v.get_string()) : bj::serialize(v);
  return Invalid("Invalid value " + shown + " for parameter '" + std::string(field) +
                 "' supplied." + kDocsHint);
}

// ---------------------------------------------------------------------------------------------
// Requests: one JSON object of parameters, from the body (POST) or the query string (GET)

bool IsJsonContentType(std::string_view ct) {
  const size_t semi = ct.find(';');
  std::string_view media = ct.substr(0, semi);
  while (!media.empty() && media.back() == ' ') media.remove_suffix(1);
  while (!media.empty() && media.front() == ' ') media.remove_prefix(1);
  if (media.size() != 16) return false;
  for (size_t i = 0; i < media.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(media[i])) != "application/json"[i]) return false;
  }
  return true;
}

// A body that is not a JSON object reads as no parameters (MLflow then reports the first
// missing required one).
Result<bj::object> BodyParams(const Request& req) {
  auto ct = req.Header("content-type");
  if ((ct && !IsJsonContentType(*ct)) || (!ct && !req.body.empty()))
    return Invalid("Bad Request. Content-Type must be one of ['application/json'].");
  if (req.body.empty()) return bj::object{};
  boost::system::error_code ec;
  bj::value v = bj::parse(req.body, ec);
  if (ec || !v.is_object()) return bj::object{};
  return std::move(v.get_object());
}

// Query parameters; `k[]=` and `k[0]=` are `k`, repeated keys and `list` are arrays.
bj::object QueryParams(const Request& req, std::string_view list) {
  bj::object o;
  if (!list.empty()) o[list] = bj::array{};
  for (const auto& [raw, value] : req.query) {
    std::string key = raw;
    if (const size_t b = key.find('['); b != std::string::npos && key.back() == ']') key.resize(b);
    bj::value* existing = o.if_contains(key);
    if (existing == nullptr) {
      o[key] = value;
    } else if (existing->is_array()) {
      existing->get_array().push_back(bj::value(value));
    } else {
      bj::array a{*existing, bj::value(value)};
      *existing = std::move(a);
    }
  }
  if (!list.empty() && o.at(list).is_array() && o.at(list).get_array().empty()) o.erase(list);
  return o;
}

Result<bj::object> Params(const Request& req, std::string_view list) {
  if (req.method == Method::kGet) return QueryParams(req, list);
  return BodyParams(req);
}

bool Present(const bj::object& o, std::string_view field) {
  const bj::value* v = o.if_contains(field);
  return v != nullptr && !v->is_null() && !(v->is_string() && v->get_string().empty());
}

Result<std::string> RequiredString(const bj::object& o, std::string_view field) {
  if (!Present(o, field)) return Missing(field);
  const bj::value& v = o.at(field);
  if (!v.is_string()) return InvalidValue(field, v);
  return std::string(v.get_string());
}

Result<std::optional<std::string>> OptionalString(const bj::object& o, std::string_view field) {
  const bj::value* v = o.if_contains(field);
  if (v == nullptr || v->is_null()) return std::optional<std::string>();
  if (!v->is_string()) return InvalidValue(field, *v);
  return std::optional<std::string>(std::string(v->get_string()));
}

Result<std::optional<int64_t>> OptionalInt64(const bj::object& o, std::string_view field) {
  const bj::value* v = o.if_contains(field);
  if (v == nullptr || v->is_null() || (v->is_string() && v->get_string().empty()))
    return std::optional<int64_t>();
  auto n = msg::ReadInt64(*v);
  if (!n) return InvalidValue(field, *v);
  return std::optional<int64_t>(*n);
}

// run_id, or its older name run_uuid.
Result<std::string> RunIdParam(const bj::object& o) {
  if (Present(o, "run_id")) return RequiredString(o, "run_id");
  if (Present(o, "run_uuid")) return RequiredString(o, "run_uuid");
  return Missing("run_id");
}

// A list of strings (a single string counts as a one-item list).
Result<std::vector<std::string>> StringList(const bj::object& o, std::string_view field) {
  std::vector<std::string> out;
  const bj::value* v = o.if_contains(field);
  if (v == nullptr || v->is_null()) return out;
  if (v->is_string()) {
    out.emplace_back(v->get_string());
    return out;
  }
  if (!v->is_array()) return InvalidValue(field, *v);
  for (const bj::value& e : v->get_array()) {
    if (!e.is_string()) return InvalidValue(field, *v);
    out.emplace_back(e.get_string());
  }
  return out;
}

Result<std::vector<msg::KeyValue>> KeyValues(const bj::object& o, std::string_view field) {
  std::vector<msg::KeyValue> out;
  const bj::value* v = o.if_contains(field);
  if (v == nullptr || v->is_null()) return out;
  if (!v->is_array()) return InvalidValue(field, *v);
  for (const bj::value& e : v->get_array()) {
    if (!e.is_object()) return InvalidValue(field, *v);
    const bj::object& kv = e.get_object();
    const bj::value* key = kv.if_contains("key");
    const bj::value* value = kv.if_contains("value");
    if (key == nullptr || !key->is_string() || (value && !value->is_null() && !value->is_string()))
      return InvalidValue(field, *v);
    out.push_back({std::string(key->get_string()),
                   value && value->is_string() ? std::string(value->get_string()) : ""});
  }
  return out;
}

// An experiment id: decimal text; anything else names no experiment.
Result<int64_t> ExperimentId(const std::string& text) {
  int64_t id = 0;
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, id);
  if (ec != std::errc() || ptr != end || text.empty())
    return NotFound("No Experiment with id=" + text + " exists");
  return id;
}

Status ExperimentNotFoundById(const Status& s, const std::string& id) {
  if (s.code() == StatusCode::kNotFound) return NotFound("No Experiment with id=" + id + " exists");
  return s;
}

Status RunNotFound(const Status& s, const std::string& run_id) {
  if (s.code() == StatusCode::kNotFound && s.message().rfind("run '", 0) == 0)
    return NotFound("Run with id=" + run_id + " not found");
  return s;
}

// ---------------------------------------------------------------------------------------------
// Cairn → MLflow messages

msg::RunStatus ToMlflow(RunStatus s) {
  switch (s) {
    case RunStatus::kRunning:
      return msg::RunStatus::kRunning;
    case RunStatus::kScheduled:
      return msg::RunStatus::kScheduled;
    case RunStatus::kCompleted:
      return msg::RunStatus::kFinished;
    case RunStatus::kFailed:
      return msg::RunStatus::kFailed;
    case RunStatus::kKilled:
      return msg::RunStatus::kKilled;
  }
  return msg::RunStatus::kRunning;
}

RunStatus FromMlflow(msg::RunStatus s) {
  switch (s) {
    case msg::RunStatus::kRunning:
      return RunStatus::kRunning;
    case msg::RunStatus::kScheduled:
      return RunStatus::kScheduled;
    case msg::RunStatus::kFinished:
      return RunStatus::kCompleted;
    case msg::RunStatus::kFailed:
      return RunStatus::kFailed;
    case msg::RunStatus::kKilled:
      return RunStatus::kKilled;
  }
  return RunStatus::kRunning;
}

std::vector<msg::KeyValue> ToKeyValues(const StringMap& m) {
  std::vector<msg::KeyValue> out;
  for (const auto& [k, v] : m) out.push_back({k, v});
  return out;
}

msg::Experiment ToMlflow(const Experiment& e) {
  msg::Experiment m;
  m.experiment_id = std::to_string(e.experiment_id);
  m.name = e.name;
  m.artifact_location = "mlflow-artifacts:/" + m.experiment_id;
  m.lifecycle_stage = e.deleted_at ? "deleted" : "active";
  m.last_update_time = e.updated_at;
  m.creation_time = e.created_at;
  m.tags = ToKeyValues(e.tags);
  return m;
}

msg::RunInfo InfoOf(const Run& r) {
  msg::RunInfo i;
  i.run_id = UndashedUuid(r.run_id);
  i.experiment_id = std::to_string(r.experiment_id);
  i.run_name = r.name;
  i.user_id = r.created_by == http::kAnonymousActor ? "" : r.created_by;
  i.status = ToMlflow(r.status);
  i.start_time = r.start_time;
  i.end_time = r.end_time;
  i.artifact_uri = "mlflow-artifacts:/" + i.experiment_id + "/" + i.run_id + "/artifacts";
  i.lifecycle_stage = r.deleted_at ? "deleted" : "active";
  return i;
}

msg::Run ToMlflow(const Run& r) {
  msg::Run m;
  m.info = InfoOf(r);
  for (const auto& [key, latest] : r.metrics)
    m.metrics.push_back({key, latest.value, latest.timestamp, latest.step, std::nullopt});
  m.params = ToKeyValues(r.params);
  m.tags = ToKeyValues(r.tags);
  m.tags.push_back({kRunNameTag, r.name});
  for (const DatasetInput& d : r.dataset_inputs) {
    msg::DatasetInput in;
    in.tags = ToKeyValues(d.tags);
    in.dataset = {d.name, d.digest, d.source_type, d.source, d.schema, d.profile};
    m.inputs.push_back(std::move(in));
  }
  return m;
}

// A run as MLflow's server writes it: `inputs` is always present, empty or not.
bj::object RunJson(const Run& r) {
  bj::object o = msg::ToJson(ToMlflow(r));
  if (!o.contains("inputs")) o["inputs"] = bj::object{};
  return o;
}

// MLflow hands out a next page token whenever a page is full (its stores do not look ahead).
bool MoreMayFollow(bool has_more, size_t items, int limit) {
  return has_more || items == static_cast<size_t>(limit);
}

// ---------------------------------------------------------------------------------------------
// Search translation

Result<int> MaxResults(const bj::object& o, int default_value) {
  ASSIGN_OR_RETURN(auto n, OptionalInt64(o, "max_results"));
  if (!n) return default_value;
  if (*n > kMaxSearchResults)
    return Invalid("Invalid value " + std::to_string(*n) +
                   " for parameter 'max_results' supplied. It must be at most 50000");
  if (*n < 1)
    return Invalid("Invalid value for max_results. It must be a positive integer, but got " +
                   std::to_string(*n));
  return static_cast<int>(*n);
}

std::string OpText(mlflow::Comparator c) {
  switch (c) {
    case mlflow::Comparator::kEq:
      return "=";
    case mlflow::Comparator::kNe:
      return "!=";
    case mlflow::Comparator::kLt:
      return "<";
    case mlflow::Comparator::kLe:
      return "<=";
    case mlflow::Comparator::kGt:
      return ">";
    case mlflow::Comparator::kGe:
      return ">=";
    case mlflow::Comparator::kLike:
      return "LIKE";
    case mlflow::Comparator::kILike:
      return "ILIKE";
    case mlflow::Comparator::kIn:
      return "IN";
    case mlflow::Comparator::kNotIn:
      return "NOT IN";
  }
  return "=";
}

// The run attribute column of IsSearchAttribute for an MLflow attribute name.
std::string RunAttribute(std::string_view mlflow_key) {
  const std::string_view key = mlflow::CanonicalRunAttribute(mlflow_key);
  if (key == "run_name") return "name";
  if (key == "run_id") return "mlflow_run_id";
  if (key == "user_id") return "created_by";
  return std::string(key);
}

// A status value as MLflow writes it ("FINISHED") in Cairn's spelling; other text (LIKE
// patterns) lower-cased, which matches Cairn's names the way MLflow's match its own.
std::string StatusValue(const std::string& v) {
  std::string upper = v;
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (auto s = msg::ParseRunStatus(bj::value(upper))) return std::string(ToString(FromMlflow(*s)));
  std::string lower = v;
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower;
}

Result<std::vector<FilterClause>> RunFilter(const std::string& text) {
  ASSIGN_OR_RETURN(auto clauses, mlflow::ParseSearchFilter(mlflow::SearchGrammar::kRuns, text));
  std::vector<FilterClause> out;
  for (const mlflow::FilterClause& c : clauses) {
    FilterClause f;
    f.op = OpText(c.op);
    if (c.type == "metric") {
      f.kind = FilterClause::Kind::kMetric;
      f.key = c.key;
      f.value = c.number.value_or(0.0);
    } else if (c.type == "parameter" || c.type == "tag") {
      f.kind = c.type == "tag" ? FilterClause::Kind::kTag : FilterClause::Kind::kParam;
      f.key = c.key;
      if (const auto* s = std::get_if<std::string>(&c.value)) f.value = *s;
      if (c.type == "tag" && c.key == kRunNameTag) {  // the name is the run's name column
        f.kind = FilterClause::Kind::kAttribute;
        f.key = "name";
      }
    } else if (c.type == "dataset") {
      f.kind = FilterClause::Kind::kDataset;
      f.key = c.key;
      if (const auto* s = std::get_if<std::string>(&c.value)) f.value = *s;
      if (const auto* l = std::get_if<std::vector<std::string>>(&c.value)) f.value = *l;
    } else {
      f.kind = FilterClause::Kind::kAttribute;
      f.key = RunAttribute(c.key);
      if (!IsSearchAttribute(f.key)) return Invalid("Invalid attribute key '" + c.key + "'");
      if (f.key == "start_time" || f.key == "end_time") {
        f.value = std::floor(c.number.value_or(0.0));
      } else if (const auto* l = std::get_if<std::vector<std::string>>(&c.value)) {
        f.value = *l;
      } else if (const auto* s = std::get_if<std::string>(&c.value)) {
        f.value = f.key == "status" ? StatusValue(*s) : *s;
      } else {
        return Invalid("Invalid value for attribute '" + c.key + "'");
      }
    }
    out.push_back(std::move(f));
  }
  return out;
}

Result<std::vector<OrderKey>> RunOrder(const std::vector<std::string>& items) {
  ASSIGN_OR_RETURN(auto parsed, mlflow::ParseOrderBy(mlflow::SearchGrammar::kRuns, items));
  std::vector<OrderKey> out;
  for (const mlflow::OrderByItem& i : parsed) {
    OrderKey k;
    k.descending = !i.ascending;
    if (i.type == "metric") {
      k.kind = FilterClause::Kind::kMetric;
      k.key = i.key;
    } else if (i.type == "parameter") {
      k.kind = FilterClause::Kind::kParam;
      k.key = i.key;
    } else if (i.type == "tag" && i.key != kRunNameTag) {
      k.kind = FilterClause::Kind::kTag;
      k.key = i.key;
    } else {
      k.kind = FilterClause::Kind::kAttribute;
      k.key = i.type == "tag" ? "name" : RunAttribute(i.key);
      if (!IsSearchAttribute(k.key)) return Invalid("Invalid attribute key '" + i.key + "'");
    }
    out.push_back(std::move(k));
  }
  return out;
}

Result<LifecycleFilter> ViewType(const bj::object& o, std::string_view field) {
  const bj::value* v = o.if_contains(field);
  if (v == nullptr || v->is_null()) return LifecycleFilter::kActive;
  auto t = msg::ParseViewType(*v);
  if (!t) return InvalidValue(field, *v);
  switch (*t) {
    case msg::ViewType::kActiveOnly:
      return LifecycleFilter::kActive;
    case msg::ViewType::kDeletedOnly:
      return LifecycleFilter::kDeleted;
    case msg::ViewType::kAll:
      return LifecycleFilter::kAll;
  }
  return LifecycleFilter::kActive;
}

Result<std::vector<ExperimentClause>> ExperimentFilter(const std::string& text) {
  ASSIGN_OR_RETURN(auto clauses,
                   mlflow::ParseSearchFilter(mlflow::SearchGrammar::kExperiments, text));
  std::vector<ExperimentClause> out;
  for (const mlflow::FilterClause& c : clauses) {
    ExperimentClause e;
    e.op = OpText(c.op);
    if (c.type == "tag") {
      e.field = ExperimentClause::Field::kTag;
      e.key = c.key;
    } else if (c.key == "name") {
      e.field = ExperimentClause::Field::kName;
    } else if (c.key == "creation_time") {
      e.field = ExperimentClause::Field::kCreationTime;
    } else if (c.key == "last_update_time") {
      e.field = ExperimentClause::Field::kLastUpdateTime;
    } else {
      return Invalid("Invalid attribute key '" + c.key + "'");
    }
    if (e.field == ExperimentClause::Field::kCreationTime ||
        e.field == ExperimentClause::Field::kLastUpdateTime) {
      e.value = static_cast<int64_t>(std::floor(c.number.value_or(0.0)));
    } else if (const auto* s = std::get_if<std::string>(&c.value)) {
      e.value = *s;
    } else {
      return Invalid("Invalid value for '" + c.key + "'");
    }
    out.push_back(std::move(e));
  }
  return out;
}

Result<std::vector<ExperimentOrderKey>> ExperimentOrder(const std::vector<std::string>& items) {
  ASSIGN_OR_RETURN(auto parsed, mlflow::ParseOrderBy(mlflow::SearchGrammar::kExperiments, items));
  std::vector<ExperimentOrderKey> out;
  for (const mlflow::OrderByItem& i : parsed) {
    ExperimentOrderKey k;
    k.descending = !i.ascending;
    if (i.key == "name") {
      k.field = ExperimentOrderKey::Field::kName;
    } else if (i.key == "experiment_id") {
      k.field = ExperimentOrderKey::Field::kExperimentId;
    } else if (i.key == "creation_time") {
      k.field = ExperimentOrderKey::Field::kCreationTime;
    } else if (i.key == "last_update_time") {
      k.field = ExperimentOrderKey::Field::kLastUpdateTime;
    } else {
      return Invalid("Invalid order_by key '" + i.key + "'");
    }
    out.push_back(k);
  }
  return out;
}

Result<int64_t> PageOffset(const bj::object& o) {
  ASSIGN_OR_RETURN(auto token, OptionalString(o, "page_token"));
  if (!token || token->empty()) return int64_t{0};
  ASSIGN_OR_RETURN(int64_t offset, mlflow::DecodeOffsetPageToken(*token));
  if (offset < 0) return Invalid("Invalid page token, offset must not be negative");
  return offset;
}

// ---------------------------------------------------------------------------------------------
// Handlers

using Handler = Response (*)(TrackingService&, const Request&, const bj::object&);

Response CreateExperiment(TrackingService& svc, const Request& req, const bj::object& o) {
  auto name = RequiredString(o, "name");
  if (!name.ok()) return Error(name.status());
  auto location = OptionalString(o, "artifact_location");
  if (!location.ok()) return Error(location.status());
  if (*location && !(*location)->empty())
    return Error(
        Invalid("'artifact_location' is not supported: Cairn stores every run's "
                "artifacts itself (mlflow-artifacts:/<experiment id>)"));
  auto tags = KeyValues(o, "tags");
  if (!tags.ok()) return Error(tags.status());
  ExperimentCreate c;
  c.name = *name;
  StringMap m;
  for (const auto& t : *tags) {
    if (Status s = msg::ValidateKey("tag", t.key); !s.ok()) return Error(s);
    m[t.key] = t.value;
  }
  c.tags = std::move(m);
  auto e = svc.CreateExperiment(c, http::ActorFor(req));
  if (!e.ok()) {
    if (e.status().code() == StatusCode::kAlreadyExists)
      return Error(AlreadyExists("Experiment(name=" + *name + ") already exists."));
    return Error(e.status());
  }
  return Json({{"experiment_id", std::to_string(e->experiment_id)}});
}

Result<Experiment> ExperimentByIdParam(TrackingService& svc, const bj::object& o) {
  ASSIGN_OR_RETURN(std::string id, RequiredString(o, "experiment_id"));
  ASSIGN_OR_RETURN(int64_t n, ExperimentId(id));
  auto e = svc.GetExperimentInfo(n);
  if (!e.ok()) return ExperimentNotFoundById(e.status(), id);
  return e;
}

Response GetExperiment(TrackingService& svc, const Request&, const bj::object& o) {
  auto e = ExperimentByIdParam(svc, o);
  if (!e.ok()) return Error(e.status());
  return Json({{"experiment", msg::ToJson(ToMlflow(*e))}});
}

Response GetExperimentByName(TrackingService& svc, const Request&, const bj::object& o) {
  auto name = RequiredString(o, "experiment_name");
  if (!name.ok()) return Error(name.status());
  auto e = svc.GetExperimentInfo(*name);
  if (!e.ok()) {
    if (e.status().code() == StatusCode::kNotFound)
      return Error(NotFound("Could not find experiment with name '" + *name + "'"));
    return Error(e.status());
  }
  return Json({{"experiment", msg::ToJson(ToMlflow(*e))}});
}

Response SearchExperiments(TrackingService& svc, const Request&, const bj::object& o) {
  ExperimentSearch s;
  auto limit = MaxResults(o, kDefaultSearchExperiments);
  if (!limit.ok()) return Error(limit.status());
  s.limit = *limit;
  auto view = ViewType(o, "view_type");
  if (!view.ok()) return Error(view.status());
  s.lifecycle = *view;
  auto filter = OptionalString(o, "filter");
  if (!filter.ok()) return Error(filter.status());
  auto clauses = ExperimentFilter(filter->value_or(""));
  if (!clauses.ok()) return Error(clauses.status());
  s.filter = std::move(*clauses);
  auto order = StringList(o, "order_by");
  if (!order.ok()) return Error(order.status());
  auto keys = ExperimentOrder(*order);
  if (!keys.ok()) return Error(keys.status());
  s.order_by = std::move(*keys);
  auto offset = PageOffset(o);
  if (!offset.ok()) return Error(offset.status());
  s.offset = *offset;
  auto page = svc.SearchExperiments(s);
  if (!page.ok()) return Error(page.status());
  bj::object out;
  if (!page->items.empty()) {
    bj::array a;
    for (const auto& e : page->items) a.push_back(msg::ToJson(ToMlflow(e)));
    out["experiments"] = std::move(a);
  }
  if (MoreMayFollow(page->has_more, page->items.size(), s.limit))
    out["next_page_token"] = mlflow::EncodeOffsetPageToken(s.offset + s.limit);
  return Json(std::move(out));
}

Response UpdateExperiment(TrackingService& svc, const Request& req, const bj::object& o) {
  auto id = RequiredString(o, "experiment_id");
  if (!id.ok()) return Error(id.status());
  auto name = RequiredString(o, "new_name");
  if (!name.ok()) return Error(name.status());
  auto n = ExperimentId(*id);
  if (!n.ok()) return Error(n.status());
  ExperimentPatch p;
  p.name = *name;
  auto e = svc.UpdateExperiment(*n, p, std::nullopt, http::ActorFor(req));
  if (!e.ok()) {
    if (e.status().code() == StatusCode::kAlreadyExists)
      return Error(AlreadyExists("Experiment(name=" + *name + ") already exists."));
    return Error(ExperimentNotFoundById(e.status(), *id));
  }
  return Json({});
}

Response ChangeExperimentLifecycle(TrackingService& svc, const Request& req, const bj::object& o,
                                   bool deleted) {
  auto id = RequiredString(o, "experiment_id");
  if (!id.ok()) return Error(id.status());
  auto n = ExperimentId(*id);
  if (!n.ok()) return Error(n.status());
  auto e = deleted ? svc.DeleteExperiment(*n, std::nullopt, http::ActorFor(req))
                   : svc.RestoreExperiment(*n, std::nullopt, http::ActorFor(req));
  if (!e.ok()) return Error(ExperimentNotFoundById(e.status(), *id));
  return Json({});
}

Response DeleteExperiment(TrackingService& svc, const Request& req, const bj::object& o) {
  return ChangeExperimentLifecycle(svc, req, o, true);
}

Response RestoreExperiment(TrackingService& svc, const Request& req, const bj::object& o) {
  return ChangeExperimentLifecycle(svc, req, o, false);
}

Response SetExperimentTag(TrackingService& svc, const Request& req, const bj::object& o) {
  auto id = RequiredString(o, "experiment_id");
  if (!id.ok()) return Error(id.status());
  auto key = RequiredString(o, "key");
  if (!key.ok()) return Error(key.status());
  auto value = OptionalString(o, "value");
  if (!value.ok()) return Error(value.status());
  if (Status s = msg::ValidateKey("tag", *key); !s.ok()) return Error(s);
  const std::string v = value->value_or("");
  if (v.size() > msg::kMaxTagValueLength)
    return Error(Invalid("Tag value '" + v.substr(0, 20) + "...' had length " +
                         std::to_string(v.size()) + ", which exceeded length limit of 5000"));
  auto n = ExperimentId(*id);
  if (!n.ok()) return Error(n.status());
  ExperimentPatch p;
  p.set_tags = StringMap{{*key, v}};
  auto e = svc.UpdateExperiment(*n, p, std::nullopt, http::ActorFor(req));
  if (!e.ok()) return Error(ExperimentNotFoundById(e.status(), *id));
  return Json({});
}

// --- runs

Response CreateRun(TrackingService& svc, const Request& req, const bj::object& o) {
  auto id = RequiredString(o, "experiment_id");
  if (!id.ok()) return Error(id.status());
  auto user = OptionalString(o, "user_id");
  if (!user.ok()) return Error(user.status());
  auto name = OptionalString(o, "run_name");
  if (!name.ok()) return Error(name.status());
  auto start = OptionalInt64(o, "start_time");
  if (!start.ok()) return Error(start.status());
  auto tags = KeyValues(o, "tags");
  if (!tags.ok()) return Error(tags.status());
  auto n = ExperimentId(*id);
  if (!n.ok()) return Error(n.status());
  RunCreate c;
  c.experiment_id = *n;
  c.user_id = *user;
  c.start_time = *start;
  StringMap m;
  for (const auto& t : *tags) {
    if (Status s = msg::ValidateKey("tag", t.key); !s.ok()) return Error(s);
    m[t.key] = t.value.substr(0, msg::kMaxTagValueLength);
  }
  std::string run_name = name->value_or("");
  if (auto it = m.find(kRunNameTag); it != m.end()) {
    if (run_name.empty()) run_name = it->second;
    m.erase(it);
  }
  if (!run_name.empty()) c.name = run_name;
  c.tags = std::move(m);
  auto run = svc.CreateRun(c, http::ActorFor(req));
  if (!run.ok()) return Error(ExperimentNotFoundById(run.status(), *id));
  // A new run has no inputs, and MLflow's create answer omits the field.
  return Json({{"run", msg::ToJson(ToMlflow(*run))}});
}

Response GetRun(TrackingService& svc, const Request&, const bj::object& o) {
  auto id = RunIdParam(o);
  if (!id.ok()) return Error(id.status());
  auto run = svc.GetRun(*id);
  if (!run.ok()) return Error(RunNotFound(run.status(), *id));
  return Json({{"run", RunJson(*run)}});
}

Response UpdateRun(TrackingService& svc, const Request& req, const bj::object& o) {
  auto id = RunIdParam(o);
  if (!id.ok()) return Error(id.status());
  RunInfoUpdate u;
  if (const bj::value* s = o.if_contains("status"); s && !s->is_null()) {
    // An unknown status is ignored, as MLflow's server does.
    if (auto st = msg::ParseRunStatus(*s)) u.status = FromMlflow(*st);
  }
  auto end = OptionalInt64(o, "end_time");
  if (!end.ok()) return Error(end.status());
  u.end_time = *end;
  auto name = OptionalString(o, "run_name");
  if (!name.ok()) return Error(name.status());
  u.name = *name;
  auto run = svc.UpdateRunInfo(*id, u, http::ActorFor(req));
  if (!run.ok()) return Error(RunNotFound(run.status(), *id));
  return Json({{"run_info", msg::ToJson(InfoOf(*run))}});
}

Response ChangeRunLifecycle(TrackingService& svc, const Request& req, const bj::object& o,
                            bool deleted) {
  auto id = RunIdParam(o);
  if (!id.ok()) return Error(id.status());
  auto run = deleted ? svc.DeleteRun(*id, std::nullopt, http::ActorFor(req))
                     : svc.RestoreRun(*id, std::nullopt, http::ActorFor(req));
  if (!run.ok()) return Error(RunNotFound(run.status(), *id));
  return Json({});
}

Response DeleteRun(TrackingService& svc, const Request& req, const bj::object& o) {
  return ChangeRunLifecycle(svc, req, o, true);
}

Response RestoreRun(TrackingService& svc, const Request& req, const bj::object& o) {
  return ChangeRunLifecycle(svc, req, o, false);
}

Response SearchRuns(TrackingService& svc, const Request&, const bj::object& o) {
  RunSearch s;
  auto ids = StringList(o, "experiment_ids");
  if (!ids.ok()) return Error(ids.status());
  for (const std::string& id : *ids) {
    auto n = ExperimentId(id);
    if (n.ok()) s.experiment_ids.push_back(*n);  // an id no experiment has matches nothing
  }
  auto filter = OptionalString(o, "filter");
  if (!filter.ok()) return Error(filter.status());
  auto clauses = RunFilter(filter->value_or(""));
  if (!clauses.ok()) return Error(clauses.status());
  s.filter = std::move(*clauses);
  auto order = StringList(o, "order_by");
  if (!order.ok()) return Error(order.status());
  auto keys = RunOrder(*order);
  if (!keys.ok()) return Error(keys.status());
  s.order_by = std::move(*keys);
  auto view = ViewType(o, "run_view_type");
  if (!view.ok()) return Error(view.status());
  s.lifecycle = *view;
  auto limit = MaxResults(o, kDefaultSearchRuns);
  if (!limit.ok()) return Error(limit.status());
  s.limit = *limit;
  auto offset = PageOffset(o);
  if (!offset.ok()) return Error(offset.status());
  s.offset = *offset;
  if (s.experiment_ids.empty()) return Json({});
  auto page = svc.SearchRuns(s);
  if (!page.ok()) return Error(page.status());
  bj::object out;
  if (!page->items.empty()) {
    bj::array a;
    for (const auto& r : page->items) a.push_back(RunJson(r));
    out["runs"] = std::move(a);
  }
  if (MoreMayFollow(page->has_more, page->items.size(), s.limit))
    out["next_page_token"] = mlflow::EncodeOffsetPageToken(s.offset + s.limit);
  return Json(std::move(out));
}

// MLflow stores ±infinity as ±DBL_MAX.
double Clamp(double v) {
  if (std::isinf(v))
    return v > 0 ? std::numeric_limits<double>::max() : -std::numeric_limits<double>::max();
  return v;
}

Response ApplyLog(TrackingService& svc, const Request& req, const std::string& run_id, RunLog log) {
  auto result = svc.LogToRun(run_id, std::move(log), http::ActorFor(req));
  if (!result.ok()) return Error(RunNotFound(result.status(), run_id));
  if (!result->param_conflicts.empty()) {
    const ParamConflict& c = result->param_conflicts.front();
    return Error(Invalid("Changing param values is not allowed. Param with key='" + c.key +
                         "' was already logged with value='" + c.logged_value + "' for run ID='" +
                         run_id + "'. Attempted logging new value '" + c.new_value + "'."));
  }
  return Json({});
}

Response LogMetric(TrackingService& svc, const Request& req, const bj::object& o) {
  auto id = RunIdParam(o);
  if (!id.ok()) return Error(id.status());
  auto key = RequiredString(o, "key");
  if (!key.ok()) return Error(key.status());
  if (!Present(o, "value")) return Error(Missing("value"));
  auto value = msg::ReadDouble(o.at("value"));
  if (!value) return Error(InvalidValue("value", o.at("value")));
  if (!Present(o, "timestamp")) return Error(Missing("timestamp"));
  auto ts = OptionalInt64(o, "timestamp");
  if (!ts.ok()) return Error(ts.status());
  auto step = OptionalInt64(o, "step");
  if (!step.ok()) return Error(step.status());
  if (Status s = msg::ValidateRunId(*id); !s.ok()) return Error(s);
  if (Status s = msg::ValidateKey("metric", *key); !s.ok()) return Error(s);
  RunLog log;
  log.metrics.series.push_back({*key, {{step->value_or(0), ts->value_or(0), Clamp(*value)}}});
  log.metrics.total_points = 1;
  return ApplyLog(svc, req, *id, std::move(log));
}

Status CheckKeyLength(std::string_view what, const std::string& key) {
  if (key.size() > msg::kMaxEntityKeyLength)
    return Invalid(std::string(what) + " key '" + key + "' had length " +
                   std::to_string(key.size()) + ", which exceeded length limit of 250");
  return Status::Ok();
}

Response LogParam(TrackingService& svc, const Request& req, const bj::object& o) {
  auto id = RunIdParam(o);
  if (!id.ok()) return Error(id.status());
  auto key = RequiredString(o, "key");
  if (!key.ok()) return Error(key.status());
  auto value = OptionalString(o, "value");
  if (!value.ok()) return Error(value.status());
  if (Status s = msg::ValidateRunId(*id); !s.ok()) return Error(s);
  if (Status s = msg::ValidateKey("parameter", *key); !s.ok()) return Error(s);
  if (Status s = CheckKeyLength("Param", *key); !s.ok()) return Error(s);
  RunLog log;
  log.params[*key] = value->value_or("").substr(0, msg::kMaxParamValueLength);
  return ApplyLog(svc, req, *id, std::move(log));
}

Response SetTag(TrackingService& svc, const Request& req, const bj::object& o) {
  auto id = RunIdParam(o);
  if (!id.ok()) return Error(id.status());
  auto key = RequiredString(o, "key");
  if (!key.ok()) return Error(key.status());
  auto value = OptionalString(o, "value");
  if (!value.ok()) return Error(value.status());
  if (Status s = msg::ValidateRunId(*id); !s.ok()) return Error(s);
  if (Status s = msg::ValidateKey("tag", *key); !s.ok()) return Error(s);
  if (Status s = CheckKeyLength("Tag", *key); !s.ok()) return Error(s);
  RunLog log;
  log.set_tags[*key] = value->value_or("").substr(0, msg::kMaxTagValueLength);
  return ApplyLog(svc, req, *id, std::move(log));
}

Response DeleteTag(TrackingService& svc, const Request& req, const bj::object& o) {
  auto id = RunIdParam(o);
  if (!id.ok()) return Error(id.status());
  auto key = RequiredString(o, "key");
  if (!key.ok()) return Error(key.status());
  if (Status s = msg::ValidateRunId(*id); !s.ok()) return Error(s);
  RunLog log;
  log.delete_tags.push_back(*key);
  auto result = svc.LogToRun(*id, std::move(log), http::ActorFor(req));
  if (!result.ok()) {
    if (result.status().code() == StatusCode::kNotFound &&
        result.status().message().rfind("tag '", 0) == 0)
      return Error(NotFound("No tag with name: " + *key + " in run with id " + *id));
    return Error(RunNotFound(result.status(), *id));
  }
  return Json({});
}

Response LogBatch(TrackingService& svc, const Request& req, const bj::object& o) {
  auto batch = msg::ReadLogBatch(bj::value(o));
  if (!batch.ok()) return Error(batch.status());
  RunLog log;
  std::map<std::string, size_t> series_of;
  for (const msg::Metric& m : batch->metrics) {
    auto [it, fresh] = series_of.emplace(m.key, log.metrics.series.size());
    if (fresh) log.metrics.series.push_back({m.key, {}});
    log.metrics.series[it->second].points.push_back({m.step, m.timestamp, Clamp(m.value)});
  }
  log.metrics.total_points = batch->metrics.size();
  for (const auto& p : batch->params) log.params[p.key] = p.value;
  for (const auto& t : batch->tags) log.set_tags[t.key] = t.value;
  return ApplyLog(svc, req, batch->run_id, std::move(log));
}

Response LogInputs(TrackingService& svc, const Request& req, const bj::object& o) {
  auto id = RunIdParam(o);
  if (!id.ok()) return Error(id.status());
  const bj::value* datasets = o.if_contains("datasets");
  if (datasets == nullptr || datasets->is_null()) return Error(Missing("datasets"));
  if (!datasets->is_array()) return Error(InvalidValue("datasets", *datasets));
  RunLog log;
  for (const bj::value& e : datasets->get_array()) {
    if (!e.is_object()) return Error(InvalidValue("datasets", *datasets));
    const bj::object& in = e.get_object();
    auto tags = KeyValues(in, "tags");
    if (!tags.ok()) return Error(tags.status());
    const bj::value* d = in.if_contains("dataset");
    if (d == nullptr || !d->is_object()) return Error(InvalidValue("datasets", *datasets));
    const bj::object& ds = d->get_object();
    DatasetInput input;
    auto name = RequiredString(ds, "name");
    if (!name.ok()) return Error(name.status());
    input.name = *name;
    for (auto [field, sink] :
         {std::pair{"digest", &input.digest}, std::pair{"source_type", &input.source_type},
          std::pair{"source", &input.source}}) {
      auto v = OptionalString(ds, field);
      if (!v.ok()) return Error(v.status());
      *sink = v->value_or("");
    }
    auto schema = OptionalString(ds, "schema");
    if (!schema.ok()) return Error(schema.status());
    input.schema = *schema;
    auto profile = OptionalString(ds, "profile");
    if (!profile.ok()) return Error(profile.status());
    input.profile = *profile;
    for (const auto& t : *tags) input.tags[t.key] = t.value;
    log.inputs.push_back(std::move(input));
  }
  return ApplyLog(svc, req, *id, std::move(log));
}

// MLflow's {"metrics":[...]} for a non-empty history, produced piece by piece while the response
// is written (as GET /runs/{id}/metrics/{key} does): each piece reads the next blocks in a short
// read transaction of its own and serializes each point as the one-document answer did, so the
// bytes are the same.
class MlflowHistoryBody final : public http::BodyProducer {
 public:
  MlflowHistoryBody(std::unique_ptr<MetricHistoryCursor> cursor, std::string key)
      : cursor_(std::move(cursor)), key_(std::move(key)) {}

  Status Next(std::string& out) override {
    if (done_) return Status::Ok();
    if (CancellationRequested()) return Cancelled();
    if (!started_) {
      out = "{\"metrics\":[";
      started_ = true;
    }
    struct Encode final : MetricPointSink {
      MlflowHistoryBody* self;
      std::string* out;
      void Begin(size_t, bool) override {}
      void Append(std::span<const MetricPoint> points) override {
        for (const MetricPoint& p : points) {
          if (!self->first_) out->push_back(',');
          self->first_ = false;
          out->append(bj::serialize(
              msg::ToJson(msg::Metric{self->key_, p.value, p.timestamp, p.step, std::nullopt})));
        }
      }
    } encode;
    encode.self = this;
    encode.out = &out;
    // A piece that kept no point (an end block outside the range) must not end the body early.
    while (true) {
      ASSIGN_OR_RETURN(const bool more, cursor_->Next(encode, kMlflowHistoryPointsPerPiece));
      if (!more) {
        out += "]}";
        done_ = true;
        return Status::Ok();
      }
      if (!out.empty()) return Status::Ok();
    }
  }

 private:
  // About 1 MiB of JSON per piece (points take ~70 bytes).
  static constexpr size_t kMlflowHistoryPointsPerPiece = 16 * 1024;

  std::unique_ptr<MetricHistoryCursor> cursor_;
  std::string key_;
  bool started_ = false;
  bool first_ = true;
  bool done_ = false;
};

Response GetMetricHistory(TrackingService& svc, const Request&, const bj::object& o) {
  auto id = RunIdParam(o);
  if (!id.ok()) return Error(id.status());
  auto key = RequiredString(o, "metric_key");
  if (!key.ok()) return Error(key.status());
  auto cursor = svc.OpenMetricHistory(*id, *key, {});
  // An unknown run, or a key no metric can have, has no history (MLflow answers {}).
  if (!cursor.ok() && (cursor.status().code() == StatusCode::kNotFound ||
                       cursor.status().code() == StatusCode::kInvalidArgument))
    return Json({});
  if (!cursor.ok()) return Error(cursor.status());
  if ((*cursor)->count() == 0) return Json({});
  return Response::Streamed(200, "application/json",
                            std::make_unique<MlflowHistoryBody>(std::move(*cursor), *key));
}

// MLflow's get-history-bulk-interval: the steps of `metric_key` over every run, sampled to at
// most max_results (per MLflow's handler: evenly spaced indexes into the sorted distinct steps,
// the last one, and each run's first and last step inside the range), then every point of each
// run at those steps, ordered by step then timestamp.
Response GetMetricHistoryBulkInterval(TrackingService& svc, const Request&, const bj::object& o) {
  constexpr size_t kMaxRuns = 100;
  constexpr int64_t kMaxPerRun = 2500;
  constexpr size_t kMaxPoints = 25000;
  if (!Present(o, "run_ids")) return Error(Missing("run_ids"));
  auto run_ids = StringList(o, "run_ids");
  if (!run_ids.ok()) return Error(run_ids.status());
  if (run_ids->size() > kMaxRuns)
    return Error(
        Invalid("GetMetricHistoryBulkInterval request must specify at most 100 "
                "run_ids. Received " +
                std::to_string(run_ids->size()) + " run_ids." + kDocsHint));
  auto key = RequiredString(o, "metric_key");
  if (!key.ok()) return Error(key.status());
  auto start = OptionalInt64(o, "start_step");
  if (!start.ok()) return Error(start.status());
  auto end = OptionalInt64(o, "end_step");
  if (!end.ok()) return Error(end.status());
  auto max = OptionalInt64(o, "max_results");
  if (!max.ok()) return Error(max.status());
  const int64_t max_results = max->value_or(kMaxPerRun);
  if (max_results < 1 || max_results > kMaxPerRun)
    return Error(Invalid(std::string("max_results must be between 1 and 2500.") + kDocsHint));
  if (*start && *end && **start > **end)
    return Error(Invalid("end_step must be greater than start_step. Found start_step=" +
                         std::to_string(**start) + " and end_step=" + std::to_string(**end) + "."));
  if (start->has_value() != end->has_value())
    return Error(
        Invalid("If either start step or end step are specified, both must be specified."));

  std::vector<std::pair<std::string, std::vector<MetricPoint>>> runs;
  std::vector<int64_t> all_steps;
  std::vector<int64_t> mins_and_maxes;
  for (const std::string& id : *run_ids) {
    auto h = svc.GetMetricHistory(id, *key, {});
    if (!h.ok()) {
      if (h.status().code() == StatusCode::kNotFound ||
          h.status().code() == StatusCode::kInvalidArgument)
        continue;  // MLflow's store reads an unknown run as an empty history
      return Error(h.status());
    }
    if (h->points.empty()) continue;
    for (const MetricPoint& p : h->points) all_steps.push_back(p.step);
    mins_and_maxes.push_back(h->points.front().step);  // points are ordered by step
    mins_and_maxes.push_back(h->points.back().step);
    runs.emplace_back(id, std::move(h->points));
  }
  std::sort(all_steps.begin(), all_steps.end());
  all_steps.erase(std::unique(all_steps.begin(), all_steps.end()), all_steps.end());
  const int64_t lo = start->value_or(0);
  const int64_t hi = end->value_or(all_steps.empty() ? 0 : all_steps.back());
  std::vector<int64_t> steps;
  for (int64_t m : mins_and_maxes) {
    if (lo <= m && m <= hi) steps.push_back(m);
  }
  const auto first = std::lower_bound(all_steps.begin(), all_steps.end(), lo) - all_steps.begin();
  const auto last = std::upper_bound(all_steps.begin(), all_steps.end(), hi) - all_steps.begin();
  const int64_t count = last - first;
  if (count <= max_results) {
    steps.insert(steps.end(), all_steps.begin() + first, all_steps.begin() + last);
  } else {
    const double interval = static_cast<double>(count) / static_cast<double>(max_results);
    for (int64_t i = 0; i < max_results; ++i) {
      // As MLflow's handler: the index is compared with the count, not with the end.
      const auto idx = first + static_cast<int64_t>(static_cast<double>(i) * interval);
      if (idx < count) steps.push_back(all_steps[static_cast<size_t>(idx)]);
    }
    steps.push_back(all_steps[static_cast<size_t>(last - 1)]);
  }
  std::sort(steps.begin(), steps.end());
  steps.erase(std::unique(steps.begin(), steps.end()), steps.end());

  bj::array out;
  for (auto& [id, points] : runs) {
    std::vector<const MetricPoint*> picked;
    for (const MetricPoint& p : points) {
      if (std::binary_search(steps.begin(), steps.end(), p.step)) picked.push_back(&p);
    }
    std::stable_sort(picked.begin(), picked.end(), [](const MetricPoint* a, const MetricPoint* b) {
      return a->step != b->step ? a->step < b->step : a->timestamp < b->timestamp;
    });
    if (picked.size() > kMaxPoints) picked.resize(kMaxPoints);
    for (const MetricPoint* p : picked)
      out.push_back(msg::ToJson(msg::Metric{*key, p->value, p->timestamp, p->step, id}));
  }
  bj::object body;
  if (!out.empty()) body["metrics"] = std::move(out);
  return Json(std::move(body));
}

// --- log-model

// Python's json.dumps (default separators, ensure_ascii) of a JSON value, key order kept: the
// text MLflow stores in the mlflow.log-model.history tag.
void AppendPyJsonString(std::string& out, std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  auto u16 = [&](uint32_t c) {
    out += "\\u";
    for (int shift = 12; shift >= 0; shift -= 4) out += kHex[(c >> shift) & 0xF];
  };
  out += '"';
  for (size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      switch (c) {
        case '"':
          out += "\\\"";
          break;
        case '\\':
          out += "\\\\";
          break;
        case '\n':
          out += "\\n";
          break;
        case '\r':
          out += "\\r";
          break;
        case '\t':
          out += "\\t";
          break;
        case '\b':
          out += "\\b";
          break;
        case '\f':
          out += "\\f";
          break;
        default:
          if (c < 0x20) {
            u16(c);
          } else {
            out += static_cast<char>(c);
          }
      }
      ++i;
      continue;
    }
    // UTF-8 sequence (Boost.JSON produced valid UTF-8) → \uXXXX, surrogate pairs above U+FFFF.
    const int len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
    uint32_t cp = c & (len == 4 ? 0x07 : len == 3 ? 0x0F : 0x1F);
    for (int k = 1; k < len && i + static_cast<size_t>(k) < s.size(); ++k)
      cp = (cp << 6) | (static_cast<unsigned char>(s[i + static_cast<size_t>(k)]) & 0x3F);
    i += static_cast<size_t>(len);
    if (cp >= 0x10000) {
      cp -= 0x10000;
      u16(0xD800 + (cp >> 10));
      u16(0xDC00 + (cp & 0x3FF));
    } else {
      u16(cp);
    }
  }
  out += '"';
}

void AppendPyJson(std::string& out, const bj::value& v) {
  switch (v.kind()) {
    case bj::kind::null:
      out += "null";
      return;
    case bj::kind::bool_:
      out += v.get_bool() ? "true" : "false";
      return;
    case bj::kind::int64:
      out += std::to_string(v.get_int64());
      return;
    case bj::kind::uint64:
      out += std::to_string(v.get_uint64());
      return;
    case bj::kind::double_: {
      const double d = v.get_double();
      if (std::isnan(d)) {
        out += "NaN";
      } else if (std::isinf(d)) {
        out += d > 0 ? "Infinity" : "-Infinity";
      } else {
        char buf[64];
        auto [end, ec] = std::to_chars(buf, buf + sizeof buf, d);
        std::string text(buf, ec == std::errc() ? end : buf);
        if (text.find_first_of(".en") == std::string::npos) text += ".0";
        out += text;
      }
      return;
    }
    case bj::kind::string:
      AppendPyJsonString(out, v.get_string());
      return;
    case bj::kind::array: {
      out += '[';
      bool first = true;
      for (const bj::value& e : v.get_array()) {
        if (!first) out += ", ";
        first = false;
        AppendPyJson(out, e);
      }
      out += ']';
      return;
    }
    case bj::kind::object: {
      out += '{';
      bool first = true;
      for (const auto& kv : v.get_object()) {
        if (!first) out += ", ";
        first = false;
        AppendPyJsonString(out, kv.key());
        out += ": ";
        AppendPyJson(out, kv.value());
      }
      out += '}';
      return;
    }
  }
}

// The model dict as MLflow's Model.from_dict(...).to_dict() orders it: run_id, artifact_path,
// utc_time_created, flavors, model_uuid (null when absent), mlflow_version (when set), the other
// fields as given, then signature, saved_input_example_info, metadata, resources and
// model_size_bytes when set.
bj::object ModelDict(const bj::object& model) {
  bj::object out;
  auto copy = [&](std::string_view k) {
    if (const bj::value* v = model.if_contains(k)) out[k] = *v;
  };
  copy("run_id");
  copy("artifact_path");
  copy("utc_time_created");
  out["flavors"] = model.contains("flavors") && !model.at("flavors").is_null()
                       ? model.at("flavors")
                       : bj::value(bj::object{});
  out["model_uuid"] = model.contains("model_uuid") ? model.at("model_uuid") : bj::value(nullptr);
  if (const bj::value* v = model.if_contains("mlflow_version"); v && !v->is_null())
    out["mlflow_version"] = *v;
  static constexpr std::string_view kLate[] = {"signature", "saved_input_example_info", "metadata",
                                               "resources", "model_size_bytes"};
  for (const auto& kv : model) {
    const std::string_view k = kv.key();
    if (k == "run_id" || k == "artifact_path" || k == "utc_time_created" || k == "flavors" ||
        k == "model_uuid" || k == "mlflow_version" ||
        std::find(std::begin(kLate), std::end(kLate), k) != std::end(kLate))
      continue;
    out[k] = kv.value();
  }
  for (const std::string_view k : kLate) {
    if (const bj::value* v = model.if_contains(k); v && !v->is_null()) out[k] = *v;
  }
  return out;
}

Response LogModel(TrackingService& svc, const Request& req, const bj::object& o) {
  auto id = RunIdParam(o);
  if (!id.ok()) return Error(id.status());
  auto text = RequiredString(o, "model_json");
  if (!text.ok()) return Error(text.status());
  boost::system::error_code ec;
  bj::value model = bj::parse(*text, ec);
  if (ec || !model.is_object())
    return Error(Invalid("Malformed model info. \n " + *text + " \n is not a valid JSON."));
  std::vector<std::string> missing;
  for (const char* f : {"artifact_path", "flavors", "run_id", "utc_time_created"}) {
    if (!model.get_object().contains(f)) missing.emplace_back(std::string("'") + f + "'");
  }
  if (!missing.empty()) {
    std::string list;
    for (const auto& m : missing) list += (list.empty() ? "" : ", ") + m;
    return Error(Invalid("Model json is missing mandatory fields: {" + list + "}"));
  }
  RunLog log;
  std::string dumped;
  AppendPyJson(dumped, ModelDict(model.get_object()));
  log.append_logged_model = std::move(dumped);
  return ApplyLog(svc, req, *id, std::move(log));
}

// --- artifacts: artifacts/list and the mlflow-artifacts proxy
//
// A run's artifact_uri is mlflow-artifacts:/<experiment id>/<run id>/artifacts, so the proxy
// path <experiment id>/<run id>/artifacts/<path> is the run's native artifact <path>: the same
// files, sha256 recorded, listed and served by the native API too.

Status InvalidPath() { return Invalid("Invalid path"); }

// MLflow's rule for client-supplied artifact paths: relative, no `..` component, no backslash
// or NUL (Cairn: nor control characters).
bool SafeRelativePath(std::string_view p) {
  if (p.empty()) return true;
  if (p.front() == '/') return false;
  size_t start = 0;
  while (start <= p.size()) {
    size_t end = p.find('/', start);
    if (end == std::string_view::npos) end = p.size();
    if (p.substr(start, end - start) == "..") return false;
    start = end + 1;
  }
  for (char c : p) {
    if (c == '\\' || static_cast<unsigned char>(c) < 0x20) return false;
  }
  return true;
}

std::string TrimSlashes(std::string_view p) {
  while (!p.empty() && p.front() == '/') p.remove_prefix(1);
  while (!p.empty() && p.back() == '/') p.remove_suffix(1);
  return std::string(p);
}

std::vector<std::string> SplitPath(std::string_view p) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (start < p.size()) {
    size_t end = p.find('/', start);
    if (end == std::string_view::npos) end = p.size();
    if (end > start) parts.emplace_back(p.substr(start, end - start));
    start = end + 1;
  }
  return parts;
}

// The direct children of `dir` ("" for the root) among a run's artifacts, by name; paths are
// `prefix` + the child's name.
std::vector<msg::FileInfo> Children(const std::vector<Artifact>& artifacts, const std::string& dir,
                                    const std::string& prefix) {
  std::map<std::string, msg::FileInfo> out;
  const std::string base = dir.empty() ? "" : dir + "/";
  for (const Artifact& a : artifacts) {
    if (a.path.compare(0, base.size(), base) != 0) continue;
    const std::string rest = a.path.substr(base.size());
    if (rest.empty()) continue;
    const size_t slash = rest.find('/');
    msg::FileInfo f;
    if (slash == std::string::npos) {
      f.path = prefix + rest;
      if (a.size_bytes > 0) f.file_size = a.size_bytes;
      out[rest] = f;
    } else {
      const std::string name = rest.substr(0, slash);
      f.path = prefix + name;
      f.is_dir = true;
      out[name] = f;
    }
  }
  std::vector<msg::FileInfo> files;
  for (auto& [name, f] : out) files.push_back(std::move(f));
  return files;
}

bj::object FilesJson(const std::vector<msg::FileInfo>& files) {
  bj::object o;
  if (!files.empty()) {
    bj::array a;
    for (const auto& f : files) a.push_back(msg::ToJson(f));
    o["files"] = std::move(a);
  }
  return o;
}

Response ListRunArtifacts(TrackingService& svc, const Request&, const bj::object& o) {
  auto id = RunIdParam(o);
  if (!id.ok()) return Error(id.status());
  auto path = OptionalString(o, "path");
  if (!path.ok()) return Error(path.status());
  const std::string dir = TrimSlashes(path->value_or(""));
  if (!SafeRelativePath(dir)) return Error(InvalidPath());
  auto run = svc.GetRun(*id);
  if (!run.ok()) return Error(RunNotFound(run.status(), *id));
  const msg::RunInfo info = InfoOf(*run);
  bj::object out = FilesJson(Children(run->artifacts, dir, dir.empty() ? "" : dir + "/"));
  out["root_uri"] = info.artifact_uri;
  return Json(std::move(out));
}

// A proxy path <experiment id>/<run id>/artifacts/<path>: the run (checked to belong to that
// experiment) and <path>. NotFound when no run is there.
struct ProxyTarget {
  Run run;
  std::string path;
};

Result<ProxyTarget> ResolveProxyPath(TrackingService& svc, const std::string& full) {
  if (!SafeRelativePath(full)) return InvalidPath();
  std::vector<std::string> parts = SplitPath(full);
  if (parts.size() < 3 || parts[2] != "artifacts")
    return NotFound("no run artifacts at '" + full + "'");
  auto experiment = ExperimentId(parts[0]);
  if (!experiment.ok()) return NotFound("no run artifacts at '" + full + "'");
  auto run = svc.GetRun(parts[1]);
  if (!run.ok() || run->experiment_id != *experiment) {
    if (!run.ok() && run.status().code() != StatusCode::kNotFound) return run.status();
    return NotFound("no run artifacts at '" + full + "'");
  }
  std::string rest;
  for (size_t i = 3; i < parts.size(); ++i) rest += (rest.empty() ? "" : "/") + parts[i];
  return ProxyTarget{std::move(*run), std::move(rest)};
}

Response ProxyList(TrackingService& svc, const Request&, const bj::object& o) {
  auto path = OptionalString(o, "path");
  if (!path.ok()) return Error(path.status());
  const std::string full = TrimSlashes(path->value_or(""));
  if (!SafeRelativePath(full)) return Error(InvalidPath());
  const std::vector<std::string> parts = SplitPath(full);
  std::vector<msg::FileInfo> files;
  if (parts.size() <= 1) {
    std::optional<int64_t> experiment;
    if (parts.size() == 1) {
      auto n = ExperimentId(parts[0]);
      if (!n.ok()) return Json({});
      experiment = *n;
    }
    auto owners = svc.ListArtifactOwners(experiment);
    if (!owners.ok()) return Error(owners.status());
    std::map<std::string, msg::FileInfo> dirs;
    for (const ArtifactOwner& a : *owners) {
      const std::string name =
          experiment ? UndashedUuid(a.run_id) : std::to_string(a.experiment_id);
      dirs[name] = msg::FileInfo{name, true, std::nullopt};
    }
    for (auto& [name, f] : dirs) files.push_back(std::move(f));
    return Json(FilesJson(files));
  }
  if (parts.size() == 2) {
    auto target = ResolveProxyPath(svc, full + "/artifacts");
    if (!target.ok() || target->run.artifacts.empty()) return Json({});
    return Json(FilesJson({msg::FileInfo{"artifacts", true, std::nullopt}}));
  }
  auto target = ResolveProxyPath(svc, full);
  if (!target.ok()) {
    if (target.status().code() == StatusCode::kNotFound) return Json({});
    return Error(target.status());
  }
  return Json(FilesJson(Children(target->run.artifacts, target->path, "")));
}

std::string GuessContentType(std::string_view path) {
  const size_t slash = path.rfind('/');
  const std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
  const size_t dot = name.rfind('.');
  std::string ext = dot == std::string_view::npos ? "" : std::string(name.substr(dot + 1));
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  // MLflow serves its text files (MLmodel, requirements, logs, tables) as text/plain.
  if (ext.empty() || ext == "txt" || ext == "csv" || ext == "log" || ext == "md" || ext == "yaml" ||
      ext == "yml" || ext == "py" || ext == "tsv")
    return name == "MLmodel" || !ext.empty() ? "text/plain" : "application/octet-stream";
  if (ext == "json") return "application/json";
  if (ext == "html") return "text/html";
  if (ext == "png") return "image/png";
  if (ext == "jpg" || ext == "jpeg") return "image/jpeg";
  return "application/octet-stream";
}

Response ProxyDownload(TrackingService& svc, const Request& req) {
  auto target = ResolveProxyPath(svc, req.Param("path"));
  if (!target.ok()) return Error(target.status());
  if (target->path.empty()) return Error(InvalidPath());
  auto f = svc.GetArtifact(target->run.run_id, target->path);
  if (!f.ok()) return Error(f.status());
  Response r;
  r.status = 200;
  r.content_type = GuessContentType(target->path);
  r.file = f->file;
  r.headers.emplace_back("X-Content-SHA256", f->artifact.sha256);
  return r;
}

Response ProxyUpload(TrackingService& svc, const Request& req) {
  auto target = ResolveProxyPath(svc, req.Param("path"));
  if (!target.ok()) return Error(target.status());
  if (target->path.empty()) return Error(InvalidPath());
  std::string content_type(req.Header("content-type").value_or("application/octet-stream"));
  std::string body_file;
  if (req.body_file) {
    body_file = *req.body_file;
  } else {
    // An empty body (Content-Length: 0) arrives without a file: an empty artifact.
    std::error_code ec;
    body_file =
        (std::filesystem::temp_directory_path(ec) / ("cairn-upload-empty-" + NewUuid())).string();
    if (ec || !std::ofstream(body_file, std::ios::binary).good())
      return Error(Internal("cannot create an empty upload file"));
  }
  auto a = svc.ReplaceArtifact(target->run.run_id, target->path, body_file, content_type,
                               http::ActorFor(req));
  if (!req.body_file) {
    std::error_code ec;
    std::filesystem::remove(body_file, ec);  // still there when the upload was refused
  }
  if (!a.ok()) return Error(a.status());
  return Json({});
}

Response ProxyDelete(TrackingService& svc, const Request& req) {
  auto target = ResolveProxyPath(svc, req.Param("path"));
  if (!target.ok()) return Error(target.status());
  if (target->path.empty()) return Error(InvalidPath());
  auto removed = svc.DeleteArtifacts(target->run.run_id, target->path, http::ActorFor(req));
  if (!removed.ok()) return Error(removed.status());
  return Json({});
}

// Multipart upload: as MLflow's server with a local artifact store, not supported (Cairn streams
// large single PUTs to disk).
Response MultipartUpload(const Request& req) {
  auto params = BodyParams(req);
  if (!params.ok()) return Error(params.status());
  if (!Present(*params, "path")) return Error(Missing("path"));
  mlflow::Error e{mlflow::ErrorCode::kNotImplemented,
                  "Multipart upload is not supported for the current artifact repository"};
  return Response::Json(e.http_status(), e.ToJson());
}

struct Route {
  Method method;
  const char* path;
  Handler handler;
  const char* list;  // a GET parameter that is always a list ("" for none)
};

}  // namespace

void RegisterMlflowTrackingRoutes(http::Router& router, TrackingService& service) {
  static const Route kRoutes[] = {
      {Method::kPost, "/experiments/create", CreateExperiment, ""},
      {Method::kGet, "/experiments/get", GetExperiment, ""},
      {Method::kGet, "/experiments/get-by-name", GetExperimentByName, ""},
      {Method::kGet, "/experiments/search", SearchExperiments, "order_by"},
      {Method::kPost, "/experiments/search", SearchExperiments, ""},
      {Method::kPost, "/experiments/update", UpdateExperiment, ""},
      {Method::kPost, "/experiments/delete", DeleteExperiment, ""},
      {Method::kPost, "/experiments/restore", RestoreExperiment, ""},
      {Method::kPost, "/experiments/set-experiment-tag", SetExperimentTag, ""},
      {Method::kPost, "/runs/create", CreateRun, ""},
      {Method::kGet, "/runs/get", GetRun, ""},
      {Method::kPost, "/runs/update", UpdateRun, ""},
      {Method::kPost, "/runs/delete", DeleteRun, ""},
      {Method::kPost, "/runs/restore", RestoreRun, ""},
      {Method::kPost, "/runs/search", SearchRuns, ""},
      {Method::kPost, "/runs/log-metric", LogMetric, ""},
      {Method::kPost, "/runs/log-parameter", LogParam, ""},
      {Method::kPost, "/runs/set-tag", SetTag, ""},
      {Method::kPost, "/runs/delete-tag", DeleteTag, ""},
      {Method::kPost, "/runs/log-batch", LogBatch, ""},
      {Method::kPost, "/runs/log-inputs", LogInputs, ""},
      {Method::kPost, "/runs/log-model", LogModel, ""},
      {Method::kGet, "/metrics/get-history", GetMetricHistory, ""},
      {Method::kGet, "/metrics/get-history-bulk-interval", GetMetricHistoryBulkInterval, "run_ids"},
      {Method::kGet, "/artifacts/list", ListRunArtifacts, ""},
  };
  TrackingService& s = service;
  // MLflow's plain health check and the MLflow version Cairn's API emulates.
  router.Add(Method::kGet, "/health",
             [](Request&) { return Response::Text(200, "text/html; charset=utf-8", "OK"); });
  router.Add(Method::kGet, "/version",
             [](Request&) { return Response::Text(200, "text/html; charset=utf-8", "2.12.2"); });
  const std::string proxy = "/api/2.0/mlflow-artifacts";
  router.Add(Method::kGet, proxy + "/artifacts",
             [&s](Request& req) { return ProxyList(s, req, QueryParams(req, "")); });
  http::RouteOptions upload;
  upload.stream_body_to_file = true;
  router.Add(
      Method::kPut, proxy + "/artifacts/{path...}",
      [&s](Request& req) { return ProxyUpload(s, req); }, upload);
  router.Add(Method::kGet, proxy + "/artifacts/{path...}",
             [&s](Request& req) { return ProxyDownload(s, req); });
  router.Add(Method::kDelete, proxy + "/artifacts/{path...}",
             [&s](Request& req) { return ProxyDelete(s, req); });
  for (const char* op : {"create", "complete", "abort"}) {
    router.Add(Method::kPost, proxy + "/mpu/" + op + "/{path...}",
               [](Request& req) { return MultipartUpload(req); });
  }
  for (const char* prefix : {"/api/2.0/mlflow", "/ajax-api/2.0/mlflow"}) {
    for (const Route& r : kRoutes) {
      const Route* route = &r;
      router.Add(r.method, std::string(prefix) + r.path, [&s, route](Request& req) {
        auto params = Params(req, route->list);
        if (!params.ok()) return Error(params.status());
        return route->handler(s, req, *params);
      });
    }
  }
}

}  // namespace cairn::tracking
