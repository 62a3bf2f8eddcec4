#include "tracking/tracking_service.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>

#include "common/testing/status_matchers.h"
#include "storage/pagination.h"
#include "tracking/tracking_test_support.h"

namespace cairn::tracking {
namespace {

using testing::ReadAll;

using testing::BackendTest;

class TrackingServiceTest : public BackendTest {
 protected:
  std::string WriteTemp(const std::string& content) {
    std::string p = data_dir_ + "/upload-" + std::to_string(counter_++);
    std::ofstream(p, std::ios::binary) << content;
    return p;
  }
  int counter_ = 0;
};

TEST_P(TrackingServiceTest, CreateExperimentStartsAtRevisionOneOwnedByCreator) {
  ExperimentCreate c;
  c.name = "exp-1";
  c.tags = StringMap{{"team", "a"}};
  auto e = service_->CreateExperiment(c, "alice");
  ASSERT_OK(e);
  EXPECT_EQ(e->revision, 1);
  EXPECT_EQ(e->owner, "alice");
  EXPECT_EQ(e->created_by, "alice");
  EXPECT_EQ(e->status, ExperimentStatus::kActive);
  auto d = service_->GetExperiment("exp-1");
  ASSERT_OK(d);
  EXPECT_EQ(d->experiment.tags.at("team"), "a");
  EXPECT_EQ(AuditCount(), 1);
}

TEST_P(TrackingServiceTest, CreateExperimentRejectsDuplicateWithoutAuditRecord) {
  MakeExperiment("dup");
  ExperimentCreate c;
  c.name = "dup";
  EXPECT_EQ(service_->CreateExperiment(c, "x").status().code(), StatusCode::kAlreadyExists);
  EXPECT_EQ(AuditCount(), 1);
}

TEST_P(TrackingServiceTest, CreateExperimentRejectsInvalidName) {
  for (const std::string& bad :
       std::vector<std::string>{"", ".", "..", std::string(257, 'a'), "a\nb", "\xff"}) {
    ExperimentCreate c;
    c.name = bad;
    auto e = service_->CreateExperiment(c, "x");
    ASSERT_EQ(e.status().code(), StatusCode::kInvalidArgument) << bad;
    EXPECT_EQ(e.status().errors().at(0).field, "name");
  }
  EXPECT_EQ(AuditCount(), 0);
}

TEST_P(TrackingServiceTest, GetUnknownExperimentIsNotFound) {
  EXPECT_EQ(service_->GetExperiment("nope").status().code(), StatusCode::kNotFound);
}

TEST_P(TrackingServiceTest, UpdateExperimentBumpsRevisionAndHonoursIfMatch) {
  MakeExperiment("e");
  ExperimentPatch p;
  p.description = "new";
  p.status = "completed";
  auto u = service_->UpdateExperiment("e", p, 1, "carol");
  ASSERT_OK(u);
  EXPECT_EQ(u->revision, 2);
  EXPECT_EQ(u->status, ExperimentStatus::kCompleted);

  ExperimentPatch p2;
  p2.description = "stale";
  EXPECT_EQ(service_->UpdateExperiment("e", p2, 1, "carol").status().code(), StatusCode::kAborted);
  auto d = service_->GetExperiment("e");
  EXPECT_EQ(d->experiment.description, "new");
  EXPECT_EQ(d->experiment.revision, 2);
  EXPECT_EQ(AuditCount(), 2);
}

TEST_P(TrackingServiceTest, UpdateExperimentWithoutChangeKeepsRevision) {
  MakeExperiment("e");
  ExperimentPatch p;
  p.owner = "alice";  // already the owner
  auto u = service_->UpdateExperiment("e", p, std::nullopt, "x");
  ASSERT_OK(u);
  EXPECT_EQ(u->revision, 1);
  EXPECT_EQ(AuditCount(), 1);
}

TEST_P(TrackingServiceTest, UpdateExperimentRejectsBadStatusAndUnknownName) {
  MakeExperiment("e");
  ExperimentPatch p;
  p.status = "deleted";
  EXPECT_EQ(service_->UpdateExperiment("e", p, std::nullopt, "x").status().code(),
            StatusCode::kInvalidArgument);
  ExperimentPatch q;
  q.description = "d";
  EXPECT_EQ(service_->UpdateExperiment("missing", q, std::nullopt, "x").status().code(),
            StatusCode::kNotFound);
}

TEST_P(TrackingServiceTest, ListExperimentsFiltersAndPagesNewestFirst) {
  for (int i = 0; i < 5; ++i) MakeExperiment("e" + std::to_string(i));
  ExperimentPatch p;
  p.status = "archived";
  ASSERT_OK(service_->UpdateExperiment("e3", p, std::nullopt, "x"));

  ExperimentListRequest all;
  all.limit = 2;
  std::vector<std::string> seen;
  for (int guard = 0; guard < 10; ++guard) {
    auto page = service_->ListExperiments(all);
    ASSERT_OK(page);
    for (auto& e : page->items) seen.push_back(e.name);
    if (!page->next_page_token) break;
    all.page_token = *page->next_page_token;
  }
  // The five and the Default experiment every database has (MLflow's experiment 0).
  ASSERT_EQ(seen.size(), 6u);
  EXPECT_EQ(seen.back(), "Default");
  std::vector<std::string> sorted = seen;
  std::sort(sorted.begin(), sorted.end());
  EXPECT_EQ(std::unique(sorted.begin(), sorted.end()), sorted.end());

  ExperimentListRequest archived;
  archived.status = "archived";
  auto a = service_->ListExperiments(archived);
  ASSERT_EQ(a->items.size(), 1u);
  EXPECT_EQ(a->items[0].name, "e3");
  ExperimentListRequest owner;
  owner.owner = "nobody";
  EXPECT_TRUE(service_->ListExperiments(owner)->items.empty());
}

TEST_P(TrackingServiceTest, ListExperimentsRejectsBadLimitStatusAndToken) {
  ExperimentListRequest r;
  r.limit = 0;
  EXPECT_EQ(service_->ListExperiments(r).status().code(), StatusCode::kInvalidArgument);
  r.limit = 1001;
  EXPECT_EQ(service_->ListExperiments(r).status().code(), StatusCode::kInvalidArgument);
  ExperimentListRequest s;
  s.status = "gone";
  EXPECT_EQ(service_->ListExperiments(s).status().code(), StatusCode::kInvalidArgument);
  ExperimentListRequest t;
  t.page_token = "!!!";
  EXPECT_EQ(service_->ListExperiments(t).status().code(), StatusCode::kInvalidArgument);
  t.page_token = "eHl6";  // valid base64url, wrong cursor
  EXPECT_EQ(service_->ListExperiments(t).status().code(), StatusCode::kInvalidArgument);
}

TEST_P(TrackingServiceTest, ExperimentDetailCountsRunsByStatus) {
  MakeExperiment("e");
  tracking::Run r1 = MakeRun("e");
  MakeRun("e");
  RunPatch done;
  done.status = "failed";
  ASSERT_OK(service_->UpdateRun(r1.run_id, done, std::nullopt, "x"));
  auto d = service_->GetExperiment("e");
  ASSERT_OK(d);
  EXPECT_EQ(d->experiment.run_count, 2);
  EXPECT_EQ(d->run_counts.at(RunStatus::kRunning), 1);
  EXPECT_EQ(d->run_counts.at(RunStatus::kFailed), 1);
  EXPECT_EQ(d->run_counts.at(RunStatus::kKilled), 0);
  EXPECT_EQ(d->latest_runs.size(), 2u);
}

TEST_P(TrackingServiceTest, CreateRunInUnknownExperimentIsNotFound) {
  RunCreate c;
  c.experiment_name = "ghost";
  EXPECT_EQ(service_->CreateRun(c, "x").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(AuditCount(), 0);
}

TEST_P(TrackingServiceTest, CreateRunInArchivedExperimentIsConflict) {
  MakeExperiment("e");
  ExperimentPatch p;
  p.status = "archived";
  ASSERT_OK(service_->UpdateExperiment("e", p, std::nullopt, "x"));
  RunCreate c;
  c.experiment_name = "e";
  EXPECT_EQ(service_->CreateRun(c, "x").status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM runs"), 0);
}

TEST_P(TrackingServiceTest, CreateRunStoresEverythingAndRecordsActor) {
  MakeExperiment("e");
  RunCreate c;
  c.experiment_name = "e";
  c.name = "first";
  c.params = StringMap{{"depth", "6"}};
  c.tags = StringMap{{"team", "alpha"}};
  c.source = StringMap{{"git", "abc123"}};
  c.inputs = std::vector<std::string>{"ds-1", "ds-2"};
  c.start_time = 1700000000000;
  auto r = service_->CreateRun(c, "bob");
  ASSERT_OK(r);
  auto g = service_->GetRun(r->run_id);
  ASSERT_OK(g);
  EXPECT_EQ(g->status, RunStatus::kRunning);
  EXPECT_EQ(g->created_by, "bob");
  EXPECT_EQ(g->params.at("depth"), "6");
  EXPECT_EQ(g->tags.at("team"), "alpha");
  EXPECT_EQ(g->source.at("git"), "abc123");
  EXPECT_EQ(g->inputs, (std::vector<std::string>{"ds-1", "ds-2"}));
  EXPECT_EQ(g->start_time, 1700000000000);
  EXPECT_FALSE(g->end_time.has_value());
  EXPECT_EQ(g->revision, 1);
}

TEST_P(TrackingServiceTest, GetRunWithUnknownOrMalformedIdIsNotFound) {
  EXPECT_EQ(service_->GetRun("not-a-uuid").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(service_->GetRun("00000000-0000-4000-8000-000000000000").status().code(),
            StatusCode::kNotFound);
}

TEST_P(TrackingServiceTest, CompletingRunSetsEndTimeAndFreezesIt) {
  MakeExperiment("e");
  tracking::Run r = MakeRun("e", {{"lr", "0.1"}});
  RunPatch p;
  p.status = "completed";
  auto u = service_->UpdateRun(r.run_id, p, std::nullopt, "x");
  ASSERT_OK(u);
  EXPECT_EQ(u->status, RunStatus::kCompleted);
  ASSERT_TRUE(u->end_time.has_value());
  EXPECT_EQ(u->revision, 2);

  RunPatch back;
  back.status = "running";
  EXPECT_EQ(service_->UpdateRun(r.run_id, back, std::nullopt, "x").status().code(),
            StatusCode::kFailedPrecondition);
  RunPatch param;
  param.params = StringMap{{"new", "1"}};
  EXPECT_EQ(service_->UpdateRun(r.run_id, param, std::nullopt, "x").status().code(),
            StatusCode::kFailedPrecondition);
  RunPatch end;
  end.end_time = *u->end_time + 5;
  EXPECT_EQ(service_->UpdateRun(r.run_id, end, std::nullopt, "x").status().code(),
            StatusCode::kFailedPrecondition);

  RunPatch tags;
  tags.tags = StringMap{{"note", "ok"}};
  auto t = service_->UpdateRun(r.run_id, tags, std::nullopt, "x");
  ASSERT_OK(t);
  EXPECT_EQ(t->tags.at("note"), "ok");
  EXPECT_EQ(t->revision, 3);
}

TEST_P(TrackingServiceTest, EndTimeNeedsTerminalStatusAndFollowsStart) {
  MakeExperiment("e");
  tracking::Run r = MakeRun("e");
  RunPatch p;
  p.end_time = r.start_time + 10;
  EXPECT_EQ(service_->UpdateRun(r.run_id, p, std::nullopt, "x").status().code(),
            StatusCode::kInvalidArgument);
  RunPatch q;
  q.status = "killed";
  q.end_time = r.start_time - 1000;
  EXPECT_EQ(service_->UpdateRun(r.run_id, q, std::nullopt, "x").status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(service_->GetRun(r.run_id)->status, RunStatus::kRunning);
}

TEST_P(TrackingServiceTest, ParamsAreImmutable) {
  MakeExperiment("e");
  tracking::Run r = MakeRun("e", {{"depth", "6"}});
  RunPatch same;
  same.params = StringMap{{"depth", "6"}};
  auto s = service_->UpdateRun(r.run_id, same, std::nullopt, "x");
  ASSERT_OK(s);
  EXPECT_EQ(s->revision, 1);  // no-op

  RunPatch diff;
  diff.params = StringMap{{"depth", "7"}, {"lr", "0.1"}};
  auto d = service_->UpdateRun(r.run_id, diff, std::nullopt, "x");
  ASSERT_EQ(d.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(d.status().message().find("depth"), std::string::npos);
  EXPECT_EQ(service_->GetRun(r.run_id)->params.count("lr"), 0u);  // all or nothing

  RunPatch add;
  add.params = StringMap{{"lr", "0.1"}};
  auto a = service_->UpdateRun(r.run_id, add, std::nullopt, "x");
  ASSERT_OK(a);
  EXPECT_EQ(a->params.at("lr"), "0.1");
  EXPECT_EQ(a->params.at("depth"), "6");
}

TEST_P(TrackingServiceTest, UpdateRunWithStaleRevisionIsAbortedAndChangesNothing) {
  MakeExperiment("e");
  tracking::Run r = MakeRun("e");
  RunPatch p;
  p.tags = StringMap{{"a", "1"}};
  ASSERT_OK(service_->UpdateRun(r.run_id, p, 1, "x"));
  RunPatch q;
  q.status = "completed";
  EXPECT_EQ(service_->UpdateRun(r.run_id, q, 1, "x").status().code(), StatusCode::kAborted);
  auto g = service_->GetRun(r.run_id);
  EXPECT_EQ(g->status, RunStatus::kRunning);
  EXPECT_EQ(g->revision, 2);
}

TEST_P(TrackingServiceTest, LatestMetricKeepsGreatestStepDespiteOrder) {
  MakeExperiment("e");
  tracking::Run r = MakeRun("e");
  ASSERT_OK(service_->LogMetrics(r.run_id, Batch("loss", {{5, 100, 0.5}, {2, 200, 0.9}}), "x"));
  ASSERT_OK(service_->LogMetrics(r.run_id, Batch("loss", {{3, 300, 0.7}}), "x"));
  auto g = service_->GetRun(r.run_id);
  ASSERT_OK(g);
  EXPECT_EQ(g->metrics.at("loss").step, 5);
  EXPECT_EQ(g->metrics.at("loss").value, 0.5);
  // Same step, later timestamp wins.
  ASSERT_OK(service_->LogMetrics(r.run_id, Batch("loss", {{5, 150, 0.4}}), "x"));
  EXPECT_EQ(service_->GetRun(r.run_id)->metrics.at("loss").value, 0.4);
  ASSERT_OK(service_->LogMetrics(r.run_id, Batch("loss", {{5, 120, 0.1}}), "x"));
  EXPECT_EQ(service_->GetRun(r.run_id)->metrics.at("loss").value, 0.4);
  EXPECT_EQ(service_->GetRun(r.run_id)->revision, 5);  // each batch bumps the revision
}

TEST_P(TrackingServiceTest, MetricBatchIsAllOrNothing) {
  MakeExperiment("e");
  tracking::Run r = MakeRun("e");
  MetricBatch b = Batch("good", {{1, 1, 1.0}});
  b.series.push_back({"bad key!", {{1, 1, 2.0}}});
  b.total_points = 2;
  EXPECT_EQ(service_->LogMetrics(r.run_id, b, "x").status().code(), StatusCode::kInvalidArgument);
  MetricBatch nan = Batch("good", {{1, 1, 1.0}, {2, 2, std::nan("")}});
  EXPECT_EQ(service_->LogMetrics(r.run_id, nan, "x").status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM metric_blocks"), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM latest_metrics"), 0);
  EXPECT_EQ(service_->GetRun(r.run_id)->revision, 1);
  EXPECT_EQ(AuditCount(), 2);  // experiment + run creation only
}

TEST_P(TrackingServiceTest, MetricBatchSizeLimits) {
  MakeExperiment("e");
  tracking::Run r = MakeRun("e");
  EXPECT_EQ(service_->LogMetrics(r.run_id, MetricBatch{}, "x").status().code(),
            StatusCode::kInvalidArgument);
  std::vector<MetricPoint> many(10001, MetricPoint{1, 1, 1.0});
  EXPECT_EQ(service_->LogMetrics(r.run_id, Batch("k", many), "x").status().code(),
            StatusCode::kInvalidArgument);
  many.resize(10000);
  auto ok = service_->LogMetrics(r.run_id, Batch("k", many), "x");
  ASSERT_OK(ok);
  EXPECT_EQ(*ok, 10000);
}

TEST_P(TrackingServiceTest, MetricsToUnknownOrTerminalRunAreRejected) {
  MakeExperiment("e");
  EXPECT_EQ(
      service_->LogMetrics("00000000-0000-4000-8000-000000000000", Batch("k", {{1, 1, 1.0}}), "x")
          .status()
          .code(),
      StatusCode::kNotFound);
  tracking::Run r = MakeRun("e");
  RunPatch p;
  p.status = "completed";
  ASSERT_OK(service_->UpdateRun(r.run_id, p, std::nullopt, "x"));
  EXPECT_EQ(service_->LogMetrics(r.run_id, Batch("k", {{1, 1, 1.0}}), "x").status().code(),
            StatusCode::kFailedPrecondition);
  EXPECT_EQ(service_->GetRun(r.run_id)->revision, 2);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM metric_blocks"), 0);
}

TEST_P(TrackingServiceTest, MissingTimestampDefaultsToNow) {
  MakeExperiment("e");
  tracking::Run r = MakeRun("e");
  ASSERT_OK(service_->LogMetrics(r.run_id, Batch("k", {{1, kNoTimestamp, 1.0}}), "x"));
  EXPECT_GT(service_->GetRun(r.run_id)->metrics.at("k").timestamp, 1600000000000);
}

TEST_P(TrackingServiceTest, HistoryIsOrderedByStepStableAndRangeFiltered) {
  MakeExperiment("e");
  tracking::Run r = MakeRun("e");
  ASSERT_OK(service_->LogMetrics(r.run_id, Batch("a/b", {{3, 1, 30}, {1, 1, 10}}), "x"));
  ASSERT_OK(service_->LogMetrics(r.run_id, Batch("a/b", {{2, 1, 20}, {1, 2, 11}}), "x"));
  auto h = service_->GetMetricHistory(r.run_id, "a/b", {});
  ASSERT_OK(h);
  ASSERT_EQ(h->points.size(), 4u);
  EXPECT_EQ(h->points[0].value, 10);  // step 1 logged first
  EXPECT_EQ(h->points[1].value, 11);  // step 1 logged later
  EXPECT_EQ(h->points[2].value, 20);
  EXPECT_EQ(h->points[3].value, 30);
  EXPECT_FALSE(h->downsampled);

  auto range = service_->GetMetricHistory(r.run_id, "a/b", {2, 3, std::nullopt});
  ASSERT_EQ(range->points.size(), 2u);
  EXPECT_EQ(range->points[0].step, 2);

  auto none = service_->GetMetricHistory(r.run_id, "unknown", {});
  ASSERT_OK(none);
  EXPECT_TRUE(none->points.empty());
}

TEST_P(TrackingServiceTest, HistoryDownsamplesWithinMaxPointsKeepingExtremes) {
  MakeExperiment("e");
  tracking::Run r = MakeRun("e");
  for (int b = 0; b < 5; ++b) {
    std::vector<MetricPoint> pts;
    for (int i = 0; i < 1000; ++i) {
      int step = b * 1000 + i;
      pts.push_back(
          {step, step, std::sin(step / 50.0) + (step == 3333 ? 5 : 0) - (step == 4444 ? 7 : 0)});
    }
    ASSERT_OK(service_->LogMetrics(r.run_id, Batch("s", pts), "x"));
  }
  auto h = service_->GetMetricHistory(r.run_id, "s", {std::nullopt, std::nullopt, 100});
  ASSERT_OK(h);
  EXPECT_TRUE(h->downsampled);
  EXPECT_LE(h->points.size(), 100u);
  auto has_step = [&](int64_t s) {
    return std::any_of(h->points.begin(), h->points.end(), [&](auto& p) { return p.step == s; });
  };
  EXPECT_TRUE(has_step(3333));
  EXPECT_TRUE(has_step(4444));
}

TEST_P(TrackingServiceTest, HistoryRejectsBadParameters) {
  MakeExperiment("e");
  tracking::Run r = MakeRun("e");
  EXPECT_EQ(service_->GetMetricHistory(r.run_id, "k", {5, 1, std::nullopt}).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(
      service_->GetMetricHistory(r.run_id, "k", {std::nullopt, std::nullopt, 1}).status().code(),
      StatusCode::kInvalidArgument);
  EXPECT_EQ(
      service_->GetMetricHistory("00000000-0000-4000-8000-000000000000", "k", {}).status().code(),
      StatusCode::kNotFound);
}

TEST_P(TrackingServiceTest, ArtifactPathEscapesAreRejected) {
  MakeExperiment("e");
  tracking::Run r = MakeRun("e");
  for (const std::string& bad :
       std::vector<std::string>{"../x", "a/../../x", "/etc/passwd", "a//b", "a/", "", "a\\b",
                                std::string("a\0b", 3), "./a", std::string(1025, 'a')}) {
    std::string tmp = WriteTemp("data");
    EXPECT_EQ(service_->PutArtifact(r.run_id, bad, tmp, "", "x").status().code(),
              StatusCode::kInvalidArgument)
        << bad;
  }
  EXPECT_EQ(Count("SELECT COUNT(*) FROM run_artifacts"), 0);
}

TEST_P(TrackingServiceTest, ArtifactUploadRecordsSha256AndIsImmutable) {
  MakeExperiment("e");
  tracking::Run r = MakeRun("e");
  auto a = service_->PutArtifact(r.run_id, "model/weights.bin", WriteTemp("hello"), "", "x");
  ASSERT_OK(a);
  EXPECT_EQ(a->size_bytes, 5);
  EXPECT_EQ(a->sha256, "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824");
  auto f = service_->GetArtifact(r.run_id, "model/weights.bin");
  ASSERT_OK(f);
  EXPECT_EQ(ReadAll(*f->file), "hello");

  std::string tmp = WriteTemp("other");
  EXPECT_EQ(service_->PutArtifact(r.run_id, "model/weights.bin", tmp, "", "x").status().code(),
            StatusCode::kAlreadyExists);
  auto again = service_->GetArtifact(r.run_id, "model/weights.bin");
  ASSERT_OK(again);
  EXPECT_EQ(ReadAll(*again->file), "hello");

  auto list = service_->ListArtifacts(r.run_id);
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ(service_->GetRun(r.run_id)->artifacts.size(), 1u);
  EXPECT_EQ(service_->GetArtifact(r.run_id, "nope").status().code(), StatusCode::kNotFound);
}

TEST_P(TrackingServiceTest, ArtifactUploadToTerminalOrUnknownRunFails) {
  MakeExperiment("e");
  tracking::Run r = MakeRun("e");
  RunPatch p;
  p.status = "killed";
  ASSERT_OK(service_->UpdateRun(r.run_id, p, std::nullopt, "x"));
  EXPECT_EQ(service_->PutArtifact(r.run_id, "a", WriteTemp("x"), "", "x").status().code(),
            StatusCode::kFailedPrecondition);
  EXPECT_EQ(
      service_->PutArtifact("00000000-0000-4000-8000-000000000000", "a", WriteTemp("x"), "", "x")
          .status()
          .code(),
      StatusCode::kNotFound);
  EXPECT_FALSE(std::filesystem::exists(data_dir_ + "/artifacts/" + r.run_id + "/a"));
}

TEST_P(TrackingServiceTest, SearchRunsByFilterAndOrder) {
  MakeExperiment("e");
  MakeExperiment("other");
  std::vector<std::string> ids;
  for (int i = 0; i < 5; ++i) {
    tracking::Run r = MakeRun("e", {{"depth", i % 2 ? "6" : "8"}});
    ASSERT_OK(service_->LogMetrics(r.run_id, Batch("auc", {{0, 1, 0.5 + i * 0.1}}), "x"));
    ids.push_back(r.run_id);
  }
  MakeRun("other");
  RunListRequest q;
  q.experiment_name = "e";
  q.filter = "metrics.auc > 0.65 and params.depth = '6'";
  q.order_by = "metrics.auc DESC";
  auto page = service_->ListRuns(q);
  ASSERT_OK(page);
  ASSERT_EQ(page->items.size(), 1u);  // i = 3 (auc 0.8); i = 1 has auc 0.6
  EXPECT_EQ(page->items[0].run_id, ids[3]);
  EXPECT_EQ(page->items[0].params.at("depth"), "6");
  EXPECT_NEAR(page->items[0].metrics.at("auc").value, 0.8, 1e-12);

  RunListRequest ordered;
  ordered.experiment_name = "e";
  ordered.order_by = "metrics.auc DESC";
  ordered.limit = 2;
  std::vector<std::string> seen;
  for (int guard = 0; guard < 10; ++guard) {
    auto p = service_->ListRuns(ordered);
    ASSERT_OK(p);
    for (auto& r : p->items) seen.push_back(r.run_id);
    if (!p->next_page_token) break;
    ordered.page_token = *p->next_page_token;
  }
  EXPECT_EQ(seen, (std::vector<std::string>{ids[4], ids[3], ids[2], ids[1], ids[0]}));

  RunListRequest newest;
  newest.limit = 4;
  auto n1 = service_->ListRuns(newest);
  ASSERT_OK(n1);
  ASSERT_EQ(n1->items.size(), 4u);
  ASSERT_TRUE(n1->next_page_token.has_value());
  newest.page_token = *n1->next_page_token;
  auto n2 = service_->ListRuns(newest);
  ASSERT_OK(n2);
  EXPECT_EQ(n2->items.size(), 2u);
  EXPECT_FALSE(n2->next_page_token.has_value());
}

// A filter and first order key on the same metric read latest_metrics in the metric's order
// (the driving-metric join): within experiments by their (key, experiment_id, value) index, so
// the other experiments' runs, with higher values here, never leak in.
TEST_P(TrackingServiceTest, SearchDrivenByAMetricStaysInItsExperiments) {
  const int64_t e = MakeExperiment("e").experiment_id;
  const int64_t other = MakeExperiment("other").experiment_id;
  std::vector<std::string> in_e, in_other;
  for (int i = 0; i < 4; ++i) {
    tracking::Run r = MakeRun("e");
    ASSERT_OK(service_->LogMetrics(r.run_id, Batch("auc", {{0, 1, 0.2 + i * 0.1}}), "x"));
    in_e.push_back(r.run_id);
    tracking::Run o = MakeRun("other");
    ASSERT_OK(service_->LogMetrics(o.run_id, Batch("auc", {{0, 1, 0.25 + i * 0.1}}), "x"));
    in_other.push_back(o.run_id);
  }
  MakeRun("e");  // no auc: never matches
  auto ids = [](const std::vector<tracking::Run>& runs) {
    std::vector<std::string> out;
    for (const auto& r : runs) out.push_back(r.run_id);
    return out;
  };
  RunListRequest q;
  q.experiment_name = "e";
  q.filter = "metrics.auc > 0.25";
  q.order_by = "metrics.auc DESC";
  auto page = service_->ListRuns(q);
  ASSERT_OK(page);
  EXPECT_EQ(ids(page->items), (std::vector<std::string>{in_e[3], in_e[2], in_e[1]}));

  RunSearch s;
  s.experiment_ids = {e};
  s.filter = *ParseRunFilter("metrics.auc >= 0.2");
  s.order_by = *ParseRunOrderBy("metrics.auc ASC");
  auto found = service_->SearchRuns(s);
  ASSERT_OK(found);
  EXPECT_EQ(ids(found->items), in_e);
  s.experiment_ids = {e, other};
  s.limit = 3;
  found = service_->SearchRuns(s);
  ASSERT_OK(found);
  EXPECT_EQ(ids(found->items), (std::vector<std::string>{in_e[0], in_other[0], in_e[1]}));
  EXPECT_TRUE(found->has_more);

  RunListRequest all;
  all.filter = "metrics.auc > 0.4";
  all.order_by = "metrics.auc DESC";
  all.limit = 3;
  auto across = service_->ListRuns(all);
  ASSERT_OK(across);
  EXPECT_EQ(ids(across->items), (std::vector<std::string>{in_other[3], in_e[3], in_other[2]}));
}

TEST_P(TrackingServiceTest, SearchRunsRejectsBadFilterStatusAndToken) {
  RunListRequest q;
  q.filter = "metrics.auc >>> 1";
  EXPECT_EQ(service_->ListRuns(q).status().code(), StatusCode::kInvalidArgument);
  RunListRequest s;
  s.status = "paused";
  EXPECT_EQ(service_->ListRuns(s).status().code(), StatusCode::kInvalidArgument);
  RunListRequest t;
  t.page_token = "garbage*";
  EXPECT_EQ(service_->ListRuns(t).status().code(), StatusCode::kInvalidArgument);
  RunListRequest o;
  o.order_by = "metrics.auc DESC";
  // A keyset token (of the default order) with a custom order.
  o.page_token = storage::Keyset("runs", {{"r.created_at", storage::KeyType::kInt},
                                          {"r.run_id", storage::KeyType::kText}})
                     .Token({int64_t{1}, std::string("abc")});
  EXPECT_EQ(service_->ListRuns(o).status().code(), StatusCode::kInvalidArgument);
}

TEST_P(TrackingServiceTest, EveryMutationWritesOneAuditRecord) {
  MakeExperiment("e");                                                                 // 1
  tracking::Run r = MakeRun("e");                                                      // 2
  ASSERT_OK(service_->LogMetrics(r.run_id, Batch("k", {{1, 1, 1}, {2, 2, 2}}), "x"));  // 3
  ASSERT_OK(service_->PutArtifact(r.run_id, "f", WriteTemp("z"), "", "x"));            // 4
  RunPatch p;
  p.status = "completed";
  ASSERT_OK(service_->UpdateRun(r.run_id, p, std::nullopt, "x"));  // 5
  EXPECT_EQ(AuditCount(), 5);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'run.log_metrics' AND "
                  "summary LIKE '%\"count\":2%'"),
            1);
}

INSTANTIATE_TEST_SUITE_P(Backends, TrackingServiceTest,
                         ::testing::ValuesIn(storage::testing::TestBackends()),
                         testing::BackendParamName);

}  // namespace
}  // namespace cairn::tracking
