// The contract comparator: placeholders, binding, keyed arrays, messages and overrides; and
// every recorded response matches a concrete instance of itself while a perturbed one does not.
#include "tests/mlflow/contract/contract.h"

#include <gtest/gtest.h>

#include <functional>

#include "common/json.h"
#include "common/testing/status_matchers.h"

namespace cairn::mlflow::contract {
namespace {

bj::value J(std::string_view text) {
  auto v = json::Parse(text);
  EXPECT_OK(v) << text;
  return v.ok() ? *v : bj::value();
}

std::vector<std::string> M(std::string_view expected, std::string_view actual, Bindings& b,
                           bool exact = false) {
  MatchOptions o;
  o.exact_message = exact;
  return MatchJson(J(expected), J(actual), b, o);
}

TEST(ContractMatch, BindsIdsOnFirstSightAndComparesAfterwards) {
  Bindings b;
  EXPECT_TRUE(M(R"({"run_id":"${run1}"})", R"({"run_id":"abc"})", b).empty());
  ASSERT_NE(b.Find("run1"), nullptr);
  EXPECT_EQ(*b.Find("run1"), "abc");
  EXPECT_TRUE(M(R"({"uri":"mlflow-artifacts:/${exp}/${run1}/artifacts"})",
                R"({"uri":"mlflow-artifacts:/7/abc/artifacts"})", b)
                  .empty());
  EXPECT_EQ(*b.Find("exp"), "7");
  EXPECT_FALSE(M(R"({"run_id":"${run1}"})", R"({"run_id":"other"})", b).empty());
  EXPECT_FALSE(M(R"({"uri":"mlflow-artifacts:/${exp}/x"})", R"({"uri":"mlflow-artifacts:/8/x"})", b)
                   .empty());
}

TEST(ContractMatch, TimeAnyStringAndRepeat) {
  Bindings b;
  EXPECT_TRUE(M(R"({"t":"${time}"})", R"({"t":1700000000000})", b).empty());
  EXPECT_FALSE(M(R"({"t":"${time}"})", R"({"t":"1700000000000"})", b).empty());  // int64 as string
  EXPECT_FALSE(M(R"({"t":"${time}"})", R"({"t":0})", b).empty());
  EXPECT_TRUE(M(R"({"s":"${any-string}"})", R"({"s":"whatever"})", b).empty());
  EXPECT_FALSE(M(R"({"s":"${any-string}"})", R"({"s":3})", b).empty());
  EXPECT_TRUE(M(R"({"v":"${repeat:3:y}"})", R"({"v":"yyy"})", b).empty());
  EXPECT_FALSE(M(R"({"v":"${repeat:3:y}"})", R"({"v":"yyyy"})", b).empty());
}

TEST(ContractMatch, FieldsKindsAndOmissions) {
  Bindings b;
  EXPECT_FALSE(M(R"({"a":1})", R"({"a":1,"b":""})", b).empty());  // empty fields are omitted
  EXPECT_FALSE(M(R"({"a":1,"b":2})", R"({"a":1})", b).empty());
  EXPECT_FALSE(M(R"({"v":1.0})", R"({"v":1})", b).empty());        // double stays a double
  EXPECT_FALSE(M(R"({"s":"RUNNING"})", R"({"s":1})", b).empty());  // enums as strings
  EXPECT_TRUE(M(R"({"v":0.25,"n":3,"f":false})", R"({"v":0.25,"n":3,"f":false})", b).empty());
}

TEST(ContractMatch, KeyedArraysAreUnorderedOthersOrdered) {
  Bindings b;
  EXPECT_TRUE(M(R"({"tags":[{"key":"a","value":"1"},{"key":"b","value":"2"}]})",
                R"({"tags":[{"key":"b","value":"2"},{"key":"a","value":"1"}]})", b)
                  .empty());
  EXPECT_FALSE(
      M(R"({"tags":[{"key":"a","value":"1"}]})", R"({"tags":[{"key":"a","value":"2"}]})", b)
          .empty());
  EXPECT_FALSE(M(R"({"runs":[{"n":1},{"n":2}]})", R"({"runs":[{"n":2},{"n":1}]})", b).empty());
  EXPECT_FALSE(M(R"({"runs":[{"n":1}]})", R"({"runs":[]})", b).empty());
}

TEST(ContractMatch, MessagesLooseUnlessExactAndSetsInAnyOrder) {
  Bindings b;
  EXPECT_TRUE(M(R"({"error_code":"X","message":"one"})", R"({"error_code":"X","message":"two"})", b)
                  .empty());
  EXPECT_FALSE(
      M(R"({"error_code":"X","message":"one"})", R"({"error_code":"X","message":""})", b).empty());
  EXPECT_FALSE(
      M(R"({"error_code":"X","message":"m"})", R"({"error_code":"Y","message":"m"})", b).empty());
  EXPECT_TRUE(M(R"({"error_code":"X","message":"not one of '{'=', 'LIKE'}'"})",
                R"({"error_code":"X","message":"not one of '{'LIKE', '='}'"})", b, true)
                  .empty());
  EXPECT_FALSE(
      M(R"({"error_code":"X","message":"one"})", R"({"error_code":"X","message":"two"})", b, true)
          .empty());
}

TEST(ContractMatch, RequestTemplatesExpand) {
  Bindings b;
  b.Bind("tok", "a b=");
  b.Bind("run", "r1");
  EXPECT_EQ(*b.ExpandString("page_token=${tok|url}&run_id=${run}"),
            "page_token=a%20b%3D&run_id=r1");
  EXPECT_EQ(*b.ExpandString("${repeat:4:z}"), "zzzz");
  EXPECT_FALSE(b.ExpandString("${missing}").ok());
  auto j = b.ExpandJson(J(R"({"ids":["${run}"],"n":1})"));
  ASSERT_OK(j);
  EXPECT_EQ(json::Serialize(*j), R"({"ids":["r1"],"n":1})");
}

TEST(ContractMatch, ReplyStatusContentTypeAndOverrides) {
  Exchange ex;
  ex.response.status = 500;
  ex.response.content_type = "application/json";
  ex.response.json = J(R"({"error_code":"INTERNAL_ERROR","message":"x"})");
  Bindings b;
  Reply cairn{400, "application/json", R"({"error_code":"INVALID_PARAMETER_VALUE","message":"x"})"};
  EXPECT_FALSE(MatchReply(ex, cairn, b, nullptr).empty());
  Override o{400, "INVALID_PARAMETER_VALUE"};
  EXPECT_TRUE(MatchReply(ex, cairn, b, &o).empty());
  Override wrong{400, "BAD_REQUEST"};
  EXPECT_FALSE(MatchReply(ex, cairn, b, &wrong).empty());
  Exchange html;
  html.response.status = 404;
  html.ignore_body = true;
  EXPECT_TRUE(MatchReply(html, Reply{404, "application/problem+json", "{}"}, b, nullptr).empty());
  EXPECT_FALSE(MatchReply(html, Reply{405, "text/html", ""}, b, nullptr).empty());
}

// A concrete response for a recorded one: each placeholder replaced by a plausible value.
bj::value Instantiate(const bj::value& v, std::map<std::string, std::string>& ids) {
  if (v.is_string()) {
    std::string s(v.as_string());
    if (s == "${time}") return bj::value(int64_t{1790000000000});
    std::string out;
    size_t i = 0;
    while (i < s.size()) {
      if (s.compare(i, 2, "${") == 0) {
        const size_t close = s.find('}', i);
        const std::string name = s.substr(i + 2, close - i - 2);
        if (name.rfind("repeat:", 0) == 0) {
          const size_t colon = name.find(':', 7);
          out += std::string(std::stoul(name.substr(7, colon - 7)), name[colon + 1]);
        } else if (name == "any-string" || name == "artifact-root") {
          out += "anything";
        } else {
          auto [it, fresh] = ids.try_emplace(name, "id-" + std::to_string(ids.size()) + "-" + name);
          out += it->second;
        }
        i = close + 1;
      } else {
        out += s[i++];
      }
    }
    return bj::value(out);
  }
  if (v.is_array()) {
    bj::array a;
    for (const auto& e : v.as_array()) a.push_back(Instantiate(e, ids));
    return a;
  }
  if (v.is_object()) {
    bj::object o;
    for (const auto& [k, e] : v.as_object()) o[k] = Instantiate(e, ids);
    return o;
  }
  return v;
}

// Drops the first field of the innermost first object: a response that lost a field.
bool Perturb(bj::value& v) {
  if (!v.is_object() || v.as_object().empty()) return false;
  auto& o = v.as_object();
  if (Perturb(o.begin()->value())) return true;
  o.erase(o.begin());
  return true;
}

TEST(ContractMatch, EveryRecordingMatchesItselfAndDetectsAPerturbation) {
  auto recs = LoadRecordings(CAIRN_MLFLOW_RECORDINGS_DIR);
  ASSERT_OK(recs);
  ASSERT_GE(recs->size(), 9u);
  int exchanges = 0;
  int perturbed = 0;
  for (const Recording& rec : *recs) {
    Bindings b;
    std::map<std::string, std::string> ids;
    for (const Exchange& ex : rec.exchanges) {
      ++exchanges;
      EXPECT_FALSE(ex.request.method.empty());
      if (!ex.response.json) continue;
      const bj::value actual = Instantiate(*ex.response.json, ids);
      MatchOptions o;
      o.exact_message = ex.exact_message;
      Bindings trial = b;
      auto diffs = MatchJson(*ex.response.json, actual, trial, o);
      EXPECT_TRUE(diffs.empty()) << rec.scenario << " / " << ex.name << ": " << diffs[0];
      bj::value wrong = actual;
      if (Perturb(wrong)) {
        Bindings probe = b;
        EXPECT_FALSE(MatchJson(*ex.response.json, wrong, probe, o).empty())
            << rec.scenario << " / " << ex.name;
        ++perturbed;
      }
      b = trial;
    }
  }
  EXPECT_GT(exchanges, 300);
  EXPECT_GT(perturbed, 200);
}

}  // namespace
}  // namespace cairn::mlflow::contract
