#include "tracking/tracking_json.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "common/testing/status_matchers.h"

namespace cairn::tracking {
namespace {

bool HasFieldError(const Status& s, const std::string& field) {
  for (const auto& e : s.errors())
    if (e.field == field) return true;
  return false;
}

TEST(ParseMetricBatch, GroupsByKeyInRequestOrder) {
  auto b = ParseMetricBatch(
      R"({"metrics":[{"key":"loss","value":1.5,"step":1,"timestamp":10},
                     {"key":"acc","value":0.5},
                     {"key":"loss","value":2,"step":2,"timestamp":20}]})");
  ASSERT_OK(b);
  EXPECT_EQ(b->total_points, 3u);
  ASSERT_EQ(b->series.size(), 2u);
  EXPECT_EQ(b->series[0].key, "loss");
  ASSERT_EQ(b->series[0].points.size(), 2u);
  EXPECT_EQ(b->series[0].points[1].step, 2);
  EXPECT_EQ(b->series[0].points[1].value, 2.0);
  EXPECT_EQ(b->series[0].points[1].timestamp, 20);
  EXPECT_EQ(b->series[1].key, "acc");
  EXPECT_EQ(b->series[1].points[0].step, 0);
  EXPECT_EQ(b->series[1].points[0].timestamp, kNoTimestamp);
}

TEST(ParseMetricBatch, ReusesThreadParserAcrossCalls) {
  for (int i = 0; i < 3; ++i) {
    std::string body = R"({"metrics":[)";
    for (int j = 0; j < 2000; ++j) {
      if (j) body += ",";
      body += R"({"key":"k)" + std::to_string(j % 3) + R"(","value":)" + std::to_string(j) +
              R"(,"step":)" + std::to_string(j) + "}";
    }
    body += "]}";
    auto b = ParseMetricBatch(body);
    ASSERT_OK(b);
    EXPECT_EQ(b->total_points, 2000u);
    EXPECT_EQ(b->series.size(), 3u);
  }
}

TEST(ParseMetricBatch, RejectsMalformedJson) {
  auto b = ParseMetricBatch(R"({"metrics":[{"key":"a","value":1})");
  EXPECT_EQ(b.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(ParseMetricBatch("").status().code(), StatusCode::kInvalidArgument);
}

TEST(ParseMetricBatch, RejectsUnknownFieldsEverywhere) {
  auto b = ParseMetricBatch(R"({"metrics":[{"key":"a","value":1,"stp":3}],"extra":1})");
  ASSERT_EQ(b.status().code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(HasFieldError(b.status(), "extra"));
  EXPECT_TRUE(HasFieldError(b.status(), "metrics[0].stp"));
}

TEST(ParseMetricBatch, RejectsWrongTypes) {
  auto b = ParseMetricBatch(
      R"({"metrics":[{"key":1,"value":1},{"key":"a","value":"x"},{"key":"a","value":1,"step":1.5},
                     {"key":"a","value":1,"timestamp":"now"}, 7]})");
  ASSERT_EQ(b.status().code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(HasFieldError(b.status(), "metrics[0].key"));
  EXPECT_TRUE(HasFieldError(b.status(), "metrics[1].value"));
  EXPECT_TRUE(HasFieldError(b.status(), "metrics[2].step"));
  EXPECT_TRUE(HasFieldError(b.status(), "metrics[3].timestamp"));
  EXPECT_TRUE(HasFieldError(b.status(), "metrics[4]"));
}

TEST(ParseMetricBatch, RejectsMissingKeyOrValue) {
  auto b = ParseMetricBatch(R"({"metrics":[{"value":1},{"key":"a"}]})");
  ASSERT_EQ(b.status().code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(HasFieldError(b.status(), "metrics[0].key"));
  EXPECT_TRUE(HasFieldError(b.status(), "metrics[1].value"));
}

TEST(ParseMetricBatch, RejectsNonFiniteOverflow) {
  auto b = ParseMetricBatch(R"({"metrics":[{"key":"a","value":1e999}]})");
  EXPECT_EQ(b.status().code(), StatusCode::kInvalidArgument);
}

TEST(ParseMetricBatch, RejectsMissingOrNonArrayMetrics) {
  EXPECT_EQ(ParseMetricBatch("{}").status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(ParseMetricBatch(R"({"metrics":{}})").status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(ParseMetricBatch("[1]").status().code(), StatusCode::kInvalidArgument);
}

TEST(ParseMetricBatch, RejectsMoreThanTenThousandPoints) {
  std::string body = R"({"metrics":[)";
  for (int j = 0; j < 10001; ++j) body += std::string(j ? "," : "") + R"({"key":"a","value":1})";
  body += "]}";
  auto b = ParseMetricBatch(body);
  ASSERT_EQ(b.status().code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(HasFieldError(b.status(), "metrics"));
}

TEST(ParseRunCreate, ReadsAllFields) {
  auto r = ParseRunCreate(
      R"({"experiment_name":"e","name":"n","params":{"a":"1"},"tags":{"t":"x"},
          "source":{"git":"abc"},"inputs":["d1"],"start_time":"2026-01-02T03:04:05.678Z"})");
  ASSERT_OK(r);
  EXPECT_EQ(r->experiment_name, "e");
  EXPECT_EQ(r->params->at("a"), "1");
  EXPECT_EQ(r->inputs->at(0), "d1");
  ASSERT_TRUE(r->start_time.has_value());
}

TEST(ParseRunCreate, RejectsBadTimeAndTypes) {
  auto r = ParseRunCreate(
      R"({"experiment_name":"e","start_time":"yesterday","inputs":[1],"params":{"a":1}})");
  ASSERT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(HasFieldError(r.status(), "start_time"));
  EXPECT_TRUE(HasFieldError(r.status(), "inputs"));
  EXPECT_TRUE(HasFieldError(r.status(), "params.a"));
}

TEST(ParseRunCreate, RequiresExperimentName) {
  auto r = ParseRunCreate(R"({"name":"x"})");
  ASSERT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(HasFieldError(r.status(), "experiment_name"));
}

TEST(ParseExperimentPatch, RejectsUnknownField) {
  auto p = ParseExperimentPatch(R"({"descripton":"typo"})");
  ASSERT_EQ(p.status().code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(HasFieldError(p.status(), "descripton"));
}

TEST(MetricHistoryToJson, IsValidJsonWithIntegersAndDoubles) {
  MetricHistory h{"train/loss", {{1, 1000, 0.1}, {2, 2000, -3.0}, {3, 3000, 1e-300}}, true};
  auto v = boost::json::parse(MetricHistoryToJson(h));
  EXPECT_EQ(v.at("key").as_string(), "train/loss");
  EXPECT_EQ(v.at("downsampled").as_bool(), true);
  const auto& items = v.at("items").as_array();
  ASSERT_EQ(items.size(), 3u);
  EXPECT_EQ(items[0].at("step").as_int64(), 1);
  EXPECT_EQ(items[0].at("value").to_number<double>(), 0.1);
  EXPECT_EQ(items[1].at("value").to_number<double>(), -3.0);
  EXPECT_EQ(items[2].at("value").to_number<double>(), 1e-300);
  EXPECT_EQ(items[2].at("timestamp").as_int64(), 3000);
}

TEST(RunToJson, FullViewHasEveryField) {
  tracking::Run r;
  r.run_id = "id";
  r.metrics["loss"] = {0.5, 3, 99};
  r.artifacts.push_back({"m.bin", 3, "ab", "x", "u", 0});
  auto v = boost::json::parse(RunToJson(r));
  for (const char* f :
       {"run_id", "experiment_name", "name", "status", "params", "metrics", "tags", "start_time",
        "end_time", "created_by", "source", "inputs", "artifacts", "revision"})
    EXPECT_TRUE(v.as_object().contains(f)) << f;
  EXPECT_TRUE(v.at("end_time").is_null());
  EXPECT_EQ(v.at("metrics").at("loss").at("timestamp").as_int64(), 99);
  EXPECT_EQ(v.at("artifacts").at(0).at("size_bytes").as_int64(), 3);
}

// The run list assembled from serialized items (as the list route does from its cache) is
// byte for byte the page RunPageToJson writes, with and without a next page token, and empty.
TEST(RunPageFromItems, EqualsRunPageToJson) {
  Page<tracking::Run> page;
  for (int i = 0; i < 3; ++i) {
    tracking::Run r;
    r.run_id = "run-" + std::to_string(i);
    r.experiment_name = "exp \"quoted\"";
    r.params["lr"] = "0.1";
    r.tags["note"] = "line\nbreak";
    r.metrics["loss"] = {0.95, 3, 99};
    r.artifacts.push_back({"m.bin", 3, "ab", "x", "u", 0});  // not in the list view
    r.revision = i + 1;
    page.items.push_back(r);
  }
  for (const std::optional<std::string>& token :
       {std::optional<std::string>(), std::optional<std::string>("b2Zmc2V0OjM=")}) {
    page.next_page_token = token;
    std::vector<std::string> bodies;
    for (const tracking::Run& r : page.items) bodies.push_back(RunToJson(r, RunView::kList));
    std::vector<std::string_view> items(bodies.begin(), bodies.end());
    EXPECT_EQ(RunPageFromItems(items, token), RunPageToJson(page));
  }
  EXPECT_EQ(RunPageFromItems({}, std::nullopt), RunPageToJson(Page<tracking::Run>{}));
  EXPECT_EQ(RunPageFromItems({}, std::nullopt), R"({"items":[],"next_page_token":null})");
}

}  // namespace
}  // namespace cairn::tracking
