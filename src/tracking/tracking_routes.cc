#include "tracking/tracking_routes.h"

#include <charconv>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/cancellation.h"
#include "common/time.h"
#include "http/identity.h"
#include "http/request_params.h"
#include "http/route_errors.h"
#include "tracking/run_response_cache.h"
#include "tracking/tracking_json.h"

namespace cairn::tracking {
namespace {

using http::Method;
using http::Request;
using http::Response;

using http::Fail;

using http::IfMatch;
using http::QueryInt;
using http::QueryString;
using http::WithETag;

Response CreateExperiment(TrackingService& svc, Request& req) {
  auto body = ParseExperimentCreate(req.body);
  if (!body.ok()) return Fail(body.status(), req);
  auto e = svc.CreateExperiment(*body, http::ActorFor(req));
  if (!e.ok()) return Fail(e.status(), req);
  return WithETag(Response::Json(201, ExperimentToJson(*e)), e->revision);
}

Response ListExperiments(TrackingService& svc, Request& req) {
  auto limit = QueryInt(req, "limit");
  if (!limit.ok()) return Fail(limit.status(), req);
  ExperimentListRequest lr{QueryString(req, "owner"), QueryString(req, "status"),
                           QueryString(req, "lifecycle"), *limit,
                           QueryString(req, "page_token").value_or("")};
  auto page = svc.ListExperiments(lr);
  if (!page.ok()) return Fail(page.status(), req);
  return Response::Json(200, ExperimentPageToJson(*page));
}

Response GetExperiment(TrackingService& svc, Request& req) {
  auto d = svc.GetExperiment(req.Param("name"));
  if (!d.ok()) return Fail(d.status(), req);
  return WithETag(Response::Json(200, ExperimentDetailToJson(*d)), d->experiment.revision);
}

Response PatchExperiment(TrackingService& svc, Request& req) {
  auto if_match = IfMatch(req);
  if (!if_match.ok()) return Fail(if_match.status(), req);
  auto patch = ParseExperimentPatch(req.body);
  if (!patch.ok()) return Fail(patch.status(), req);
  auto e = svc.UpdateExperiment(req.Param("name"), *patch, *if_match, http::ActorFor(req));
  if (!e.ok()) return Fail(e.status(), req);
  return WithETag(Response::Json(200, ExperimentToJson(*e)), e->revision);
}

// Soft delete (DELETE) and restore (POST …/restore) of an experiment, with its runs: the
// experiment after the change, revision-guarded by If-Match.
Response ChangeExperimentLifecycle(TrackingService& svc, Request& req, bool deleted) {
  auto if_match = IfMatch(req);
  if (!if_match.ok()) return Fail(if_match.status(), req);
  const ExperimentRef ref = req.Param("name");
  auto e = deleted ? svc.DeleteExperiment(ref, *if_match, http::ActorFor(req))
                   : svc.RestoreExperiment(ref, *if_match, http::ActorFor(req));
  if (!e.ok()) return Fail(e.status(), req);
  return WithETag(Response::Json(200, ExperimentToJson(*e)), e->revision);
}

Response CreateRun(TrackingService& svc, Request& req) {
  auto body = ParseRunCreate(req.body);
  if (!body.ok()) return Fail(body.status(), req);
  auto run = svc.CreateRun(*body, http::ActorFor(req));
  if (!run.ok()) return Fail(run.status(), req);
  return WithETag(Response::Json(201, RunToJson(*run)), run->revision);
}

// The items of a run list, cached by run revision like GET /runs/{id}'s bodies (`cache` holds
// list items, which have no artifacts): a page of runs unchanged since they were last listed
// costs the store's key query, without loading or serializing them again.
Response ListRuns(TrackingService& svc, RunResponseCache& cache, Request& req) {
  auto limit = QueryInt(req, "limit");
  if (!limit.ok()) return Fail(limit.status(), req);
  PageBodies bodies(cache);
  RunListRequest lr{QueryString(req, "experiment_name"),
                    QueryString(req, "status"),
                    QueryString(req, "filter").value_or(""),
                    QueryString(req, "order_by").value_or(""),
                    QueryString(req, "lifecycle"),
                    *limit,
                    QueryString(req, "page_token").value_or(""),
                    [&](const Run& r) { return bodies.NeedsLoad(r.run_id, r.revision); }};
  auto page = svc.ListRuns(lr);
  if (!page.ok()) return Fail(page.status(), req);
  std::vector<std::shared_ptr<const std::string>> held;
  std::vector<std::string_view> items;
  held.reserve(page->items.size());
  items.reserve(page->items.size());
  for (const Run& r : page->items) {
    held.push_back(bodies.Body(r.run_id, r.revision, [&] { return RunToJson(r, RunView::kList); }));
    items.emplace_back(*held.back());
  }
  return Response::Json(200, RunPageFromItems(items, page->next_page_token));
}

Response GetRun(TrackingService& svc, RunResponseCache& cache, Request& req) {
  const std::string& run_id = req.Param("run_id");
  auto revision = svc.GetRunRevision(run_id);
  if (!revision.ok()) return Fail(revision.status(), req);
  if (auto hit = cache.Get(run_id, *revision)) {
    return WithETag(Response::Json(200, *hit), *revision);
  }
  auto run = svc.GetRun(run_id);
  if (!run.ok()) return Fail(run.status(), req);
  std::string body = RunToJson(*run);
  cache.Put(run_id, run->revision, body);
  return WithETag(Response::Json(200, std::move(body)), run->revision);
}

Response PatchRun(TrackingService& svc, Request& req) {
  auto if_match = IfMatch(req);
  if (!if_match.ok()) return Fail(if_match.status(), req);
  auto patch = ParseRunPatch(req.body);
  if (!patch.ok()) return Fail(patch.status(), req);
  auto run = svc.UpdateRun(req.Param("run_id"), *patch, *if_match, http::ActorFor(req));
  if (!run.ok()) return Fail(run.status(), req);
  return WithETag(Response::Json(200, RunToJson(*run)), run->revision);
}

// Soft delete (DELETE) and restore (POST …/restore) of a run: the run after the change
// (idempotent), revision-guarded by If-Match.
Response ChangeRunLifecycle(TrackingService& svc, Request& req, bool deleted) {
  auto if_match = IfMatch(req);
  if (!if_match.ok()) return Fail(if_match.status(), req);
  const std::string& run_id = req.Param("run_id");
  auto run = deleted ? svc.DeleteRun(run_id, *if_match, http::ActorFor(req))
                     : svc.RestoreRun(run_id, *if_match, http::ActorFor(req));
  if (!run.ok()) return Fail(run.status(), req);
  return WithETag(Response::Json(200, RunToJson(*run)), run->revision);
}

Response LogMetrics(TrackingService& svc, Request& req) {
  auto batch = ParseMetricBatch(req.body);
  if (!batch.ok()) return Fail(batch.status(), req);
  auto n = svc.LogMetrics(req.Param("run_id"), std::move(*batch), http::ActorFor(req));
  if (!n.ok()) return Fail(n.status(), req);
  return Response::Json(200, AcceptedToJson(*n));
}

// About 1 MiB of JSON per piece of a streamed history (points take ~60 bytes).
constexpr size_t kHistoryPointsPerPiece = 16 * 1024;

// The history document, produced piece by piece while the response is written: each piece reads
// the next blocks (in a short read transaction of its own, see OpenMetricHistory) and encodes
// them; the pieces concatenate to MetricHistoryToJson of the same history.
class MetricHistoryBody final : public http::BodyProducer {
 public:
  MetricHistoryBody(std::unique_ptr<MetricHistoryCursor> cursor, std::string_view key)
      : cursor_(std::move(cursor)), writer_(key, /*streamed=*/true) {
    writer_.Begin(cursor_->count(), cursor_->downsampled());
  }

  Status Next(std::string& out) override {
    if (done_) return Status::Ok();
    if (CancellationRequested()) return Cancelled();
    // An end block can keep no point of the range: an empty piece would end the body early.
    while (true) {
      ASSIGN_OR_RETURN(const bool more, cursor_->Next(writer_, kHistoryPointsPerPiece));
      writer_.Take(out);
      if (!more) {
        out += writer_.Finish();
        done_ = true;
        return Status::Ok();
      }
      if (!out.empty()) return Status::Ok();
    }
  }

 private:
  std::unique_ptr<MetricHistoryCursor> cursor_;
  MetricHistoryJsonWriter writer_;
  bool done_ = false;
};

Response GetMetricHistory(TrackingService& svc, Request& req) {
  MetricHistoryRequest hr;
  for (auto [name, slot] :
       {std::pair{"min_step", &hr.min_step}, std::pair{"max_step", &hr.max_step},
        std::pair{"max_points", &hr.max_points}}) {
    auto v = QueryInt(req, name);
    if (!v.ok()) return Fail(v.status(), req);
    *slot = *v;
  }
  // Validation, the run and the block list are answered here (a problem+json on error); the
  // points stream out as the client reads them.
  auto cursor = svc.OpenMetricHistory(req.Param("run_id"), req.Param("key"), hr);
  if (!cursor.ok()) return Fail(cursor.status(), req);
  return Response::Streamed(
      200, "application/json",
      std::make_unique<MetricHistoryBody>(std::move(*cursor), req.Param("key")));
}

Response PutArtifact(TrackingService& svc, Request& req) {
  if (!req.body_file) return Fail(InvalidArgument("missing request body"), req);
  std::string content_type(req.Header("content-type").value_or("application/octet-stream"));
  auto a = svc.PutArtifact(req.Param("run_id"), req.Param("path"), *req.body_file, content_type,
                           http::ActorFor(req));
  if (!a.ok()) return Fail(a.status(), req);
  return Response::Json(201, ArtifactToJson(*a));
}

Response GetArtifact(TrackingService& svc, Request& req) {
  auto f = svc.GetArtifact(req.Param("run_id"), req.Param("path"));
  if (!f.ok()) return Fail(f.status(), req);
  Response r;
  r.status = 200;
  r.content_type = "application/octet-stream";
  r.file = f->file;
  r.headers.emplace_back("X-Content-SHA256", f->artifact.sha256);
  return r;
}

Response ListArtifacts(TrackingService& svc, Request& req) {
  if (Status s = http::RejectQuery(req, {"limit", "page_token"},
                                   "this list is not paged; it returns every artifact of the run");
      !s.ok())
    return Fail(s, req);
  auto items = svc.ListArtifacts(req.Param("run_id"));
  if (!items.ok()) return Fail(items.status(), req);
  return Response::Json(200, ArtifactListToJson(*items));
}

}  // namespace

void RegisterTrackingRoutes(http::Router& router, TrackingService& service) {
  const std::string base = kLifecyclePrefix;
  http::RouteOptions json_body;
  json_body.content_types = {"application/json"};
  http::RouteOptions upload;
  upload.stream_body_to_file = true;
  auto cache = std::make_shared<RunResponseCache>();
  auto list_cache = std::make_shared<RunResponseCache>();
  TrackingService& s = service;

  router.Add(
      Method::kPost, base + "/experiments", [&s](Request& r) { return CreateExperiment(s, r); },
      json_body);
  router.Add(Method::kGet, base + "/experiments",
             [&s](Request& r) { return ListExperiments(s, r); });
  router.Add(Method::kGet, base + "/experiments/{name}",
             [&s](Request& r) { return GetExperiment(s, r); });
  router.Add(
      Method::kPatch, base + "/experiments/{name}",
      [&s](Request& r) { return PatchExperiment(s, r); }, json_body);

  router.Add(Method::kDelete, base + "/experiments/{name}",
             [&s](Request& r) { return ChangeExperimentLifecycle(s, r, true); });
  router.Add(Method::kPost, base + "/experiments/{name}/restore",
             [&s](Request& r) { return ChangeExperimentLifecycle(s, r, false); });

  router.Add(
      Method::kPost, base + "/runs", [&s](Request& r) { return CreateRun(s, r); }, json_body);
  router.Add(Method::kGet, base + "/runs",
             [&s, list_cache](Request& r) { return ListRuns(s, *list_cache, r); });
  router.Add(Method::kGet, base + "/runs/{run_id}",
             [&s, cache](Request& r) { return GetRun(s, *cache, r); });
  router.Add(
      Method::kPatch, base + "/runs/{run_id}", [&s](Request& r) { return PatchRun(s, r); },
      json_body);

  router.Add(Method::kDelete, base + "/runs/{run_id}",
             [&s](Request& r) { return ChangeRunLifecycle(s, r, true); });
  router.Add(Method::kPost, base + "/runs/{run_id}/restore",
             [&s](Request& r) { return ChangeRunLifecycle(s, r, false); });

  router.Add(
      Method::kPost, base + "/runs/{run_id}/metrics", [&s](Request& r) { return LogMetrics(s, r); },
      json_body);
  router.Add(Method::kGet, base + "/runs/{run_id}/metrics/{key...}",
             [&s](Request& r) { return GetMetricHistory(s, r); });

  router.Add(Method::kGet, base + "/runs/{run_id}/artifacts",
             [&s](Request& r) { return ListArtifacts(s, r); });
  router.Add(
      Method::kPut, base + "/runs/{run_id}/artifacts/{path...}",
      [&s](Request& r) { return PutArtifact(s, r); }, upload);
  router.Add(Method::kGet, base + "/runs/{run_id}/artifacts/{path...}",
             [&s](Request& r) { return GetArtifact(s, r); });
}

}  // namespace cairn::tracking
