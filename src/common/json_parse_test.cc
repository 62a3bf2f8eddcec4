// The strict side of json::Parse: what RFC 8259 allows but a request body must not carry.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <utility>

#include "common/json.h"

namespace cairn::json {
namespace {

using ::testing::HasSubstr;

TEST(JsonParse, RejectsDuplicateKeysInAnyObject) {
  for (const char* body : {R"({"a":1,"a":2})", R"({"a":1,"b":{"x":1,"y":2,"x":3}})",
                           R"([{"k":1},{"k":1,"k":1}])", R"({"a\u0062":1,"ab":2})"}) {
    auto r = Parse(body);
    ASSERT_FALSE(r.ok()) << body;
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument) << body;
    EXPECT_THAT(r.status().message(), HasSubstr("duplicate key")) << body;
  }
}

TEST(JsonParse, RejectsNulInAnyStringNamingItsPath) {
  const std::pair<const char*, const char*> cases[] = {
      {R"("a\u0000")", "body"},
      {R"({"description":"x\u0000y"})", "description"},
      {R"({"tags":{"team":"\u0000"}})", "tags.team"},
      {R"({"tags":{"te\u0000am":"v"}})", "tags.te"},
      {R"({"rows":[{"v":"ok"},{"v":["a","\u0000"]}]})", "rows[1].v[1]"},
  };
  for (const auto& [body, field] : cases) {
    auto r = Parse(body);
    ASSERT_FALSE(r.ok()) << body;
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument) << body;
    ASSERT_EQ(r.status().errors().size(), 1u) << body;
    EXPECT_EQ(r.status().errors()[0].field, field) << body;
    EXPECT_THAT(r.status().errors()[0].message, HasSubstr("NUL (U+0000)")) << body;
  }
  // Other escapes and controls in free text stay as they were.
  auto ok = Parse(R"({"d":"tab\there\r\nnew \u0001 \u00e9"})");
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_EQ(ok->at("d").as_string(), "tab\there\r\nnew \x01 \xc3\xa9");
}

TEST(JsonParse, SameKeyInSiblingOrNestedObjectsIsFine) {
  auto r = Parse(R"({"a":{"a":{"a":1}},"b":[{"a":1},{"a":2}],"c":{"b":1}})");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->at("a").at("a").at("a").as_int64(), 1);
  EXPECT_EQ(r->at("b").as_array().size(), 2u);
}

TEST(JsonParse, DuplicateAmongManyKeysIsFound) {
  std::string body = "{";
  for (int i = 0; i < 5000; ++i)
    body += "\"k" + std::to_string(i) + "\":" + std::to_string(i) + ",";
  body += "\"k4321\":0}";
  auto r = Parse(body);
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(r.status().message(), HasSubstr("\"k4321\""));
  body.replace(body.rfind("k4321"), 5, "k9999");
  EXPECT_TRUE(Parse(body).ok());
}

TEST(JsonParse, EchoedDuplicateKeyIsShortAndValidUtf8) {
  // é straddles the 64-byte cut: the echo stops before it rather than keep half a sequence.
  std::string long_key = std::string(63, 'y') + "\xc3\xa9" + std::string(50, 'z');
  auto r = Parse("{\"" + long_key + "\":1,\"" + long_key + "\":2}");
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(r.status().message(), HasSubstr("\"" + std::string(63, 'y') + "\""));
}

TEST(JsonParse, RejectsInvalidUtf8AndUnpairedSurrogates) {
  for (const std::string& body :
       {std::string("{\"a\":\"\xff\"}"), std::string("{\"a\":\"\xc3\"}"),
        std::string("{\"\xed\xa0\x80\":1}"), std::string(R"({"a":"\ud800"})"),
        std::string(R"({"a":"\udc00"})"), std::string(R"({"a":"\ud800\u0041"})")}) {
    auto r = Parse(body);
    EXPECT_FALSE(r.ok()) << body;
  }
  auto ok = Parse(R"({"a":"\ud83d\ude00 é"})");
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_EQ(ok->at("a").as_string(), "\xf0\x9f\x98\x80 \xc3\xa9");
}

TEST(JsonParse, KeysSplitByEscapesAreComparedWhole) {
  // Escapes make the parser deliver a key in parts; both spellings are the same key.
  auto r = Parse(R"({"\u0041BC":1,"A\u0042C":2})");
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(r.status().message(), HasSubstr("\"ABC\""));
}

}  // namespace
}  // namespace cairn::json
