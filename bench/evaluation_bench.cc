// Evaluation harness benchmark (SPEC §8 "evaluation metrics over 1 000 000 rows: < 150 ms").
//
// Prints figures, asserts nothing:
//  1. Evaluate() end to end for a binary scenario over N rows (all 7 binary metrics + the
//     confusion matrix, row filtering and report assembly), without and with a 10-value slice
//     column. The raw metric kernels are measured by bench/stats_bench.cc (BM_BinaryMetrics1M);
//     this adds the harness around them.
//  2. XGBoost scoring through the C API wrapper (models::XgboostModel) over N rows x 8 features
//     (5% NaN) with the shared classifier, nthread = 1 and nthread = all cores, in rows/s; and,
//     when --python is given, xgboost's Python Booster.predict(DMatrix) on the same float32
//     matrix (best of the same repeats), the ratio, and a check that both predictions agree.
//  3. A model scenario with permutation importance (8 features x K repeats) over --pi-rows.
//
// Usage: evaluation_bench [--rows N] [--repeats R] [--pi-rows M] [--python /usr/bin/python3]
// (for --python, first: eval "$(../shared/tools/python-oracles.sh)").
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "evaluation/evaluator.h"
#include "models/xgboost_model.h"

namespace {

using cairn::datasets::ColumnData;
using cairn::datasets::ColumnType;
namespace ev = cairn::evaluation;

double CpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

struct Timing {
  double wall_ms = 1e300;  // best of the repeats
  double cpu_ms = 1e300;
};

Timing Measure(int repeats, const std::function<void()>& fn) {
  Timing t;
  for (int i = 0; i < repeats; ++i) {
    const auto w0 = std::chrono::steady_clock::now();
    const double c0 = CpuSeconds();
    fn();
    const double c1 = CpuSeconds();
    const auto w1 = std::chrono::steady_clock::now();
    t.wall_ms = std::min(t.wall_ms, std::chrono::duration<double, std::milli>(w1 - w0).count());
    t.cpu_ms = std::min(t.cpu_ms, (c1 - c0) * 1e3);
  }
  return t;
}

ColumnData Numeric(const std::string& name, std::vector<double> v, ColumnType type) {
  ColumnData c;
  c.name = name;
  c.type = type;
  c.numbers = std::move(v);
  return c;
}

const char* kPython = R"PY(
import sys, time
import numpy as np
import xgboost as xgb
path, model, rows, cols, nthread, repeats = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6])
X = np.fromfile(path, dtype=np.float32).reshape(rows, cols)
b = xgb.Booster(model_file=model)
if nthread > 0:
    b.set_param({"nthread": nthread})
best = float("inf")
for _ in range(repeats):
    t0 = time.perf_counter()
    d = xgb.DMatrix(X, missing=np.nan, nthread=nthread if nthread > 0 else -1, feature_names=b.feature_names)
    p = b.predict(d)
    best = min(best, time.perf_counter() - t0)
print("%.6f %.9g %.9g" % (best * 1e3, float(np.sum(p.astype(np.float64))), float(p[0])))
)PY";

}  // namespace

int main(int argc, char** argv) {
  int64_t rows = 1000000;
  int repeats = 5;
  int64_t pi_rows = 100000;
  std::string python;
  std::string model_path = std::string(CAIRN_TESTDATA_DIR) + "/xgboost/classifier/model.json";
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string a = argv[i];
    if (a == "--rows")
      rows = std::atoll(argv[i + 1]);
    else if (a == "--repeats")
      repeats = std::atoi(argv[i + 1]);
    else if (a == "--pi-rows")
      pi_rows = std::atoll(argv[i + 1]);
    else if (a == "--python")
      python = argv[i + 1];
    else if (a == "--model")
      model_path = argv[i + 1];
  }
  std::printf("evaluation_bench: rows=%lld repeats=%d (best of), hardware threads=%u\n",
              static_cast<long long>(rows), repeats, std::thread::hardware_concurrency());

  // ---- 1. Binary evaluation end to end.
  std::mt19937_64 rng(1);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  std::vector<double> labels(rows), scores(rows), groups(rows);
  for (int64_t i = 0; i < rows; ++i) {
    labels[i] = u(rng) < 0.4 ? 1.0 : 0.0;
    scores[i] = std::clamp(0.35 * labels[i] + 0.65 * u(rng), 0.0, 1.0);
    groups[i] = static_cast<double>(i % 10);
  }
  ev::EvaluationData data;
  data.label = Numeric("label", labels, ColumnType::kInt64);
  data.prediction = Numeric("score", scores, ColumnType::kFloat64);
  ev::Scenario s;
  s.task_type = ev::TaskType::kBinary;
  s.label_column = "label";
  s.thresholds["roc_auc"] = {">=", 0.5};
  double auc = 0;
  Timing t = Measure(repeats, [&] {
    auto r = ev::Evaluate(s, data, nullptr);
    if (!r.ok()) std::abort();
    auc = *r->metrics[4].second;
  });
  std::printf("binary Evaluate, all metrics, %lld rows: %.1f ms wall, %.1f ms CPU (roc_auc %.6f)\n",
              static_cast<long long>(rows), t.wall_ms, t.cpu_ms, auc);
  data.slice = Numeric("group", groups, ColumnType::kInt64);
  t = Measure(repeats, [&] {
    if (!ev::Evaluate(s, data, nullptr).ok()) std::abort();
  });
  std::printf("binary Evaluate + 10 slices, %lld rows: %.1f ms wall, %.1f ms CPU\n",
              static_cast<long long>(rows), t.wall_ms, t.cpu_ms);

  // ---- 2. XGBoost scoring.
  constexpr int kCols = 8;
  std::normal_distribution<float> normal(0.0f, 1.0f);
  std::vector<float> x(static_cast<size_t>(rows) * kCols);
  for (auto& v : x) v = u(rng) < 0.05 ? std::nanf("") : normal(rng);
  std::vector<float> cpp_pred;
  double cpp_ms_1 = 0, cpp_ms_all = 0;
  for (int nthread : {1, 0}) {
    auto model = cairn::models::XgboostModel::Load(model_path, {nthread});
    if (!model.ok()) {
      std::fprintf(stderr, "%s\n", model.status().ToString().c_str());
      return 1;
    }
    t = Measure(repeats, [&] {
      auto p = (*model)->Predict(x, rows, kCols);
      if (!p.ok()) std::abort();
      cpp_pred = std::move(*p);
    });
    (nthread == 1 ? cpp_ms_1 : cpp_ms_all) = t.wall_ms;
    std::printf("xgboost C API predict, nthread=%s: %.1f ms wall, %.1f ms CPU = %.2f M rows/s\n",
                nthread == 1 ? "1" : "all", t.wall_ms, t.cpu_ms, rows / t.wall_ms / 1e3);
  }
  double cpp_sum = 0;
  for (float p : cpp_pred) cpp_sum += p;

  if (!python.empty()) {
    const auto dir =
        std::filesystem::temp_directory_path() / ("cairn-eval-bench-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    const auto xfile = dir / "x.f32", script = dir / "predict.py", out = dir / "out.txt";
    std::ofstream(xfile, std::ios::binary)
        .write(reinterpret_cast<const char*>(x.data()),
               static_cast<std::streamsize>(x.size() * sizeof(float)));
    std::ofstream(script) << kPython;
    for (int nthread : {1, 0}) {
      const std::string cmd = python + " " + script.string() + " " + xfile.string() + " " +
                              model_path + " " + std::to_string(rows) + " " +
                              std::to_string(kCols) + " " + std::to_string(nthread) + " " +
                              std::to_string(repeats) + " > " + out.string();
      if (std::system(cmd.c_str()) != 0) {
        std::fprintf(stderr, "python predict failed (did you eval python-oracles.sh?)\n");
        break;
      }
      double py_ms = 0, py_sum = 0, py_first = 0;
      std::ifstream(out) >> py_ms >> py_sum >> py_first;
      const double cpp_ms = nthread == 1 ? cpp_ms_1 : cpp_ms_all;
      std::printf(
          "xgboost Python Booster.predict(DMatrix), nthread=%s: %.1f ms wall = %.2f M "
          "rows/s; C++/Python time ratio %.2f (python %.2fx slower); "
          "predictions agree: %s (sum %.6f vs %.6f, first %.9g vs %.9g)\n",
          nthread == 1 ? "1" : "all", py_ms, rows / py_ms / 1e3, cpp_ms / py_ms, py_ms / cpp_ms,
          std::abs(py_sum - cpp_sum) <= 1e-6 * std::abs(cpp_sum) &&
                  static_cast<float>(py_first) == cpp_pred[0]
              ? "yes"
              : "NO",
          py_sum, cpp_sum, py_first, static_cast<double>(cpp_pred[0]));
    }
    std::filesystem::remove_all(dir);
  }

  // ---- 3. Model scenario with permutation importance.
  {
    const int64_t n = std::min(rows, pi_rows);
    ev::EvaluationData md;
    std::vector<double> lab(n);
    for (int64_t i = 0; i < n; ++i) lab[i] = cpp_pred[i] > 0.5 ? 1.0 : (u(rng) < 0.2 ? 1.0 : 0.0);
    md.label = Numeric("label", lab, ColumnType::kInt64);
    ev::Scenario ms;
    ms.task_type = ev::TaskType::kBinary;
    ms.label_column = "label";
    for (int j = 0; j < kCols; ++j) {
      std::vector<double> col(n);
      for (int64_t i = 0; i < n; ++i) col[i] = x[i * kCols + j];
      ms.feature_columns.push_back("f" + std::to_string(j));
      md.features.push_back(Numeric(ms.feature_columns.back(), col, ColumnType::kFloat64));
    }
    ms.importance_repeats = 5;
    auto model = cairn::models::XgboostModel::Load(model_path, {0});
    t = Measure(1, [&] {
      if (!ev::Evaluate(ms, md, model->get()).ok()) std::abort();
    });
    std::printf(
        "model scenario + permutation importance (8 features x 5 repeats = 41 predictions)"
        ", %lld rows: %.1f ms wall, %.1f ms CPU\n",
        static_cast<long long>(n), t.wall_ms, t.cpu_ms);
  }
  return 0;
}
