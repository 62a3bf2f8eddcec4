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
#include "mlflow/request.h"
#include "mlflow/search_filter.h"
#include "tracking/run_filter.h"
#include "tracking/run_response_cache.h"

namespace cairn::tracking {
namespace {

namespace bj = boost::json;
namespace msg = mlflow::msg;

using http::Method;
using http::Request;
using http::Response;
using mlflow::req::InvalidValue;
using mlflow::req::KeyValues;
using mlflow::req::MaxResults;
using mlflow::req::Missing;
using mlflow::req::OptionalInt64;
using mlflow::req::OptionalString;
using mlflow::req::PageOffset;
using mlflow::req::Present;
using mlflow::req::RequiredString;
using mlflow::req::RunIdParam;
using mlflow::req::StringList;

constexpr int kDefaultSearchRuns = 1000;
constexpr int kDefaultSearchExperiments = 1000;

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

// ---------------------------------------------------------------------------------------------
// Requests: one JSON object of parameters, from the body (POST) or the query string (GET)

Result<bj::object> BodyParams(const Request& req, bj::storage_ptr storage = {}) {
  return mlflow::req::BodyParams(req.Header("content-type"), req.body, std::move(storage));
}

bj::object QueryParams(const Request& req, std::string_view list) {
  return mlflow::req::QueryParams(req.query, list);
}

// `storage`: the request's arena (see mlflow::req::BodyArenaBytes); it must outlive the answer.
Result<bj::object> Params(const Request& req, std::string_view list, bj::storage_ptr storage) {
  if (req.method == Method::kGet) return QueryParams(req, list);
  return BodyParams(req, std::move(storage));
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
    f.op = std::string(mlflow::ComparatorText(c.op));
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
  ASSIGN_OR_RETURN(msg::ViewType t, mlflow::req::ViewTypeParam(o, field));
  switch (t) {
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
    e.op = std::string(mlflow::ComparatorText(c.op));
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

// The JSON of a run as runs/search lists it, cached by revision: a page of runs whose revisions
// are unchanged since the last search costs one query, without loading or serializing them.
// Keyed by run id and experiment id (which the JSON names and which a run never changes).
std::string RunCacheKey(const Run& r) { return r.run_id + '/' + std::to_string(r.experiment_id); }

Response SearchRuns(TrackingService& svc, RunResponseCache& cache, const bj::object& o) {
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
  PageBodies bodies(cache);
  s.needs_children = [&](const Run& r) { return bodies.NeedsLoad(RunCacheKey(r), r.revision); };
  auto page = svc.SearchRuns(s);
  if (!page.ok()) return Error(page.status());
  // {"runs": [...], "next_page_token": "..."}, as serializing the object would write it.
  std::string out;
  out.reserve(64 + bodies.found_bytes() + page->items.size());
  out += '{';
  if (!page->items.empty()) {
    out += "\"runs\":[";
    bool first = true;
    for (const auto& r : page->items) {
      if (!first) out += ',';
      first = false;
      out += *bodies.Body(RunCacheKey(r), r.revision, [&] { return bj::serialize(RunJson(r)); });
    }
    out += ']';
  }
  if (MoreMayFollow(page->has_more, page->items.size(), s.limit)) {
    if (out.size() > 1) out += ',';
    out += "\"next_page_token\":";
    out += bj::serialize(bj::value(mlflow::EncodeOffsetPageToken(s.offset + s.limit)));
  }
  out += '}';
  return Response::Json(200, std::move(out));
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
  auto m = mlflow::req::ReadLogMetric(o);
  if (!m.ok()) return Error(m.status());
  RunLog log;
  log.metrics.series.push_back(
      {m->metric.key, {{m->metric.step, m->metric.timestamp, Clamp(m->metric.value)}}});
  log.metrics.total_points = 1;
  return ApplyLog(svc, req, m->run_id, std::move(log));
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
  auto batch = msg::ReadLogBatch(o);
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
  auto inputs = mlflow::req::ReadLogInputs(o);
  if (!inputs.ok()) return Error(inputs.status());
  RunLog log;
  for (msg::DatasetInput& in : inputs->datasets) {
    DatasetInput input;
    input.name = std::move(in.dataset.name);
    input.digest = std::move(in.dataset.digest);
    input.source_type = std::move(in.dataset.source_type);
    input.source = std::move(in.dataset.source);
    input.schema = std::move(in.dataset.schema);
    input.profile = std::move(in.dataset.profile);
    for (auto& t : in.tags) input.tags[t.key] = std::move(t.value);
    log.inputs.push_back(std::move(input));
  }
  return ApplyLog(svc, req, inputs->run_id, std::move(log));
}

// MLflow's {"metrics":[...]} for a non-empty history, produced piece by piece while the response
// is written (as GET /runs/{id}/metrics/{key} does): each piece reads the next blocks in a short
// read transaction of its own and serializes each point as the one-document answer did, so the
// bytes are the same.
class MlflowHistoryBody final : public http::BodyProducer {
 public:
  MlflowHistoryBody(std::unique_ptr<MetricHistoryCursor> cursor, std::string_view key)
      : cursor_(std::move(cursor)), prefix_(msg::MetricPointPrefix(key)) {}

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
          msg::AppendMetricPoint(*out, self->prefix_, p.value, p.timestamp, p.step);
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
  std::string prefix_;  // every point's `{"key":…,"value":`
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
  constexpr size_t kMaxPoints = 25000;
  auto q = mlflow::req::ReadBulkInterval(o);
  if (!q.ok()) return Error(q.status());
  const int64_t max_results = q->max_results;
  const std::string& key = q->metric_key;
  std::vector<std::pair<std::string, std::vector<MetricPoint>>> runs;
  std::vector<int64_t> all_steps;
  std::vector<int64_t> mins_and_maxes;
  for (const std::string& id : q->run_ids) {
    auto h = svc.GetMetricHistory(id, key, {});
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
  const int64_t lo = q->start_step.value_or(0);
  const int64_t hi = q->end_step.value_or(all_steps.empty() ? 0 : all_steps.back());
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
      out.push_back(msg::ToJson(msg::Metric{key, p->value, p->timestamp, p->step, id}));
  }
  bj::object body;
  if (!out.empty()) body["metrics"] = std::move(out);
  return Json(std::move(body));
}

// --- log-model

Response LogModel(TrackingService& svc, const Request& req, const bj::object& o) {
  auto model = mlflow::req::ReadLogModel(o);
  if (!model.ok()) return Error(model.status());
  RunLog log;
  log.append_logged_model = std::move(model->model_json);
  return ApplyLog(svc, req, model->run_id, std::move(log));
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
  auto run_bodies = std::make_shared<RunResponseCache>();
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
      // The searches sent as POST only read (the reader threads run them).
      http::RouteOptions options;
      options.reads_only = std::string_view(r.path).ends_with("/search");
      router.Add(
          r.method, std::string(prefix) + r.path,
          [&s, route](Request& req) {
            bj::monotonic_resource arena(mlflow::req::BodyArenaBytes(req.body.size()));
            auto params = Params(req, route->list, &arena);
            if (!params.ok()) return Error(params.status());
            return route->handler(s, req, *params);
          },
          options);
    }
    http::RouteOptions reads;
    reads.reads_only = true;
    router.Add(
        Method::kPost, std::string(prefix) + "/runs/search",
        [&s, run_bodies](Request& req) {
          auto params = Params(req, "", {});
          if (!params.ok()) return Error(params.status());
          return SearchRuns(s, *run_bodies, *params);
        },
        reads);
  }
}

}  // namespace cairn::tracking
