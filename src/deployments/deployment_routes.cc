#include "deployments/deployment_routes.h"

#include <charconv>
#include <string>

#include "deployments/deployment_json.h"
#include "http/identity.h"
#include "http/request_params.h"
#include "http/route_errors.h"

namespace cairn::deployments {
namespace {

using http::Method;
using http::Request;
using http::Response;

constexpr char kBase[] = "/api/v1/ml/lifecycle/deployments";

using http::Fail;

using http::IfMatch;
using http::QueryInt;
using http::QueryString;
using http::WithETag;

Response Create(DeploymentService& svc, Request& req) {
  auto body = ParseDeploymentCreate(req.body);
  if (!body.ok()) return Fail(body.status(), req);
  auto d = svc.Create(*body, http::ActorFor(req));
  if (!d.ok()) return Fail(d.status(), req);
  return WithETag(Response::Json(201, DeploymentToJson(*d)), d->revision);
}

Response List(DeploymentService& svc, Request& req) {
  auto limit = QueryInt(req, "limit");
  if (!limit.ok()) return Fail(limit.status(), req);
  DeploymentListRequest lr{QueryString(req, "model_name"), QueryString(req, "environment"),
                           QueryString(req, "status"), *limit,
                           QueryString(req, "page_token").value_or("")};
  auto page = svc.List(lr);
  if (!page.ok()) return Fail(page.status(), req);
  return Response::Json(200, DeploymentPageToJson(*page));
}

Response Get(DeploymentService& svc, Request& req) {
  auto d = svc.Get(req.Param("id"));
  if (!d.ok()) return Fail(d.status(), req);
  return WithETag(Response::Json(200, DeploymentToJson(*d)), d->revision);
}

Response Patch(DeploymentService& svc, Request& req) {
  auto if_match = IfMatch(req);
  if (!if_match.ok()) return Fail(if_match.status(), req);
  auto patch = ParseDeploymentPatch(req.body);
  if (!patch.ok()) return Fail(patch.status(), req);
  auto d = svc.Update(req.Param("id"), *patch, *if_match, http::ActorFor(req));
  if (!d.ok()) return Fail(d.status(), req);
  return WithETag(Response::Json(200, DeploymentToJson(*d)), d->revision);
}

Response Delete(DeploymentService& svc, Request& req) {
  auto if_match = IfMatch(req);
  if (!if_match.ok()) return Fail(if_match.status(), req);
  auto d = svc.Terminate(req.Param("id"), *if_match, http::ActorFor(req));
  if (!d.ok()) return Fail(d.status(), req);
  return WithETag(Response::Json(200, DeploymentToJson(*d)), d->revision);
}

}  // namespace

void RegisterDeploymentRoutes(http::Router& router, DeploymentService& service) {
  const std::string base = kBase;
  http::RouteOptions json_body;
  json_body.content_types = {"application/json"};
  DeploymentService& s = service;
  router.Add(
      Method::kPost, base, [&s](Request& r) { return Create(s, r); }, json_body);
  router.Add(Method::kGet, base, [&s](Request& r) { return List(s, r); });
  router.Add(Method::kGet, base + "/{id}", [&s](Request& r) { return Get(s, r); });
  router.Add(
      Method::kPatch, base + "/{id}", [&s](Request& r) { return Patch(s, r); }, json_body);
  router.Add(Method::kDelete, base + "/{id}", [&s](Request& r) { return Delete(s, r); });
}

}  // namespace cairn::deployments
