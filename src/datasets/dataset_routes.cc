#include "datasets/dataset_routes.h"

#include <charconv>
#include <string>

#include "common/validation.h"
#include "datasets/dataset_json.h"
#include "http/identity.h"
#include "http/request_params.h"
#include "http/route_errors.h"

namespace cairn::datasets {
namespace {

using http::Method;
using http::Request;
using http::Response;

using http::Fail;

using http::QueryInt;

Response Upload(DatasetService& svc, Request& req) {
  auto name = req.Query("name");
  if (!name) return Fail(validation::FieldInvalid("name", "is required"), req);
  std::string description(req.Query("description").value_or(""));
  if (!req.body_file)
    return Fail(InvalidArgument("invalid CSV: a header row is required (the body is empty)",
                                {{"body", "a header row is required"}}),
                req);
  auto d = svc.Ingest(std::string(*name), description, *req.body_file, http::ActorFor(req));
  if (!d.ok()) return Fail(d.status(), req);
  Response r = Response::Json(201, DatasetToJson(*d, true));
  r.headers.emplace_back("Location", std::string(kDatasetsPrefix) + "/" + d->id);
  return r;
}

Response List(DatasetService& svc, Request& req) {
  auto limit = QueryInt(req, "limit");
  if (!limit.ok()) return Fail(limit.status(), req);
  DatasetListRequest lr;
  if (auto n = req.Query("name")) lr.name = std::string(*n);
  lr.limit = *limit;
  lr.page_token = std::string(req.Query("page_token").value_or(""));
  auto page = svc.List(lr);
  if (!page.ok()) return Fail(page.status(), req);
  return Response::Json(200, DatasetPageToJson(*page));
}

Response Get(DatasetService& svc, Request& req) {
  auto d = svc.Get(req.Param("id"));
  if (!d.ok()) return Fail(d.status(), req);
  return Response::Json(200, DatasetToJson(*d, true));
}

Response Rows(DatasetService& svc, Request& req) {
  if (Status s = http::RejectQuery(req, {"page_token"}, "rows are paged with offset and limit");
      !s.ok())
    return Fail(s, req);
  auto offset = QueryInt(req, "offset");
  if (!offset.ok()) return Fail(offset.status(), req);
  auto limit = QueryInt(req, "limit");
  if (!limit.ok()) return Fail(limit.status(), req);
  auto rows = svc.Rows(req.Param("id"), *offset, *limit);
  if (!rows.ok()) return Fail(rows.status(), req);
  return Response::Json(
      200, DatasetRowsToJson(req.Param("id"), *rows, limit->value_or(kDefaultPreviewRows)));
}

Response Patch(DatasetService& svc, Request& req) {
  auto if_match = http::IfMatch(req);
  if (!if_match.ok()) return Fail(if_match.status(), req);
  auto patch = ParseDatasetPatch(req.body);
  if (!patch.ok()) return Fail(patch.status(), req);
  auto d = svc.Update(req.Param("id"), *patch, *if_match, http::ActorFor(req));
  if (!d.ok()) return Fail(d.status(), req);
  return http::WithETag(Response::Json(200, DatasetToJson(*d, true)), d->revision);
}

Response Delete(DatasetService& svc, Request& req) {
  Status s = svc.Delete(req.Param("id"), http::ActorFor(req));
  if (!s.ok()) return Fail(s, req);
  return Response::NoContent();
}

}  // namespace

void RegisterDatasetRoutes(http::Router& router, DatasetService& service) {
  const std::string base = kDatasetsPrefix;
  http::RouteOptions csv_upload;
  csv_upload.stream_body_to_file = true;
  csv_upload.content_types = {"text/csv"};
  csv_upload.compute = true;  // parsing, type inference and profiling of the whole file
  DatasetService& s = service;
  router.Add(
      Method::kPost, base, [&s](Request& r) { return Upload(s, r); }, csv_upload);
  router.Add(Method::kGet, base, [&s](Request& r) { return List(s, r); });
  router.Add(Method::kGet, base + "/{id}", [&s](Request& r) { return Get(s, r); });
  router.Add(Method::kPatch, base + "/{id}", [&s](Request& r) { return Patch(s, r); });
  router.Add(Method::kDelete, base + "/{id}", [&s](Request& r) { return Delete(s, r); });
  router.Add(Method::kGet, base + "/{id}/rows", [&s](Request& r) { return Rows(s, r); });
}

}  // namespace cairn::datasets
