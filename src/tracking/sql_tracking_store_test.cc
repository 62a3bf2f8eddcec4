#include "tracking/sql_tracking_store.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <thread>
#include <vector>

#include "common/testing/status_matchers.h"
#include "common/time.h"
#include "storage/testing/faulty_database.h"
#include "tracking/metric_block.h"
#include "tracking/metric_downsample.h"
#include "tracking/tracking_test_support.h"

namespace cairn::tracking {
namespace {

using storage::testing::FaultyDatabase;
using testing::BackendTest;

class SqlTrackingStoreTest : public BackendTest {};

TEST_P(SqlTrackingStoreTest, StoresOneBlockPerKeyPerBatchWithIncreasingSeq) {
  MakeExperiment("e");
  tracking::Run r = MakeRun("e");
  MetricBatch b = Batch("loss", {{1, 10, 0.5}, {2, 20, 0.4}});
  b.series.push_back({"acc", {{1, 10, 0.9}}});
  b.total_points = 3;
  ASSERT_OK(service_->LogMetrics(r.run_id, b, "x"));
  ASSERT_OK(service_->LogMetrics(r.run_id, Batch("loss", {{7, 70, 0.1}}), "x"));

  auto tx = db_->Begin(storage::TxMode::kRead);
  ASSERT_OK(tx);
  const storage::Value p[] = {r.run_id};
  auto rows = (*tx)->Query(
      "SELECT key, seq, min_step, max_step, n, data FROM metric_blocks "
      "WHERE run_id = ? ORDER BY key, seq",
      p);
  ASSERT_OK(rows);
  ASSERT_EQ(rows->size(), 3u);
  EXPECT_EQ((*rows)[0].Text(0), "acc");
  EXPECT_EQ((*rows)[1].Text(0), "loss");
  EXPECT_EQ((*rows)[1].Int(1), 1);
  EXPECT_EQ((*rows)[1].Int(2), 1);
  EXPECT_EQ((*rows)[1].Int(3), 2);
  EXPECT_EQ((*rows)[1].Int(4), 2);
  std::vector<MetricPoint> decoded;
  ASSERT_OK(DecodeMetricBlock((*rows)[1].BlobBytes(5), 2, decoded));
  ASSERT_EQ(decoded.size(), 2u);
  EXPECT_EQ(decoded[1].step, 2);
  EXPECT_EQ(decoded[1].timestamp, 20);
  EXPECT_EQ(decoded[1].value, 0.4);
  EXPECT_EQ((*rows)[2].Int(1), 2);  // second loss block
}

// A batch of many short series (more than one multi-row insert's worth) and a summarised one
// among them, logged twice: every series gets blocks 1 and 2 holding its points, and the long
// one its summaries.
TEST_P(SqlTrackingStoreTest, ManySeriesInOneBatchEachGetTheirNextBlock) {
  MakeExperiment("e");
  tracking::Run r = MakeRun("e");
  constexpr int kKeys = 37;
  constexpr int kLong = 20;  // the series with a summarised block
  for (int round = 0; round < 2; ++round) {
    MetricBatch b;
    for (int k = 0; k < kKeys; ++k) {
      MetricSeries s{"k" + std::to_string(k), {}};
      const int n = k == kLong ? static_cast<int>(kMinSummarisedBlockPoints) : 1 + k % 3;
      for (int i = 0; i < n; ++i)
        s.points.push_back({round * 1000 + i, 10, static_cast<double>(k * 100 + round)});
      b.total_points += s.points.size();
      b.series.push_back(std::move(s));
    }
    ASSERT_OK(service_->LogMetrics(r.run_id, b, "x"));
  }
  auto tx = db_->Begin(storage::TxMode::kRead);
  ASSERT_OK(tx);
  const storage::Value p[] = {r.run_id};
  auto rows = (*tx)->Query(
      "SELECT key, seq, n, data FROM metric_blocks WHERE run_id = ? ORDER BY key, seq", p);
  ASSERT_OK(rows);
  ASSERT_EQ(rows->size(), 2u * kKeys);
  for (const auto& row : *rows) {
    const int k = std::stoi(row.Text(0).substr(1));
    const int64_t seq = row.Int(1);
    ASSERT_TRUE(seq == 1 || seq == 2) << row.Text(0);
    std::vector<MetricPoint> points;
    ASSERT_OK(DecodeMetricBlock(row.BlobBytes(3), row.Int(2), points));
    const size_t n = k == kLong ? kMinSummarisedBlockPoints : static_cast<size_t>(1 + k % 3);
    ASSERT_EQ(points.size(), n) << row.Text(0);
    EXPECT_EQ(points.front().step, (seq - 1) * 1000) << row.Text(0);
    EXPECT_EQ(points.front().value, k * 100 + static_cast<double>(seq - 1)) << row.Text(0);
  }
  auto summaries =
      (*tx)->Query("SELECT key, seq FROM metric_block_summaries WHERE run_id = ? ORDER BY seq", p);
  ASSERT_OK(summaries);
  ASSERT_EQ(summaries->size(), 2u);
  EXPECT_EQ((*summaries)[0].Text(0), "k" + std::to_string(kLong));
  EXPECT_EQ((*summaries)[1].Int(1), 2);
  auto run = service_->GetRun(r.run_id);
  ASSERT_OK(run);
  ASSERT_EQ(run->metrics.size(), static_cast<size_t>(kKeys));
  EXPECT_EQ(run->metrics.at("k36").value, 3601.0);
}

TEST_P(SqlTrackingStoreTest, ChartReadOfManyBatchesEqualsDownsamplingTheFullRead) {
  // 700 batches of 7 (more than one decode query's worth of blocks), values with ties; chart
  // reads stream the blocks through the downsampler and must give exactly what downsampling the
  // full, sorted history gives — whole and in a window whose ends fall inside blocks.
  MakeExperiment("e");
  tracking::Run r = MakeRun("e");
  for (int64_t b = 0; b < 700; ++b) {
    std::vector<MetricPoint> pts;
    for (int64_t i = 0; i < 7; ++i)
      pts.push_back({b * 7 + i, b, static_cast<double>((b * 7 + i) * 37 % 11)});
    ASSERT_OK(service_->LogMetrics(r.run_id, Batch("loss", pts), "x"));
  }
  for (auto [lo, hi] : {std::pair<int64_t, int64_t>{INT64_MIN, INT64_MAX}, {1003, 3998}}) {
    MetricHistoryRequest all;
    if (lo != INT64_MIN) all.min_step = lo, all.max_step = hi;
    auto full = service_->GetMetricHistory(r.run_id, "loss", all);
    ASSERT_OK(full);
    ASSERT_EQ(full->points.size(), lo == INT64_MIN ? 4900u : static_cast<size_t>(hi - lo + 1));
    EXPECT_FALSE(full->downsampled);
    for (size_t mp : {2u, 3u, 100u, 1001u}) {
      MetricHistoryRequest chart = all;
      chart.max_points = static_cast<int64_t>(mp);
      auto c = service_->GetMetricHistory(r.run_id, "loss", chart);
      ASSERT_OK(c);
      EXPECT_TRUE(c->downsampled);
      const auto want = DownsampleMinMax(full->points, mp);
      ASSERT_EQ(c->points.size(), want.size()) << mp;
      for (size_t i = 0; i < want.size(); ++i) {
        EXPECT_EQ(c->points[i].step, want[i].step) << mp << " " << i;
        EXPECT_EQ(c->points[i].value, want[i].value) << mp << " " << i;
      }
    }
  }
}

TEST_P(SqlTrackingStoreTest, LongBlocksAreSummarisedAndCoarseReadsUseTheSummaries) {
  MakeExperiment("e");
  tracking::Run r = MakeRun("e");
  // Long batches (one logged with its steps reversed), a long one with a NaN, short ones; a
  // single minimum and maximum planted in the long ones.
  std::vector<MetricPoint> all;
  int64_t step = 0;
  auto log = [&](int64_t n, bool reversed, bool nan) {
    std::vector<MetricPoint> pts;
    for (int64_t i = 0; i < n; ++i, ++step)
      pts.push_back({step, step, std::sin(static_cast<double>(step) * 1e-3)});
    if (step == 10'000) pts[1234].value = -7;
    if (step == 16'003) pts[4000].value = 9;
    if (nan) pts[300].value = std::nan("");
    all.insert(all.end(), pts.begin(), pts.end());
    if (reversed) std::reverse(pts.begin(), pts.end());
    RunLog batch;  // MLflow's logging path: it accepts NaN values
    batch.metrics = Batch("loss", pts);
    return service_->LogToRun(r.run_id, batch, "x").status();
  };
  ASSERT_OK(log(10'000, false, false));
  ASSERT_OK(log(3, false, false));
  ASSERT_OK(log(6'000, true, false));
  ASSERT_OK(log(600, false, true));
  ASSERT_OK(log(5, false, false));
  EXPECT_EQ(Count("SELECT COUNT(*) FROM metric_block_summaries"), 2);

  // Two buckets of about 8 300 points: long enough to read the summaries.
  MetricHistoryRequest coarse;
  coarse.max_points = 8;
  auto c = service_->GetMetricHistory(r.run_id, "loss", coarse);
  ASSERT_OK(c);
  EXPECT_TRUE(c->downsampled);
  ASSERT_FALSE(c->points.empty());
  EXPECT_LE(c->points.size(), 8u);
  EXPECT_EQ(c->points.front().step, 0);
  EXPECT_EQ(c->points.back().step, step - 1);
  bool has_min = false, has_max = false;
  for (size_t i = 0; i < c->points.size(); ++i) {
    const MetricPoint& p = c->points[i];
    if (i > 0) {
      EXPECT_LT(c->points[i - 1].step, p.step);
    }
    ASSERT_GE(p.step, 0);
    ASSERT_LT(p.step, step);
    const MetricPoint& logged = all[static_cast<size_t>(p.step)];  // a point of the history
    EXPECT_EQ(p.timestamp, logged.timestamp);
    EXPECT_TRUE(p.value == logged.value || (std::isnan(p.value) && std::isnan(logged.value)));
    has_min = has_min || p.value == -7;
    has_max = has_max || p.value == 9;
  }
  EXPECT_TRUE(has_min);
  EXPECT_TRUE(has_max);

  // A fine view (short buckets) decodes the points: exactly DownsampleMinMax of the history.
  MetricHistoryRequest fine;
  fine.max_points = 1000;
  auto f = service_->GetMetricHistory(r.run_id, "loss", fine);
  ASSERT_OK(f);
  const auto want = DownsampleMinMax(all, 1000);
  ASSERT_EQ(f->points.size(), want.size());
  for (size_t i = 0; i < want.size(); ++i) EXPECT_EQ(f->points[i].step, want[i].step) << i;

  // The coarse view reads the summaries: spoilt ones fail it, and only it.
  {
    auto tx = db_->Begin(storage::TxMode::kWrite);
    ASSERT_OK(tx);
    const storage::Value p[] = {storage::Blob{std::string("spoilt")}};
    ASSERT_OK((*tx)->Exec("UPDATE metric_block_summaries SET data = ?", p));
    ASSERT_OK((*tx)->Commit());
  }
  EXPECT_EQ(service_->GetMetricHistory(r.run_id, "loss", coarse).status().code(),
            StatusCode::kInternal);
  EXPECT_OK(service_->GetMetricHistory(r.run_id, "loss", fine));
}

TEST_P(SqlTrackingStoreTest, HistoryOfManyBatchesIsOrderedWithOutOfOrderBatches) {
  MakeExperiment("e");
  tracking::Run r = MakeRun("e");
  // 300 batches; one of them goes back in time (steps 5..7 again).
  for (int64_t b = 0; b < 300; ++b) {
    std::vector<MetricPoint> pts;
    for (int64_t i = 0; i < 4; ++i) pts.push_back({b * 4 + i, b, static_cast<double>(b)});
    ASSERT_OK(service_->LogMetrics(r.run_id, Batch("loss", pts), "x"));
  }
  ASSERT_OK(service_->LogMetrics(r.run_id, Batch("loss", {{5, 1000, -1}, {7, 1001, -2}}), "x"));
  MetricHistoryRequest all;
  auto h = service_->GetMetricHistory(r.run_id, "loss", all);
  ASSERT_OK(h);
  ASSERT_EQ(h->points.size(), 1202u);
  for (size_t i = 1; i < h->points.size(); ++i) ASSERT_LE(h->points[i - 1].step, h->points[i].step);
  // Ties keep logging order: the original step 5 first, the re-logged one after it.
  EXPECT_EQ(h->points[5].timestamp, 1);
  EXPECT_EQ(h->points[6].value, -1);
  MetricHistoryRequest chart;
  chart.max_points = 8;
  auto c = service_->GetMetricHistory(r.run_id, "loss", chart);
  ASSERT_OK(c);
  EXPECT_LE(c->points.size(), 8u);
  EXPECT_EQ(c->points.front().step, 0);
  bool has_min = false;
  for (const auto& p : c->points) has_min = has_min || p.value == -2;
  EXPECT_TRUE(has_min);
}

TEST_P(SqlTrackingStoreTest, RevisionReadMatchesRun) {
  MakeExperiment("e");
  tracking::Run r = MakeRun("e");
  SqlTrackingStore store(*db_);
  EXPECT_EQ(*store.GetRunRevision(r.run_id), 1);
  ASSERT_OK(service_->LogMetrics(r.run_id, Batch("k", {{1, 1, 1}}), "x"));
  EXPECT_EQ(*store.GetRunRevision(r.run_id), 2);
  EXPECT_EQ(store.GetRunRevision("00000000-0000-4000-8000-000000000000").status().code(),
            StatusCode::kNotFound);
}

// Each statement of a mutation fails in turn: the mutation fails and leaves neither its change
// nor its audit record behind (they share one transaction).
TEST_P(SqlTrackingStoreTest, FailedStatementRollsBackChangeAndAudit) {
  MakeExperiment("e");
  tracking::Run r = MakeRun("e");
  FaultyDatabase faulty(*db_);
  TrackingService svc(std::make_unique<SqlTrackingStore>(faulty),
                      TrackingServiceOptions{data_dir_});
  faulty.Reset();
  ASSERT_OK(svc.LogMetrics(r.run_id, Batch("k", {{1, 1, 1}}), "x"));
  const int n = faulty.statements();
  ASSERT_GE(n, 5);
  const int64_t audit_before = AuditCount();
  const int64_t blocks_before = Count("SELECT COUNT(*) FROM metric_blocks");
  for (int i = 1; i <= n; ++i) {
    faulty.Reset();
    faulty.FailNth(i, StatusCode::kUnavailable);
    auto res = svc.LogMetrics(r.run_id, Batch("k", {{2, 2, 2}}), "x");
    EXPECT_EQ(res.status().code(), StatusCode::kUnavailable) << "statement " << i;
    EXPECT_EQ(AuditCount(), audit_before) << "statement " << i;
    EXPECT_EQ(Count("SELECT COUNT(*) FROM metric_blocks"), blocks_before);
  }
  faulty.Reset();
  RunCreate c;
  c.experiment_name = "e";
  c.params = StringMap{{"a", "1"}};
  c.tags = StringMap{{"t", "1"}};
  ASSERT_OK(svc.CreateRun(c, "x"));
  const int m = faulty.statements();
  const int64_t runs_before = Count("SELECT COUNT(*) FROM runs");
  const int64_t audit2 = AuditCount();
  const int64_t params_before = Count("SELECT COUNT(*) FROM run_params");
  for (int i = 1; i <= m; ++i) {
    faulty.Reset();
    faulty.FailNth(i, StatusCode::kUnavailable);
    EXPECT_FALSE(svc.CreateRun(c, "x").ok());
    EXPECT_EQ(Count("SELECT COUNT(*) FROM runs"), runs_before);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM run_params"), params_before);
    EXPECT_EQ(AuditCount(), audit2);
  }
}

TEST_P(SqlTrackingStoreTest, FailedPatchLeavesRunUnchanged) {
  MakeExperiment("e");
  tracking::Run r = MakeRun("e");
  FaultyDatabase faulty(*db_);
  TrackingService svc(std::make_unique<SqlTrackingStore>(faulty),
                      TrackingServiceOptions{data_dir_});
  RunPatch p;
  p.status = "completed";
  p.tags = StringMap{{"x", "y"}};
  p.params = StringMap{{"new", "1"}};
  faulty.Reset();
  faulty.FailNth(6, StatusCode::kUnavailable);
  EXPECT_FALSE(svc.UpdateRun(r.run_id, p, std::nullopt, "x").ok());
  auto g = service_->GetRun(r.run_id);
  EXPECT_EQ(g->status, RunStatus::kRunning);
  EXPECT_TRUE(g->tags.empty());
  EXPECT_TRUE(g->params.empty());
  EXPECT_EQ(g->revision, 1);
}

TEST_P(SqlTrackingStoreTest, AuditRecordsDescribeTheChange) {
  MakeExperiment("e");
  auto tx = db_->Begin(storage::TxMode::kRead);
  auto row = (*tx)->QueryOne(
      "SELECT actor, action, resource_type, resource_id FROM audit_log ORDER BY id DESC");
  ASSERT_OK(row);
  ASSERT_TRUE(*row);
  EXPECT_EQ((*row)->Text(0), "alice");
  EXPECT_EQ((*row)->Text(1), "experiment.create");
  EXPECT_EQ((*row)->Text(2), "experiment");
  EXPECT_EQ((*row)->Text(3), "e");
}

// experiments.run_count is kept by the writers; after each way a run comes or goes it must be
// what counting the experiment's live runs gives.
TEST_P(SqlTrackingStoreTest, RunCountFollowsEveryRunLifecycleChange) {
  MakeExperiment("e");
  MakeExperiment("other");
  auto expect_counts = [&](const std::string& step) {
    for (const std::string name : {"e", "other", "e2"}) {
      const int64_t counted =
          Count("SELECT COUNT(*) FROM runs WHERE deleted_at IS NULL AND experiment_name = '" +
                name + "'");
      auto got = service_->GetExperimentInfo(name);
      if (!got.ok()) continue;  // "e" before or after its rename
      EXPECT_EQ(got->run_count, counted) << step << ", experiment " << name;
    }
    EXPECT_EQ(Count("SELECT COUNT(*) FROM experiments e WHERE run_count <> (SELECT COUNT(*) FROM "
                    "runs r WHERE r.experiment_name = e.name AND r.deleted_at IS NULL)"),
              0)
        << step;
  };
  expect_counts("empty");
  std::vector<tracking::Run> runs;
  for (int i = 0; i < 4; ++i) runs.push_back(MakeRun("e"));
  MakeRun("other");
  expect_counts("created");
  EXPECT_EQ(service_->GetExperimentInfo("e")->run_count, 4);
  ASSERT_OK(service_->DeleteRun(runs[0].run_id, std::nullopt, "x"));
  ASSERT_OK(service_->DeleteRun(runs[0].run_id, std::nullopt, "x"));  // idempotent
  expect_counts("one deleted twice");
  EXPECT_EQ(service_->GetExperimentInfo("e")->run_count, 3);
  ASSERT_OK(service_->RestoreRun(runs[0].run_id, std::nullopt, "x"));
  ASSERT_OK(service_->RestoreRun(runs[0].run_id, std::nullopt, "x"));
  expect_counts("restored twice");
  ASSERT_OK(service_->DeleteRun(runs[1].run_id, std::nullopt, "x"));
  ExperimentPatch rename;
  rename.name = "e2";
  ASSERT_OK(service_->UpdateExperiment(std::string("e"), rename, std::nullopt, "x"));
  expect_counts("renamed");
  EXPECT_EQ(service_->GetExperimentInfo("e2")->run_count, 3);
  ASSERT_OK(service_->DeleteExperiment(std::string("e2"), std::nullopt, "x"));
  expect_counts("experiment deleted");
  EXPECT_EQ(service_->GetExperimentInfo("e2")->run_count, 0);
  ASSERT_OK(service_->RestoreExperiment(std::string("e2"), std::nullopt, "x"));
  expect_counts("experiment restored");
  // The run deleted on its own before the experiment stays deleted.
  EXPECT_EQ(service_->GetExperimentInfo("e2")->run_count, 3);
  EXPECT_EQ(service_->GetExperimentInfo("other")->run_count, 1);
}

// Concurrent creators and deleters in one experiment: the counter's atomic increments lose
// nothing (on PostgreSQL the transactions really overlap).
TEST_P(SqlTrackingStoreTest, RunCountUnderConcurrentCreatesAndDeletes) {
  MakeExperiment("e");
  constexpr int kThreads = 8;
  constexpr int kRunsEach = 25;
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kRunsEach; ++i) {
        RunCreate c;
        c.experiment_name = "e";
        auto r = service_->CreateRun(c, "bob");
        if (!r.ok()) {
          ++failures;
          continue;
        }
        // Every other thread deletes every third of its runs.
        if (t % 2 == 0 && i % 3 == 0 && !service_->DeleteRun(r->run_id, std::nullopt, "x").ok())
          ++failures;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
  const int64_t live = Count("SELECT COUNT(*) FROM runs WHERE deleted_at IS NULL");
  EXPECT_EQ(live, kThreads * kRunsEach - (kThreads / 2) * ((kRunsEach + 2) / 3));
  EXPECT_EQ(service_->GetExperimentInfo("e")->run_count, live);
}

INSTANTIATE_TEST_SUITE_P(Backends, SqlTrackingStoreTest,
                         ::testing::ValuesIn(storage::testing::TestBackends()),
                         testing::BackendParamName);

}  // namespace
}  // namespace cairn::tracking
