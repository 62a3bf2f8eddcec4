// Feature routes through http::Router::Dispatch (no sockets) with real services on SQLite.
#include "features/feature_routes.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <filesystem>

#include "common/testing/status_matchers.h"
#include "datasets/dataset_routes.h"
#include "datasets/sql_dataset_store.h"
#include "features/sql_feature_store.h"
#include "storage/testing/test_databases.h"

namespace cairn::features {
namespace {

namespace bj = boost::json;
namespace fs = std::filesystem;
using http::Method;

class FeatureRoutesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto db = storage::testing::OpenFreshTestDatabase(storage::Backend::kSqlite);
    ASSERT_OK(db);
    db_ = std::move(*db);
    dir_ = fs::temp_directory_path() / ("feature_routes_" + std::to_string(::getpid()));
    datasets_ = std::make_unique<datasets::DatasetService>(
        std::make_unique<datasets::SqlDatasetStore>(*db_),
        datasets::DatasetServiceOptions{dir_.string()});
    svc_ =
        std::make_unique<FeatureService>(std::make_unique<SqlFeatureStore>(*db_), datasets_.get());
    RegisterFeatureRoutes(router_, *svc_);
    datasets::RegisterDatasetRoutes(router_, *datasets_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  http::Response Call(Method m, const std::string& target, const std::string& body = "",
                      std::vector<std::pair<std::string, std::string>> headers = {}) {
    http::Request req;
    req.method = m;
    req.target = "/api/v1/features" + target;
    req.body = body;
    if (!body.empty()) {
      req.headers.emplace_back("content-type", "application/json");
      req.headers.emplace_back("content-length", std::to_string(body.size()));
    }
    for (auto& h : headers) req.headers.push_back(h);
    return router_.Dispatch(req);
  }
  static bj::value Body(const http::Response& r) { return bj::parse(r.body); }
  static bool Names(const http::Response& r, const std::string& field) {
    auto v = Body(r);
    if (!v.as_object().contains("errors")) return false;
    for (const auto& e : v.at("errors").as_array())
      if (e.at("field").as_string() == field) return true;
    return false;
  }

  std::unique_ptr<storage::SqlDatabase> db_;
  fs::path dir_;
  std::unique_ptr<datasets::DatasetService> datasets_;
  std::unique_ptr<FeatureService> svc_;
  http::Router router_;
};

TEST_F(FeatureRoutesTest, FeatureLifecycle) {
  auto c = Call(Method::kPost, "",
                R"({"name":"px","entity":"symbol","value_type":"float64","tags":{"t":"1"},)"
                R"("schema":{"min":0},"source":"close * 2"})",
                {{"x-cairn-user", "erin"}});
  ASSERT_EQ(c.status, 201) << c.body;
  EXPECT_EQ(Body(c).at("created_by").as_string(), "erin");
  EXPECT_EQ(Body(c).at("source").at("transformation").as_string(), "close * 2");
  auto p = Call(Method::kPatch, "/px", R"({"description":"d"})", {{"if-match", "1"}});
  ASSERT_EQ(p.status, 200) << p.body;
  EXPECT_EQ(Body(p).at("revision").as_int64(), 2);
  EXPECT_EQ(Call(Method::kPatch, "/px", R"({"description":"e"})", {{"if-match", "1"}}).status, 412);
  auto v = Call(Method::kPost, "/px/versions", R"({"schema":{"min":1},"changelog":"min 1"})");
  ASSERT_EQ(v.status, 201) << v.body;
  EXPECT_EQ(Body(v).at("version").as_int64(), 2);
  EXPECT_EQ(Call(Method::kGet, "/px?version=1").status, 200);
  EXPECT_EQ(Body(Call(Method::kGet, "/px/versions")).at("items").as_array().size(), 2u);
  EXPECT_EQ(Call(Method::kGet, "/px/versions/1").status, 200);
  EXPECT_EQ(Call(Method::kGet, "/px/versions/9").status, 404);
  EXPECT_EQ(Call(Method::kGet, "/px/versions/x").status, 404);
  EXPECT_EQ(Body(Call(Method::kGet, "?entity=symbol&tag=t")).at("items").as_array().size(), 1u);
  auto d = Call(Method::kDelete, "/px");
  ASSERT_EQ(d.status, 200);
  EXPECT_EQ(Body(d).at("status").as_string(), "archived");
}

TEST_F(FeatureRoutesTest, ErrorPaths) {
  EXPECT_EQ(Call(Method::kPost, "", "{not json").status, 400);
  auto unknown = Call(Method::kPost, "", R"({"name":"a","entity":"e","value_type":"int64","x":1})");
  EXPECT_EQ(unknown.status, 400);
  EXPECT_TRUE(Names(unknown, "x"));
  auto wrong = Call(Method::kPost, "", R"({"name":1,"entity":"e","value_type":"int64"})");
  EXPECT_TRUE(Names(wrong, "name"));
  auto reserved =
      Call(Method::kPost, "", R"({"name":"datasets","entity":"e","value_type":"int64"})");
  EXPECT_EQ(reserved.status, 400);
  auto badtype = Call(Method::kPost, "", R"({"name":"a","entity":"e","value_type":"int32"})");
  EXPECT_TRUE(Names(badtype, "value_type"));
  http::Request req;
  req.method = Method::kPost;
  req.target = "/api/v1/features";
  req.body = "{}";
  req.headers = {{"content-type", "text/plain"}, {"content-length", "2"}};
  EXPECT_EQ(router_.Dispatch(req).status, 415);
  EXPECT_EQ(Call(Method::kGet, "/nope").status, 404);
  EXPECT_EQ(Call(Method::kPut, "/nope").status, 405);
  ASSERT_EQ(Call(Method::kPost, "", R"({"name":"a","entity":"e","value_type":"int64"})").status,
            201);
  EXPECT_EQ(Call(Method::kPost, "", R"({"name":"a","entity":"e","value_type":"int64"})").status,
            409);
  EXPECT_EQ(Call(Method::kPatch, "/a", R"({"value_type":"float64"})").status, 400);
  EXPECT_EQ(Call(Method::kPost, "/a/versions", R"({"changelog":"nothing"})").status, 400);
  auto rows = Call(
      Method::kPost, "/values",
      R"({"rows":[{"entity_key":"k","feature":"a","value":1,"event_time":"2024-01-01T00:00:00Z"},)"
      R"({"entity_key":"k","feature":"a","value":"x","event_time":"2024-01-01T00:00:00Z"}]})");
  EXPECT_EQ(rows.status, 400);
  EXPECT_TRUE(Names(rows, "rows[1].value")) << rows.body;
  auto badtime =
      Call(Method::kPost, "/values",
           R"({"rows":[{"entity_key":"k","feature":"a","value":1,"event_time":"yesterday"}]})");
  EXPECT_TRUE(Names(badtime, "rows[0].event_time"));
  EXPECT_EQ(Call(Method::kGet, "/online?entity=e&keys=k&features=ghost").status, 404);
  EXPECT_EQ(Call(Method::kGet, "/online?entity=other&keys=k&features=a").status, 400);
  EXPECT_EQ(Call(Method::kGet, "/online?entity=e&features=a").status, 400);
  EXPECT_EQ(Call(Method::kPost, "/historical", R"({"entity_rows":[],"features":["ghost"]})").status,
            404);
  EXPECT_EQ(Call(Method::kPost, "/a/materialize", R"({"dataset_id":"x"})").status, 400);
}

TEST_F(FeatureRoutesTest, ValuesOnlineHistorical) {
  ASSERT_EQ(
      Call(Method::kPost, "", R"({"name":"f1","entity":"symbol","value_type":"float64"})").status,
      201);
  ASSERT_EQ(
      Call(Method::kPost, "", R"({"name":"f2","entity":"symbol","value_type":"timestamp"})").status,
      201);
  auto w = Call(
      Method::kPost, "/values",
      R"({"rows":[{"entity_key":"A","feature":"f1","value":12,"event_time":"2024-01-01T00:00:00Z"},)"
      R"({"entity_key":"A","feature":"f1","value":13.5,"event_time":"2024-01-03T00:00:00Z"},)"
      R"({"entity_key":"A","feature":"f2","value":"2024-05-05T01:02:03+02:00","event_time":"2024-01-01T00:00:00Z"}]})");
  ASSERT_EQ(w.status, 200) << w.body;
  EXPECT_EQ(Body(w).at("written").as_int64(), 3);
  auto o = Call(Method::kGet, "/online?entity=symbol&keys=B,A&features=f1,f2");
  ASSERT_EQ(o.status, 200) << o.body;
  auto ov = Body(o);
  EXPECT_EQ(ov.at("entity").as_string(), "symbol");
  const auto& rows = ov.at("rows").as_array();
  EXPECT_EQ(rows[0].at("entity_key").as_string(), "B");
  EXPECT_TRUE(rows[0].at("values").at("f1").is_null());
  EXPECT_TRUE(rows[0].at("event_times").at("f1").is_null());
  EXPECT_EQ(rows[1].at("values").at("f1").as_double(), 13.5);
  EXPECT_EQ(rows[1].at("event_times").at("f1").as_string(), "2024-01-03T00:00:00.000Z");
  EXPECT_EQ(rows[1].at("values").at("f2").as_string(), "2024-05-04T23:02:03.000Z");
  auto h = Call(Method::kPost, "/historical",
                R"({"entity_rows":[{"entity_key":"A","event_time":"2024-01-02T00:00:00Z"},)"
                R"({"entity_key":"A","event_time":"2023-12-31T00:00:00Z"}],"features":["f1"]})");
  ASSERT_EQ(h.status, 200) << h.body;
  auto hv = Body(h).at("rows").as_array();
  EXPECT_EQ(hv[0].at("values").at("f1").as_double(), 12.0);
  EXPECT_EQ(hv[0].at("event_time").as_string(), "2024-01-02T00:00:00.000Z");
  EXPECT_TRUE(hv[1].at("values").at("f1").is_null());
}

}  // namespace
}  // namespace cairn::features
