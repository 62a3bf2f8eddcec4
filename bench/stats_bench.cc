// Benchmarks for src/stats: the SPEC §8 targets "drift report over 1 000 000 x 1 000 000 numeric
// values (all methods) < 300 ms" and "evaluation metrics over 1 000 000 rows < 150 ms".
//
// Data: if CAIRN_STATS_BENCH_DATA names a folder holding reference.f64, current.f64,
// labels.f64 and scores.f64 (raw little-endian doubles, as bench/compare_stats.py writes them),
// those are used so the figures compare with scipy/sklearn on identical inputs; otherwise the
// same shapes are generated here with a fixed seed. The 200k case reads
// testdata/drift/10_large_200k (folder from CAIRN_TESTDATA_DIR, env or compile definition).
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "stats/drift/drift_report.h"
#include "stats/metrics/binary.h"
#include "stats/numeric/sort.h"
#include "stats/testing/csv.h"

namespace {

constexpr std::size_t kRows = 1'000'000;

std::vector<double> ReadF64(const std::string& path) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) return {};
  const auto bytes = static_cast<std::size_t>(in.tellg());
  std::vector<double> v(bytes / sizeof(double));
  in.seekg(0);
  in.read(reinterpret_cast<char*>(v.data()), static_cast<std::streamsize>(v.size() * 8));
  return v;
}

struct Data {
  std::vector<double> reference;
  std::vector<double> current;
  std::vector<int> labels;
  std::vector<double> scores;
};

const Data& BenchData() {
  static const Data data = [] {
    Data d;
    if (const char* dir = std::getenv("CAIRN_STATS_BENCH_DATA")) {
      const std::string base(dir);
      d.reference = ReadF64(base + "/reference.f64");
      d.current = ReadF64(base + "/current.f64");
      d.scores = ReadF64(base + "/scores.f64");
      for (double y : ReadF64(base + "/labels.f64")) d.labels.push_back(y != 0.0 ? 1 : 0);
      if (!d.reference.empty() && d.labels.size() == d.scores.size()) return d;
      d = Data{};
    }
    std::mt19937_64 rng(1);
    std::normal_distribution<double> ref(0.0, 1.0);
    std::normal_distribution<double> cur(0.1, 1.1);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    d.reference.resize(kRows);
    d.current.resize(kRows);
    d.labels.resize(kRows);
    d.scores.resize(kRows);
    for (std::size_t i = 0; i < kRows; ++i) {
      d.reference[i] = ref(rng);
      d.current[i] = cur(rng);
      d.labels[i] = unit(rng) < 0.3 ? 1 : 0;
      d.scores[i] = std::min(1.0, 0.6 * unit(rng) + 0.4 * d.labels[i] * unit(rng));
    }
    return d;
  }();
  return data;
}

void BM_NumericDrift1M(benchmark::State& state) {
  const Data& d = BenchData();
  for (auto _ : state) {
    auto r = cairn::stats::ComputeNumericDrift(d.reference, d.current);
    benchmark::DoNotOptimize(r);
    if (!r.ok()) state.SkipWithError(r.status().message().c_str());
  }
  state.SetItemsProcessed(state.iterations() *
                          static_cast<int64_t>(d.reference.size() + d.current.size()));
}
// Process CPU time: the statistics use a helper thread on large inputs.
BENCHMARK(BM_NumericDrift1M)->Unit(benchmark::kMillisecond)->MeasureProcessCPUTime()->UseRealTime();

// The shared first step alone: both 1 000 000-value samples sorted (SortPresentPair).
void BM_SortPair1M(benchmark::State& state) {
  const Data& d = BenchData();
  for (auto _ : state) {
    auto sorted = cairn::stats::SortPresentPair(d.reference, d.current);
    benchmark::DoNotOptimize(sorted);
  }
  state.SetItemsProcessed(state.iterations() *
                          static_cast<int64_t>(d.reference.size() + d.current.size()));
}
BENCHMARK(BM_SortPair1M)->Unit(benchmark::kMillisecond)->MeasureProcessCPUTime()->UseRealTime();

// One 1 000 000-value sample on the calling thread only.
void BM_SortOneThread1M(benchmark::State& state) {
  const Data& d = BenchData();
  for (auto _ : state) {
    auto sorted = cairn::stats::SortPresent(d.reference, /*parallel=*/false);
    benchmark::DoNotOptimize(sorted);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(d.reference.size()));
}
BENCHMARK(BM_SortOneThread1M)
    ->Unit(benchmark::kMillisecond)
    ->MeasureProcessCPUTime()
    ->UseRealTime();

void BM_NumericDriftTestdata200k(benchmark::State& state) {
  std::string dir;
  if (const char* env = std::getenv("CAIRN_TESTDATA_DIR")) dir = env;
#ifdef CAIRN_TESTDATA_DIR
  if (dir.empty()) dir = CAIRN_TESTDATA_DIR;
#endif
  namespace t = cairn::stats::testing;
  auto ref_table = t::ReadCsvFile(dir + "/drift/10_large_200k/reference.csv");
  auto cur_table = t::ReadCsvFile(dir + "/drift/10_large_200k/current.csv");
  if (!ref_table.ok() || !cur_table.ok()) {
    state.SkipWithError("testdata not found: set CAIRN_TESTDATA_DIR");
    return;
  }
  const auto ref = t::NumericColumn(*ref_table, "value");
  const auto cur = t::NumericColumn(*cur_table, "value");
  if (!ref.ok() || !cur.ok()) {
    state.SkipWithError("bad testdata");
    return;
  }
  for (auto _ : state) {
    auto r = cairn::stats::ComputeNumericDrift(*ref, *cur);
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_NumericDriftTestdata200k)
    ->Unit(benchmark::kMillisecond)
    ->MeasureProcessCPUTime()
    ->UseRealTime();

void BM_BinaryMetrics1M(benchmark::State& state) {
  const Data& d = BenchData();
  for (auto _ : state) {
    auto r = cairn::stats::ComputeBinaryMetrics(d.labels, d.scores);
    benchmark::DoNotOptimize(r);
    if (!r.ok()) state.SkipWithError(r.status().message().c_str());
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(d.labels.size()));
}
BENCHMARK(BM_BinaryMetrics1M)
    ->Unit(benchmark::kMillisecond)
    ->MeasureProcessCPUTime()
    ->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
