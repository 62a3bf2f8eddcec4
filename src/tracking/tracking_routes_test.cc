// Routes through http::Router::Dispatch (no sockets) with real services on SQLite.
#include "tracking/tracking_routes.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <fstream>

#include "audit/audit_routes.h"
#include "audit/sql_audit_store.h"
#include "tracking/tracking_test_support.h"

namespace cairn::tracking {
namespace {

namespace bj = boost::json;
using http::Method;

class TrackingRoutesTest : public testing::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (HasFatalFailure()) return;
    audit_ = std::make_unique<audit::AuditService>(std::make_unique<audit::SqlAuditStore>(*db_));
    RegisterTrackingRoutes(router_, *service_);
    audit::RegisterAuditRoutes(router_, *audit_);
  }

  http::Response Call(Method m, const std::string& path, const std::string& body = "",
                      std::vector<std::pair<std::string, std::string>> headers = {},
                      std::vector<std::pair<std::string, std::string>> query = {}) {
    http::Request req;
    req.method = m;
    req.path = path.rfind("/api/", 0) == 0 ? path : std::string(kLifecyclePrefix) + path;
    req.target = req.path;
    req.query = std::move(query);
    req.body = body;
    if (!body.empty()) {
      req.headers.emplace_back("content-type", "application/json");
      req.headers.emplace_back("content-length", std::to_string(body.size()));
    }
    for (auto& h : headers) req.headers.push_back(h);
    return router_.Dispatch(req);
  }
  static bj::value Body(const http::Response& r) { return bj::parse(r.body); }
  static bool HasError(const http::Response& r, const std::string& field) {
    auto v = Body(r);
    if (!v.as_object().contains("errors")) return false;
    for (const auto& e : v.at("errors").as_array())
      if (e.at("field").as_string() == field) return true;
    return false;
  }
  std::string NewRun() {
    EXPECT_EQ(Call(Method::kPost, "/experiments", R"({"name":"exp"})").status, 201);
    auto r = Call(Method::kPost, "/runs", R"({"experiment_name":"exp","params":{"d":"6"}})",
                  {{"x-cairn-user", "dana"}});
    EXPECT_EQ(r.status, 201) << r.body;
    return std::string(Body(r).at("run_id").as_string());
  }

  http::Router router_;
  std::unique_ptr<audit::AuditService> audit_;
};

TEST_P(TrackingRoutesTest, CreateAndGetExperiment) {
  auto c = Call(Method::kPost, "/experiments", R"({"name":"e1","tags":{"a":"b"}})",
                {{"x-cairn-user", "erin"}});
  ASSERT_EQ(c.status, 201) << c.body;
  auto v = Body(c);
  EXPECT_EQ(v.at("created_by").as_string(), "erin");
  EXPECT_EQ(v.at("status").as_string(), "active");
  EXPECT_EQ(v.at("revision").as_int64(), 1);
  EXPECT_TRUE(v.at("created_at").is_string());
  auto g = Call(Method::kGet, "/experiments/e1");
  ASSERT_EQ(g.status, 200);
  EXPECT_EQ(Body(g).at("run_counts").at("running").as_int64(), 0);
  EXPECT_TRUE(Body(g).at("latest_runs").is_array());
  auto l = Call(Method::kGet, "/experiments");
  ASSERT_EQ(l.status, 200);
  // e1 and the Default experiment (MLflow's experiment 0) that every database has.
  EXPECT_EQ(Body(l).at("items").as_array().size(), 2u);
  EXPECT_TRUE(Body(l).at("next_page_token").is_null());
}

TEST_P(TrackingRoutesTest, BadJsonIs400) {
  auto r = Call(Method::kPost, "/experiments", R"({"name":)");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.content_type, "application/problem+json");
}

TEST_P(TrackingRoutesTest, WrongTypeIs400WithFieldError) {
  auto r = Call(Method::kPost, "/experiments", R"({"name":5})");
  ASSERT_EQ(r.status, 400);
  EXPECT_TRUE(HasError(r, "name"));
}

TEST_P(TrackingRoutesTest, UnknownFieldIs400WithErrors) {
  auto r = Call(Method::kPost, "/experiments", R"({"name":"x","colour":"red"})");
  ASSERT_EQ(r.status, 400);
  EXPECT_TRUE(HasError(r, "colour"));
}

TEST_P(TrackingRoutesTest, CreatedByComesFromHeaderNotBody) {
  auto r = Call(Method::kPost, "/experiments", R"({"name":"x","created_by":"mallory"})");
  EXPECT_EQ(r.status, 400);
  auto ok = Call(Method::kPost, "/experiments", R"({"name":"x"})");
  EXPECT_EQ(Body(ok).at("created_by").as_string(), "anonymous");
}

TEST_P(TrackingRoutesTest, WrongContentTypeIs415) {
  http::Request req;
  req.method = Method::kPost;
  req.path = std::string(kLifecyclePrefix) + "/experiments";
  req.target = req.path;
  req.body = R"({"name":"x"})";
  req.headers = {{"content-type", "text/plain"}, {"content-length", "12"}};
  EXPECT_EQ(router_.Dispatch(req).status, 415);
}

TEST_P(TrackingRoutesTest, DuplicateExperimentIs409) {
  ASSERT_EQ(Call(Method::kPost, "/experiments", R"({"name":"x"})").status, 201);
  EXPECT_EQ(Call(Method::kPost, "/experiments", R"({"name":"x"})").status, 409);
}

TEST_P(TrackingRoutesTest, UnknownResourcesAre404) {
  EXPECT_EQ(Call(Method::kGet, "/experiments/none").status, 404);
  EXPECT_EQ(Call(Method::kGet, "/runs/not-a-uuid").status, 404);
  EXPECT_EQ(Call(Method::kGet, "/runs/00000000-0000-4000-8000-000000000000").status, 404);
  EXPECT_EQ(Call(Method::kPost, "/runs", R"({"experiment_name":"none"})").status, 404);
  EXPECT_EQ(Call(Method::kPost, "/runs/00000000-0000-4000-8000-000000000000/metrics",
                 R"({"metrics":[{"key":"a","value":1}]})")
                .status,
            404);
}

TEST_P(TrackingRoutesTest, StaleIfMatchIs412) {
  ASSERT_EQ(Call(Method::kPost, "/experiments", R"({"name":"x"})").status, 201);
  auto ok =
      Call(Method::kPatch, "/experiments/x", R"({"description":"d"})", {{"if-match", "\"1\""}});
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(Body(ok).at("revision").as_int64(), 2);
  auto stale =
      Call(Method::kPatch, "/experiments/x", R"({"description":"e"})", {{"if-match", "1"}});
  EXPECT_EQ(stale.status, 412);
  auto bad =
      Call(Method::kPatch, "/experiments/x", R"({"description":"e"})", {{"if-match", "abc"}});
  EXPECT_EQ(bad.status, 400);
}

TEST_P(TrackingRoutesTest, RunLifecycleMetricsAndCaching) {
  const std::string id = NewRun();
  auto g1 = Call(Method::kGet, "/runs/" + id);
  ASSERT_EQ(g1.status, 200);
  EXPECT_EQ(Body(g1).at("created_by").as_string(), "dana");
  EXPECT_TRUE(Body(g1).at("end_time").is_null());
  auto m = Call(Method::kPost, "/runs/" + id + "/metrics",
                R"({"metrics":[{"key":"train/loss","value":0.5,"step":1,"timestamp":1000},
                               {"key":"train/loss","value":0.25,"step":2,"timestamp":2000}]})");
  ASSERT_EQ(m.status, 200) << m.body;
  EXPECT_EQ(Body(m).at("accepted").as_int64(), 2);
  // The cached body of revision 1 must not be served after the metrics changed the run.
  auto g2 = Call(Method::kGet, "/runs/" + id);
  auto v2 = Body(g2);
  EXPECT_EQ(v2.at("revision").as_int64(), 2);
  EXPECT_EQ(v2.at("metrics").at("train/loss").at("value").as_double(), 0.25);
  EXPECT_EQ(v2.at("metrics").at("train/loss").at("timestamp").as_int64(), 2000);
  EXPECT_EQ(Call(Method::kGet, "/runs/" + id).body, g2.body);  // served from cache

  auto h = Call(Method::kGet, "/runs/" + id + "/metrics/train/loss", "", {}, {{"max_points", "2"}});
  ASSERT_EQ(h.status, 200) << h.body;
  EXPECT_EQ(Body(h).at("items").as_array().size(), 2u);
  auto badh =
      Call(Method::kGet, "/runs/" + id + "/metrics/train/loss", "", {}, {{"max_points", "x"}});
  EXPECT_EQ(badh.status, 400);

  auto p = Call(Method::kPatch, "/runs/" + id, R"({"params":{"d":"7"}})");
  EXPECT_EQ(p.status, 409);
  auto done = Call(Method::kPatch, "/runs/" + id, R"({"status":"completed"})");
  ASSERT_EQ(done.status, 200) << done.body;
  EXPECT_TRUE(Body(done).at("end_time").is_string());
  auto late =
      Call(Method::kPost, "/runs/" + id + "/metrics", R"({"metrics":[{"key":"a","value":1}]})");
  EXPECT_EQ(late.status, 409);
  auto bad = Call(Method::kPost, "/runs/" + id + "/metrics", R"({"metrics":[]})");
  EXPECT_EQ(bad.status, 400);

  auto list = Call(Method::kGet, "/runs", "", {},
                   {{"experiment_name", "exp"}, {"filter", "params.d = '6'"}});
  ASSERT_EQ(list.status, 200) << list.body;
  EXPECT_EQ(Body(list).at("items").as_array().size(), 1u);
  EXPECT_EQ(Call(Method::kGet, "/runs", "", {}, {{"filter", "nonsense ~"}}).status, 400);
  EXPECT_EQ(Call(Method::kGet, "/runs", "", {}, {{"limit", "5000"}}).status, 400);
}

TEST_P(TrackingRoutesTest, ArtifactUploadDownloadAndList) {
  const std::string id = NewRun();
  const std::string tmp = data_dir_ + "/incoming";
  std::ofstream(tmp, std::ios::binary) << "hello";
  http::Request put;
  put.method = Method::kPut;
  put.path = std::string(kLifecyclePrefix) + "/runs/" + id + "/artifacts/model/w.bin";
  put.target = put.path;
  put.body_file = tmp;
  auto r = router_.Dispatch(put);
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(Body(r).at("sha256").as_string(),
            "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824");
  auto g = Call(Method::kGet, "/runs/" + id + "/artifacts/model/w.bin");
  ASSERT_EQ(g.status, 200);
  ASSERT_TRUE(g.file);
  EXPECT_EQ(g.content_type, "application/octet-stream");
  auto l = Call(Method::kGet, "/runs/" + id + "/artifacts");
  ASSERT_EQ(l.status, 200);
  EXPECT_EQ(Body(l).at("items").as_array().size(), 1u);
  EXPECT_EQ(Call(Method::kGet, "/runs/" + id + "/artifacts/nope").status, 404);

  std::ofstream(tmp, std::ios::binary) << "again";
  auto put_again = [&](const std::string& path) {
    http::Request req;
    req.method = Method::kPut;
    req.path = std::string(kLifecyclePrefix) + "/runs/" + id + "/artifacts/" + path;
    req.target = req.path;
    req.body_file = tmp;
    return router_.Dispatch(req);
  };
  EXPECT_EQ(put_again("model/w.bin").status, 409);
  EXPECT_EQ(put_again("a/../../x").status, 400);
  EXPECT_EQ(put_again("a\\b").status, 400);
}

TEST_P(TrackingRoutesTest, AuditListsMutationsNewestFirst) {
  const std::string id = NewRun();
  ASSERT_EQ(Call(Method::kPost, "/runs/" + id + "/metrics",
                 R"({"metrics":[{"key":"a","value":1},{"key":"a","value":2}]})")
                .status,
            200);
  auto a = Call(Method::kGet, "/api/v1/audit", "", {}, {{"resource", "run/" + id}});
  ASSERT_EQ(a.status, 200) << a.body;
  auto items = Body(a).at("items").as_array();
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0].at("action").as_string(), "run.log_metrics");
  EXPECT_EQ(items[0].at("summary").at("count").as_int64(), 2);
  EXPECT_EQ(items[1].at("action").as_string(), "run.create");
  EXPECT_EQ(items[1].at("actor").as_string(), "dana");

  auto paged = Call(Method::kGet, "/api/v1/audit", "", {}, {{"limit", "1"}});
  ASSERT_EQ(paged.status, 200);
  auto token = Body(paged).at("next_page_token");
  ASSERT_TRUE(token.is_string());
  auto next = Call(Method::kGet, "/api/v1/audit", "", {},
                   {{"limit", "1"}, {"page_token", std::string(token.as_string())}});
  ASSERT_EQ(next.status, 200);
  EXPECT_NE(Body(next).at("items").at(0).at("id"), Body(paged).at("items").at(0).at("id"));

  EXPECT_EQ(Call(Method::kGet, "/api/v1/audit", "", {}, {{"since", "yesterday"}}).status, 400);
  EXPECT_EQ(Call(Method::kGet, "/api/v1/audit", "", {}, {{"limit", "0"}}).status, 400);
  EXPECT_EQ(Call(Method::kGet, "/api/v1/audit", "", {}, {{"page_token", "zz"}}).status, 400);
  auto by_type = Call(Method::kGet, "/api/v1/audit", "", {}, {{"resource", "experiment"}});
  EXPECT_EQ(Body(by_type).at("items").as_array().size(), 1u);
  auto future = Call(Method::kGet, "/api/v1/audit", "", {}, {{"since", "2999-01-01T00:00:00Z"}});
  EXPECT_TRUE(Body(future).at("items").as_array().empty());
}

INSTANTIATE_TEST_SUITE_P(Sqlite, TrackingRoutesTest, ::testing::Values(storage::Backend::kSqlite),
                         testing::BackendParamName);

}  // namespace
}  // namespace cairn::tracking
