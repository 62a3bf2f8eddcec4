#include "registry/registry_routes.h"

#include <charconv>
#include <string>

#include "http/identity.h"
#include "http/request_params.h"
#include "http/route_errors.h"
#include "registry/registry_json.h"

namespace cairn::registry {
namespace {

using http::Method;
using http::Request;
using http::Response;

using http::Fail;

using http::IfMatch;
using http::QueryInt;
using http::QueryString;
using http::WithETag;

// A version path segment: a positive integer, else 404 (no such version).
Result<int64_t> VersionParam(const Request& req) {
  const std::string& s = req.Param("version");
  int64_t n = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
  if (s.empty() || ec != std::errc() || p != s.data() + s.size() || n < 1)
    return NotFound("model version '" + req.Param("model_name") + "' " + s + " not found");
  return n;
}

Response RegisterVersion(RegistryService& svc, Request& req) {
  auto body = ParseVersionCreate(req.body);
  if (!body.ok()) return Fail(body.status(), req);
  auto v = svc.RegisterVersion(*body, http::ActorFor(req));
  if (!v.ok()) return Fail(v.status(), req);
  return WithETag(Response::Json(201, VersionToJson(*v)), v->revision);
}

Response ListVersions(RegistryService& svc, Request& req) {
  auto limit = QueryInt(req, "limit");
  if (!limit.ok()) return Fail(limit.status(), req);
  VersionListRequest lr{QueryString(req, "model_name"), QueryString(req, "stage"), *limit,
                        QueryString(req, "page_token").value_or("")};
  auto page = svc.ListVersions(lr);
  if (!page.ok()) return Fail(page.status(), req);
  return Response::Json(200, VersionPageToJson(*page));
}

Response GetModel(RegistryService& svc, Request& req) {
  if (Status s = http::RejectQuery(
          req, {"limit", "page_token"},
          "the model detail lists every version; page them with GET /models?model_name=<name>");
      !s.ok())
    return Fail(s, req);
  auto m = svc.GetModel(req.Param("model_name"));
  if (!m.ok()) return Fail(m.status(), req);
  return Response::Json(200, ModelToJson(*m));
}

Response GetVersion(RegistryService& svc, Request& req) {
  auto version = VersionParam(req);
  if (!version.ok()) return Fail(version.status(), req);
  auto v = svc.GetVersion(req.Param("model_name"), *version);
  if (!v.ok()) return Fail(v.status(), req);
  return WithETag(Response::Json(200, VersionToJson(*v)), v->revision);
}

Response PatchVersion(RegistryService& svc, Request& req) {
  auto version = VersionParam(req);
  if (!version.ok()) return Fail(version.status(), req);
  auto if_match = IfMatch(req);
  if (!if_match.ok()) return Fail(if_match.status(), req);
  auto patch = ParseVersionPatch(req.body);
  if (!patch.ok()) return Fail(patch.status(), req);
  auto v =
      svc.UpdateVersion(req.Param("model_name"), *version, *patch, *if_match, http::ActorFor(req));
  if (!v.ok()) return Fail(v.status(), req);
  return WithETag(Response::Json(200, VersionToJson(*v)), v->revision);
}

Response PutArtifact(RegistryService& svc, Request& req) {
  auto version = VersionParam(req);
  if (!version.ok()) return Fail(version.status(), req);
  if (!req.body_file) return Fail(InvalidArgument("missing request body"), req);
  ArtifactUpload upload{*req.body_file, QueryString(req, "format"), QueryString(req, "filename")};
  auto v = svc.PutArtifact(req.Param("model_name"), *version, upload, http::ActorFor(req));
  if (!v.ok()) return Fail(v.status(), req);
  return WithETag(Response::Json(201, VersionToJson(*v)), v->revision);
}

Response GetArtifact(RegistryService& svc, Request& req) {
  auto version = VersionParam(req);
  if (!version.ok()) return Fail(version.status(), req);
  auto f = svc.GetArtifactFile(req.Param("model_name"), *version);
  if (!f.ok()) return Fail(f.status(), req);
  Response r;
  r.status = 200;
  r.content_type = f->artifact.format == ArtifactFormat::kXgboostJson ? "application/json"
                                                                      : "application/octet-stream";
  r.file = f->file;
  r.headers.emplace_back("X-Content-SHA256", f->artifact.sha256);
  return r;
}

Response CompareVersions(RegistryService& svc, Request& req) {
  auto body = ParseCompareRequest(req.body);
  if (!body.ok()) return Fail(body.status(), req);
  auto c = svc.Compare(req.Param("model_name"), *body);
  if (!c.ok()) return Fail(c.status(), req);
  return Response::Json(200, ComparisonToJson(*c));
}

// Aliases: PUT {"version": n} points the alias at a version (moving it), DELETE removes it (204;
// an unknown alias of an existing model is 204 too, as in MLflow), GET resolves it to the
// version's JSON.
Response PutAlias(RegistryService& svc, Request& req) {
  auto version = ParseAliasPut(req.body);
  if (!version.ok()) return Fail(version.status(), req);
  auto v = svc.SetAlias(req.Param("model_name"), req.Param("alias"), *version, http::ActorFor(req));
  if (!v.ok()) return Fail(v.status(), req);
  return WithETag(Response::Json(200, VersionToJson(*v)), v->revision);
}

Response DeleteAlias(RegistryService& svc, Request& req) {
  Status st = svc.DeleteAlias(req.Param("model_name"), req.Param("alias"), http::ActorFor(req));
  if (!st.ok()) return Fail(st, req);
  return Response::NoContent();
}

Response GetAlias(RegistryService& svc, Request& req) {
  auto v = svc.ResolveAlias(req.Param("model_name"), req.Param("alias"));
  if (!v.ok()) return Fail(v.status(), req);
  return WithETag(Response::Json(200, VersionToJson(*v)), v->revision);
}

// The alias routes, kept apart from the version routes.
void RegisterAliasRoutes(http::Router& router, RegistryService& s, const std::string& base,
                         const http::RouteOptions& json_body) {
  const std::string path = base + "/{model_name}/aliases/{alias}";
  router.Add(
      Method::kPut, path, [&s](Request& r) { return PutAlias(s, r); }, json_body);
  router.Add(Method::kDelete, path, [&s](Request& r) { return DeleteAlias(s, r); });
  router.Add(Method::kGet, path, [&s](Request& r) { return GetAlias(s, r); });
}

}  // namespace

void RegisterRegistryRoutes(http::Router& router, RegistryService& service) {
  const std::string base = std::string(kLifecyclePrefix) + "/models";
  http::RouteOptions json_body;
  json_body.content_types = {"application/json"};
  http::RouteOptions upload;
  upload.stream_body_to_file = true;
  RegistryService& s = service;

  router.Add(
      Method::kPost, base, [&s](Request& r) { return RegisterVersion(s, r); }, json_body);
  router.Add(Method::kGet, base, [&s](Request& r) { return ListVersions(s, r); });
  router.Add(Method::kGet, base + "/{model_name}", [&s](Request& r) { return GetModel(s, r); });
  router.Add(
      Method::kPost, base + "/{model_name}/compare",
      [&s](Request& r) { return CompareVersions(s, r); }, json_body);
  router.Add(Method::kGet, base + "/{model_name}/{version}",
             [&s](Request& r) { return GetVersion(s, r); });
  router.Add(
      Method::kPatch, base + "/{model_name}/{version}",
      [&s](Request& r) { return PatchVersion(s, r); }, json_body);
  router.Add(
      Method::kPut, base + "/{model_name}/{version}/artifact",
      [&s](Request& r) { return PutArtifact(s, r); }, upload);
  router.Add(Method::kGet, base + "/{model_name}/{version}/artifact",
             [&s](Request& r) { return GetArtifact(s, r); });
  RegisterAliasRoutes(router, s, base, json_body);
}

}  // namespace cairn::registry
