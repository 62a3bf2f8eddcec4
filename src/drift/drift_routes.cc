#include "drift/drift_routes.h"

#include <charconv>
#include <string>

#include "drift/drift_json.h"
#include "http/identity.h"
#include "http/request_params.h"
#include "http/route_errors.h"

namespace cairn::drift {
namespace {

using http::Request;
using http::Response;

constexpr char kBase[] = "/api/v1/ml/lifecycle";

using http::Fail;

using http::QueryInt;
using http::QueryString;

Response CreateEvent(DriftService& svc, Request& req) {
  auto body = ParseDriftEventCreate(req.body);
  if (!body.ok()) return Fail(body.status(), req);
  auto e = svc.CreateEvent(*body, http::ActorFor(req));
  if (!e.ok()) return Fail(e.status(), req);
  return Response::Json(201, DriftEventToJson(*e));
}

Response ListEvents(DriftService& svc, Request& req) {
  auto limit = QueryInt(req, "limit");
  if (!limit.ok()) return Fail(limit.status(), req);
  DriftEventListRequest lr{QueryString(req, "model_name"), QueryString(req, "severity"),
                           QueryString(req, "since"), *limit,
                           QueryString(req, "page_token").value_or("")};
  auto page = svc.ListEvents(lr);
  if (!page.ok()) return Fail(page.status(), req);
  return Response::Json(200, DriftEventPageToJson(*page));
}

Response Compute(DriftService& svc, Request& req) {
  auto body = ParseDriftComputeRequest(req.body);
  if (!body.ok()) return Fail(body.status(), req);
  auto r = svc.Compute(*body, http::ActorFor(req));
  if (!r.ok()) return Fail(r.status(), req);
  return Response::Json(200, DriftComputeResultToJson(*r));
}

}  // namespace

void RegisterDriftRoutes(http::Router& router, DriftService& service) {
  const std::string base = kBase;
  http::RouteOptions json_body;
  json_body.content_types = {"application/json"};
  DriftService& s = service;
  router.Add(
      http::Method::kPost, base + "/drift-events", [&s](Request& r) { return CreateEvent(s, r); },
      json_body);
  router.Add(http::Method::kGet, base + "/drift-events",
             [&s](Request& r) { return ListEvents(s, r); });
  http::RouteOptions compute = json_body;
  compute.compute = true;
  router.Add(
      http::Method::kPost, base + "/drift/compute", [&s](Request& r) { return Compute(s, r); },
      compute);
}

}  // namespace cairn::drift
