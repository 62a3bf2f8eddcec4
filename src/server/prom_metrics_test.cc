#include "server/prom_metrics.h"

#include <gtest/gtest.h>

namespace cairn::server {
namespace {

TEST(PromMetrics, CountsRequestsPerRouteAndStatus) {
  PromMetrics m;
  m.OnRequest(http::Method::kGet, "/api/v1/x/{id}", 200, 150);
  m.OnRequest(http::Method::kGet, "/api/v1/x/{id}", 200, 3000);
  m.OnRequest(http::Method::kGet, "/api/v1/x/{id}", 404, 80);
  std::string text = m.Render();
  EXPECT_NE(text.find("cairn_http_requests_total{method=\"GET\",route=\"/api/v1/x/{id}\","
                      "status=\"200\"} 2"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("status=\"404\"} 1"), std::string::npos);
  // 80 µs and 150 µs fall at or below 0.00025 s; 3 ms only in the 0.005 bucket and above.
  EXPECT_NE(text.find("route=\"/api/v1/x/{id}\",le=\"0.00025\"} 2"), std::string::npos) << text;
  EXPECT_NE(text.find("route=\"/api/v1/x/{id}\",le=\"0.0025\"} 2"), std::string::npos) << text;
  EXPECT_NE(text.find("route=\"/api/v1/x/{id}\",le=\"0.005\"} 3"), std::string::npos) << text;
  EXPECT_NE(text.find("cairn_http_request_duration_seconds_count{method=\"GET\",route=\"/api/v1/"
                      "x/{id}\"} 3"),
            std::string::npos);
}

TEST(PromMetrics, StorageTimingsAndErrors) {
  PromMetrics m;
  m.OnStatement(true, 50, true);
  m.OnStatement(false, 2000, false);
  std::string text = m.Render();
  EXPECT_NE(text.find("cairn_storage_statement_duration_seconds_count{kind=\"query\"} 1"),
            std::string::npos);
  EXPECT_NE(text.find("cairn_storage_statement_errors_total{kind=\"exec\"} 1"), std::string::npos);
  EXPECT_NE(text.find("cairn_storage_statement_errors_total{kind=\"query\"} 0"), std::string::npos);
}

TEST(PromMetrics, EveryHistogramHasTypeLine) {
  PromMetrics m;
  m.OnRequest(http::Method::kPost, "/r", 201, 10);
  std::string text = m.Render();
  EXPECT_NE(text.find("# TYPE cairn_http_request_duration_seconds histogram"), std::string::npos);
  EXPECT_NE(text.find("# TYPE cairn_http_requests_total counter"), std::string::npos);
}

TEST(PromMetrics, DriverCountersAreCountersOrGauges) {
  const std::string text = PromMetrics::RenderDriverCounters(
      {{"cairn_x_total", "Things done.", false, 7}, {"cairn_y", "Things waiting.", true, 2}});
  EXPECT_EQ(text,
            "# HELP cairn_x_total Things done.\n# TYPE cairn_x_total counter\ncairn_x_total 7\n"
            "# HELP cairn_y Things waiting.\n# TYPE cairn_y gauge\ncairn_y 2\n");
  EXPECT_EQ(PromMetrics::RenderDriverCounters({}), "");
}

}  // namespace
}  // namespace cairn::server
