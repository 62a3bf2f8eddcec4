#include "prompts/prompt_json.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "common/testing/status_matchers.h"

namespace cairn::prompts {
namespace {

bool Names(const Status& s, const std::string& field) {
  for (const auto& e : s.errors())
    if (e.field == field) return true;
  return false;
}

TEST(PromptJson, ParsesTemplateCreate) {
  auto c = ParseTemplateCreate(R"({"name":"t","description":"d","tags":{"team":"nlp"},
      "body":"Hi {{x}}","variables":[{"name":"x","required":true,"default":"y","description":"z"}],
      "model_hint":"gpt","parameters":{"temperature":0.2}})");
  ASSERT_OK(c);
  EXPECT_EQ(c->name, "t");
  EXPECT_EQ(c->tags.at("team"), "nlp");
  ASSERT_EQ(c->content.variables.size(), 1u);
  EXPECT_TRUE(c->content.variables[0].required);
  EXPECT_EQ(*c->content.variables[0].default_value, "y");
  EXPECT_EQ(c->content.parameters_json, R"({"temperature":0.2})");
}

TEST(PromptJson, RejectsUnknownFieldsAndWrongTypes) {
  auto c = ParseTemplateCreate(R"({"name":"t","body":"b","bodyy":"x"})");
  ASSERT_FALSE(c.ok());
  EXPECT_TRUE(Names(c.status(), "bodyy"));
  auto v = ParseTemplateCreate(R"({"name":"t","body":"b","variables":[{"name":"x","extra":1}]})");
  ASSERT_FALSE(v.ok());
  EXPECT_TRUE(Names(v.status(), "variables[0].extra"));
  auto w = ParseTemplateCreate(R"({"name":"t","body":"b","variables":{"x":1}})");
  ASSERT_FALSE(w.ok());
  EXPECT_TRUE(Names(w.status(), "variables"));
  auto p = ParseTemplateCreate(R"({"name":"t","body":"b","parameters":[1]})");
  ASSERT_FALSE(p.ok());
  EXPECT_TRUE(Names(p.status(), "parameters"));
  auto m = ParseTemplateCreate(R"({"name":"t"})");
  ASSERT_FALSE(m.ok());
  EXPECT_TRUE(Names(m.status(), "body"));
  EXPECT_FALSE(ParseTemplateCreate("{").ok());
  EXPECT_FALSE(ParseTemplateCreate("[]").ok());
}

TEST(PromptJson, ReviewBodyMayBeEmpty) {
  EXPECT_OK(ParseReviewRequest(""));
  EXPECT_FALSE(ParseReviewRequest("").value().comment.has_value());
  EXPECT_EQ(*ParseReviewRequest(R"({"comment":"ok"})")->comment, "ok");
  EXPECT_FALSE(ParseReviewRequest(R"({"comment":1})").ok());
  EXPECT_FALSE(ParseReviewRequest(R"({"note":"x"})").ok());
}

TEST(PromptJson, UsageEventDefaultsAndErrors) {
  auto e = ParseUsageEvent(R"({"app":"bot","latency_ms":12.5})");
  ASSERT_OK(e);
  EXPECT_TRUE(e->success);
  EXPECT_EQ(e->input_tokens, 0);
  auto bad = ParseUsageEvent(R"({"app":"bot","latency_ms":"x","success":"yes"})");
  ASSERT_FALSE(bad.ok());
  EXPECT_TRUE(Names(bad.status(), "latency_ms"));
  EXPECT_TRUE(Names(bad.status(), "success"));
  EXPECT_TRUE(Names(ParseUsageEvent(R"({"latency_ms":1})").status(), "app"));
}

TEST(PromptJson, RenderVariablesAcceptScalars) {
  auto r = ParseRenderRequest(R"({"label":"production","variables":{"a":"x","n":3,"b":true}})");
  ASSERT_OK(r);
  EXPECT_EQ(r->variables.at("n"), "3");
  EXPECT_EQ(r->variables.at("b"), "true");
  auto bad = ParseRenderRequest(R"({"version":1,"variables":{"a":{"x":1}}})");
  ASSERT_FALSE(bad.ok());
  EXPECT_TRUE(Names(bad.status(), "variables.a"));
}

TEST(PromptJson, EvaluationRoundTripsThroughStorageText) {
  Evaluation e;
  e.passed = false;
  e.score = 60;
  e.findings.push_back({"pii.email", "pii", Severity::kMedium, "email address", 3, 9});
  e.findings.push_back({"placeholder.unused", "placeholder", Severity::kLow, "unused", {}, {}});
  e.findings_total = 2;
  e.body_sha256 = "ab";
  e.estimated_tokens = 7;
  e.token_budget = 10;
  e.evaluated_at = 1700000000123;
  e.evaluated_by = "alice";
  auto back = EvaluationFromText(EvaluationToText(e));
  ASSERT_TRUE(back);
  EXPECT_FALSE(back->passed);
  EXPECT_EQ(back->score, 60);
  ASSERT_EQ(back->findings.size(), 2u);
  EXPECT_EQ(back->findings[0].severity, Severity::kMedium);
  EXPECT_EQ(*back->findings[0].end, 9);
  EXPECT_FALSE(back->findings[1].start);
  EXPECT_EQ(back->evaluated_at, 1700000000123);
  EXPECT_EQ(back->evaluated_by, "alice");
}

TEST(PromptJson, VariablesRoundTrip) {
  std::vector<Variable> v{{"a", "d", true, "x"}, {"b", "", false, std::nullopt}};
  auto back = VariablesFromText(VariablesToText(v));
  ASSERT_EQ(back.size(), 2u);
  EXPECT_EQ(*back[0].default_value, "x");
  EXPECT_TRUE(back[0].required);
  EXPECT_FALSE(back[1].default_value);
}

}  // namespace
}  // namespace cairn::prompts
