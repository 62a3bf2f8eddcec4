#include "evaluation/evaluation_routes.h"

#include <charconv>
#include <string>

#include "evaluation/evaluation_json.h"
#include "http/identity.h"
#include "http/request_params.h"
#include "http/route_errors.h"

namespace cairn::evaluation {
namespace {

using http::Method;
using http::Request;
using http::Response;

using http::Fail;

using http::IfMatch;
using http::QueryInt;
using http::QueryString;
using http::WithETag;

Response CreateScenario(EvaluationService& svc, Request& req) {
  auto body = ParseScenarioCreate(req.body);
  if (!body.ok()) return Fail(body.status(), req);
  auto s = svc.CreateScenario(std::move(*body), http::ActorFor(req));
  if (!s.ok()) return Fail(s.status(), req);
  return WithETag(Response::Json(201, ScenarioToJson(*s)), s->revision);
}

Response ListScenarios(EvaluationService& svc, Request& req) {
  auto limit = QueryInt(req, "limit");
  if (!limit.ok()) return Fail(limit.status(), req);
  ScenarioListRequest lr{QueryString(req, "task_type"), QueryString(req, "dataset_id"), *limit,
                         QueryString(req, "page_token").value_or("")};
  auto page = svc.ListScenarios(lr);
  if (!page.ok()) return Fail(page.status(), req);
  return Response::Json(200, ScenarioPageToJson(*page));
}

Response GetScenario(EvaluationService& svc, Request& req) {
  auto s = svc.GetScenario(req.Param("name"));
  if (!s.ok()) return Fail(s.status(), req);
  return WithETag(Response::Json(200, ScenarioToJson(*s)), s->revision);
}

Response PatchScenario(EvaluationService& svc, Request& req) {
  auto if_match = IfMatch(req);
  if (!if_match.ok()) return Fail(if_match.status(), req);
  auto patch = ParseScenarioPatch(req.body);
  if (!patch.ok()) return Fail(patch.status(), req);
  auto s = svc.UpdateScenario(req.Param("name"), *patch, *if_match, http::ActorFor(req));
  if (!s.ok()) return Fail(s.status(), req);
  return WithETag(Response::Json(200, ScenarioToJson(*s)), s->revision);
}

Response CreateRun(EvaluationService& svc, Request& req) {
  auto body = ParseRunCreate(req.body);
  if (!body.ok()) return Fail(body.status(), req);
  auto run = svc.CreateRun(*body, http::ActorFor(req));
  if (!run.ok()) return Fail(run.status(), req);
  Response r = Response::Json(run->status == RunStatus::kQueued ? 202 : 201, RunToJson(*run));
  r.headers.emplace_back("Location", std::string(kEvaluationPrefix) + "/runs/" + run->run_id);
  return r;
}

Response ListRuns(EvaluationService& svc, Request& req) {
  auto limit = QueryInt(req, "limit");
  if (!limit.ok()) return Fail(limit.status(), req);
  RunListRequest lr{QueryString(req, "scenario_name"), QueryString(req, "status"), *limit,
                    QueryString(req, "page_token").value_or("")};
  auto page = svc.ListRuns(lr);
  if (!page.ok()) return Fail(page.status(), req);
  return Response::Json(200, RunPageToJson(*page));
}

Response GetRun(EvaluationService& svc, Request& req) {
  auto run = svc.GetRun(req.Param("run_id"));
  if (!run.ok()) return Fail(run.status(), req);
  return WithETag(Response::Json(200, RunToJson(*run)), run->revision);
}

Response GetReport(EvaluationService& svc, Request& req) {
  auto run = svc.GetRun(req.Param("run_id"));
  if (!run.ok()) return Fail(run.status(), req);
  return Response::Json(200, RunReportToJson(*run));
}

}  // namespace

void RegisterEvaluationRoutes(http::Router& router, EvaluationService& service) {
  const std::string base = kEvaluationPrefix;
  http::RouteOptions json_body;
  json_body.content_types = {"application/json"};
  EvaluationService& s = service;
  router.Add(
      Method::kPost, base + "/scenarios", [&s](Request& r) { return CreateScenario(s, r); },
      json_body);
  router.Add(Method::kGet, base + "/scenarios", [&s](Request& r) { return ListScenarios(s, r); });
  router.Add(Method::kGet, base + "/scenarios/{name}",
             [&s](Request& r) { return GetScenario(s, r); });
  router.Add(
      Method::kPatch, base + "/scenarios/{name}", [&s](Request& r) { return PatchScenario(s, r); },
      json_body);
  http::RouteOptions compute = json_body;
  compute.compute = true;  // small runs are evaluated inline, in the request
  router.Add(
      Method::kPost, base + "/runs", [&s](Request& r) { return CreateRun(s, r); }, compute);
  router.Add(Method::kGet, base + "/runs", [&s](Request& r) { return ListRuns(s, r); });
  router.Add(Method::kGet, base + "/runs/{run_id}", [&s](Request& r) { return GetRun(s, r); });
  router.Add(Method::kGet, base + "/runs/{run_id}/report",
             [&s](Request& r) { return GetReport(s, r); });
}

}  // namespace cairn::evaluation
