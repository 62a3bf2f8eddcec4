// SPEC §3 (feature store) over real HTTP against `cairn serve`: features and versions, CSV
// datasets (streamed upload, profile, preview, delete guard), values, online and historical
// lookups, materialization — success and error paths (problem+json).
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
