#include "features/feature_routes.h"

#include <charconv>
#include <string>

#include "common/validation.h"
#include "features/feature_json.h"
#include "http/identity.h"
#include "http/request_params.h"
#include "http/route_errors.h"

namespace cairn::features {
namespace {

using http::Method;
using http::Request;
using http::Response;

using http::Fail;

// An integer query or path parameter; nullopt when absent.
Result<std::optional<int64_t>> ParseInt(std::optional<std::string_view> v,
                                        const std::string& name) {
  if (!v) return std::optional<int64_t>();
  int64_t n = 0;
  auto [p, ec] = std::from_chars(v->data(), v->data() + v->size(), n);
  if (v->empty() || ec != std::errc() || p != v->data() + v->size())
    return validation::FieldInvalid(name, "must be an integer");
  return std::optional<int64_t>(n);
}

using http::IfMatch;
using http::QueryString;
using http::WithETag;

std::vector<std::string> SplitList(std::string_view s) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= s.size()) {
    size_t comma = s.find(',', start);
    if (comma == std::string_view::npos) comma = s.size();
    out.emplace_back(s.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

Response Create(FeatureService& svc, Request& req) {
  auto body = ParseFeatureCreate(req.body);
  if (!body.ok()) return Fail(body.status(), req);
  auto f = svc.Create(*body, http::ActorFor(req));
  if (!f.ok()) return Fail(f.status(), req);
  return WithETag(Response::Json(201, FeatureToJson(*f)), f->revision);
}

Response List(FeatureService& svc, Request& req) {
  auto limit = ParseInt(req.Query("limit"), "limit");
  if (!limit.ok()) return Fail(limit.status(), req);
  FeatureListRequest lr{QueryString(req, "entity"),
                        QueryString(req, "owner"),
                        QueryString(req, "tag"),
                        QueryString(req, "status"),
                        QueryString(req, "q"),
                        *limit,
                        QueryString(req, "page_token").value_or("")};
  auto page = svc.List(lr);
  if (!page.ok()) return Fail(page.status(), req);
  return Response::Json(200, FeaturePageToJson(*page));
}

Response Get(FeatureService& svc, Request& req) {
  auto version = ParseInt(req.Query("version"), "version");
  if (!version.ok()) return Fail(version.status(), req);
  auto f = svc.Get(req.Param("name"), *version);
  if (!f.ok()) return Fail(f.status(), req);
  return WithETag(Response::Json(200, FeatureToJson(*f)), f->revision);
}

Response Patch(FeatureService& svc, Request& req) {
  auto if_match = IfMatch(req);
  if (!if_match.ok()) return Fail(if_match.status(), req);
  auto patch = ParseFeaturePatch(req.body);
  if (!patch.ok()) return Fail(patch.status(), req);
  auto f = svc.Update(req.Param("name"), *patch, *if_match, http::ActorFor(req));
  if (!f.ok()) return Fail(f.status(), req);
  return WithETag(Response::Json(200, FeatureToJson(*f)), f->revision);
}

Response Archive(FeatureService& svc, Request& req) {
  auto if_match = IfMatch(req);
  if (!if_match.ok()) return Fail(if_match.status(), req);
  auto f = svc.Archive(req.Param("name"), *if_match, http::ActorFor(req));
  if (!f.ok()) return Fail(f.status(), req);
  return WithETag(Response::Json(200, FeatureToJson(*f)), f->revision);
}

Response ListVersions(FeatureService& svc, Request& req) {
  if (Status s =
          http::RejectQuery(req, {"limit", "page_token"},
                            "this list is not paged; it returns every version of the feature");
      !s.ok())
    return Fail(s, req);
  auto v = svc.Versions(req.Param("name"));
  if (!v.ok()) return Fail(v.status(), req);
  return Response::Json(200, VersionsToJson(*v));
}

Response AddVersion(FeatureService& svc, Request& req) {
  auto if_match = IfMatch(req);
  if (!if_match.ok()) return Fail(if_match.status(), req);
  auto body = ParseVersionCreate(req.body);
  if (!body.ok()) return Fail(body.status(), req);
  auto f = svc.AddVersion(req.Param("name"), *body, *if_match, http::ActorFor(req));
  if (!f.ok()) return Fail(f.status(), req);
  return WithETag(Response::Json(201, FeatureToJson(*f)), f->revision);
}

Response GetVersion(FeatureService& svc, Request& req) {
  auto n = ParseInt(std::string_view(req.Param("version")), "version");
  if (!n.ok() || !*n)
    return Fail(
        NotFound("feature '" + req.Param("name") + "' has no version " + req.Param("version")),
        req);
  auto v = svc.GetVersion(req.Param("name"), **n);
  if (!v.ok()) return Fail(v.status(), req);
  return Response::Json(200, VersionToJson(*v));
}

Response WriteValues(FeatureService& svc, Request& req) {
  auto rows = ParseValueRows(req.body);
  if (!rows.ok()) return Fail(rows.status(), req);
  auto n = svc.WriteValues(std::move(*rows), http::ActorFor(req));
  if (!n.ok()) return Fail(n.status(), req);
  return Response::Json(200, WrittenToJson(*n));
}

Response Online(FeatureService& svc, Request& req) {
  OnlineRequest r;
  r.entity = QueryString(req, "entity").value_or("");
  if (auto k = req.Query("keys"); k && !k->empty()) r.keys = SplitList(*k);
  if (auto f = req.Query("features"); f && !f->empty()) r.features = SplitList(*f);
  auto out = svc.Online(r);
  if (!out.ok()) return Fail(out.status(), req);
  return Response::Json(200, OnlineToJson(*out));
}

Response Historical(FeatureService& svc, Request& req) {
  auto r = ParseHistorical(req.body);
  if (!r.ok()) return Fail(r.status(), req);
  auto out = svc.Historical(*r);
  if (!out.ok()) return Fail(out.status(), req);
  return Response::Json(200, HistoricalToJson(*out));
}

Response Materialize(FeatureService& svc, Request& req) {
  auto r = ParseMaterialize(req.body);
  if (!r.ok()) return Fail(r.status(), req);
  auto n = svc.Materialize(req.Param("name"), *r, http::ActorFor(req));
  if (!n.ok()) return Fail(n.status(), req);
  return Response::Json(200, WrittenToJson(*n));
}

}  // namespace

void RegisterFeatureRoutes(http::Router& router, FeatureService& service) {
  const std::string base = kFeaturesPrefix;
  http::RouteOptions json_body;
  json_body.content_types = {"application/json"};
  FeatureService& s = service;

  router.Add(
      Method::kPost, base, [&s](Request& r) { return Create(s, r); }, json_body);
  router.Add(Method::kGet, base, [&s](Request& r) { return List(s, r); });
  router.Add(
      Method::kPost, base + "/values", [&s](Request& r) { return WriteValues(s, r); }, json_body);
  router.Add(Method::kGet, base + "/online", [&s](Request& r) { return Online(s, r); });
  http::RouteOptions compute = json_body;
  compute.compute = true;  // a point-in-time join over many entities and features
  router.Add(
      Method::kPost, base + "/historical", [&s](Request& r) { return Historical(s, r); }, compute);
  router.Add(Method::kGet, base + "/{name}", [&s](Request& r) { return Get(s, r); });
  router.Add(
      Method::kPatch, base + "/{name}", [&s](Request& r) { return Patch(s, r); }, json_body);
  router.Add(Method::kDelete, base + "/{name}", [&s](Request& r) { return Archive(s, r); });
  router.Add(Method::kGet, base + "/{name}/versions",
             [&s](Request& r) { return ListVersions(s, r); });
  router.Add(
      Method::kPost, base + "/{name}/versions", [&s](Request& r) { return AddVersion(s, r); },
      json_body);
  router.Add(Method::kGet, base + "/{name}/versions/{version}",
             [&s](Request& r) { return GetVersion(s, r); });
  router.Add(
      Method::kPost, base + "/{name}/materialize", [&s](Request& r) { return Materialize(s, r); },
      json_body);
}

}  // namespace cairn::features
