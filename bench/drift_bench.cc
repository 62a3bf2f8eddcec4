// Drift computation measured through DriftService (SPEC §8: drift report over 1 000 000 ×
// 1 000 000 numeric values, all methods, < 300 ms), and through the HTTP handler path
// (Router::Dispatch with a JSON body: parse + compute + serialize, no socket).
//
//   drift_bench [testdata_dir] [repetitions]
//
// Cases: the 200 000-row case of testdata/drift/10_large_200k, and two generated 1 000 000-value
// normal columns (N(0,1) vs N(0.05,1)). Prints min and median wall time per case. The pure
// statistics alone are measured by stats_bench (and compared with scipy by compare_stats.py).
#include <algorithm>
#include <boost/json.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "drift/drift_routes.h"
#include "drift/drift_service.h"
#include "drift/sql_drift_store.h"
#include "http/router.h"
#include "stats/testing/csv.h"
#include "storage/store_factory.h"

namespace {

using namespace cairn;
using Clock = std::chrono::steady_clock;

template <typename F>
void Measure(const char* name, int reps, F&& f) {
  std::vector<double> ms;
  for (int i = 0; i < reps; ++i) {
    auto t0 = Clock::now();
    if (!f()) {
      std::printf("%-48s FAILED\n", name);
      return;
    }
    ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
  }
  std::sort(ms.begin(), ms.end());
  std::printf("%-48s min %8.1f ms   median %8.1f ms   (%d runs)\n", name, ms.front(),
              ms[ms.size() / 2], reps);
}

drift::InlineColumn Column(const std::string& name, std::vector<double> v) {
  drift::InlineColumn c;
  c.name = name;
  c.kind = drift::ColumnKind::kNumeric;
  c.numbers = std::move(v);
  return c;
}

std::string JsonBody(const std::vector<double>& ref, const std::vector<double>& cur) {
  boost::json::array r, c;
  r.reserve(ref.size());
  c.reserve(cur.size());
  for (double x : ref) r.emplace_back(x);
  for (double x : cur) c.emplace_back(x);
  boost::json::object o{{"reference", boost::json::object{{"x", std::move(r)}}},
                        {"current", boost::json::object{{"x", std::move(c)}}}};
  return boost::json::serialize(o);
}

}  // namespace

int main(int argc, char** argv) {
  const std::string testdata = argc > 1 ? argv[1] : "../shared/testdata";
  const int reps = argc > 2 ? std::max(1, std::atoi(argv[2])) : 5;
  auto dir = std::filesystem::temp_directory_path() / "cairn-drift-bench";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  auto db = storage::OpenDatabase("sqlite://" + (dir / "bench.db").string(), {});
  if (!db.ok()) {
    std::fprintf(stderr, "open database: %s\n", db.status().ToString().c_str());
    return 1;
  }
  drift::DriftService service(std::make_unique<drift::SqlDriftStore>(**db), nullptr);
  http::Router router;
  drift::RegisterDriftRoutes(router, service);
  auto dispatch = [&](const std::string& body) {
    http::Request req;
    req.method = http::Method::kPost;
    req.path = "/api/v1/ml/lifecycle/drift/compute";
    req.body = body;
    req.headers = {{"content-type", "application/json"},
                   {"content-length", std::to_string(body.size())}};
    return router.Dispatch(req).status == 200;
  };

  // 1. The 200 000-row golden case.
  const std::string case_dir = testdata + "/drift/10_large_200k";
  auto ref_csv = stats::testing::ReadCsvFile(case_dir + "/reference.csv");
  auto cur_csv = stats::testing::ReadCsvFile(case_dir + "/current.csv");
  if (ref_csv.ok() && cur_csv.ok()) {
    auto r = stats::testing::NumericColumn(*ref_csv, "value");
    auto c = stats::testing::NumericColumn(*cur_csv, "value");
    if (r.ok() && c.ok()) {
      drift::DriftComputeRequest req;
      req.reference = std::vector<drift::InlineColumn>{Column("value", *r)};
      req.current = std::vector<drift::InlineColumn>{Column("value", *c)};
      Measure("service: 10_large_200k (200k x 200k)", reps,
              [&] { return service.Compute(req, "bench").ok(); });
      const std::string body = JsonBody(*r, *c);
      std::printf("  JSON body %.1f MB\n", body.size() / 1e6);
      Measure("handler (JSON body): 10_large_200k", reps, [&] { return dispatch(body); });
    }
  } else {
    std::printf("10_large_200k not found under %s (pass the testdata dir)\n", testdata.c_str());
  }

  // 2. Two generated 1 000 000-value numeric columns.
  constexpr size_t kN = 1000000;
  std::mt19937_64 rng(42);
  std::normal_distribution<double> a(0.0, 1.0), b(0.05, 1.0);
  std::vector<double> ref(kN), cur(kN);
  for (auto& x : ref) x = a(rng);
  for (auto& x : cur) x = b(rng);
  drift::DriftComputeRequest big;
  big.reference = std::vector<drift::InlineColumn>{Column("x", ref)};
  big.current = std::vector<drift::InlineColumn>{Column("x", cur)};
  Measure("service: generated 1M x 1M numeric", reps,
          [&] { return service.Compute(big, "bench").ok(); });
  const std::string body = JsonBody(ref, cur);
  std::printf("  JSON body %.1f MB\n", body.size() / 1e6);
  Measure("handler (JSON body): generated 1M x 1M", reps, [&] { return dispatch(body); });
  std::filesystem::remove_all(dir);
  return 0;
}
