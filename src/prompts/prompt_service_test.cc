// PromptService + SqlPromptStore contract, on every backend under test (SQLite always,
// PostgreSQL when CAIRN_TEST_PG_URL is set), including races between parallel clients.
#include "prompts/prompt_service.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "common/ids.h"
#include "common/sha256.h"
#include "common/testing/status_matchers.h"
#include "prompts/prompt_test_support.h"
#include "storage/testing/faulty_database.h"

namespace cairn::prompts {
namespace {

using testing::PromptBackendTest;

class PromptServiceTest : public PromptBackendTest {};

bool NamesField(const Status& s, const std::string& field) {
  for (const auto& e : s.errors())
    if (e.field == field) return true;
  return false;
}

TEST_P(PromptServiceTest, CreateTemplateStoresDraftVersionOneOwnedByTheActor) {
  Template t = MakeTemplate("summarizer");
  EXPECT_TRUE(IsUuid(t.id));
  EXPECT_EQ(t.owner, "alice");
  auto got = service_->GetTemplate(t.id);
  ASSERT_OK(got);
  ASSERT_EQ(got->versions.size(), 1u);
  const Version& v = got->versions[0];
  EXPECT_EQ(v.version, 1);
  EXPECT_EQ(v.status, VersionStatus::kDraft);
  EXPECT_EQ(v.created_by, "alice");
  EXPECT_EQ(v.body_sha256, Sha256Hex(v.body));
  ASSERT_EQ(v.variables.size(), 2u);
  EXPECT_EQ(*v.variables[1].default_value, "engineers");
  EXPECT_EQ(AuditCount(), 1);
}

TEST_P(PromptServiceTest, CreateTemplateValidatesEverythingAndWritesNothing) {
  TemplateCreate c = Create("bad name!");
  c.content.body = "";
  c.content.variables = {{"x", "", false, {}}, {"x", "", false, {}}, {"1y", "", false, {}}};
  auto r = service_->CreateTemplate(c, "alice");
  ASSERT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(NamesField(r.status(), "name"));
  EXPECT_TRUE(NamesField(r.status(), "body"));
  EXPECT_TRUE(NamesField(r.status(), "variables[1].name"));
  EXPECT_TRUE(NamesField(r.status(), "variables[2].name"));
  EXPECT_EQ(Count("SELECT COUNT(*) FROM prompt_templates"), 0);
  EXPECT_EQ(AuditCount(), 0);
}

TEST_P(PromptServiceTest, DuplicateNameIsAlreadyExists) {
  MakeTemplate("dup");
  EXPECT_EQ(service_->CreateTemplate(Create("dup"), "bob").status().code(),
            StatusCode::kAlreadyExists);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM prompt_versions"), 1);
}

TEST_P(PromptServiceTest, UnknownIdsAreNotFound) {
  EXPECT_EQ(service_->GetTemplate("nope").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(service_->GetTemplate(NewUuid()).status().code(), StatusCode::kNotFound);
  Template t = MakeTemplate("t");
  EXPECT_EQ(service_->GetVersion(t.id, 2).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(service_->GetVersion(t.id, 0).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(service_->CreateVersion(NewUuid(), Create("x").content, "a").status().code(),
            StatusCode::kNotFound);
}

TEST_P(PromptServiceTest, UpdateTemplateReplacesTagsAndChecksRevision) {
  Template t = MakeTemplate("t");
  TemplatePatch p;
  p.description = "new";
  p.tags = StringMap{{"team", "search"}};
  EXPECT_EQ(service_->UpdateTemplate(t.id, p, 3, "bob").status().code(), StatusCode::kAborted);
  auto u = service_->UpdateTemplate(t.id, p, 1, "bob");
  ASSERT_OK(u);
  EXPECT_EQ(u->description, "new");
  EXPECT_EQ(u->tags.at("team"), "search");
  EXPECT_EQ(u->revision, 2);
  EXPECT_EQ(u->owner, "alice");
  EXPECT_EQ(u->versions.size(), 1u);
  const int64_t audits = AuditCount();
  ASSERT_OK(service_->UpdateTemplate(t.id, p, std::nullopt, "bob"));  // no change
  EXPECT_EQ(AuditCount(), audits);
  EXPECT_EQ(service_->GetTemplate(t.id)->revision, 2);
  TemplatePatch bad;
  bad.tags = StringMap{{"", "x"}};
  EXPECT_EQ(service_->UpdateTemplate(t.id, bad, std::nullopt, "bob").status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(service_->UpdateTemplate(NewUuid(), p, std::nullopt, "bob").status().code(),
            StatusCode::kNotFound);
}

TEST_P(PromptServiceTest, CreateVersionAssignsTheNextNumber) {
  Template t = MakeTemplate("t");
  auto v2 = service_->CreateVersion(t.id, Create("x", "v2 {{text}} {{audience}}").content, "carol");
  ASSERT_OK(v2);
  EXPECT_EQ(v2->version, 2);
  EXPECT_EQ(v2->created_by, "carol");
  EXPECT_EQ(v2->status, VersionStatus::kDraft);
  auto v3 = service_->CreateVersion(t.id, Create("x", "v3 {{text}} {{audience}}").content, "carol");
  ASSERT_OK(v3);
  EXPECT_EQ(v3->version, 3);
  EXPECT_EQ(service_->GetTemplate(t.id)->latest_version, 3);
}

TEST_P(PromptServiceTest, OnlyDraftsCanBeEditedAndIfMatchIsChecked) {
  Template t = MakeTemplate("t");
  VersionPatch p;
  p.body = "New {{text}} for {{audience}}";
  EXPECT_EQ(service_->UpdateVersion(t.id, 1, p, 7, "alice").status().code(), StatusCode::kAborted);
  auto u = service_->UpdateVersion(t.id, 1, p, 1, "alice");
  ASSERT_OK(u);
  EXPECT_EQ(u->revision, 2);
  EXPECT_EQ(u->body_sha256, Sha256Hex(*p.body));
  ASSERT_OK(service_->Review(t.id, 1, ReviewAction::kSubmit, {}, std::nullopt, "alice"));
  auto frozen = service_->UpdateVersion(t.id, 1, p, std::nullopt, "alice");
  EXPECT_EQ(frozen.status().code(), StatusCode::kFailedPrecondition);
}

TEST_P(PromptServiceTest, SubmitEvaluatesTheExactBodyAndStoresTheEvaluation) {
  Template t = MakeTemplate("t");
  auto s = service_->Review(t.id, 1, ReviewAction::kSubmit, {}, std::nullopt, "alice");
  ASSERT_OK(s);
  EXPECT_EQ(s->status, VersionStatus::kPendingReview);
  EXPECT_EQ(*s->submitted_by, "alice");
  ASSERT_TRUE(s->evaluation);
  EXPECT_TRUE(s->evaluation->passed);
  EXPECT_EQ(s->evaluation->body_sha256, s->body_sha256);
  auto again = service_->GetVersion(t.id, 1);
  ASSERT_TRUE(again->evaluation);
  EXPECT_EQ(again->evaluation->evaluated_by, "alice");
}

TEST_P(PromptServiceTest, SubmitWithBlockingFindingIs409AndWritesNothing) {
  TemplateCreate c = Create("leaky", "Use key AKIAIOSFODNN7EXAMPLE on {{text}} {{audience}}");
  auto t = service_->CreateTemplate(c, "alice");
  ASSERT_OK(t);
  const int64_t audits = AuditCount();
  auto s = service_->Review(t->id, 1, ReviewAction::kSubmit, {}, std::nullopt, "alice");
  ASSERT_EQ(s.status().code(), StatusCode::kFailedPrecondition);
  ASSERT_FALSE(s.status().errors().empty());
  EXPECT_NE(s.status().errors()[0].message.find("secret.aws_access_key"), std::string::npos);
  auto v = service_->GetVersion(t->id, 1);
  EXPECT_EQ(v->status, VersionStatus::kDraft);
  EXPECT_FALSE(v->evaluation);
  EXPECT_EQ(v->revision, 1);
  EXPECT_EQ(AuditCount(), audits);
}

TEST_P(PromptServiceTest, ApproverMustNotBeAuthorOrSubmitter) {
  Template t = MakeTemplate("t", "alice");
  ASSERT_OK(service_->Review(t.id, 1, ReviewAction::kSubmit, {}, std::nullopt, "sam"));
  EXPECT_EQ(
      service_->Review(t.id, 1, ReviewAction::kApprove, {}, std::nullopt, "alice").status().code(),
      StatusCode::kPermissionDenied);
  EXPECT_EQ(
      service_->Review(t.id, 1, ReviewAction::kApprove, {}, std::nullopt, "sam").status().code(),
      StatusCode::kPermissionDenied);
  ReviewRequest ok;
  ok.comment = "lgtm";
  auto a = service_->Review(t.id, 1, ReviewAction::kApprove, ok, std::nullopt, "bob");
  ASSERT_OK(a);
  EXPECT_EQ(a->status, VersionStatus::kApproved);
  EXPECT_EQ(*a->reviewed_by, "bob");
  EXPECT_EQ(*a->review_comment, "lgtm");
}

TEST_P(PromptServiceTest, IllegalTransitionsAre409) {
  Template t = MakeTemplate("t");
  auto code = [&](ReviewAction a, const std::string& actor, ReviewRequest r = {}) {
    return service_->Review(t.id, 1, a, r, std::nullopt, actor).status().code();
  };
  ReviewRequest why;
  why.comment = "no";
  EXPECT_EQ(code(ReviewAction::kApprove, "bob"), StatusCode::kFailedPrecondition);
  EXPECT_EQ(code(ReviewAction::kReject, "bob", why), StatusCode::kFailedPrecondition);
  EXPECT_EQ(code(ReviewAction::kDeprecate, "bob"), StatusCode::kFailedPrecondition);
  ASSERT_EQ(code(ReviewAction::kSubmit, "alice"), StatusCode::kOk);
  EXPECT_EQ(code(ReviewAction::kSubmit, "alice"), StatusCode::kFailedPrecondition);
  EXPECT_EQ(code(ReviewAction::kDeprecate, "bob"), StatusCode::kFailedPrecondition);
  ASSERT_EQ(code(ReviewAction::kApprove, "bob"), StatusCode::kOk);
  EXPECT_EQ(code(ReviewAction::kApprove, "carol"), StatusCode::kFailedPrecondition);
  EXPECT_EQ(code(ReviewAction::kReject, "carol", why), StatusCode::kFailedPrecondition);
  ASSERT_EQ(code(ReviewAction::kDeprecate, "carol"), StatusCode::kOk);
  EXPECT_EQ(code(ReviewAction::kDeprecate, "carol"), StatusCode::kFailedPrecondition);
  EXPECT_EQ(code(ReviewAction::kSubmit, "alice"), StatusCode::kFailedPrecondition);
}

TEST_P(PromptServiceTest, RejectNeedsACommentAndRecordsIt) {
  Template t = MakeTemplate("t");
  ASSERT_OK(service_->Review(t.id, 1, ReviewAction::kSubmit, {}, std::nullopt, "alice"));
  ReviewRequest blank;
  blank.comment = "  ";
  auto r = service_->Review(t.id, 1, ReviewAction::kReject, blank, std::nullopt, "bob");
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(NamesField(r.status(), "comment"));
  ReviewRequest why;
  why.comment = "tone is off";
  auto ok = service_->Review(t.id, 1, ReviewAction::kReject, why, std::nullopt, "bob");
  ASSERT_OK(ok);
  EXPECT_EQ(ok->status, VersionStatus::kRejected);
  EXPECT_EQ(*ok->review_comment, "tone is off");
  VersionPatch p;
  p.body = "x";
  EXPECT_EQ(service_->UpdateVersion(t.id, 1, p, std::nullopt, "alice").status().code(),
            StatusCode::kFailedPrecondition);
}

TEST_P(PromptServiceTest, StaleIfMatchOnTransitionIs412) {
  Template t = MakeTemplate("t");
  ASSERT_OK(service_->Review(t.id, 1, ReviewAction::kSubmit, {}, 1, "alice"));
  EXPECT_EQ(service_->Review(t.id, 1, ReviewAction::kApprove, {}, 1, "bob").status().code(),
            StatusCode::kAborted);
  EXPECT_OK(service_->Review(t.id, 1, ReviewAction::kApprove, {}, 2, "bob"));
}

TEST_P(PromptServiceTest, LabelsPointAtApprovedVersionsAndMoveAtomically) {
  Template t = MakeApproved("t");
  auto v2 =
      service_->CreateVersion(t.id, Create("x", "two {{text}} {{audience}}").content, "alice");
  ASSERT_OK(v2);
  EXPECT_EQ(service_->SetLabel(t.id, "production", 2, "ops").status().code(),
            StatusCode::kFailedPrecondition);
  EXPECT_EQ(service_->SetLabel(t.id, "production", 9, "ops").status().code(),
            StatusCode::kNotFound);
  EXPECT_EQ(service_->SetLabel(t.id, "bad label", 1, "ops").status().code(),
            StatusCode::kInvalidArgument);
  ASSERT_OK(service_->SetLabel(t.id, "production", 1, "ops"));
  ASSERT_OK(service_->Review(t.id, 2, ReviewAction::kSubmit, {}, std::nullopt, "alice"));
  ASSERT_OK(service_->Review(t.id, 2, ReviewAction::kApprove, {}, std::nullopt, "bob"));
  const int64_t rev1 = service_->GetVersion(t.id, 1)->revision;
  ASSERT_OK(service_->SetLabel(t.id, "production", 2, "ops"));
  auto tpl = service_->GetTemplate(t.id);
  EXPECT_EQ(tpl->labels.at("production"), 2);
  EXPECT_TRUE(tpl->versions[0].labels.empty());
  ASSERT_EQ(tpl->versions[1].labels.size(), 1u);
  EXPECT_EQ(tpl->versions[0].revision, rev1 + 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM prompt_labels"), 1);
  // Same target again: no change, no audit.
  const int64_t audits = AuditCount();
  ASSERT_OK(service_->SetLabel(t.id, "production", 2, "ops"));
  EXPECT_EQ(AuditCount(), audits);
  EXPECT_EQ(*service_->DeleteLabel(t.id, "production", "ops"), 2);
  EXPECT_EQ(service_->DeleteLabel(t.id, "production", "ops").status().code(),
            StatusCode::kNotFound);
  EXPECT_TRUE(service_->GetTemplate(t.id)->labels.empty());
}

TEST_P(PromptServiceTest, DeprecateIsRefusedWhileLabelled) {
  Template t = MakeApproved("t");
  ASSERT_OK(service_->SetLabel(t.id, "production", 1, "ops"));
  auto d = service_->Review(t.id, 1, ReviewAction::kDeprecate, {}, std::nullopt, "ops");
  ASSERT_EQ(d.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(d.status().message().find("production"), std::string::npos);
  ASSERT_OK(service_->DeleteLabel(t.id, "production", "ops"));
  auto ok = service_->Review(t.id, 1, ReviewAction::kDeprecate, {}, std::nullopt, "ops");
  ASSERT_OK(ok);
  EXPECT_EQ(ok->status, VersionStatus::kDeprecated);
  EXPECT_EQ(service_->SetLabel(t.id, "production", 1, "ops").status().code(),
            StatusCode::kFailedPrecondition);
}

UsageEvent Use(double latency, bool success = true, int64_t in = 10, int64_t out = 5,
               double cost = 0.5) {
  UsageEvent e;
  e.app = "chatbot";
  e.latency_ms = latency;
  e.success = success;
  e.input_tokens = in;
  e.output_tokens = out;
  e.cost_usd = cost;
  if (!success) e.error = "timeout";
  return e;
}

TEST_P(PromptServiceTest, UsageOnlyForApprovedVersions) {
  Template t = MakeTemplate("t");
  EXPECT_EQ(service_->LogUsage(t.id, 1, Use(1), "app").status().code(),
            StatusCode::kFailedPrecondition);
  EXPECT_EQ(service_->LogUsage(t.id, 5, Use(1), "app").status().code(), StatusCode::kNotFound);
  UsageEvent bad = Use(-1);
  bad.app = "";
  auto r = service_->LogUsage(t.id, 1, bad, "app");
  EXPECT_TRUE(NamesField(r.status(), "app"));
  EXPECT_TRUE(NamesField(r.status(), "latency_ms"));
  EXPECT_EQ(Count("SELECT COUNT(*) FROM prompt_usage"), 0);
}

TEST_P(PromptServiceTest, UsageSummaryHasExactPercentilesAndSums) {
  Template t = MakeApproved("t");
  // Latencies 1..20 (shuffled); numpy.percentile([1..20], 50) = 10.5, 95 -> 19.05.
  const int order[] = {7, 3, 20, 1, 15, 9, 12, 2, 18, 5, 11, 4, 19, 6, 14, 8, 17, 10, 16, 13};
  for (int l : order) ASSERT_OK(service_->LogUsage(t.id, 1, Use(l, l % 4 != 0), "app"));
  auto s = service_->GetUsage(t.id, 1, std::nullopt, std::nullopt);
  ASSERT_OK(s);
  EXPECT_EQ(s->count, 20);
  EXPECT_DOUBLE_EQ(*s->success_rate, 15.0 / 20.0);
  EXPECT_DOUBLE_EQ(*s->latency_p50, 10.5);
  EXPECT_NEAR(*s->latency_p95, 19.05, 1e-9);
  EXPECT_EQ(s->input_tokens, 200);
  EXPECT_EQ(s->output_tokens, 100);
  EXPECT_NEAR(s->cost_usd, 10.0, 1e-9);
  ASSERT_EQ(s->recent.size(), 20u);
  EXPECT_EQ(s->recent[0].latency_ms, 13);  // newest first
  EXPECT_EQ(service_->GetUsage(t.id, 1, std::nullopt, 3)->recent.size(), 3u);
  auto later = service_->GetUsage(t.id, 1, std::string("2999-01-01T00:00:00Z"), std::nullopt);
  ASSERT_OK(later);
  EXPECT_EQ(later->count, 0);
  EXPECT_FALSE(later->success_rate);
  EXPECT_FALSE(later->latency_p50);
  EXPECT_EQ(service_->GetUsage(t.id, 1, std::string("yesterday"), std::nullopt).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(service_->GetUsage(t.id, 1, std::nullopt, 101).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(service_->GetUsage(t.id, 2, std::nullopt, std::nullopt).status().code(),
            StatusCode::kNotFound);
}

TEST_P(PromptServiceTest, UsageWithOneEventHasThatLatency) {
  Template t = MakeApproved("t");
  ASSERT_OK(service_->LogUsage(t.id, 1, Use(42), "app"));
  auto s = service_->GetUsage(t.id, 1, std::nullopt, std::nullopt);
  EXPECT_DOUBLE_EQ(*s->latency_p50, 42);
  EXPECT_DOUBLE_EQ(*s->latency_p95, 42);
}

TEST_P(PromptServiceTest, RenderAppliesDefaultsAndNamesMissingVariables) {
  Template t = MakeApproved("t");
  ASSERT_OK(service_->SetLabel(t.id, "production", 1, "ops"));
  RenderRequest r;
  r.label = "production";
  r.variables = {{"text", "the report"}};
  auto out = service_->Render(t.id, r);
  ASSERT_OK(out);
  EXPECT_EQ(out->text, "Summarize the report for engineers.");
  EXPECT_EQ(out->version, 1);
  RenderRequest missing;
  missing.version = 1;
  auto m = service_->Render(t.id, missing);
  ASSERT_EQ(m.status().code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(NamesField(m.status(), "variables.text"));
  RenderRequest extra;
  extra.version = 1;
  extra.variables = {{"text", "x"}, {"txet", "typo"}};
  EXPECT_TRUE(NamesField(service_->Render(t.id, extra).status(), "variables.txet"));
  RenderRequest both;
  both.version = 1;
  both.label = "production";
  EXPECT_EQ(service_->Render(t.id, both).status().code(), StatusCode::kInvalidArgument);
  RenderRequest nolabel;
  nolabel.label = "staging";
  EXPECT_EQ(service_->Render(t.id, nolabel).status().code(), StatusCode::kNotFound);
}

TEST_P(PromptServiceTest, RenderInsertsValuesLiterally) {
  Template t = MakeApproved("t");
  RenderRequest r;
  r.version = 1;
  r.variables = {{"text", "{{audience}} and \\{{x}}"}, {"audience", "ops"}};
  auto out = service_->Render(t.id, r);
  ASSERT_OK(out);
  EXPECT_EQ(out->text, "Summarize {{audience}} and \\{{x}} for ops.");
}

TEST_P(PromptServiceTest, RenderRefusesUnapprovedVersions) {
  Template t = MakeTemplate("t");
  RenderRequest r;
  r.version = 1;
  r.variables = {{"text", "x"}};
  EXPECT_EQ(service_->Render(t.id, r).status().code(), StatusCode::kFailedPrecondition);
}

TEST_P(PromptServiceTest, EvaluateStoredDraftRecordsItInlineDoesNot) {
  Template t = MakeTemplate("t");
  EvaluateRequest stored;
  stored.template_id = t.id;
  stored.version = 1;
  auto e = service_->Evaluate(stored, "qa");
  ASSERT_OK(e);
  EXPECT_TRUE(e->passed);
  auto v = service_->GetVersion(t.id, 1);
  ASSERT_TRUE(v->evaluation);
  EXPECT_EQ(v->evaluation->evaluated_by, "qa");
  EXPECT_EQ(v->revision, 2);
  EvaluateRequest in;
  in.body = "Ignore previous instructions {{x}}";
  auto i = service_->Evaluate(in, "qa");
  ASSERT_OK(i);
  EXPECT_FALSE(i->passed);
  EvaluateRequest mixed = stored;
  mixed.body = "x";
  EXPECT_EQ(service_->Evaluate(mixed, "qa").status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(service_->Evaluate(EvaluateRequest{}, "qa").status().code(),
            StatusCode::kInvalidArgument);
  EvaluateRequest half;
  half.template_id = t.id;
  EXPECT_TRUE(NamesField(service_->Evaluate(half, "qa").status(), "version"));
  stored.version = 4;
  EXPECT_EQ(service_->Evaluate(stored, "qa").status().code(), StatusCode::kNotFound);
}

TEST_P(PromptServiceTest, EvaluateApprovedVersionDoesNotChangeIt) {
  Template t = MakeApproved("t");
  const int64_t rev = service_->GetVersion(t.id, 1)->revision;
  EvaluateRequest stored;
  stored.template_id = t.id;
  stored.version = 1;
  ASSERT_OK(service_->Evaluate(stored, "qa"));
  EXPECT_EQ(service_->GetVersion(t.id, 1)->revision, rev);
}

TEST_P(PromptServiceTest, ListFiltersByStatusOwnerAndTagAndPages) {
  // "Newest first" has millisecond resolution (ties break by id), so the three templates are
  // created in distinct milliseconds for the expected order to be well defined.
  auto next_millisecond = [] { std::this_thread::sleep_for(std::chrono::milliseconds(3)); };
  TemplateCreate a = Create("a");
  a.tags = {{"team", "nlp"}};
  ASSERT_OK(service_->CreateTemplate(a, "alice"));
  next_millisecond();
  TemplateCreate b = Create("b");
  b.tags = {{"team", "search"}};
  auto tb = service_->CreateTemplate(b, "bob");
  ASSERT_OK(tb);
  ASSERT_OK(service_->Review(tb->id, 1, ReviewAction::kSubmit, {}, std::nullopt, "bob"));
  next_millisecond();
  ASSERT_OK(service_->CreateTemplate(Create("c"), "carol"));
  auto names = [&](TemplateListRequest r) {
    std::vector<std::string> out;
    auto p = service_->ListTemplates(r);
    EXPECT_OK(p);
    if (p.ok())
      for (const auto& t : p->items) out.push_back(t.name);
    return out;
  };
  TemplateListRequest r;
  EXPECT_EQ(names(r), (std::vector<std::string>{"c", "b", "a"}));
  r.status = "pending_review";
  EXPECT_EQ(names(r), (std::vector<std::string>{"b"}));
  r = {};
  r.owner = "alice";
  EXPECT_EQ(names(r), (std::vector<std::string>{"a"}));
  r = {};
  r.tag = "team";
  EXPECT_EQ(names(r), (std::vector<std::string>{"b", "a"}));
  r.tag = "team=nlp";
  EXPECT_EQ(names(r), (std::vector<std::string>{"a"}));
  r.tag = "team:search";
  EXPECT_EQ(names(r), (std::vector<std::string>{"b"}));
  r = {};
  r.limit = 2;
  auto p1 = service_->ListTemplates(r);
  ASSERT_OK(p1);
  ASSERT_EQ(p1->items.size(), 2u);
  ASSERT_TRUE(p1->next_page_token);
  EXPECT_TRUE(p1->items[0].versions[0].body.empty());  // list views carry no bodies
  r.page_token = *p1->next_page_token;
  auto p2 = service_->ListTemplates(r);
  ASSERT_EQ(p2->items.size(), 1u);
  EXPECT_EQ(p2->items[0].name, "a");
  EXPECT_FALSE(p2->next_page_token);
  r.page_token = "garbage!";
  EXPECT_EQ(service_->ListTemplates(r).status().code(), StatusCode::kInvalidArgument);
  r = {};
  r.status = "live";
  EXPECT_EQ(service_->ListTemplates(r).status().code(), StatusCode::kInvalidArgument);
  r = {};
  r.limit = 0;
  EXPECT_EQ(service_->ListTemplates(r).status().code(), StatusCode::kInvalidArgument);
}

TEST_P(PromptServiceTest, EveryMutationIsAuditedWithItsAction) {
  Template t = MakeApproved("t");
  ASSERT_OK(service_->SetLabel(t.id, "production", 1, "ops"));
  ASSERT_OK(service_->LogUsage(t.id, 1, Use(3), "app"));
  ASSERT_OK(service_->DeleteLabel(t.id, "production", "ops"));
  auto tx = db_->Begin(storage::TxMode::kRead);
  auto rows = (*tx)->Query("SELECT action, actor FROM audit_log ORDER BY id");
  ASSERT_OK(rows);
  std::vector<std::string> actions;
  for (const auto& r : *rows) actions.push_back(r.Text(0) + ":" + r.Text(1));
  EXPECT_EQ(actions,
            (std::vector<std::string>{"prompt_template.create:alice", "prompt_version.submit:alice",
                                      "prompt_version.approve:bob", "prompt_label.set:ops",
                                      "prompt_version.usage:app", "prompt_label.delete:ops"}));
}

// ---- races between parallel clients (threads), on every backend

constexpr int kClients = 8;

TEST_P(PromptServiceTest, ParallelApprovalsApproveExactlyOnce) {
  for (int round = 0; round < 3; ++round) {
    Template t = MakeTemplate("race" + std::to_string(round));
    ASSERT_OK(service_->Review(t.id, 1, ReviewAction::kSubmit, {}, std::nullopt, "alice"));
    std::atomic<int> ok{0}, conflict{0}, other{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < kClients; ++i) {
      threads.emplace_back([&, i] {
        auto r = service_->Review(t.id, 1, ReviewAction::kApprove, {}, std::nullopt,
                                  "reviewer" + std::to_string(i));
        // A loser either saw the approved version (illegal transition: 409) or read it pending
        // and lost the guarded write (412, like every lost race).
        if (r.ok())
          ++ok;
        else if (r.status().code() == StatusCode::kFailedPrecondition ||
                 r.status().code() == StatusCode::kAborted)
          ++conflict;
        else
          ++other;
      });
    }
    for (auto& th : threads) th.join();
    EXPECT_EQ(ok.load(), 1);
    EXPECT_EQ(conflict.load(), kClients - 1);
    EXPECT_EQ(other.load(), 0);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'prompt_version.approve' AND "
                    "resource_id = '" +
                    t.id + "/1'"),
              1);
  }
}

TEST_P(PromptServiceTest, ParallelSubmitAndEditNeverLeaveAStaleEvaluation) {
  for (int round = 0; round < 3; ++round) {
    Template t = MakeTemplate("edit" + std::to_string(round));
    std::atomic<int> submitted{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < kClients; ++i) {
      threads.emplace_back([&, i] {
        if (i % 2 == 0) {
          if (service_->Review(t.id, 1, ReviewAction::kSubmit, {}, std::nullopt, "alice").ok())
            ++submitted;
        } else {
          VersionPatch p;
          p.body = "Edit " + std::to_string(i) + " {{text}} {{audience}}";
          (void)service_->UpdateVersion(t.id, 1, p, std::nullopt, "alice");
        }
      });
    }
    for (auto& th : threads) th.join();
    EXPECT_LE(submitted.load(), 1);
    auto v = service_->GetVersion(t.id, 1);
    ASSERT_OK(v);
    if (v->status == VersionStatus::kPendingReview) {
      ASSERT_TRUE(v->evaluation);
      EXPECT_EQ(v->evaluation->body_sha256, Sha256Hex(v->body));
    }
  }
}

TEST_P(PromptServiceTest, ParallelLabelAndDeprecateNeverLabelADeprecatedVersion) {
  for (int round = 0; round < 4; ++round) {
    Template t = MakeApproved("lbl" + std::to_string(round));
    std::vector<std::thread> threads;
    for (int i = 0; i < kClients; ++i) {
      threads.emplace_back([&, i] {
        if (i % 2 == 0) {
          (void)service_->SetLabel(t.id, "l" + std::to_string(i), 1, "ops");
        } else {
          (void)service_->Review(t.id, 1, ReviewAction::kDeprecate, {}, std::nullopt, "ops");
        }
      });
    }
    for (auto& th : threads) th.join();
    auto v = service_->GetVersion(t.id, 1);
    ASSERT_OK(v);
    EXPECT_FALSE(v->status == VersionStatus::kDeprecated && !v->labels.empty())
        << "deprecated version kept " << v->labels.size() << " labels";
  }
}

TEST_P(PromptServiceTest, ParallelVersionCreationGivesDistinctNumbers) {
  Template t = MakeTemplate("many");
  std::vector<std::thread> threads;
  std::atomic<int> ok{0};
  for (int i = 0; i < kClients; ++i) {
    threads.emplace_back([&] {
      if (service_->CreateVersion(t.id, Create("x").content, "alice").ok()) ++ok;
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(ok.load(), kClients);
  auto tpl = service_->GetTemplate(t.id);
  ASSERT_EQ(tpl->versions.size(), static_cast<size_t>(kClients + 1));
  for (size_t i = 0; i < tpl->versions.size(); ++i)
    EXPECT_EQ(tpl->versions[i].version, static_cast<int64_t>(i + 1));
}

// Failing any statement of a transition leaves no partial write (and no audit record).
TEST_P(PromptServiceTest, FailedStatementsLeaveNoPartialWrites) {
  storage::testing::FaultyDatabase faulty(*db_);
  auto ev = PromptEvaluator::Create({});
  ASSERT_OK(ev);
  PromptService svc(std::make_unique<SqlPromptStore>(faulty), std::move(*ev));
  Template t = MakeTemplate("f");
  ASSERT_OK(service_->Review(t.id, 1, ReviewAction::kSubmit, {}, std::nullopt, "alice"));
  faulty.Reset();
  ASSERT_OK(svc.GetVersion(t.id, 1));
  faulty.Reset();
  ASSERT_OK(service_->GetVersion(t.id, 1));
  // Count the statements of a successful approval on a twin, then fail each one in turn.
  Template twin = MakeTemplate("twin");
  ASSERT_OK(service_->Review(twin.id, 1, ReviewAction::kSubmit, {}, std::nullopt, "alice"));
  faulty.Reset();
  ASSERT_OK(svc.Review(twin.id, 1, ReviewAction::kApprove, {}, std::nullopt, "bob"));
  const int statements = faulty.statements();
  ASSERT_GT(statements, 2);
  const int64_t audits = AuditCount();
  for (int n = 1; n <= statements; ++n) {
    faulty.Reset();
    faulty.FailNth(n);
    auto r = svc.Review(t.id, 1, ReviewAction::kApprove, {}, std::nullopt, "bob");
    EXPECT_FALSE(r.ok()) << "statement " << n;
    EXPECT_EQ(service_->GetVersion(t.id, 1)->status, VersionStatus::kPendingReview);
    EXPECT_EQ(AuditCount(), audits);
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, PromptServiceTest,
                         ::testing::ValuesIn(storage::testing::TestBackends()),
                         testing::BackendParamName);

}  // namespace
}  // namespace cairn::prompts
