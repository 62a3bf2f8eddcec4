// RegistryService + SqlRegistryStore: registered-model edits (description, single tags) and
// MLflow's registered-model and model-version searches, on every backend under test.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <string>
#include <thread>
#include <vector>

#include "common/ids.h"
#include "common/testing/fake_clock.h"
#include "common/testing/status_matchers.h"
#include "registry/registry_service.h"
#include "registry/registry_test_support.h"

namespace cairn::registry {
namespace {

using testing::RegistryBackendTest;

// A clock that advances one millisecond per reading, so that timestamps order the writes.
class RegistrySearchTest : public RegistryBackendTest {
 protected:
  void SetUp() override {
    RegistryBackendTest::SetUp();
    if (HasFatalFailure()) return;
    RegistryOptions options;
    options.data_dir = data_dir_;
    registry_ = std::make_unique<RegistryService>(std::make_unique<SqlRegistryStore>(*db_),
                                                  tracking_.get(), options, clock_);
  }

  Model Create(const std::string& name, StringMap tags = {}) {
    auto m = registry_->CreateModel(ModelCreate{name, std::nullopt, std::move(tags)}, "alice");
    EXPECT_OK(m);
    return m.ok() ? *m : Model{};
  }

  ModelVersion Version(const std::string& model, const std::string& source,
                       std::optional<std::string> run_id = std::nullopt, StringMap tags = {}) {
    VersionCreate c;
    c.model_name = model;
    c.source = source;
    c.run_id = std::move(run_id);
    c.tags = std::move(tags);
    c.require_model = true;
    auto v = registry_->RegisterVersion(c, "alice");
    EXPECT_OK(v);
    return v.ok() ? *v : ModelVersion{};
  }

  std::string Run() {
    tracking::ExperimentCreate ec;
    ec.name = "exp-" + std::to_string(runs_++);
    EXPECT_OK(tracking_->CreateExperiment(ec, "alice"));
    tracking::RunCreate rc;
    rc.experiment_name = ec.name;
    auto run = tracking_->CreateRun(rc, "alice");
    EXPECT_OK(run);
    return run.ok() ? run->run_id : "";
  }

  std::vector<std::string> Names(const ModelSearch& s) {
    auto page = registry_->SearchModels(s);
    EXPECT_OK(page);
    std::vector<std::string> out;
    if (page.ok())
      for (const Model& m : page->items) out.push_back(m.name);
    return out;
  }

  std::vector<std::string> Versions(const VersionSearch& s) {
    auto page = registry_->SearchVersions(s);
    EXPECT_OK(page);
    std::vector<std::string> out;
    if (page.ok())
      for (const ModelVersion& v : page->items)
        out.push_back(v.model_name + "/" + std::to_string(v.version));
    return out;
  }

  cairn::testing::FakeClock clock_{cairn::testing::FakeClock::kDefaultStart, 1};
  int runs_ = 0;
};

using Strings = std::vector<std::string>;

// Byte order, whatever the database's collation.
Strings Sorted(Strings v) {
  std::sort(v.begin(), v.end());
  return v;
}

TEST_P(RegistrySearchTest, UpdateModelEditsDescriptionAndTagsGuardedAndAudited) {
  const Model created = Create("churn", {{"owner", "ml"}});
  ModelPatch d;
  d.description = "predicts churn";
  auto u = registry_->UpdateModel("churn", d, std::nullopt, "bob");
  ASSERT_OK(u);
  EXPECT_EQ(u->description, "predicts churn");
  EXPECT_EQ(u->revision, created.revision + 1);
  EXPECT_GT(u->updated_at, created.updated_at);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'registered_model.update' AND "
                  "actor = 'bob' AND resource_id = 'churn'"),
            1);

  ModelPatch tags;
  tags.tag_edits["domain"] = "crm";
  tags.tag_edits["owner"] = std::nullopt;
  u = registry_->UpdateModel("churn", tags, std::nullopt, "bob");
  ASSERT_OK(u);
  auto got = registry_->GetModel("churn");
  ASSERT_OK(got);
  EXPECT_EQ(got->tags, (StringMap{{"domain", "crm"}}));
  EXPECT_EQ(got->description, "predicts churn");
  EXPECT_EQ(got->revision, created.revision + 2);

  // Deleting a missing tag or setting the same value changes nothing and records nothing.
  const int64_t audits = AuditCount();
  ModelPatch same;
  same.tag_edits["missing"] = std::nullopt;
  same.tag_edits["domain"] = "crm";
  auto unchanged = registry_->UpdateModel("churn", same, std::nullopt, "bob");
  ASSERT_OK(unchanged);
  EXPECT_EQ(unchanged->revision, got->revision);
  EXPECT_EQ(AuditCount(), audits);

  // A stale If-Match, an unknown model and an oversized tag key change nothing.
  EXPECT_EQ(registry_->UpdateModel("churn", d, created.revision, "bob").status().code(),
            StatusCode::kAborted);
  EXPECT_EQ(registry_->UpdateModel("nope", d, std::nullopt, "bob").status().code(),
            StatusCode::kNotFound);
  ModelPatch bad;
  bad.tag_edits[std::string(300, 'k')] = "x";
  EXPECT_EQ(registry_->UpdateModel("churn", bad, std::nullopt, "bob").status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(AuditCount(), audits);
  auto after = registry_->GetModel("churn");
  ASSERT_OK(after);
  EXPECT_EQ(after->revision, got->revision);
}

// Concurrent single-tag edits of one model: each write is guarded by the revision it read, so a
// lost race is Aborted (and retried here) instead of overwriting another writer's tag.
TEST_P(RegistrySearchTest, ConcurrentTagEditsLoseNoUpdate) {
  Create("race");
  constexpr int kThreads = 6;
  std::atomic<int> aborted{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      ModelPatch p;
      p.tag_edits["k" + std::to_string(t)] = "v";
      for (int attempt = 0; attempt < 200; ++attempt) {
        auto r = registry_->UpdateModel("race", p, std::nullopt, "t" + std::to_string(t));
        if (r.ok()) return;
        EXPECT_EQ(r.status().code(), StatusCode::kAborted) << r.status().message();
        ++aborted;
      }
      ADD_FAILURE() << "thread " << t << " never won";
    });
  }
  for (auto& t : threads) t.join();
  auto m = registry_->GetModel("race");
  ASSERT_OK(m);
  EXPECT_EQ(m->tags.size(), static_cast<size_t>(kThreads));
  EXPECT_EQ(m->revision, 1 + kThreads);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'registered_model.update'"),
            kThreads);
}

TEST_P(RegistrySearchTest, SearchModelsFiltersByNameAndTags) {
  Create("alpha", {{"owner", "ml"}, {"tier", "gold"}});
  Create("beta", {{"owner", "ops"}});
  Create("Churn");
  Create("churn_x", {{"owner", "ML"}});
  using F = ModelSearchClause::Field;
  ModelSearch s;
  EXPECT_EQ(Sorted(Names(s)),
            (Strings{"Churn", "alpha", "beta", "churn_x"}));  // (order is collation-dependent)
  s.filter = {{F::kName, "", "=", "beta"}};
  EXPECT_EQ(Sorted(Names(s)), (Strings{"beta"}));
  s.filter = {{F::kName, "", "!=", "beta"}};
  EXPECT_EQ(Sorted(Names(s)), (Strings{"Churn", "alpha", "churn_x"}));
  // LIKE is case-sensitive on both backends, ILIKE is not; `\` escapes the wildcard.
  s.filter = {{F::kName, "", "LIKE", "ch%"}};
  EXPECT_EQ(Sorted(Names(s)), (Strings{"churn_x"}));
  s.filter = {{F::kName, "", "ILIKE", "ch%"}};
  EXPECT_EQ(Sorted(Names(s)), (Strings{"Churn", "churn_x"}));
  s.filter = {{F::kName, "", "LIKE", "churn\\_%"}};
  EXPECT_EQ(Sorted(Names(s)), (Strings{"churn_x"}));
  // Tags: a model without the tag matches nothing, not even `!=`.
  s.filter = {{F::kTag, "owner", "=", "ml"}};
  EXPECT_EQ(Sorted(Names(s)), (Strings{"alpha"}));
  s.filter = {{F::kTag, "owner", "!=", "ml"}};
  EXPECT_EQ(Sorted(Names(s)), (Strings{"beta", "churn_x"}));
  s.filter = {{F::kTag, "owner", "ILIKE", "m%"}};
  EXPECT_EQ(Sorted(Names(s)), (Strings{"alpha", "churn_x"}));
  s.filter = {{F::kTag, "owner", "ILIKE", "m%"}, {F::kTag, "tier", "=", "gold"}};
  EXPECT_EQ(Sorted(Names(s)), (Strings{"alpha"}));
  s.filter = {{F::kTag, "owner", "LIKE", "%"}, {F::kName, "", "LIKE", "%a"}};
  EXPECT_EQ(Sorted(Names(s)), (Strings{"alpha", "beta"}));
  // Bound parameters: a quote in a value is data.
  s.filter = {{F::kName, "", "=", "x' OR '1'='1"}};
  EXPECT_EQ(Sorted(Names(s)), Strings{});
}

TEST_P(RegistrySearchTest, SearchModelsOrdersPagesAndCarriesLatestVersions) {
  Create("a");
  Create("b");
  Create("c");
  Version("b", "s3://bucket/b1");  // bumps b's last update
  Version("b", "s3://bucket/b2");
  VersionPatch staging;
  staging.stage = "staging";
  ASSERT_OK(registry_->UpdateVersion("b", 1, staging, std::nullopt, "bob"));
  using O = ModelSearchOrder::Field;
  ModelSearch s;
  s.order_by = {{O::kName, true}};
  EXPECT_EQ(Names(s), (Strings{"c", "b", "a"}));
  s.order_by = {{O::kLastUpdated, true}};
  EXPECT_EQ(Names(s), (Strings{"b", "c", "a"}));
  s.order_by = {{O::kLastUpdated, false}};
  EXPECT_EQ(Names(s), (Strings{"a", "c", "b"}));

  // Pages: a look-ahead row says whether more follow; the offset continues.
  s.order_by.clear();
  s.limit = 2;
  auto p1 = registry_->SearchModels(s);
  ASSERT_OK(p1);
  ASSERT_EQ(p1->items.size(), 2u);
  EXPECT_TRUE(p1->has_more);
  s.offset = 2;
  auto p2 = registry_->SearchModels(s);
  ASSERT_OK(p2);
  ASSERT_EQ(p2->items.size(), 1u);
  EXPECT_EQ(p2->items[0].name, "c");
  EXPECT_FALSE(p2->has_more);
  // The same with a tag filter (matched after the query).
  ModelPatch t;
  t.tag_edits["x"] = "1";
  for (const char* n : {"a", "b", "c"}) ASSERT_OK(registry_->UpdateModel(n, t, std::nullopt, "b"));
  s.filter = {{ModelSearchClause::Field::kTag, "x", "=", "1"}};
  s.offset = 1;
  s.limit = 1;
  auto p3 = registry_->SearchModels(s);
  ASSERT_OK(p3);
  ASSERT_EQ(p3->items.size(), 1u);
  EXPECT_EQ(p3->items[0].name, "b");
  EXPECT_TRUE(p3->has_more);

  // latest_versions: the newest version of each stage.
  s = ModelSearch{};
  s.filter = {{ModelSearchClause::Field::kName, "", "=", "b"}};
  auto b = registry_->SearchModels(s);
  ASSERT_OK(b);
  ASSERT_EQ(b->items.size(), 1u);
  ASSERT_EQ(b->items[0].versions.size(), 2u);
  EXPECT_EQ(b->items[0].versions[0].version, 1);
  EXPECT_EQ(b->items[0].versions[0].stage, Stage::kStaging);
  EXPECT_EQ(b->items[0].versions[1].version, 2);
  EXPECT_EQ(b->items[0].versions[1].stage, Stage::kNone);

  // Limits as MLflow's: 1..1000; the offset may not be negative.
  s = ModelSearch{};
  s.limit = 0;
  EXPECT_EQ(registry_->SearchModels(s).status().code(), StatusCode::kInvalidArgument);
  s.limit = 1001;
  EXPECT_EQ(registry_->SearchModels(s).status().code(), StatusCode::kInvalidArgument);
  s.limit = 10;
  s.offset = -1;
  EXPECT_EQ(registry_->SearchModels(s).status().code(), StatusCode::kInvalidArgument);
}

TEST_P(RegistrySearchTest, SearchVersionsFiltersOrdersPagesAndHidesDeleted) {
  Create("churn");
  Create("fraud");
  const std::string run1 = Run();
  const std::string run2 = Run();
  Version("churn", "s3://bucket/churn/1", run1, {{"validated", "yes"}});
  Version("churn", "s3://bucket/churn/2", run2);
  Version("churn", "gs://other/churn/3");
  Version("fraud", "s3://bucket/fraud/1", run1);
  using F = VersionSearchClause::Field;
  VersionSearch s;
  // Default order: last updated first, then name ASC, version DESC.
  EXPECT_EQ(Versions(s), (Strings{"fraud/1", "churn/3", "churn/2", "churn/1"}));
  s.filter = {{F::kName, "", "=", std::string("churn")}};
  EXPECT_EQ(Versions(s), (Strings{"churn/3", "churn/2", "churn/1"}));
  // run_id is MLflow's undashed form of Cairn's run id.
  s.filter = {{F::kRunId, "", "=", UndashedUuid(run1)}};
  EXPECT_EQ(Versions(s), (Strings{"fraud/1", "churn/1"}));
  s.filter = {{F::kRunId, "", "IN", Strings{UndashedUuid(run2), "0123"}}};
  EXPECT_EQ(Versions(s), (Strings{"churn/2"}));
  s.filter = {{F::kRunId, "", "=", run1}};  // the dashed form is not an MLflow run id
  EXPECT_EQ(Versions(s), Strings{});
  std::string upper = UndashedUuid(run1);
  for (char& ch : upper) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  s.filter = {{F::kRunId, "", "IN", Strings{upper}}};
  EXPECT_EQ(Versions(s), Strings{});
  s.filter = {{F::kRunId, "", "LIKE", UndashedUuid(run1).substr(0, 8) + "%"}};
  EXPECT_EQ(Versions(s), (Strings{"fraud/1", "churn/1"}));
  s.filter = {{F::kRunId, "", "!=", UndashedUuid(run1)}};  // no run: matches nothing
  EXPECT_EQ(Versions(s), (Strings{"churn/2"}));
  s.filter = {{F::kSource, "", "LIKE", std::string("s3://bucket/churn/%")}};
  EXPECT_EQ(Versions(s), (Strings{"churn/2", "churn/1"}));
  s.filter = {{F::kTag, "validated", "=", std::string("yes")}};
  EXPECT_EQ(Versions(s), (Strings{"churn/1"}));
  // version_number: exact for fractional values.
  s.filter = {{F::kName, "", "=", std::string("churn")}, {F::kVersion, "", ">", 1.0}};
  EXPECT_EQ(Versions(s), (Strings{"churn/3", "churn/2"}));
  s.filter = {{F::kName, "", "=", std::string("churn")}, {F::kVersion, "", ">=", 1.5}};
  EXPECT_EQ(Versions(s), (Strings{"churn/3", "churn/2"}));
  s.filter = {{F::kName, "", "=", std::string("churn")}, {F::kVersion, "", "<=", 2.5}};
  EXPECT_EQ(Versions(s), (Strings{"churn/2", "churn/1"}));
  s.filter = {{F::kVersion, "", "=", 2.5}};
  EXPECT_EQ(Versions(s), Strings{});
  s.filter = {{F::kName, "", "=", std::string("churn")}, {F::kVersion, "", "!=", 2.5}};
  EXPECT_EQ(Versions(s).size(), 3u);

  using O = VersionSearchOrder::Field;
  s.filter.clear();
  s.order_by = {{O::kVersion, false}};
  EXPECT_EQ(Versions(s), (Strings{"churn/1", "fraud/1", "churn/2", "churn/3"}));
  s.order_by = {{O::kCreated, false}};
  EXPECT_EQ(Versions(s), (Strings{"churn/1", "churn/2", "churn/3", "fraud/1"}));
  s.order_by = {{O::kName, true}, {O::kVersion, false}};
  EXPECT_EQ(Versions(s), (Strings{"fraud/1", "churn/1", "churn/2", "churn/3"}));

  s.limit = 3;
  auto p1 = registry_->SearchVersions(s);
  ASSERT_OK(p1);
  EXPECT_EQ(p1->items.size(), 3u);
  EXPECT_TRUE(p1->has_more);
  s.offset = 3;
  auto p2 = registry_->SearchVersions(s);
  ASSERT_OK(p2);
  ASSERT_EQ(p2->items.size(), 1u);
  EXPECT_EQ(p2->items[0].version, 3);
  EXPECT_FALSE(p2->has_more);

  // A deleted version is hidden.
  {
    auto tx = db_->Begin(storage::TxMode::kWrite);
    ASSERT_OK(tx);
    ASSERT_OK(
        (*tx)->Exec("UPDATE model_versions SET deleted_at = 1 WHERE model_name = 'churn' "
                    "AND version = 3"));
    ASSERT_OK((*tx)->Commit());
  }
  s = VersionSearch{};
  s.filter = {{F::kName, "", "=", std::string("churn")}};
  EXPECT_EQ(Versions(s), (Strings{"churn/2", "churn/1"}));

  s.limit = 200001;
  EXPECT_EQ(registry_->SearchVersions(s).status().code(), StatusCode::kInvalidArgument);
  s.limit = 0;
  EXPECT_EQ(registry_->SearchVersions(s).status().code(), StatusCode::kInvalidArgument);
}

INSTANTIATE_TEST_SUITE_P(Backends, RegistrySearchTest,
                         ::testing::ValuesIn(storage::testing::TestBackends()),
                         testing::BackendParamName);

}  // namespace
}  // namespace cairn::registry
