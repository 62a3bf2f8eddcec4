// Drift routes through http::Router::Dispatch (no sockets) with real services on SQLite.
#include "drift/drift_routes.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "common/testing/status_matchers.h"
#include "drift/sql_drift_store.h"
#include "storage/testing/test_databases.h"

namespace cairn::drift {
namespace {

namespace bj = boost::json;

class DriftRoutesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto db = storage::testing::OpenFreshTestDatabase(storage::Backend::kSqlite);
    ASSERT_OK(db);
    db_ = std::move(*db);
    service_ = std::make_unique<DriftService>(std::make_unique<SqlDriftStore>(*db_), nullptr);
    RegisterDriftRoutes(router_, *service_);
  }
  http::Response Call(http::Method m, const std::string& path, const std::string& body = "",
                      std::vector<std::pair<std::string, std::string>> query = {},
                      const std::string& type = "application/json") {
    http::Request req;
    req.method = m;
    req.path = "/api/v1/ml/lifecycle" + path;
    req.target = req.path;
    req.query = std::move(query);
    req.body = body;
    if (!body.empty()) {
      req.headers.emplace_back("content-type", type);
      req.headers.emplace_back("content-length", std::to_string(body.size()));
    }
    req.headers.emplace_back("x-cairn-user", "mona");
    return router_.Dispatch(req);
  }
  static bj::value Body(const http::Response& r) { return bj::parse(r.body); }
  std::unique_ptr<storage::SqlDatabase> db_;
  std::unique_ptr<DriftService> service_;
  http::Router router_;
};

std::string ShiftBody(bool with_model) {
  bj::array rx, cx, rc, cc;
  for (int i = 0; i < 300; ++i) {
    rx.emplace_back(i * 0.01);
    cx.emplace_back(2 + i * 0.01);
    rc.emplace_back(i % 2 ? "a" : "b");
    cc.emplace_back(i % 3 ? "a" : "b");
  }
  rx.emplace_back(nullptr);
  bj::object o{{"reference", bj::object{{"x", rx}, {"c", rc}}},
               {"current", bj::object{{"x", cx}, {"c", cc}}}};
  if (with_model) o["model_name"] = "churn";
  return bj::serialize(o);
}

TEST_F(DriftRoutesTest, ComputeInlineShape) {
  auto r = Call(http::Method::kPost, "/drift/compute", ShiftBody(true));
  ASSERT_EQ(r.status, 200) << r.body;
  auto v = Body(r);
  const auto& x = v.at("columns").at("x");
  EXPECT_EQ(x.at("type").as_string(), "numeric");
  EXPECT_EQ(x.at("n_reference").as_int64(), 300);
  EXPECT_EQ(x.at("missing_reference").as_int64(), 1);
  EXPECT_TRUE(x.at("ks").at("p_value").is_double());
  EXPECT_TRUE(x.at("drifted").as_bool());
  EXPECT_EQ(x.at("severity").as_string(), "critical");
  EXPECT_EQ(x.at("histogram").at("edges").as_array().size(), 21u);
  const auto& c = v.at("columns").at("c");
  EXPECT_EQ(c.at("type").as_string(), "categorical");
  EXPECT_EQ(c.at("chi2").at("dof").as_int64(), 1);
  EXPECT_EQ(c.at("histogram").at("categories").as_array().size(), 2u);
  EXPECT_TRUE(v.at("drift_share").is_number());
  ASSERT_GE(v.at("events").as_array().size(), 1u);
  auto l = Call(http::Method::kGet, "/drift-events", "", {{"model_name", "churn"}});
  ASSERT_EQ(l.status, 200);
  auto items = Body(l).at("items").as_array();
  ASSERT_EQ(items.size(), v.at("events").as_array().size());
  EXPECT_EQ(items[0].at("created_by").as_string(), "mona");
  EXPECT_EQ(items[0].at("details").at("source").as_string(), "drift.compute");
}

TEST_F(DriftRoutesTest, ComputeErrors) {
  EXPECT_EQ(Call(http::Method::kPost, "/drift/compute", "{").status, 400);
  auto mixed = Call(http::Method::kPost, "/drift/compute",
                    R"({"reference":{"x":[1,"a"]},"current":{"x":[1]}})");
  ASSERT_EQ(mixed.status, 400);
  EXPECT_EQ(Body(mixed).at("errors").as_array()[0].at("field").as_string(), "reference.x");
  EXPECT_EQ(Call(http::Method::kPost, "/drift/compute",
                 R"({"reference":{"x":[1,2]},"current":{"x":["a"]}})")
                .status,
            400);
  EXPECT_EQ(Call(http::Method::kPost, "/drift/compute", R"({"reference":{},"bogus":1})").status,
            400);
  auto no_datasets = Call(http::Method::kPost, "/drift/compute",
                          R"({"reference_dataset_id":"a","current_dataset_id":"b"})");
  EXPECT_EQ(no_datasets.status, 503);
  EXPECT_EQ(Call(http::Method::kPost, "/drift/compute", "x", {}, "text/csv").status, 415);
  EXPECT_EQ(Call(http::Method::kGet, "/drift/compute").status, 405);
}

TEST_F(DriftRoutesTest, EventsCreateListAndErrors) {
  auto c = Call(http::Method::kPost, "/drift-events",
                R"({"model_name":"m","model_version":2,"feature":"age","method":"psi",
                    "score":0.6,"window_start":"2026-01-01T00:00:00Z",
                    "window_end":"2026-01-02T00:00:00.000Z","details":{"k":[1,2]}})");
  ASSERT_EQ(c.status, 201) << c.body;
  auto v = Body(c);
  EXPECT_EQ(v.at("severity").as_string(), "critical");
  EXPECT_EQ(v.at("window_start").as_string(), "2026-01-01T00:00:00.000Z");
  EXPECT_EQ(v.at("details").at("k").as_array().size(), 2u);
  auto bad = Call(http::Method::kPost, "/drift-events",
                  R"({"model_name":"m","feature":"age","method":"psi","score":"high","x":1})");
  ASSERT_EQ(bad.status, 400);
  EXPECT_EQ(Body(bad).at("errors").as_array().size(), 2u);
  EXPECT_EQ(Call(http::Method::kGet, "/drift-events", "", {{"severity", "critical"}}).status, 200);
  EXPECT_EQ(Call(http::Method::kGet, "/drift-events", "", {{"since", "nope"}}).status, 400);
  EXPECT_EQ(Call(http::Method::kGet, "/drift-events", "", {{"limit", "0"}}).status, 400);
  EXPECT_EQ(Call(http::Method::kDelete, "/drift-events").status, 405);
}

}  // namespace
}  // namespace cairn::drift
