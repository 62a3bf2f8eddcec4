// RegistryService + SqlRegistryStore contract tests, on every backend under test.
#include "registry/registry_service.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <atomic>
#include <filesystem>
#include <mutex>
#include <set>
#include <thread>

#include "common/ids.h"
#include "common/testing/status_matchers.h"
#include "registry/registry_test_support.h"

namespace cairn::registry {
namespace {

using testing::RegistryBackendTest;

class RegistryServiceTest : public RegistryBackendTest {};

TEST_P(RegistryServiceTest, RegisterNumbersVersionsPerModelWithDefaultChecklist) {
  auto v1 = Register("churn");
  auto v2 = Register("churn");
  auto o1 = Register("other");
  EXPECT_EQ(v1.version, 1);
  EXPECT_EQ(v2.version, 2);
  EXPECT_EQ(o1.version, 1);
  EXPECT_EQ(v1.stage, Stage::kNone);
  EXPECT_EQ(v1.created_by, "alice");
  EXPECT_EQ(v1.revision, 1);
  ASSERT_EQ(v1.checklist.size(), 4u);
  EXPECT_EQ(v1.checklist[0].key, "evaluation_passed");
  EXPECT_EQ(v1.checklist[3].key, "owner_signoff");
  for (const auto& i : v1.checklist) {
    EXPECT_TRUE(i.required);
    EXPECT_FALSE(i.done);
  }
  auto got = registry_->GetVersion("churn", 2);
  ASSERT_OK(got);
  EXPECT_EQ(got->version, 2);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'model_version.create'"), 3);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE resource_id = 'churn/2'"), 1);
}

TEST_P(RegistryServiceTest, ConcurrentRegistrationHasNoGapsOrDuplicates) {
  constexpr int kThreads = 6;
  constexpr int kPerThread = 5;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  std::mutex mu;
  std::vector<int64_t> versions;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < kPerThread; ++i) {
        VersionCreate c;
        c.model_name = "race";
        auto v = registry_->RegisterVersion(c, "t");
        if (!v.ok()) {
          ++failures;
          continue;
        }
        std::lock_guard<std::mutex> lock(mu);
        versions.push_back(v->version);
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures.load(), 0);
  std::set<int64_t> unique(versions.begin(), versions.end());
  ASSERT_EQ(unique.size(), static_cast<size_t>(kThreads * kPerThread));
  EXPECT_EQ(*unique.begin(), 1);
  EXPECT_EQ(*unique.rbegin(), kThreads * kPerThread);
  auto model = registry_->GetModel("race");
  ASSERT_OK(model);
  EXPECT_EQ(model->latest_version, kThreads * kPerThread);
}

TEST_P(RegistryServiceTest, CreateModelStoresDescriptionAndTagsOnce) {
  auto m = registry_->CreateModel(
      ModelCreate{"churn", "predicts churn", StringMap{{"owner", "ml"}}}, "alice");
  ASSERT_OK(m);
  EXPECT_EQ(m->latest_version, 0);
  EXPECT_EQ(registry_->CreateModel(ModelCreate{"churn", std::nullopt, std::nullopt}, "bob")
                .status()
                .code(),
            StatusCode::kAlreadyExists);
  EXPECT_EQ(registry_->CreateModel(ModelCreate{"bad name", std::nullopt, std::nullopt}, "bob")
                .status()
                .code(),
            StatusCode::kInvalidArgument);
  auto got = registry_->GetModel("churn");
  ASSERT_OK(got);
  EXPECT_EQ(got->description, "predicts churn");
  EXPECT_EQ(got->tags, (StringMap{{"owner", "ml"}}));
  EXPECT_EQ(got->created_by, "alice");
  EXPECT_TRUE(got->versions.empty());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'registered_model.create'"), 1);
  // The first version of an explicitly created model is 1, and keeps its source.
  VersionCreate c;
  c.model_name = "churn";
  c.source = "s3://bucket/churn";
  c.require_model = true;
  auto v = registry_->RegisterVersion(c, "alice");
  ASSERT_OK(v);
  EXPECT_EQ(v->version, 1);
  auto again = registry_->GetVersion("churn", 1);
  ASSERT_OK(again);
  EXPECT_EQ(again->source, "s3://bucket/churn");
}

TEST_P(RegistryServiceTest, RequireModelRefusesAnUnknownModelAndWritesNothing) {
  VersionCreate c;
  c.model_name = "nope";
  c.source = "s3://bucket/nope";
  c.require_model = true;
  EXPECT_EQ(registry_->RegisterVersion(c, "alice").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(registry_->GetModel("nope").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'model_version.create'"), 0);
}

TEST_P(RegistryServiceTest, ConcurrentCreateModelHasOneWinner) {
  constexpr int kThreads = 6;
  std::atomic<int> created{0};
  std::atomic<int> exists{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      auto m = registry_->CreateModel(ModelCreate{"race", std::nullopt, std::nullopt}, "t");
      if (m.ok()) ++created;
      if (m.status().code() == StatusCode::kAlreadyExists) ++exists;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(created.load(), 1);
  EXPECT_EQ(exists.load(), kThreads - 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'registered_model.create'"), 1);
}

TEST_P(RegistryServiceTest, TagEditsSetAndDeleteSingleKeysInTheTransaction) {
  VersionCreate c;
  c.model_name = "churn";
  c.tags = StringMap{{"a", "1"}, {"b", "2"}};
  auto v = registry_->RegisterVersion(c, "alice");
  ASSERT_OK(v);
  VersionPatch set;
  set.tag_edits["c"] = "3";
  set.tag_edits["a"] = std::nullopt;
  auto u = registry_->UpdateVersion("churn", v->version, set, std::nullopt, "bob");
  ASSERT_OK(u);
  EXPECT_EQ(u->tags, (StringMap{{"b", "2"}, {"c", "3"}}));
  EXPECT_EQ(u->revision, v->revision + 1);
  // Deleting a missing key changes nothing and bumps nothing.
  VersionPatch missing;
  missing.tag_edits["zzz"] = std::nullopt;
  auto same = registry_->UpdateVersion("churn", v->version, missing, std::nullopt, "bob");
  ASSERT_OK(same);
  EXPECT_EQ(same->revision, u->revision);
  VersionPatch bad;
  bad.tag_edits[std::string(300, 'k')] = "x";
  EXPECT_EQ(registry_->UpdateVersion("churn", v->version, bad, std::nullopt, "bob").status().code(),
            StatusCode::kInvalidArgument);
}

TEST_P(RegistryServiceTest, ArchiveOthersInStagingArchivesTheOtherStagingVersions) {
  auto v1 = Register("churn");
  auto v2 = Register("churn");
  VersionPatch staging;
  staging.stage = "staging";
  ASSERT_OK(registry_->UpdateVersion("churn", v1.version, staging, std::nullopt, "bob"));
  staging.archive_others_in_stage = true;
  ASSERT_OK(registry_->UpdateVersion("churn", v2.version, staging, std::nullopt, "bob"));
  auto got1 = registry_->GetVersion("churn", v1.version);
  ASSERT_OK(got1);
  EXPECT_EQ(got1->stage, Stage::kArchived);
  auto got2 = registry_->GetVersion("churn", v2.version);
  ASSERT_OK(got2);
  EXPECT_EQ(got2->stage, Stage::kStaging);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'model_version.archive'"), 1);
}

TEST_P(RegistryServiceTest, RegisterFromRunCopiesLatestMetricsAndParams) {
  tracking::ExperimentCreate ec;
  ec.name = "exp";
  ASSERT_OK(tracking_->CreateExperiment(ec, "alice"));
  tracking::RunCreate rc;
  rc.experiment_name = "exp";
  rc.params = tracking::StringMap{{"depth", "6"}, {"eta", "0.1"}};
  auto run = tracking_->CreateRun(rc, "alice");
  ASSERT_OK(run);
  tracking::MetricBatch b;
  b.series.push_back({"auc", {{0, 1, 0.7}, {5, 2, 0.85}, {3, 3, 0.8}}});
  b.total_points = 3;
  ASSERT_OK(tracking_->LogMetrics(run->run_id, b, "alice"));

  VersionCreate c;
  c.model_name = "m";
  c.run_id = run->run_id;
  c.metrics = MetricMap{{"latency_ms", 12.5}};
  auto v = registry_->RegisterVersion(c, "alice");
  ASSERT_OK(v);
  EXPECT_EQ(v->run_id, run->run_id);
  EXPECT_DOUBLE_EQ(v->metrics.at("auc"), 0.85);  // the latest step wins
  EXPECT_DOUBLE_EQ(v->metrics.at("latency_ms"), 12.5);
  EXPECT_EQ(v->params.at("depth"), "6");
  auto stored = registry_->GetVersion("m", 1);
  ASSERT_OK(stored);
  EXPECT_EQ(stored->metrics, v->metrics);
  EXPECT_EQ(stored->params, v->params);
}

TEST_P(RegistryServiceTest, RegisterFromUnknownRunIsNotFoundAndWritesNothing) {
  VersionCreate c;
  c.model_name = "m";
  c.run_id = NewUuid();
  EXPECT_EQ(registry_->RegisterVersion(c, "a").status().code(), StatusCode::kNotFound);
  c.run_id = "not-a-uuid";
  EXPECT_EQ(registry_->RegisterVersion(c, "a").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM model_versions"), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM registered_models"), 0);
}

TEST_P(RegistryServiceTest, RegisterWithoutTrackingServiceIsUnavailable) {
  RegistryService bare(std::make_unique<SqlRegistryStore>(*db_), nullptr, {});
  VersionCreate c;
  c.model_name = "m";
  c.run_id = NewUuid();
  EXPECT_EQ(bare.RegisterVersion(c, "a").status().code(), StatusCode::kUnavailable);
}

TEST_P(RegistryServiceTest, RegisterRejectsInvalidInput) {
  VersionCreate c;
  c.model_name = "-bad";
  c.metrics = MetricMap{{"bad key!", 1.0}};
  c.tags = StringMap{{"", "x"}};
  auto v = registry_->RegisterVersion(c, "a");
  ASSERT_EQ(v.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(v.status().errors().size(), 3u);
}

TEST_P(RegistryServiceTest, ProductionNeedsRequiredChecklistItemsAndNamesTheMissingOnes) {
  Register("m");
  VersionPatch p;
  p.stage = "production";
  p.checklist = {{"evaluation_passed", true, "auc 0.91"}, {"data_validated", true, std::nullopt}};
  auto r = registry_->UpdateVersion("m", 1, p, std::nullopt, "bob");
  ASSERT_EQ(r.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(r.status().message().find("bias_reviewed"), std::string::npos);
  EXPECT_NE(r.status().message().find("owner_signoff"), std::string::npos);
  EXPECT_EQ(r.status().message().find("data_validated"), std::string::npos);
  // Nothing changed: the ticks in the same PATCH were rolled back too.
  auto v = registry_->GetVersion("m", 1);
  ASSERT_OK(v);
  EXPECT_EQ(v->revision, 1);
  EXPECT_FALSE(v->checklist[0].done);
  EXPECT_EQ(v->stage, Stage::kNone);
}

TEST_P(RegistryServiceTest, TickAndPromoteInOnePatchRecordsWhoAndWhen) {
  Register("m");
  auto v = Promote("m", 1);
  EXPECT_EQ(v.stage, Stage::kProduction);
  EXPECT_EQ(v.revision, 2);
  EXPECT_EQ(v.updated_by, "bob");
  for (const auto& i : v.checklist) {
    EXPECT_TRUE(i.done);
    EXPECT_EQ(i.done_by, "bob");
    EXPECT_TRUE(i.done_at.has_value());
  }
  // A version in production keeps its required items: unticking one is refused and audited...
  VersionPatch p;
  p.checklist = {{"bias_reviewed", false, std::nullopt}};
  auto refused = registry_->UpdateVersion("m", 1, p, std::nullopt, "carol");
  ASSERT_EQ(refused.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(refused.status().message().find("bias_reviewed"), std::string::npos);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'model_version.untick_refused' "
                  "AND actor = 'carol'"),
            1);
  EXPECT_EQ(registry_->GetVersion("m", 1)->revision, 2);
  // ...but leaving production in the same change is allowed, and unticking clears who/when.
  p.stage = "staging";
  auto u = registry_->UpdateVersion("m", 1, p, std::nullopt, "carol");
  ASSERT_OK(u);
  EXPECT_EQ(u->stage, Stage::kStaging);
  EXPECT_FALSE(u->checklist[2].done);
  EXPECT_FALSE(u->checklist[2].done_by.has_value());
}

TEST_P(RegistryServiceTest, PromotionArchivesThePreviousProductionVersionInTheSameTransaction) {
  Register("m");
  Register("m");
  Register("other");
  Promote("m", 1);
  Promote("other", 1);
  auto v2 = Promote("m", 2);
  EXPECT_EQ(v2.stage, Stage::kProduction);
  auto v1 = registry_->GetVersion("m", 1);
  ASSERT_OK(v1);
  EXPECT_EQ(v1->stage, Stage::kArchived);
  EXPECT_EQ(v1->revision, 3);
  EXPECT_EQ(registry_->GetVersion("other", 1)->stage, Stage::kProduction);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'model_version.archive' AND "
                  "resource_id = 'm/1'"),
            1);
  auto model = registry_->GetModel("m");
  ASSERT_OK(model);
  EXPECT_EQ(model->production_version, 2);
  ASSERT_EQ(model->versions.size(), 2u);
  EXPECT_EQ(model->versions[0].version, 2);  // newest first
}

TEST_P(RegistryServiceTest, UpdateRejectsUnknownChecklistKeyBadStageAndStaleRevision) {
  Register("m");
  VersionPatch p;
  p.checklist = {{"nope", true, std::nullopt}};
  EXPECT_EQ(registry_->UpdateVersion("m", 1, p, std::nullopt, "b").status().code(),
            StatusCode::kInvalidArgument);
  VersionPatch s;
  s.stage = "prod";
  EXPECT_EQ(registry_->UpdateVersion("m", 1, s, std::nullopt, "b").status().code(),
            StatusCode::kInvalidArgument);
  VersionPatch d;
  d.description = "x";
  EXPECT_EQ(registry_->UpdateVersion("m", 1, d, 7, "b").status().code(), StatusCode::kAborted);
  EXPECT_EQ(registry_->UpdateVersion("m", 9, d, std::nullopt, "b").status().code(),
            StatusCode::kNotFound);
  EXPECT_EQ(registry_->UpdateVersion("m", 1, d, 1, "b")->revision, 2);
  // A PATCH that changes nothing keeps the revision.
  EXPECT_EQ(registry_->UpdateVersion("m", 1, d, std::nullopt, "b")->revision, 2);
}

TEST_P(RegistryServiceTest, TickChecklistItemForOtherDomains) {
  Register("m");
  ASSERT_OK(registry_->TickChecklistItem("m", 1, "evaluation_passed", "evaluator", "run 7"));
  auto v = registry_->GetVersion("m", 1);
  ASSERT_OK(v);
  EXPECT_TRUE(v->checklist[0].done);
  EXPECT_EQ(v->checklist[0].done_by, "evaluator");
  EXPECT_EQ(v->checklist[0].note, "run 7");
  EXPECT_EQ(v->revision, 2);
  ASSERT_OK(registry_->TickChecklistItem("m", 1, "evaluation_passed", "other", ""));
  EXPECT_EQ(registry_->GetVersion("m", 1)->revision, 2);  // idempotent
  EXPECT_EQ(registry_->TickChecklistItem("m", 1, "nope", "e", "").code(), StatusCode::kNotFound);
  EXPECT_EQ(registry_->TickChecklistItem("m", 2, "evaluation_passed", "e", "").code(),
            StatusCode::kNotFound);
}

TEST_P(RegistryServiceTest, ListFiltersByModelAndStageAndPages) {
  for (int i = 0; i < 3; ++i) Register("a");
  Register("b");
  Promote("a", 2);
  VersionListRequest all;
  all.limit = 2;
  auto p1 = registry_->ListVersions(all);
  ASSERT_OK(p1);
  ASSERT_EQ(p1->items.size(), 2u);
  ASSERT_TRUE(p1->next_page_token);
  all.page_token = *p1->next_page_token;
  auto p2 = registry_->ListVersions(all);
  ASSERT_OK(p2);
  ASSERT_EQ(p2->items.size(), 2u);
  EXPECT_FALSE(p2->next_page_token);
  std::set<std::string> seen;
  for (const auto* p : {&*p1, &*p2})
    for (const auto& v : p->items) seen.insert(v.model_name + std::to_string(v.version));
  EXPECT_EQ(seen.size(), 4u);

  VersionListRequest by_model;
  by_model.model_name = "a";
  EXPECT_EQ(registry_->ListVersions(by_model)->items.size(), 3u);
  VersionListRequest by_stage;
  by_stage.stage = "production";
  auto prod = registry_->ListVersions(by_stage);
  ASSERT_EQ(prod->items.size(), 1u);
  EXPECT_EQ(prod->items[0].version, 2);
  by_stage.stage = "live";
  EXPECT_EQ(registry_->ListVersions(by_stage).status().code(), StatusCode::kInvalidArgument);
  VersionListRequest bad_token;
  bad_token.page_token = "!!";
  EXPECT_EQ(registry_->ListVersions(bad_token).status().code(), StatusCode::kInvalidArgument);
  VersionListRequest bad_limit;
  bad_limit.limit = 1001;
  EXPECT_EQ(registry_->ListVersions(bad_limit).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(registry_->GetModel("nope").status().code(), StatusCode::kNotFound);
}

TEST_P(RegistryServiceTest, CompareGivesValuesBestVersionDeltasAndDifferingParams) {
  Register("m", {{"auc", 0.80}, {"log_loss", 0.50}}, {{"depth", "6"}, {"eta", "0.1"}});
  Register("m", {{"auc", 0.85}, {"log_loss", 0.40}}, {{"depth", "8"}, {"eta", "0.1"}});
  Register("m", {{"auc", 0.83}}, {{"depth", "6"}, {"eta", "0.1"}, {"gamma", "1"}});
  CompareRequest req;
  req.versions = {1, 2, 3};
  auto c = registry_->Compare("m", req);
  ASSERT_OK(c);
  ASSERT_EQ(c->metrics.size(), 2u);
  const auto& auc = c->metrics[0];
  EXPECT_EQ(auc.metric, "auc");
  EXPECT_TRUE(auc.higher_is_better);
  EXPECT_EQ(auc.best_version, 2);
  EXPECT_NEAR(*auc.deltas[1], 0.05, 1e-12);
  EXPECT_NEAR(*auc.deltas[0], 0.0, 1e-12);
  const auto& loss = c->metrics[1];
  EXPECT_EQ(loss.metric, "log_loss");
  EXPECT_FALSE(loss.higher_is_better);
  EXPECT_EQ(loss.best_version, 2);
  EXPECT_FALSE(loss.values[2].has_value());
  EXPECT_FALSE(loss.deltas[2].has_value());
  ASSERT_EQ(c->params_diff.size(), 2u);  // depth and gamma; eta is the same everywhere
  EXPECT_EQ(c->params_diff[0].param, "depth");
  EXPECT_EQ(c->params_diff[1].param, "gamma");
  EXPECT_FALSE(c->params_diff[1].values[0].has_value());

  req.metrics = std::vector<std::string>{"auc"};
  req.versions = {3, 1};
  auto only = registry_->Compare("m", req);
  ASSERT_OK(only);
  ASSERT_EQ(only->metrics.size(), 1u);
  EXPECT_EQ(only->metrics[0].best_version, 3);
  EXPECT_NEAR(*only->metrics[0].deltas[1], -0.03, 1e-12);
}

TEST_P(RegistryServiceTest, CompareRejectsBadRequestsAndUnknownVersions) {
  Register("m");
  CompareRequest req;
  EXPECT_EQ(registry_->Compare("m", req).status().code(), StatusCode::kInvalidArgument);
  req.versions = {1, 1};
  EXPECT_EQ(registry_->Compare("m", req).status().code(), StatusCode::kInvalidArgument);
  req.versions = {1, 2};
  EXPECT_EQ(registry_->Compare("m", req).status().code(), StatusCode::kNotFound);
  req.versions = {1};
  EXPECT_EQ(registry_->Compare("nope", req).status().code(), StatusCode::kNotFound);
}

TEST_P(RegistryServiceTest, ArtifactUploadDetectsFormatHashesAndIsWriteOnce) {
  Register("m");
  Register("m");
  Register("m");
  const std::string model_json = R"({"learner":{"attributes":{}},"version":[2,0,0]})";
  auto v = registry_->PutArtifact("m", 1, {WriteFile("a", model_json), std::nullopt, std::nullopt},
                                  "alice");
  ASSERT_OK(v);
  ASSERT_TRUE(v->artifact);
  EXPECT_EQ(v->artifact->format, ArtifactFormat::kXgboostJson);
  EXPECT_EQ(v->artifact->size_bytes, static_cast<int64_t>(model_json.size()));
  EXPECT_EQ(v->artifact->sha256.size(), 64u);
  auto file = registry_->GetArtifactFile("m", 1);
  ASSERT_OK(file);
  ASSERT_TRUE(file->file);
  struct stat st {};
  ASSERT_EQ(::fstat(file->file->Get(), &st), 0);
  EXPECT_TRUE(S_ISREG(st.st_mode));
  EXPECT_EQ(static_cast<size_t>(st.st_size), model_json.size());
  // Write-once.
  EXPECT_EQ(
      registry_
          ->PutArtifact("m", 1, {WriteFile("b", model_json), std::nullopt, std::nullopt}, "alice")
          .status()
          .code(),
      StatusCode::kAlreadyExists);
  // ONNX by its protobuf prefix (ir_version field, then producer_name).
  const std::string onnx("\x08\x07\x12\x07pytorch", 11);
  auto o = registry_->PutArtifact("m", 2, {WriteFile("c", onnx), std::nullopt, std::nullopt}, "a");
  ASSERT_OK(o);
  EXPECT_EQ(o->artifact->format, ArtifactFormat::kOnnx);
  EXPECT_TRUE(o->artifact->path.ends_with("model.onnx"));
  // A declared format the bytes contradict.
  EXPECT_EQ(registry_->PutArtifact("m", 3, {WriteFile("d", "plain"), "onnx", std::nullopt}, "a")
                .status()
                .code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(registry_->PutArtifact("m", 3, {WriteFile("e", "plain"), "pickle", std::nullopt}, "a")
                .status()
                .code(),
            StatusCode::kInvalidArgument);
  auto other =
      registry_->PutArtifact("m", 3, {WriteFile("f", "plain"), "other", "weights.bin"}, "a");
  ASSERT_OK(other);
  EXPECT_EQ(other->artifact->format, ArtifactFormat::kOther);
  EXPECT_TRUE(other->artifact->path.ends_with("weights.bin"));
  EXPECT_EQ(registry_->GetArtifactFile("m", 9).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'model_version.upload_artifact'"),
            3);
}

TEST_P(RegistryServiceTest, ArtifactOnUnknownVersionLeavesNoFileBehind) {
  auto r = registry_->PutArtifact("m", 1, {WriteFile("x", "{}"), std::nullopt, std::nullopt}, "a");
  EXPECT_EQ(r.status().code(), StatusCode::kNotFound);
  EXPECT_FALSE(std::filesystem::exists(std::filesystem::path(data_dir_) / "models" / "m"));
}

INSTANTIATE_TEST_SUITE_P(Backends, RegistryServiceTest,
                         ::testing::ValuesIn(storage::testing::TestBackends()),
                         testing::BackendParamName);

class CustomChecklistTest : public RegistryBackendTest {
 protected:
  RegistryOptions Options() const override {
    RegistryOptions o;
    o.default_checklist = {{"security_review", "Security review", true},
                           {"docs", "Docs written", false}};
    return o;
  }
};

TEST_P(CustomChecklistTest, ConfiguredChecklistAndOptionalItemsDoNotBlockProduction) {
  auto v = Register("m");
  ASSERT_EQ(v.checklist.size(), 2u);
  EXPECT_FALSE(v.checklist[1].required);
  VersionPatch p;
  p.stage = "production";
  p.checklist = {{"security_review", true, std::nullopt}};
  auto u = registry_->UpdateVersion("m", 1, p, std::nullopt, "b");
  ASSERT_OK(u);
  EXPECT_EQ(u->stage, Stage::kProduction);
}

INSTANTIATE_TEST_SUITE_P(Backends, CustomChecklistTest,
                         ::testing::ValuesIn(storage::testing::TestBackends()),
                         testing::BackendParamName);

TEST(RegistryOptionsTest, MetricDirectionFromPatternsAndOverrides) {
  RegistryOptions o;
  for (const char* m :
       {"val_loss", "RMSE", "mae", "error_rate", "brier", "p99_latency_ms", "log_loss", "mape"})
    EXPECT_FALSE(HigherIsBetter(o, m)) << m;
  for (const char* m : {"auc", "accuracy", "f1", "r2", "precision"})
    EXPECT_TRUE(HigherIsBetter(o, m)) << m;
  o.direction_overrides["val_loss"] = true;
  o.direction_overrides["auc"] = false;
  EXPECT_TRUE(HigherIsBetter(o, "val_loss"));
  EXPECT_FALSE(HigherIsBetter(o, "auc"));
}

TEST(RegistryOptionsTest, ChecklistSpecValidation) {
  EXPECT_OK(ValidateChecklistSpec(RegistryOptions{}.default_checklist));
  EXPECT_FALSE(ValidateChecklistSpec({{"a", "", true}, {"a", "", true}}).ok());
  EXPECT_FALSE(ValidateChecklistSpec({{"bad key", "", true}}).ok());
}

TEST(ArtifactFormatTest, Detection) {
  EXPECT_EQ(DetectArtifactFormat("  {\"learner\": {}}", ""), ArtifactFormat::kXgboostJson);
  EXPECT_EQ(DetectArtifactFormat("{\"weights\": []}", ""), ArtifactFormat::kOther);
  EXPECT_EQ(DetectArtifactFormat("[\"learner\"]", ""), ArtifactFormat::kOther);
  EXPECT_EQ(DetectArtifactFormat("anything", "m.onnx"), ArtifactFormat::kOnnx);
  EXPECT_EQ(DetectArtifactFormat(std::string("\x08\x08\x3a\x01", 4), ""), ArtifactFormat::kOnnx);
  EXPECT_EQ(DetectArtifactFormat(std::string("\x08\x00\x12", 3), ""), ArtifactFormat::kOther);
  EXPECT_EQ(DetectArtifactFormat("", ""), ArtifactFormat::kOther);
}

}  // namespace
}  // namespace cairn::registry
