// TrackingService behaviour the MLflow API needs, shared by the native API: experiment ids,
// soft delete and restore (with the runs cascade), renames, MLflow-style logging (NaN metrics,
// write-once params, mlflow.runName, dataset inputs), runs/update, searches paged by offset and
// the artifact proxy's replace and delete. Every test runs on SQLite and PostgreSQL.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>

#include "common/clock.h"
#include "common/ids.h"
#include "common/testing/fake_clock.h"
#include "common/testing/status_matchers.h"
#include "tracking/run_filter.h"
#include "tracking/tracking_service.h"
#include "tracking/tracking_test_support.h"

namespace cairn::tracking {
namespace {

using testing::BackendTest;

class MlflowSemanticsTest : public BackendTest {
 protected:
  std::string WriteTemp(const std::string& content) {
    std::string p = data_dir_ + "/upload-" + std::to_string(counter_++);
    std::ofstream(p, std::ios::binary) << content;
    return p;
  }
  int counter_ = 0;
};

TEST_P(MlflowSemanticsTest, ExperimentsGetIncreasingIdsAndDefaultIsZero) {
  auto d = service_->GetExperimentInfo(int64_t{0});
  ASSERT_OK(d);
  EXPECT_EQ(d->name, "Default");
  Experiment a = MakeExperiment("/Users/me/churn model");
  Experiment b = MakeExperiment("b");
  EXPECT_EQ(a.experiment_id, 1);
  EXPECT_EQ(b.experiment_id, 2);
  auto by_id = service_->GetExperimentInfo(int64_t{1});
  ASSERT_OK(by_id);
  EXPECT_EQ(by_id->name, "/Users/me/churn model");
  EXPECT_EQ(service_->GetExperimentInfo(int64_t{99}).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(service_->GetExperimentInfo(std::string("\x01")).status().code(),
            StatusCode::kNotFound);
}

TEST_P(MlflowSemanticsTest, RunsAreCreatedByExperimentIdAndReportIt) {
  Experiment e = MakeExperiment("e");
  RunCreate c;
  c.experiment_id = e.experiment_id;
  c.user_id = "carol";
  auto r = service_->CreateRun(c, "anonymous");
  ASSERT_OK(r);
  EXPECT_EQ(r->experiment_name, "e");
  EXPECT_EQ(r->experiment_id, e.experiment_id);
  EXPECT_EQ(r->created_by, "carol");  // the request's user only for an anonymous caller
  auto named = service_->CreateRun(c, "alice");
  ASSERT_OK(named);
  EXPECT_EQ(named->created_by, "alice");
  c.experiment_id = 42;
  EXPECT_EQ(service_->CreateRun(c, "x").status().code(), StatusCode::kNotFound);
}

TEST_P(MlflowSemanticsTest, RunIdsAreAcceptedWithoutDashes) {
  MakeExperiment("e");
  tracking::Run r = MakeRun("e");
  const std::string undashed = UndashedUuid(r.run_id);
  auto g = service_->GetRun(undashed);
  ASSERT_OK(g);
  EXPECT_EQ(g->run_id, r.run_id);
  EXPECT_EQ(service_->GetRun("not-a-run").status().code(), StatusCode::kNotFound);
}

TEST_P(MlflowSemanticsTest, DeletingAnExperimentDeletesItsRunsAndRestoreBringsThemBack) {
  MakeExperiment("e");
  tracking::Run kept = MakeRun("e");
  tracking::Run gone = MakeRun("e");
  ASSERT_OK(service_->DeleteRun(gone.run_id, std::nullopt, "x"));
  auto deleted_at_first = service_->GetRun(gone.run_id)->deleted_at;
  ASSERT_TRUE(deleted_at_first.has_value());
  // (The same millisecond is MlflowSameMillisecondTest below.)
  auto d = service_->DeleteExperiment(std::string("e"), std::nullopt, "x");
  ASSERT_OK(d);
  EXPECT_TRUE(d->deleted_at.has_value());
  EXPECT_TRUE(service_->GetRun(kept.run_id)->deleted_at.has_value());
  // Deleting again, or restoring what is active, is NotFound (as MLflow answers).
  EXPECT_EQ(service_->DeleteExperiment(std::string("e"), std::nullopt, "x").status().code(),
            StatusCode::kNotFound);
  // A deleted experiment accepts no run and no change.
  RunCreate c;
  c.experiment_name = "e";
  EXPECT_EQ(service_->CreateRun(c, "x").status().code(), StatusCode::kFailedPrecondition);
  ExperimentPatch p;
  p.name = "renamed";
  auto refused = service_->UpdateExperiment(std::string("e"), p, std::nullopt, "x");
  ASSERT_EQ(refused.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(refused.status().errors().at(0).field, "lifecycle_stage");

  ExperimentListRequest active;
  auto listed = service_->ListExperiments(active);
  ASSERT_OK(listed);
  for (const auto& x : listed->items) EXPECT_NE(x.name, "e");
  ExperimentListRequest deleted;
  deleted.lifecycle = "deleted";
  ASSERT_EQ(service_->ListExperiments(deleted)->items.size(), 1u);

  ASSERT_OK(service_->RestoreExperiment(std::string("e"), std::nullopt, "x"));
  EXPECT_FALSE(service_->GetRun(kept.run_id)->deleted_at.has_value());
  // The run deleted before its experiment stays deleted.
  EXPECT_EQ(service_->GetRun(gone.run_id)->deleted_at, deleted_at_first);
  EXPECT_EQ(service_->RestoreExperiment(std::string("e"), std::nullopt, "x").status().code(),
            StatusCode::kNotFound);
}

TEST_P(MlflowSemanticsTest, RenameCascadesToRunsAndRefusesATakenName) {
  MakeExperiment("e");
  MakeExperiment("taken");
  tracking::Run r = MakeRun("e");
  ExperimentPatch p;
  p.name = "renamed/with space";
  p.set_tags = StringMap{{"k", "v"}};
  auto u = service_->UpdateExperiment(std::string("e"), p, std::nullopt, "x");
  ASSERT_OK(u);
  EXPECT_EQ(u->name, "renamed/with space");
  EXPECT_EQ(u->tags.at("k"), "v");
  EXPECT_EQ(service_->GetRun(r.run_id)->experiment_name, "renamed/with space");
  p.name = "taken";
  p.set_tags.reset();
  EXPECT_EQ(service_->UpdateExperiment(u->experiment_id, p, std::nullopt, "x").status().code(),
            StatusCode::kAlreadyExists);
}

TEST_P(MlflowSemanticsTest, RunSoftDeleteIsIdempotentAndBlocksWrites) {
  MakeExperiment("e");
  tracking::Run r = MakeRun("e");
  ASSERT_OK(service_->DeleteRun(r.run_id, std::nullopt, "x"));
  ASSERT_OK(service_->DeleteRun(r.run_id, std::nullopt, "x"));
  RunLog log;
  log.params = {{"a", "1"}};
  auto refused = service_->LogToRun(r.run_id, log, "x");
  ASSERT_EQ(refused.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(refused.status().errors().at(0).field, "lifecycle_stage");
  ASSERT_OK(service_->RestoreRun(r.run_id, std::nullopt, "x"));
  EXPECT_OK(service_->LogToRun(r.run_id, log, "x"));
}

TEST_P(MlflowSemanticsTest, LogToRunStoresNanParamsTagsAndInputsOnAFinishedRun) {
  MakeExperiment("e");
  tracking::Run r = MakeRun("e");
  RunInfoUpdate finish;
  finish.status = RunStatus::kCompleted;
  finish.end_time = r.start_time + 5;
  ASSERT_OK(service_->UpdateRunInfo(r.run_id, finish, "x"));

  RunLog log;
  log.metrics.series.push_back(
      {"loss", {{0, 10, 1.0}, {1, 11, std::numeric_limits<double>::quiet_NaN()}}});
  log.metrics.total_points = 2;
  log.params = {{"lr", "0.1"}};
  log.set_tags = {{"team", "a"}, {std::string(kRunNameTag), "nice-run"}};
  DatasetInput d;
  d.name = "train";
  d.digest = "abc";
  d.source_type = "local";
  d.source = "{}";
  d.tags = {{"mlflow.data.context", "training"}};
  log.inputs = {d, d};
  auto res = service_->LogToRun(r.run_id, log, "x");
  ASSERT_OK(res);
  EXPECT_TRUE(res->param_conflicts.empty());

  auto g = service_->GetRun(r.run_id);
  ASSERT_OK(g);
  EXPECT_EQ(g->status, RunStatus::kCompleted);
  EXPECT_EQ(g->name, "nice-run");
  EXPECT_EQ(g->tags.count(kRunNameTag), 0u);
  EXPECT_EQ(g->tags.at("team"), "a");
  EXPECT_EQ(g->params.at("lr"), "0.1");
  ASSERT_EQ(g->metrics.count("loss"), 1u);
  EXPECT_TRUE(std::isnan(g->metrics.at("loss").value));  // step 1 is the latest
  ASSERT_EQ(g->dataset_inputs.size(), 1u);               // deduplicated on (name, digest)
  EXPECT_EQ(g->dataset_inputs[0].tags.at("mlflow.data.context"), "training");
  auto h = service_->GetMetricHistory(r.run_id, "loss", {});
  ASSERT_OK(h);
  ASSERT_EQ(h->points.size(), 2u);
  EXPECT_TRUE(std::isnan(h->points[1].value));

  // Same value again is a no-op; a changed value is a conflict and nothing is written.
  RunLog again;
  again.params = {{"lr", "0.1"}, {"depth", "3"}};
  ASSERT_OK(service_->LogToRun(r.run_id, again, "x"));
  RunLog change;
  change.params = {{"lr", "0.2"}, {"new", "1"}};
  change.set_tags = {{"written", "no"}};
  auto conflict = service_->LogToRun(r.run_id, change, "x");
  ASSERT_OK(conflict);
  ASSERT_EQ(conflict->param_conflicts.size(), 1u);
  EXPECT_EQ(conflict->param_conflicts[0].key, "lr");
  EXPECT_EQ(conflict->param_conflicts[0].logged_value, "0.1");
  g = service_->GetRun(r.run_id);
  EXPECT_EQ(g->params.count("new"), 0u);
  EXPECT_EQ(g->tags.count("written"), 0u);
  EXPECT_EQ(g->params.at("depth"), "3");
}

TEST_P(MlflowSemanticsTest, DeleteTagNeedsAnExistingTag) {
  MakeExperiment("e");
  tracking::Run r = MakeRun("e");
  RunLog del;
  del.delete_tags = {"missing"};
  EXPECT_EQ(service_->LogToRun(r.run_id, del, "x").status().code(), StatusCode::kNotFound);
  RunLog set;
  set.set_tags = {{"t", "1"}};
  ASSERT_OK(service_->LogToRun(r.run_id, set, "x"));
  del.delete_tags = {"t"};
  ASSERT_OK(service_->LogToRun(r.run_id, del, "x"));
  EXPECT_EQ(service_->GetRun(r.run_id)->tags.count("t"), 0u);
}

TEST_P(MlflowSemanticsTest, LoggedModelsAppendToTheHistoryTag) {
  MakeExperiment("e");
  tracking::Run r = MakeRun("e");
  RunLog first;
  first.append_logged_model = R"({"artifact_path": "a"})";
  ASSERT_OK(service_->LogToRun(r.run_id, first, "x"));
  EXPECT_EQ(service_->GetRun(r.run_id)->tags.at(kLoggedModelsTag), R"([{"artifact_path": "a"}])");
  RunLog second;
  second.append_logged_model = R"({"artifact_path": "b"})";
  ASSERT_OK(service_->LogToRun(r.run_id, second, "x"));
  EXPECT_EQ(service_->GetRun(r.run_id)->tags.at(kLoggedModelsTag),
            R"([{"artifact_path": "a"}, {"artifact_path": "b"}])");
}

TEST_P(MlflowSemanticsTest, LogToRunRejectsInfinityAndOverlongValues) {
  MakeExperiment("e");
  tracking::Run r = MakeRun("e");
  RunLog inf;
  inf.metrics.series.push_back({"m", {{0, 1, std::numeric_limits<double>::infinity()}}});
  inf.metrics.total_points = 1;
  EXPECT_EQ(service_->LogToRun(r.run_id, inf, "x").status().code(), StatusCode::kInvalidArgument);
  RunLog big;
  big.params = {{"p", std::string(8001, 'x')}};
  EXPECT_EQ(service_->LogToRun(r.run_id, big, "x").status().code(), StatusCode::kInvalidArgument);
}

TEST_P(MlflowSemanticsTest, UpdateRunInfoSetsAnyStatusAndName) {
  MakeExperiment("e");
  tracking::Run r = MakeRun("e");
  RunInfoUpdate u;
  u.status = RunStatus::kFailed;
  u.name = "renamed";
  auto a = service_->UpdateRunInfo(r.run_id, u, "x");
  ASSERT_OK(a);
  EXPECT_EQ(a->status, RunStatus::kFailed);
  EXPECT_EQ(a->name, "renamed");
  u.status = RunStatus::kRunning;  // MLflow has no state machine
  u.name.reset();
  auto b = service_->UpdateRunInfo(r.run_id, u, "x");
  ASSERT_OK(b);
  EXPECT_EQ(b->status, RunStatus::kRunning);
  EXPECT_EQ(service_->UpdateRunInfo("00000000000040008000000000000000", u, "x").status().code(),
            StatusCode::kNotFound);
}

TEST_P(MlflowSemanticsTest, SearchRunsPagesByOffsetInMlflowOrder) {
  Experiment e = MakeExperiment("e");
  Experiment other = MakeExperiment("other");
  for (int i = 0; i < 3; ++i) {
    RunCreate c;
    c.experiment_name = "e";
    c.start_time = 1000 + i;
    ASSERT_OK(service_->CreateRun(c, "x"));
  }
  MakeRun("other");
  RunSearch s;
  s.experiment_ids = {e.experiment_id};
  s.limit = 2;
  auto p1 = service_->SearchRuns(s);
  ASSERT_OK(p1);
  ASSERT_EQ(p1->items.size(), 2u);
  EXPECT_TRUE(p1->has_more);
  EXPECT_EQ(p1->items[0].start_time, 1002);  // start_time DESC
  s.offset = 2;
  auto p2 = service_->SearchRuns(s);
  ASSERT_OK(p2);
  ASSERT_EQ(p2->items.size(), 1u);
  EXPECT_FALSE(p2->has_more);
  s.limit = 0;
  EXPECT_EQ(service_->SearchRuns(s).status().code(), StatusCode::kInvalidArgument);
  RunSearch both;
  both.experiment_ids = {e.experiment_id, other.experiment_id};
  EXPECT_EQ(service_->SearchRuns(both)->items.size(), 4u);
}

// With needs_children, a search reads run keys first: the callback sees each run's key once
// (id, experiment id, revision, creation time, nothing else), and only the runs it asks for come
// back whole, equal to GetRun's; with and without a driving metric (a filter on the first order
// metric), which read the key from different joins.
TEST_P(MlflowSemanticsTest, SearchReadsRunKeysFirstAndWholeRunsOnlyWhereAsked) {
  Experiment e = MakeExperiment("e");
  MakeExperiment("other");
  MakeRun("other");
  std::vector<tracking::Run> made;
  for (int i = 0; i < 3; ++i) {
    tracking::Run r = MakeRun("e", StringMap{{"p", std::to_string(i)}});
    ASSERT_OK(service_->LogMetrics(r.run_id, Batch("m", {{0, 1, static_cast<double>(i)}}), "x"));
    made.push_back(*service_->GetRun(r.run_id));
  }
  for (const char* filter : {"", "metrics.m > -1"}) {
    SCOPED_TRACE(filter);
    RunSearch s;
    s.experiment_ids = {e.experiment_id};
    s.filter = *ParseRunFilter(filter);
    s.order_by = *ParseRunOrderBy("metrics.m DESC");
    std::map<std::string, int> calls;
    s.needs_children = [&](const tracking::Run& key) {
      ++calls[key.run_id];
      EXPECT_EQ(key.experiment_id, e.experiment_id);
      EXPECT_TRUE(key.experiment_name.empty());
      EXPECT_TRUE(key.params.empty());
      EXPECT_TRUE(key.metrics.empty());
      const auto it = std::find_if(made.begin(), made.end(),
                                   [&](const tracking::Run& m) { return m.run_id == key.run_id; });
      EXPECT_NE(it, made.end());
      if (it == made.end()) return false;
      EXPECT_EQ(key.revision, it->revision);
      EXPECT_EQ(key.created_at, it->created_at);
      return it == made.begin() + 1;
    };
    auto page = service_->SearchRuns(s);
    ASSERT_OK(page);
    ASSERT_EQ(page->items.size(), 3u);
    EXPECT_EQ(calls.size(), 3u);
    for (const auto& [id, n] : calls) EXPECT_EQ(n, 1) << id;
    EXPECT_EQ(page->items[0].run_id, made[2].run_id);  // metrics.m DESC
    EXPECT_EQ(page->items[2].run_id, made[0].run_id);
    const tracking::Run& whole = page->items[1];
    EXPECT_EQ(whole.run_id, made[1].run_id);
    EXPECT_EQ(whole.experiment_name, "e");
    EXPECT_EQ(whole.name, made[1].name);
    EXPECT_EQ(whole.status, made[1].status);
    EXPECT_EQ(whole.start_time, made[1].start_time);
    EXPECT_EQ(whole.revision, made[1].revision);
    EXPECT_EQ(whole.params, made[1].params);
    ASSERT_EQ(whole.metrics.size(), 1u);
    EXPECT_EQ(whole.metrics.at("m").value, 1.0);
    for (size_t i : {0u, 2u}) {
      EXPECT_TRUE(page->items[i].experiment_name.empty());
      EXPECT_TRUE(page->items[i].params.empty());
      EXPECT_TRUE(page->items[i].metrics.empty());
      EXPECT_EQ(page->items[i].experiment_id, e.experiment_id);
    }
  }
}

TEST_P(MlflowSemanticsTest, SearchExperimentsFiltersOrdersAndPages) {
  MakeExperiment("alpha");
  MakeExperiment("beta");
  ExperimentSearch s;
  s.filter.push_back({ExperimentClause::Field::kName, "", "LIKE", std::string("%a%")});
  s.order_by.push_back({ExperimentOrderKey::Field::kName, false});
  auto r = service_->SearchExperiments(s);
  ASSERT_OK(r);
  ASSERT_EQ(r->items.size(), 3u);  // alpha, beta, Default
  EXPECT_EQ(r->items[0].name, "Default");
  EXPECT_EQ(r->items[1].name, "alpha");
  s.limit = 1;
  s.offset = 1;
  r = service_->SearchExperiments(s);
  ASSERT_OK(r);
  ASSERT_EQ(r->items.size(), 1u);
  EXPECT_EQ(r->items[0].name, "alpha");
  EXPECT_TRUE(r->has_more);
}

TEST_P(MlflowSemanticsTest, ReplaceAndDeleteArtifactsFollowMlflowRules) {
  MakeExperiment("e");
  tracking::Run r = MakeRun("e");
  ASSERT_OK(service_->ReplaceArtifact(r.run_id, "dir/a.txt", WriteTemp("one"), "", "x"));
  ASSERT_OK(service_->ReplaceArtifact(r.run_id, "dir/b.txt", WriteTemp("b"), "", "x"));
  auto again = service_->ReplaceArtifact(r.run_id, "dir/a.txt", WriteTemp("two"), "", "x");
  ASSERT_OK(again);
  EXPECT_EQ(again->size_bytes, 3);
  auto f = service_->GetArtifact(r.run_id, "dir/a.txt");
  ASSERT_OK(f);
  EXPECT_EQ(testing::ReadAll(*f->file), "two");
  const std::filesystem::path stored =
      std::filesystem::path(data_dir_) / "artifacts" / *CanonicalUuid(r.run_id) / "dir" / "a.txt";
  EXPECT_TRUE(std::filesystem::is_regular_file(stored));
  auto owners = service_->ListArtifactOwners(std::nullopt);
  ASSERT_OK(owners);
  ASSERT_EQ(owners->size(), 1u);
  EXPECT_EQ((*owners)[0].run_id, r.run_id);

  auto removed = service_->DeleteArtifacts(r.run_id, "dir", "x");
  ASSERT_OK(removed);
  EXPECT_EQ(removed->size(), 2u);
  EXPECT_FALSE(std::filesystem::exists(stored));
  EXPECT_TRUE(service_->ListArtifacts(r.run_id)->empty());
  auto nothing = service_->DeleteArtifacts(r.run_id, "dir", "x");
  ASSERT_OK(nothing);
  EXPECT_TRUE(nothing->empty());
}

INSTANTIATE_TEST_SUITE_P(Backends, MlflowSemanticsTest,
                         ::testing::ValuesIn(storage::testing::TestBackends()),
                         testing::BackendParamName);

// The service on a clock that stands still: every change happens in the same millisecond.
class MlflowSameMillisecondTest : public BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (HasFatalFailure()) return;
    service_ = std::make_unique<TrackingService>(std::make_unique<SqlTrackingStore>(*db_),
                                                 TrackingServiceOptions{data_dir_}, clock_);
  }
  cairn::testing::FakeClock clock_;
};

// A run deleted by itself in the same millisecond as its experiment stays deleted when the
// experiment is restored; the runs the cascade deleted come back.
TEST_P(MlflowSameMillisecondTest, RunDeletedByItselfStaysDeletedOnRestore) {
  MakeExperiment("e");
  tracking::Run kept = MakeRun("e");
  tracking::Run gone = MakeRun("e");
  ASSERT_OK(service_->DeleteRun(gone.run_id, std::nullopt, "x"));
  const auto gone_at = service_->GetRun(gone.run_id)->deleted_at;
  ASSERT_EQ(gone_at, clock_.NowMillis());
  auto d = service_->DeleteExperiment(std::string("e"), std::nullopt, "x");
  ASSERT_OK(d);
  ASSERT_TRUE(d->deleted_at.has_value());
  EXPECT_GT(*d->deleted_at, *gone_at);
  EXPECT_EQ(service_->GetRun(kept.run_id)->deleted_at, d->deleted_at);

  ASSERT_OK(service_->RestoreExperiment(std::string("e"), std::nullopt, "x"));
  EXPECT_FALSE(service_->GetRun(kept.run_id)->deleted_at.has_value());
  EXPECT_EQ(service_->GetRun(gone.run_id)->deleted_at, gone_at);

  // Again in the same millisecond: the restored run and the experiment deleted together, then
  // both restored.
  ASSERT_OK(service_->DeleteExperiment(std::string("e"), std::nullopt, "x"));
  ASSERT_OK(service_->RestoreExperiment(std::string("e"), std::nullopt, "x"));
  EXPECT_FALSE(service_->GetRun(kept.run_id)->deleted_at.has_value());
  EXPECT_EQ(service_->GetRun(gone.run_id)->deleted_at, gone_at);
}

INSTANTIATE_TEST_SUITE_P(Backends, MlflowSameMillisecondTest,
                         ::testing::ValuesIn(storage::testing::TestBackends()),
                         testing::BackendParamName);

}  // namespace
}  // namespace cairn::tracking
