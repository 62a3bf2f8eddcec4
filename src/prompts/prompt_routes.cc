#include "prompts/prompt_routes.h"

#include <charconv>
#include <string>

#include "common/validation.h"
#include "http/identity.h"
#include "http/request_params.h"
#include "http/route_errors.h"
#include "prompts/prompt_json.h"

namespace cairn::prompts {
namespace {

using http::Method;
using http::Request;
using http::Response;

using http::Fail;

Result<int64_t> ParsePositive(std::string_view v, const std::string& field) {
  int64_t n = 0;
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
  if (v.empty() || ec != std::errc() || p != v.data() + v.size() || n < 1)
    return validation::FieldInvalid(field, "must be a positive integer");
  return n;
}

using http::IfMatch;
using http::QueryInt;
using http::QueryString;
using http::WithETag;

Response VersionResponse(int status, const Version& v) {
  return WithETag(Response::Json(status, VersionToJson(v)), v.revision);
}

Response CreateTemplate(PromptService& svc, Request& req) {
  auto body = ParseTemplateCreate(req.body);
  if (!body.ok()) return Fail(body.status(), req);
  auto t = svc.CreateTemplate(*body, http::ActorFor(req));
  if (!t.ok()) return Fail(t.status(), req);
  return WithETag(Response::Json(201, TemplateToJson(*t)), t->revision);
}

Response ListTemplates(PromptService& svc, Request& req) {
  auto limit = QueryInt(req, "limit");
  if (!limit.ok()) return Fail(limit.status(), req);
  TemplateListRequest lr{QueryString(req, "status"), QueryString(req, "owner"),
                         QueryString(req, "tag"), *limit,
                         QueryString(req, "page_token").value_or("")};
  auto page = svc.ListTemplates(lr);
  if (!page.ok()) return Fail(page.status(), req);
  return Response::Json(200, TemplatePageToJson(*page));
}

Response GetTemplate(PromptService& svc, Request& req) {
  auto t = svc.GetTemplate(req.Param("id"));
  if (!t.ok()) return Fail(t.status(), req);
  return WithETag(Response::Json(200, TemplateToJson(*t)), t->revision);
}

Response PatchTemplate(PromptService& svc, Request& req) {
  auto if_match = IfMatch(req);
  if (!if_match.ok()) return Fail(if_match.status(), req);
  auto patch = ParseTemplatePatch(req.body);
  if (!patch.ok()) return Fail(patch.status(), req);
  auto t = svc.UpdateTemplate(req.Param("id"), *patch, *if_match, http::ActorFor(req));
  if (!t.ok()) return Fail(t.status(), req);
  return WithETag(Response::Json(200, TemplateToJson(*t)), t->revision);
}

Response CreateVersion(PromptService& svc, Request& req) {
  auto body = ParseVersionCreate(req.body);
  if (!body.ok()) return Fail(body.status(), req);
  auto v = svc.CreateVersion(req.Param("id"), *body, http::ActorFor(req));
  if (!v.ok()) return Fail(v.status(), req);
  return VersionResponse(201, *v);
}

Response GetVersion(PromptService& svc, Request& req) {
  auto n = ParsePositive(req.Param("version"), "version");
  if (!n.ok()) return Fail(n.status(), req);
  auto v = svc.GetVersion(req.Param("id"), *n);
  if (!v.ok()) return Fail(v.status(), req);
  return VersionResponse(200, *v);
}

Response PatchVersion(PromptService& svc, Request& req) {
  auto n = ParsePositive(req.Param("version"), "version");
  if (!n.ok()) return Fail(n.status(), req);
  auto if_match = IfMatch(req);
  if (!if_match.ok()) return Fail(if_match.status(), req);
  auto patch = ParseVersionPatch(req.body);
  if (!patch.ok()) return Fail(patch.status(), req);
  auto v = svc.UpdateVersion(req.Param("id"), *n, *patch, *if_match, http::ActorFor(req));
  if (!v.ok()) return Fail(v.status(), req);
  return VersionResponse(200, *v);
}

Response Evaluate(PromptService& svc, Request& req) {
  auto body = ParseEvaluateRequest(req.body);
  if (!body.ok()) return Fail(body.status(), req);
  auto ev = svc.Evaluate(*body, http::ActorFor(req));
  if (!ev.ok()) return Fail(ev.status(), req);
  return Response::Json(200, EvaluationToJson(*ev));
}

Response ListRules(PromptService& svc, Request&) {
  return Response::Json(200, RuleCatalogToJson(RuleCatalog(), svc.evaluator().options()));
}

Response ReviewVersion(PromptService& svc, ReviewAction action, Request& req) {
  auto n = ParsePositive(req.Param("version"), "version");
  if (!n.ok()) return Fail(n.status(), req);
  auto if_match = IfMatch(req);
  if (!if_match.ok()) return Fail(if_match.status(), req);
  auto body = ParseReviewRequest(req.body);
  if (!body.ok()) return Fail(body.status(), req);
  auto v = svc.Review(req.Param("id"), *n, action, *body, *if_match, http::ActorFor(req));
  if (!v.ok()) return Fail(v.status(), req);
  return VersionResponse(200, *v);
}

Response PutLabel(PromptService& svc, Request& req) {
  auto version = ParseLabelPut(req.body);
  if (!version.ok()) return Fail(version.status(), req);
  const std::string& id = req.Param("id");
  const std::string& label = req.Param("label");
  auto if_match = IfMatch(req);
  if (!if_match.ok()) return Fail(if_match.status(), req);
  auto move = svc.SetLabel(id, label, *version, http::ActorFor(req), *if_match);
  if (!move.ok()) return Fail(move.status(), req);
  return http::WithETag(Response::Json(200, LabelToJson(id, label, *move)), move->revision);
}

Response DeleteLabel(PromptService& svc, Request& req) {
  auto v = svc.DeleteLabel(req.Param("id"), req.Param("label"), http::ActorFor(req));
  if (!v.ok()) return Fail(v.status(), req);
  return Response::NoContent();
}

Response LogUsage(PromptService& svc, Request& req) {
  auto n = ParsePositive(req.Param("version"), "version");
  if (!n.ok()) return Fail(n.status(), req);
  auto e = ParseUsageEvent(req.body);
  if (!e.ok()) return Fail(e.status(), req);
  auto logged = svc.LogUsage(req.Param("id"), *n, std::move(*e), http::ActorFor(req));
  if (!logged.ok()) return Fail(logged.status(), req);
  return Response::Json(201, UsageEventToJson(*logged));
}

Response GetUsage(PromptService& svc, Request& req) {
  auto n = ParsePositive(req.Param("version"), "version");
  if (!n.ok()) return Fail(n.status(), req);
  auto recent = QueryInt(req, "recent");
  if (!recent.ok()) return Fail(recent.status(), req);
  auto s = svc.GetUsage(req.Param("id"), *n, QueryString(req, "since"), *recent);
  if (!s.ok()) return Fail(s.status(), req);
  return Response::Json(200, UsageSummaryToJson(*s));
}

Response Render(PromptService& svc, Request& req) {
  auto body = ParseRenderRequest(req.body);
  if (!body.ok()) return Fail(body.status(), req);
  auto r = svc.Render(req.Param("id"), *body);
  if (!r.ok()) return Fail(r.status(), req);
  return Response::Json(200, RenderedToJson(*r));
}

}  // namespace

void RegisterPromptRoutes(http::Router& router, PromptService& service) {
  const std::string base = kPromptsPrefix;
  const std::string tpl = base + "/templates/{id}";
  http::RouteOptions json_body;
  json_body.content_types = {"application/json"};
  PromptService& s = service;

  router.Add(
      Method::kPost, base + "/templates", [&s](Request& r) { return CreateTemplate(s, r); },
      json_body);
  router.Add(Method::kGet, base + "/templates", [&s](Request& r) { return ListTemplates(s, r); });
  router.Add(Method::kGet, tpl, [&s](Request& r) { return GetTemplate(s, r); });
  router.Add(
      Method::kPatch, tpl, [&s](Request& r) { return PatchTemplate(s, r); }, json_body);

  router.Add(
      Method::kPost, tpl + "/versions", [&s](Request& r) { return CreateVersion(s, r); },
      json_body);
  router.Add(Method::kGet, tpl + "/versions/{version}",
             [&s](Request& r) { return GetVersion(s, r); });
  router.Add(
      Method::kPatch, tpl + "/versions/{version}", [&s](Request& r) { return PatchVersion(s, r); },
      json_body);

  router.Add(
      Method::kPost, base + "/evaluate", [&s](Request& r) { return Evaluate(s, r); }, json_body);
  router.Add(Method::kGet, base + "/rules", [&s](Request& r) { return ListRules(s, r); });

  for (ReviewAction a : {ReviewAction::kSubmit, ReviewAction::kApprove, ReviewAction::kReject,
                         ReviewAction::kDeprecate}) {
    router.Add(
        Method::kPost, tpl + "/{version}/" + std::string(ToString(a)),
        [&s, a](Request& r) { return ReviewVersion(s, a, r); }, json_body);
  }

  router.Add(
      Method::kPut, tpl + "/labels/{label}", [&s](Request& r) { return PutLabel(s, r); },
      json_body);
  router.Add(Method::kDelete, tpl + "/labels/{label}",
             [&s](Request& r) { return DeleteLabel(s, r); });

  router.Add(
      Method::kPost, tpl + "/{version}/usage", [&s](Request& r) { return LogUsage(s, r); },
      json_body);
  router.Add(Method::kGet, tpl + "/{version}/usage", [&s](Request& r) { return GetUsage(s, r); });

  router.Add(
      Method::kPost, tpl + "/render", [&s](Request& r) { return Render(s, r); }, json_body);
}

}  // namespace cairn::prompts
