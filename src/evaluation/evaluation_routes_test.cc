// Routes through http::Router::Dispatch (no sockets) with real services on every backend.
#include "evaluation/evaluation_routes.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "evaluation/testing/service_fixture.h"

namespace cairn::evaluation {
namespace {

namespace bj = boost::json;
using http::Method;

class EvaluationRoutesTest : public testing::ServiceTest {
 protected:
  void SetUp() override {
    ServiceTest::SetUp();
    if (HasFatalFailure()) return;
    RegisterEvaluationRoutes(router_, *service_);
  }
  http::Response Call(Method m, const std::string& path, const std::string& body = "",
                      std::vector<std::pair<std::string, std::string>> headers = {},
                      std::vector<std::pair<std::string, std::string>> query = {}) {
    http::Request req;
    req.method = m;
    req.path = std::string(kEvaluationPrefix) + path;
    req.target = req.path;
    req.query = std::move(query);
    req.body = body;
    bool has_type = false;
    for (auto& h : headers) has_type = has_type || h.first == "content-type";
    if (!body.empty()) {
      if (!has_type) req.headers.emplace_back("content-type", "application/json");
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
  static std::string BinaryBody(const std::string& name) {
    return R"({"name":")" + name +
           R"(","task_type":"binary_classification","dataset_id":"bin","label_column":"label",
              "score_column":"score","slice_column":"group",
              "thresholds":{"roc_auc":{"op":">=","value":0.7}}})";
  }

  http::Router router_;
};

TEST_P(EvaluationRoutesTest, ScenarioLifecycle) {
  auto c = Call(Method::kPost, "/scenarios", BinaryBody("s1"), {{"x-cairn-user", "erin"}});
  ASSERT_EQ(c.status, 201) << c.body;
  auto v = Body(c);
  EXPECT_EQ(v.at("created_by").as_string(), "erin");
  EXPECT_EQ(v.at("revision").as_int64(), 1);
  EXPECT_EQ(v.at("metrics").as_array().size(), 7u);  // default: all binary metrics
  EXPECT_EQ(Call(Method::kPost, "/scenarios", BinaryBody("s1")).status, 409);
  auto g = Call(Method::kGet, "/scenarios/s1");
  ASSERT_EQ(g.status, 200);
  EXPECT_EQ(Body(g).at("thresholds").at("roc_auc").at("op").as_string(), ">=");
  EXPECT_EQ(Call(Method::kGet, "/scenarios/nope").status, 404);
  auto l = Call(Method::kGet, "/scenarios");
  ASSERT_EQ(l.status, 200);
  EXPECT_EQ(Body(l).at("items").as_array().size(), 1u);
  EXPECT_TRUE(Body(l).at("next_page_token").is_null());
  EXPECT_EQ(Call(Method::kGet, "/scenarios", "", {}, {{"limit", "x"}}).status, 400);
  EXPECT_EQ(Call(Method::kGet, "/scenarios", "", {}, {{"limit", "1001"}}).status, 400);
  EXPECT_EQ(Call(Method::kGet, "/scenarios", "", {}, {{"task_type", "x"}}).status, 400);

  auto p = Call(Method::kPatch, "/scenarios/s1", R"({"description":"d"})", {{"if-match", "\"1\""}});
  ASSERT_EQ(p.status, 200) << p.body;
  EXPECT_EQ(Body(p).at("revision").as_int64(), 2);
  auto stale = Call(Method::kPatch, "/scenarios/s1", R"({"description":"e"})", {{"if-match", "1"}});
  EXPECT_EQ(stale.status, 412);
  EXPECT_EQ(
      Call(Method::kPatch, "/scenarios/s1", R"({"description":"e"})", {{"if-match", "x"}}).status,
      400);
  EXPECT_EQ(Call(Method::kPatch, "/scenarios/s1", R"({"name":"x"})").status, 400);
  EXPECT_EQ(Call(Method::kPatch, "/scenarios/nope", R"({"description":"e"})").status, 404);
  EXPECT_EQ(Call(Method::kGet, "/scenarios/s1").headers.front().second, "\"2\"");
}

TEST_P(EvaluationRoutesTest, ScenarioBodyErrors) {
  EXPECT_EQ(Call(Method::kPost, "/scenarios", "{bad").status, 400);
  auto r = Call(Method::kPost, "/scenarios", R"({"name":"x","label_column":5,"typo":1})");
  EXPECT_EQ(r.status, 400);
  EXPECT_TRUE(HasError(r, "label_column"));
  EXPECT_TRUE(HasError(r, "typo"));
  EXPECT_EQ(r.content_type, "application/problem+json");
  auto col = Call(Method::kPost, "/scenarios",
                  R"({"name":"x","task_type":"binary_classification","dataset_id":"bin",
                      "label_column":"group","score_column":"nope"})");
  EXPECT_EQ(col.status, 400);
  EXPECT_TRUE(HasError(col, "label_column"));
  EXPECT_TRUE(HasError(col, "score_column"));
  EXPECT_EQ(
      Call(Method::kPost, "/scenarios", BinaryBody("x"), {{"content-type", "text/plain"}}).status,
      415);
  EXPECT_EQ(Call(Method::kDelete, "/scenarios/x").status, 405);
  auto model404 = Call(Method::kPost, "/scenarios",
                       R"({"name":"x","task_type":"binary_classification","dataset_id":"xgb",
                           "label_column":"label","model_name":"clf","version":42,
                           "feature_columns":["f0"]})");
  EXPECT_EQ(model404.status, 404);
}

TEST_P(EvaluationRoutesTest, InlineRunAndReport) {
  ASSERT_EQ(Call(Method::kPost, "/scenarios", BinaryBody("s")).status, 201);
  auto r = Call(Method::kPost, "/runs", R"({"scenario_name":"s"})", {{"x-cairn-user", "ivan"}});
  ASSERT_EQ(r.status, 201) << r.body;
  auto run = Body(r);
  EXPECT_EQ(run.at("status").as_string(), "completed");
  EXPECT_EQ(run.at("verdict").as_string(), "pass");
  const std::string id(run.at("run_id").as_string());
  auto rep = Call(Method::kGet, "/runs/" + id + "/report");
  ASSERT_EQ(rep.status, 200);
  auto v = Body(rep).as_object();
  EXPECT_EQ(v.at("run_id").as_string(), id);
  EXPECT_EQ(v.at("scenario_name").as_string(), "s");
  EXPECT_EQ(v.at("verdict").as_string(), "pass");
  EXPECT_EQ(v.at("n_rows").as_int64(), 2000);  // rows of binary/01_basic
  EXPECT_TRUE(v.at("metrics").as_object().contains("roc_auc"));
  EXPECT_EQ(v.at("confusion_matrix").at("labels").as_array().size(), 2u);
  EXPECT_TRUE(v.at("thresholds").as_array()[0].at("passed").as_bool());
  EXPECT_FALSE(v.at("slices").as_object().empty());
  EXPECT_TRUE(v.at("worst_slice_gap").at("accuracy").at("gap").is_number());
  EXPECT_TRUE(v.at("explainability").is_null());
  EXPECT_EQ(v.at("compliance").at("run_by").as_string(), "ivan");
  EXPECT_EQ(Call(Method::kGet, "/runs/" + id).status, 200);
  auto list =
      Call(Method::kGet, "/runs", "", {}, {{"scenario_name", "s"}, {"status", "completed"}});
  ASSERT_EQ(list.status, 200);
  EXPECT_EQ(Body(list).at("items").as_array().size(), 1u);
  EXPECT_EQ(Call(Method::kGet, "/runs", "", {}, {{"status", "bogus"}}).status, 400);
}

TEST_P(EvaluationRoutesTest, QueuedRunAnswers202AndReportIsPending) {
  ASSERT_EQ(Call(Method::kPost, "/scenarios",
                 R"({"name":"m","task_type":"binary_classification","dataset_id":"xgb",
                     "label_column":"label","model_name":"clf","version":1,
                     "feature_columns":["f0","f1","f2","f3","f4","f5","f6","f7"],
                     "importance_repeats":1})")
                .status,
            201);
  auto r = Call(Method::kPost, "/runs", R"({"scenario_name":"m"})");
  ASSERT_EQ(r.status, 202) << r.body;
  const std::string id(Body(r).at("run_id").as_string());
  auto pending = Body(Call(Method::kGet, "/runs/" + id + "/report"));
  EXPECT_EQ(pending.at("status").as_string(), "queued");
  EXPECT_TRUE(pending.at("verdict").is_null());
  ASSERT_TRUE(*service_->RunOnePendingJob());
  auto done = Body(Call(Method::kGet, "/runs/" + id + "/report"));
  EXPECT_EQ(done.at("status").as_string(), "completed");
  EXPECT_EQ(done.at("explainability").at("permutation_importance").as_object().size(), 8u);
}

TEST_P(EvaluationRoutesTest, RunErrors) {
  EXPECT_EQ(Call(Method::kPost, "/runs", R"({"scenario_name":"nope"})").status, 404);
  EXPECT_EQ(Call(Method::kPost, "/runs", R"({"scenario_name":"s","extra":1})").status, 400);
  EXPECT_EQ(Call(Method::kPost, "/runs", "[").status, 400);
  EXPECT_EQ(Call(Method::kGet, "/runs/00000000-0000-4000-8000-000000000000/report").status, 404);
  EXPECT_EQ(Call(Method::kGet, "/runs/xyz").status, 404);
  EXPECT_EQ(Call(Method::kPut, "/runs").status, 405);
}

INSTANTIATE_TEST_SUITE_P(Backends, EvaluationRoutesTest,
                         ::testing::ValuesIn(storage::testing::TestBackends()),
                         [](const auto& info) {
                           return storage::testing::BackendName(info.param);
                         });

}  // namespace
}  // namespace cairn::evaluation
