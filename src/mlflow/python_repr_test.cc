#include "mlflow/python_repr.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

namespace cairn::mlflow::py {
namespace {

TEST(PythonRepr, StringsQuoteLikeCPython) {
  EXPECT_EQ(Repr("abc"), "'abc'");
  EXPECT_EQ(Repr("it's"), "\"it's\"");
  EXPECT_EQ(Repr("a'b\"c"), "'a\\'b\"c'");
  EXPECT_EQ(Repr("line\nbreak\\"), "'line\\nbreak\\\\'");
  EXPECT_EQ(Repr(std::string("\x01", 1)), "'\\x01'");
}

TEST(PythonRepr, Containers) {
  EXPECT_EQ(ListRepr({"a", "b"}), "['a', 'b']");
  EXPECT_EQ(SetRepr({"b", "a", "b"}), "{'a', 'b'}");
  EXPECT_EQ(SetRepr({}), "set()");
  EXPECT_EQ(TupleRepr({"attribute", "tag", "tags"}), "('attribute', 'tag', 'tags')");
  EXPECT_EQ(TupleRepr({"x"}), "('x',)");
  EXPECT_EQ(BytesRepr("not json"), "b'not json'");
  EXPECT_EQ(BytesRepr("\xff"), "b'\\xff'");
}

TEST(PythonRepr, JsonValuesAsPythonObjects) {
  boost::json::value v = boost::json::parse(R"({"offset": 0, "x": [true, null, 1.5, 1e-05, "s"]})");
  EXPECT_EQ(JsonRepr(v), "{'offset': 0, 'x': [True, None, 1.5, 1e-05, 's']}");
  EXPECT_EQ(JsonRepr(boost::json::value(2.0)), "2.0");
  EXPECT_EQ(JsonRepr(boost::json::value(1e16)), "1e+16");
  EXPECT_EQ(JsonStr(boost::json::value("x")), "x");
}

TEST(PythonRepr, CanonicalizeSetsSortsSetLiteralsOnly) {
  EXPECT_EQ(CanonicalizeSets("not one of '{'LIKE', '=', '!='}'"),
            "not one of '{'!=', '=', 'LIKE'}'");
  EXPECT_EQ(CanonicalizeSets("{'b', 'a'} and {x}"), "{'a', 'b'} and {x}");
  EXPECT_EQ(CanonicalizeSets("['b', 'a']"), "['b', 'a']");
}

TEST(PythonRepr, StripAndIsLower) {
  EXPECT_EQ(Strip("  a b \t"), "a b");
  EXPECT_TRUE(IsLower("abc123"));
  EXPECT_FALSE(IsLower("123"));
  EXPECT_FALSE(IsLower("aBc"));
}

}  // namespace
}  // namespace cairn::mlflow::py
