#include "common/json.h"

#include <gtest/gtest.h>

#include <limits>

#include "common/testing/status_matchers.h"

namespace cairn::json {
namespace {

TEST(Json, ParseRejectsMalformedAndTooDeep) {
  EXPECT_OK(Parse(R"({"a":1})"));
  EXPECT_FALSE(Parse("{").ok());
  EXPECT_FALSE(Parse(R"({"a":1} x)").ok());
  EXPECT_FALSE(Parse("").ok());
  EXPECT_OK(Parse(std::string(kMaxDepth, '[') + std::string(kMaxDepth, ']')));
  auto deep = Parse(std::string(kMaxDepth + 1, '[') + std::string(kMaxDepth + 1, ']'));
  ASSERT_FALSE(deep.ok());
  EXPECT_EQ(deep.status().code(), StatusCode::kInvalidArgument);
}

TEST(ObjectReader, ReadsTypedFields) {
  auto v = Parse(R"({"s":"x","i":3,"d":2.5,"b":true,"m":{"k":"v"},"n":null})").value();
  ObjectReader r(v);
  EXPECT_EQ(r.String("s"), "x");
  EXPECT_EQ(r.Int("i"), 3);
  EXPECT_EQ(r.Number("d"), 2.5);
  EXPECT_EQ(r.Number("i"), 3.0);
  EXPECT_EQ(r.Bool("b"), true);
  EXPECT_EQ(r.Strings("m")->at("k"), "v");
  EXPECT_FALSE(r.String("n").has_value());
  EXPECT_OK(r.Finish());
}

TEST(ObjectReader, ReportsEveryProblemWithFieldNames) {
  auto v = Parse(R"({"s":1,"i":1.5,"m":{"k":2},"extra":0})").value();
  ObjectReader r(v);
  (void)r.String("s");
  (void)r.Int("i");
  (void)r.Strings("m");
  (void)r.String("needed", /*required=*/true);
  Status st = r.Finish();
  ASSERT_EQ(st.code(), StatusCode::kInvalidArgument);
  std::vector<std::string> fields;
  for (const auto& e : st.errors()) fields.push_back(e.field + ": " + e.message);
  EXPECT_EQ(fields, (std::vector<std::string>{"s: must be a string", "i: must be an integer",
                                              "m.k: must be a string", "needed: is required",
                                              "extra: unknown field"}));
}

TEST(ObjectReader, NonObjectBody) {
  auto v = Parse("[1,2]").value();
  ObjectReader r(v);
  EXPECT_FALSE(r.is_object());
  Status st = r.Finish();
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.errors().at(0).field, "body");
}

TEST(ObjectReader, PrefixAppearsInNestedErrors) {
  auto v = Parse(R"({"value":"x"})").value();
  ObjectReader r(v, "metrics[3].");
  (void)r.Number("value");
  Status st = r.Finish();
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.errors().at(0).field, "metrics[3].value");
}

TEST(ObjectReader, IntegersOutOfRangeAreRejected) {
  auto v = Parse(R"({"a":18446744073709551615,"b":1e300,"c":-9223372036854775808})").value();
  ObjectReader r(v);
  EXPECT_FALSE(r.Int("a").has_value());
  EXPECT_FALSE(r.Int("b").has_value());
  EXPECT_EQ(r.Int("c"), INT64_MIN);
  EXPECT_FALSE(r.Finish().ok());
}

}  // namespace
}  // namespace cairn::json

namespace cairn::json {
namespace {
// Regression (found by fuzz_json_body): 1e400 parsed to infinity and serialized as `Infinity`.
TEST(JsonParse, RejectsNumbersBeyondDoubleRange) {
  EXPECT_FALSE(Parse("[1e400]").ok());
  EXPECT_FALSE(Parse("{\"a\":{\"b\":-1e999}}").ok());
  EXPECT_OK(Parse("[1e308]"));
}
}  // namespace
}  // namespace cairn::json

namespace cairn::json {
namespace {
TEST(JsonSerialize, DoublesUseShortestPlainForm) {
  EXPECT_EQ(Serialize(bj::value(0.95)), "0.95");
  EXPECT_EQ(Serialize(bj::value(3.0)), "3.0");
  EXPECT_EQ(Serialize(bj::value(-0.5)), "-0.5");
  EXPECT_EQ(Serialize(bj::value(1e-05)), "1e-05");
  EXPECT_EQ(Serialize(bj::value(1e300)), "1e+300");
  EXPECT_EQ(Serialize(bj::value(247.0)), "247.0");
  EXPECT_EQ(Serialize(bj::value(int64_t{-7})), "-7");
  EXPECT_EQ(Serialize(bj::value(uint64_t{18446744073709551615ull})), "18446744073709551615");
}

TEST(JsonSerialize, NonFiniteNumbersBecomeNullSoTheOutputStaysJson) {
  constexpr double kInf = std::numeric_limits<double>::infinity();
  const double nan = std::numeric_limits<double>::quiet_NaN();
  EXPECT_EQ(Serialize(bj::value(kInf)), "null");
  EXPECT_EQ(Serialize(bj::value(-kInf)), "null");
  EXPECT_EQ(Serialize(bj::value(nan)), "null");
  EXPECT_EQ(Serialize(bj::value(-nan)), "null");
  EXPECT_EQ(Serialize(bj::value(std::numeric_limits<double>::max())), "1.7976931348623157e+308");
  bj::object o{{"mean", -kInf}, {"std", nan}, {"xs", bj::array{1.5, kInf, -0.0}}};
  const std::string text = Serialize(o);
  EXPECT_EQ(text, R"({"mean":null,"std":null,"xs":[1.5,null,-0.0]})");
  EXPECT_TRUE(Parse(text).ok()) << text;  // our own strict parser accepts it
}

TEST(JsonSerialize, EscapesStringsAndKeys) {
  bj::object o;
  o["a\"b"] = "line\nbreak\ttab\\slash\x01\x1f caf\xc3\xa9 /";
  EXPECT_EQ(Serialize(o),
            "{\"a\\\"b\":\"line\\nbreak\\ttab\\\\slash\\u0001\\u001f caf\xc3\xa9 /\"}");
}

TEST(JsonSerialize, RoundTripsThroughParse) {
  const char* text =
      R"({"n":null,"t":true,"f":false,"i":-12,"d":[0.1,2.5e-7,123456789.125],"s":"x\u0001y","o":{}})";
  auto v = Parse(text);
  ASSERT_OK(v);
  auto again = Parse(Serialize(*v));
  ASSERT_OK(again);
  EXPECT_EQ(*v, *again);
  // A NUL (which Parse refuses in request bodies) is still written escaped, e.g. from a CSV cell.
  EXPECT_EQ(Serialize(bj::value(bj::string(std::string_view("x\0y", 3)))), R"("x\u0000y")");
  EXPECT_EQ(Serialize(bj::array{}), "[]");
}
}  // namespace
}  // namespace cairn::json
