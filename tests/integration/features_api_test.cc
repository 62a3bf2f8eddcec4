// SPEC §3 (feature store) over real HTTP against `cairn serve`: features and versions, CSV
// datasets (streamed upload, profile, preview, delete guard), values, online and historical
// lookups, materialization — success and error paths (problem+json).
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>

#include "tests/integration/api_fixture.h"

namespace cairn::testing {
namespace {

namespace fs = std::filesystem;
constexpr std::string_view kF = "/api/v1/features";

std::string F(std::string_view suffix = "") { return std::string(kF) + std::string(suffix); }

using FeaturesApi = ApiTest;

TEST_P(FeaturesApi, FeatureCrudAndVersions) {
  auto c = DoJson("POST", F(),
                  bj::parse(R"({"name":"px","entity":"symbol","value_type":"float64",)"
                            R"("schema":{"min":0},"tags":{"team":"quant"}})"),
                  {{"X-Cairn-User", "erin"}});
  ASSERT_EQ(c.status, 201) << c.body;
  EXPECT_EQ(BodyJson(c).at("created_by").as_string(), "erin");
  ExpectProblem(
      DoJson("POST", F(), bj::parse(R"({"name":"px","entity":"symbol","value_type":"float64"})")),
      409);
  ExpectProblem(
      DoJson("POST", F(), bj::parse(R"({"name":"datasets","entity":"s","value_type":"int64"})")),
      400, "name");
  ExpectProblem(
      DoJson("POST", F(), bj::parse(R"({"name":"y","entity":"s","value_type":"int64","typo":1})")),
      400, "typo");
  ExpectProblem(Do("POST", F(), "{", {{"Content-Type", "application/json"}}), 400);
  ExpectProblem(Do("POST", F(), "{}", {{"Content-Type", "text/plain"}}), 415);
  auto p = DoJson("PATCH", F("/px"), bj::parse(R"({"description":"close"})"), {{"If-Match", "1"}});
  ASSERT_EQ(p.status, 200) << p.body;
  EXPECT_EQ(BodyJson(p).at("version").as_int64(), 1);
  ExpectProblem(DoJson("PATCH", F("/px"), bj::parse(R"({"description":"x"})"), {{"If-Match", "1"}}),
                412);
  ExpectProblem(DoJson("POST", F("/px/versions"), bj::parse(R"({"changelog":"none"})")), 400);
  auto v =
      DoJson("POST", F("/px/versions"), bj::parse(R"({"schema":{"min":1},"changelog":"min 1"})"));
  ASSERT_EQ(v.status, 201) << v.body;
  EXPECT_EQ(BodyJson(v).at("version").as_int64(), 2);
  EXPECT_EQ(Do("GET", F("/px?version=1")).status, 200);
  EXPECT_EQ(Do("GET", F("/px/versions/2")).status, 200);
  ExpectProblem(Do("GET", F("/px/versions/3")), 404);
  ExpectProblem(Do("GET", F("/nope")), 404);
  auto list = Do("GET", F("?tag=team:quant&q=PX"));
  ASSERT_EQ(list.status, 200);
  EXPECT_EQ(BodyJson(list).at("items").as_array().size(), 1u);
  auto d = Do("DELETE", F("/px"));
  ASSERT_EQ(d.status, 200);
  EXPECT_EQ(BodyJson(d).at("status").as_string(), "archived");
}

TEST_P(FeaturesApi, DatasetUploadProfilePreviewAndDelete) {
  const std::string csv =
      "sym,ts,px,note\r\nA,2024-01-01T00:00:00Z,1.5,\"x, y\"\r\n"
      "B,2024-01-02T00:00:00Z,,\"multi\nline\"\r\nA,2024-01-03T00:00:00Z,3.5,z\r\n";
  auto up = Do("POST", F("/datasets?name=prices"), csv, {{"Content-Type", "text/csv"}});
  ASSERT_EQ(up.status, 201) << up.body;
  auto body = BodyJson(up);
  const std::string id(body.at("id").as_string());
  EXPECT_EQ(body.at("schema").at("ts").as_string(), "timestamp");
  EXPECT_EQ(body.at("schema").at("px").as_string(), "float64");
  EXPECT_EQ(body.at("row_count").as_int64(), 3);
  EXPECT_EQ(body.at("profile").at("px").at("missing").as_int64(), 1);
  EXPECT_EQ(body.at("sha256").as_string().size(), 64u);
  auto rows = Do("GET", F("/datasets/" + id + "/rows?offset=1&limit=1"));
  ASSERT_EQ(rows.status, 200);
  EXPECT_EQ(BodyJson(rows).at("rows").as_array()[0].at("note").as_string(), "multi\nline");
  ExpectProblem(Do("GET", F("/datasets/" + id + "/rows?limit=1001")), 400, "limit");
  auto bad = Do("POST", F("/datasets?name=bad"), "a,b\n1,2\n3\n", {{"Content-Type", "text/csv"}});
  ExpectProblem(bad, 400);
  EXPECT_NE(bad.body.find("line 3"), std::string::npos) << bad.body;
  ExpectProblem(Do("POST", F("/datasets?name=q"), "a\n\"open\n", {{"Content-Type", "text/csv"}}),
                400);
  ExpectProblem(Do("POST", F("/datasets?name=q"), "a\n1\n", {{"Content-Type", "application/json"}}),
                415);
  EXPECT_EQ(BodyJson(Do("GET", F("/datasets"))).at("items").as_array().size(), 1u);
  // Only the good upload left files behind.
  EXPECT_EQ(std::distance(fs::directory_iterator(fs::path(server_->data_dir()) / "datasets"),
                          fs::directory_iterator()),
            1);

  ASSERT_EQ(DoJson("POST", F(),
                   bj::parse(R"({"name":"px","entity":"symbol","value_type":"float64",)"
                             R"("source":{"dataset_id":")" +
                             id + R"(","column":"px"}})"))
                .status,
            201);
  auto m =
      DoJson("POST", F("/px/materialize"),
             bj::parse(R"({"dataset_id":")" + id +
                       R"(","entity_column":"sym","timestamp_column":"ts","value_column":"px"})"));
  ASSERT_EQ(m.status, 200) << m.body;  // the missing px cell is a null value (nullable default)
  EXPECT_EQ(BodyJson(m).at("written").as_int64(), 3);
  ExpectProblem(Do("DELETE", F("/datasets/" + id)), 409);
  ASSERT_EQ(Do("DELETE", F("/px")).status, 200);
  EXPECT_EQ(Do("DELETE", F("/datasets/" + id)).status, 204);
  ExpectProblem(Do("GET", F("/datasets/" + id)), 404);
}

// a and b have the same shape; numbers agree to 1e-15 relative, everything else exactly.
void ExpectSameNumbers(const bj::value& a, const bj::value& b) {
  if (a.is_number() && b.is_number()) {
    const double x = a.to_number<double>(), y = b.to_number<double>();
    EXPECT_NEAR(x, y, 1e-15 * std::max(std::fabs(x), std::fabs(y))) << x << " vs " << y;
  } else if (a.is_object() && b.is_object()) {
    ASSERT_EQ(a.as_object().size(), b.as_object().size()) << a << " vs " << b;
    for (const auto& [k, v] : a.as_object()) {
      ASSERT_TRUE(b.as_object().contains(k)) << k;
      ExpectSameNumbers(v, b.as_object().at(k));
    }
  } else if (a.is_array() && b.is_array()) {
    ASSERT_EQ(a.as_array().size(), b.as_array().size());
    for (size_t i = 0; i < a.as_array().size(); ++i) {
      ExpectSameNumbers(a.as_array()[i], b.as_array()[i]);
    }
  } else {
    EXPECT_EQ(a, b);
  }
}

// A float column at the edges of the double range: the profile must stay finite (or null where
// no double holds the value) in the upload response and in what is stored.
TEST_P(FeaturesApi, ExtremeFloatsGiveValidJsonAndKeepTheStoredProfile) {
  auto finite_number = [](const bj::value& v) { return v.is_number(); };
  auto check = [&](const bj::value& x, bool std_is_null) {
    ASSERT_TRUE(x.is_object()) << bj::serialize(x);
    EXPECT_EQ(x.at("count").as_int64(), 2);
    EXPECT_TRUE(finite_number(x.at("min")) && finite_number(x.at("max")));
    EXPECT_EQ(x.at("mean").to_number<double>(), 0.0);
    if (std_is_null) {
      EXPECT_TRUE(x.at("std").is_null());
    } else {
      EXPECT_GT(x.at("std").to_number<double>(), 1e308);
    }
    for (const auto& [name, q] : x.at("quantiles").as_object()) {
      EXPECT_TRUE(finite_number(q)) << name;
    }
    const auto& edges = x.at("histogram").at("edges").as_array();
    ASSERT_EQ(edges.size(), 21u);
    for (const auto& e : edges) EXPECT_TRUE(finite_number(e)) << bj::serialize(e);
    const auto& counts = x.at("histogram").at("counts").as_array();
    EXPECT_EQ(counts.front().as_int64(), 1);
    EXPECT_EQ(counts.back().as_int64(), 1);
  };
  const std::pair<std::string, bool> cases[] = {
      {"x\n1e308\n-1e308\n", false},
      {"x\n1.7976931348623157e308\n-1.7976931348623157e308\n", true},  // std = sqrt(2) DBL_MAX
  };
  int k = 0;
  for (const auto& [csv, std_is_null] : cases) {
    SCOPED_TRACE(csv);
    auto up = Do("POST", F("/datasets?name=extreme" + std::to_string(k++)), csv,
                 {{"Content-Type", "text/csv"}});
    ASSERT_EQ(up.status, 201) << up.body;
    EXPECT_EQ(up.body.find("inf"), std::string::npos) << up.body;
    EXPECT_EQ(up.body.find("nan"), std::string::npos) << up.body;
    const bj::value body = BodyJson(up);
    ASSERT_TRUE(body.is_object());
    check(body.at("profile").at("x"), std_is_null);
    // What was stored reads back whole (an unparseable stored profile used to come back as {}).
    auto got = Do("GET", F("/datasets/" + std::string(body.at("id").as_string())));
    ASSERT_EQ(got.status, 200) << got.body;
    const bj::value stored = BodyJson(got);
    ASSERT_TRUE(stored.is_object());
    check(stored.at("profile").at("x"), std_is_null);
    // Same numbers; the stored text is re-read with Boost.JSON's default parser, which may round
    // the last digit differently, so compare within a few ulp.
    ExpectSameNumbers(stored.at("profile"), body.at("profile"));
  }
}

TEST_P(FeaturesApi, ValuesOnlineAndHistorical) {
  ASSERT_EQ(
      DoJson("POST", F(), bj::parse(R"({"name":"f1","entity":"symbol","value_type":"float64"})"))
          .status,
      201);
  ASSERT_EQ(
      DoJson("POST", F(), bj::parse(R"({"name":"f2","entity":"symbol","value_type":"int64"})"))
          .status,
      201);
  auto w = DoJson(
      "POST", F("/values"),
      bj::parse(
          R"({"rows":[{"entity_key":"A","feature":"f1","value":12,"event_time":"2024-01-01T00:00:00Z"},)"
          R"({"entity_key":"A","feature":"f1","value":13,"event_time":"2024-01-03T00:00:00Z"},)"
          R"({"entity_key":"B","feature":"f2","value":7,"event_time":"2024-01-01T00:00:00Z"}]})"));
  ASSERT_EQ(w.status, 200) << w.body;
  EXPECT_EQ(BodyJson(w).at("written").as_int64(), 3);
  ExpectProblem(
      DoJson(
          "POST", F("/values"),
          bj::parse(
              R"({"rows":[{"entity_key":"A","feature":"f2","value":1.5,"event_time":"2024-01-01T00:00:00Z"}]})")),
      400, "rows[0].value");
  auto o = Do("GET", F("/online?entity=symbol&keys=B,A&features=f1,f2"));
  ASSERT_EQ(o.status, 200) << o.body;
  auto ov = BodyJson(o);
  EXPECT_EQ(ov.at("rows").as_array()[0].at("entity_key").as_string(), "B");
  EXPECT_EQ(ov.at("rows").as_array()[0].at("values").at("f2").as_int64(), 7);
  EXPECT_TRUE(ov.at("rows").as_array()[0].at("values").at("f1").is_null());
  EXPECT_EQ(ov.at("rows").as_array()[1].at("values").at("f1").as_double(), 13.0);
  ExpectProblem(Do("GET", F("/online?entity=symbol&keys=A&features=ghost")), 404);
  ExpectProblem(Do("GET", F("/online?entity=user&keys=A&features=f1")), 400);
  auto h = DoJson(
      "POST", F("/historical"),
      bj::parse(R"({"entity_rows":[{"entity_key":"A","event_time":"2024-01-02T00:00:00Z"},)"
                R"({"entity_key":"A","event_time":"2023-01-01T00:00:00Z"}],"features":["f1"]})"));
  ASSERT_EQ(h.status, 200) << h.body;
  auto hr = BodyJson(h).at("rows").as_array();
  EXPECT_EQ(hr[0].at("values").at("f1").as_double(), 12.0);
  EXPECT_TRUE(hr[1].at("values").at("f1").is_null());
  ExpectProblem(
      DoJson("POST", F("/historical"), bj::parse(R"({"entity_rows":[],"features":["ghost"]})")),
      404);
}

INSTANTIATE_TEST_SUITE_P(Backends, FeaturesApi, ::testing::ValuesIn(AvailableBackends()),
                         BackendParamName);

}  // namespace
}  // namespace cairn::testing
