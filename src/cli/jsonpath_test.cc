#include "cli/jsonpath.h"

#include <gtest/gtest.h>

#include "common/testing/status_matchers.h"

namespace cairn::cli {
namespace {

boost::json::value Doc() {
  return boost::json::parse(R"({"items":[{"name":"a","n":1,"tags":{"k.x":"v"}},
    {"name":"b","n":2.5,"tags":{}}],"next_page_token":null,"ok":true})");
}

std::string Render(const std::string& t) {
  auto p = JsonPathTemplate::Parse(t);
  EXPECT_OK(p) << t << ": " << p.status().ToString();
  return p.ok() ? p->Render(Doc()) : "";
}

TEST(JsonPath, SelectsFieldsIndexesAndWildcards) {
  EXPECT_EQ(Render("{.items[*].name}"), "a b");
  EXPECT_EQ(Render("{.items[0].n}"), "1");
  EXPECT_EQ(Render("{.items[-1].n}"), "2.5");
  EXPECT_EQ(Render(".items[1].name"), "b");
  EXPECT_EQ(Render("items[0].name"), "a");
  EXPECT_EQ(Render("{.items[0].tags['k.x']}"), "v");
  EXPECT_EQ(Render("{.ok}"), "true");
  EXPECT_EQ(Render("{.items[1].tags}"), "{}");
  EXPECT_EQ(Render("{.items[*]['name']}"), "a b");
}

TEST(JsonPath, MissingAndNullPrintNothing) {
  EXPECT_EQ(Render("{.nope.deeper}"), "");
  EXPECT_EQ(Render("{.next_page_token}"), "");
  EXPECT_EQ(Render("{.items[9].name}"), "");
}

TEST(JsonPath, TextLiteralsAndRanges) {
  EXPECT_EQ(Render("names: {.items[*].name}\\n"), "names: a b\n");
  EXPECT_EQ(Render(R"({range .items[*]}{.name}{"\t"}{.n}{"\n"}{end})"), "a\t1\nb\t2.5\n");
  EXPECT_EQ(Render("{range .items}{@.name},{end}"), "a,b,");
}

TEST(JsonPath, RejectsBadTemplates) {
  for (const char* bad : {"{.items", "}", "{}", "{end}", "{range .items[*]}{.name}", "{.items[x]}",
                          "{..name}", "{.items[0}", "{'unterminated}"}) {
    auto p = JsonPathTemplate::Parse(bad);
    EXPECT_FALSE(p.ok()) << bad << " -> " << (p.ok() ? p->Render(Doc()) : "");
  }
}

}  // namespace
}  // namespace cairn::cli
