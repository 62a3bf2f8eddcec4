#include "prompts/template_syntax.h"

#include <gtest/gtest.h>

namespace cairn::prompts {
namespace {

TEST(TemplateSyntax, FindsPlaceholdersWithByteRanges) {
  ParsedBody p = ParseBody("Hi {{name}}, about {{ topic }}.");
  ASSERT_EQ(p.placeholders.size(), 2u);
  EXPECT_EQ(p.placeholders[0].name, "name");
  EXPECT_EQ(p.placeholders[0].start, 3u);
  EXPECT_EQ(p.placeholders[0].end, 11u);
  EXPECT_EQ(p.placeholders[1].name, "topic");
  EXPECT_TRUE(p.issues.empty());
}

TEST(TemplateSyntax, ReportsMalformedPlaceholders) {
  for (const char* body :
       {"{{", "a {{name", "{{ }}", "{{first name}}", "{{1x}}", "{{a-b}}", "{{{x}}}"}) {
    ParsedBody p = ParseBody(body);
    EXPECT_FALSE(p.issues.empty()) << body;
  }
}

TEST(TemplateSyntax, RejectsOverlongNames) {
  ParsedBody p = ParseBody("{{" + std::string(65, 'a') + "}}");
  EXPECT_TRUE(p.placeholders.empty());
  ASSERT_EQ(p.issues.size(), 1u);
  EXPECT_TRUE(ParseBody("{{" + std::string(64, 'a') + "}}").issues.empty());
}

TEST(TemplateSyntax, LoneClosingBracesAndEscapesAreText) {
  ParsedBody p = ParseBody(R"(JSON {"a": {"b": 1}} and \{{literal}})");
  EXPECT_TRUE(p.placeholders.empty());
  EXPECT_TRUE(p.issues.empty());
  EXPECT_EQ(RenderBody(R"(x \{{literal}} y)", {}), "x {{literal}} y");
}

TEST(TemplateSyntax, RenderInsertsValuesLiterallyWithoutReexpansion) {
  std::map<std::string, std::string> v{{"a", "{{b}}"}, {"b", "SECRET"}};
  EXPECT_EQ(RenderBody("[{{a}}] [{{ b }}]", v), "[{{b}}] [SECRET]");
}

TEST(TemplateSyntax, RenderMissingValueIsEmptyAndMalformedIsVerbatim) {
  EXPECT_EQ(RenderBody("a{{x}}b {{ oops", {}), "ab {{ oops");
}

TEST(TemplateSyntax, RenderHandlesUtf8) {
  EXPECT_EQ(RenderBody("안녕 {{이름}} {{name}}님", {{"name", "철수"}}), "안녕 {{이름}} 철수님");
}

TEST(TemplateSyntax, VariableNames) {
  EXPECT_TRUE(IsValidVariableName("user_name1"));
  EXPECT_TRUE(IsValidVariableName("_x"));
  EXPECT_FALSE(IsValidVariableName(""));
  EXPECT_FALSE(IsValidVariableName("1x"));
  EXPECT_FALSE(IsValidVariableName("a-b"));
  EXPECT_FALSE(IsValidVariableName(std::string(65, 'a')));
}

TEST(TemplateSyntax, AdversarialInputFinishes) {
  std::string s;
  for (int i = 0; i < 200000; ++i) s += "{{ a";
  ParsedBody p = ParseBody(s);
  EXPECT_EQ(p.issues.size(), 200000u);
  std::string t(1 << 20, '{');
  EXPECT_FALSE(ParseBody(t).issues.empty());
  EXPECT_EQ(RenderBody(t, {}), t);
}

TEST(TemplateSyntax, RenderedSizeEqualsTheRenderedLength) {
  const std::map<std::string, std::string> values = {{"a", "xyz"}, {"b", ""}, {"c", "{{a}}"}};
  for (std::string_view body :
       {"", "plain", "{{a}}", "{{ a }}{{b}}{{c}}", "\\{{a}} and {{a}}", "{{a", "{{ }} {{1x}}",
        "}} {{missing}} \\{{", "가{{a}}나", "{{a}}{{a}}{{a}}\\{{b}}"}) {
    EXPECT_EQ(RenderedSize(body, values), RenderBody(body, values).size()) << body;
  }
}

}  // namespace
}  // namespace cairn::prompts
