#include "storage/migrator.h"

#include <gtest/gtest.h>

#include <set>

#include "common/testing/status_matchers.h"
#include "storage/testing/faulty_database.h"
#include "storage/testing/test_databases.h"

namespace cairn::storage {
namespace {

using ::cairn::storage::testing::BackendName;
using ::cairn::storage::testing::OpenFreshTestDatabase;
using ::cairn::storage::testing::TestBackends;

const Migration kV1[] = {
    {1, "widgets", "CREATE TABLE t_widgets (id BIGINT PRIMARY KEY, name TEXT NOT NULL);"},
};
const Migration kV2[] = {
    {1, "widgets", "CREATE TABLE t_widgets (id BIGINT PRIMARY KEY, name TEXT NOT NULL);"},
    {2, "gadgets",
     "CREATE TABLE t_gadgets (id BIGINT PRIMARY KEY);\n"
     "CREATE INDEX t_gadgets_id_idx ON t_gadgets (id);\n"
     "INSERT INTO t_widgets (id, name) VALUES (1, 'it''s; a ?')"},
};
// Version 2 fails half-way: its first statement must not survive.
const Migration kV2Broken[] = {
    {1, "widgets", "CREATE TABLE t_widgets (id BIGINT PRIMARY KEY, name TEXT NOT NULL);"},
    {2, "broken", "CREATE TABLE t_gadgets (id BIGINT PRIMARY KEY); INSERT INTO nowhere VALUES (1)"},
};

class MigratorTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    auto db = OpenFreshTestDatabase(GetParam(), nullptr, /*migrate=*/false);
    ASSERT_OK(db);
    db_ = std::move(*db);
  }

  int Version() {
    auto v = CurrentSchemaVersion(*db_);
    EXPECT_OK(v);
    return v.ok() ? *v : -1;
  }

  bool TableExists(const std::string& name) {
    auto tx = db_->Begin(TxMode::kRead);
    EXPECT_OK(tx);
    if (!tx.ok()) return false;
    return (*tx)->Query("SELECT count(*) FROM " + name).ok();
  }

  std::unique_ptr<SqlDatabase> db_;
};

TEST_P(MigratorTest, EmptyDatabaseIsAtVersionZero) { EXPECT_EQ(Version(), 0); }

TEST_P(MigratorTest, EmptyDatabaseIsMigratedFullyEvenWithoutUpgrade) {
  Status st = Migrate(*db_, kV2, /*upgrade=*/false);
  ASSERT_OK(st);
  EXPECT_EQ(Version(), 2);
  EXPECT_TRUE(TableExists("t_widgets"));
  EXPECT_TRUE(TableExists("t_gadgets"));
  auto tx = db_->Begin(TxMode::kRead);
  ASSERT_OK(tx);
  auto rows = (*tx)->Query("SELECT version, name, applied_at FROM schema_migrations ORDER BY 1");
  ASSERT_OK(rows);
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_EQ((*rows)[0].Int(0), 1);
  EXPECT_EQ((*rows)[0].Text(1), "widgets");
  EXPECT_EQ((*rows)[1].Text(1), "gadgets");
  EXPECT_EQ((*rows)[1].Text(2).size(), 24u) << (*rows)[1].Text(2);  // RFC 3339 with millis
}

TEST_P(MigratorTest, UpToDateDatabaseIsLeftAlone) {
  ASSERT_OK(Migrate(*db_, kV2, false));
  Status again = Migrate(*db_, kV2, false);
  EXPECT_OK(again);
  EXPECT_EQ(Version(), 2);
}

TEST_P(MigratorTest, BehindWithoutUpgradeIsFailedPreconditionNamingTheCommand) {
  ASSERT_OK(Migrate(*db_, kV1, false));
  Status st = Migrate(*db_, kV2, /*upgrade=*/false);
  EXPECT_EQ(st.code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(st.message(),
            "database schema is at version 1, this binary needs 2: run `cairn db upgrade`");
  EXPECT_EQ(Version(), 1);
  EXPECT_FALSE(TableExists("t_gadgets"));
}

TEST_P(MigratorTest, BehindWithUpgradeIsMigrated) {
  ASSERT_OK(Migrate(*db_, kV1, false));
  Status st = Migrate(*db_, kV2, /*upgrade=*/true);
  ASSERT_OK(st);
  EXPECT_EQ(Version(), 2);
  EXPECT_TRUE(TableExists("t_gadgets"));
}

TEST_P(MigratorTest, AheadOfTheBinaryIsFailedPrecondition) {
  ASSERT_OK(Migrate(*db_, kV2, false));
  for (bool upgrade : {false, true}) {
    Status st = Migrate(*db_, kV1, upgrade);
    EXPECT_EQ(st.code(), StatusCode::kFailedPrecondition);
    EXPECT_NE(st.message().find("version 2"), std::string::npos) << st.message();
  }
  EXPECT_EQ(Version(), 2);
}

TEST_P(MigratorTest, FailedMigrationLeavesThePreviousVersion) {
  ASSERT_OK(Migrate(*db_, kV1, false));
  Status st = Migrate(*db_, kV2Broken, /*upgrade=*/true);
  EXPECT_FALSE(st.ok());
  EXPECT_NE(st.message().find("0002_broken"), std::string::npos) << st.message();
  EXPECT_EQ(Version(), 1);
  EXPECT_FALSE(TableExists("t_gadgets")) << "the failed migration was not rolled back";
  // The database stays usable and a fixed list applies.
  Status fixed = Migrate(*db_, kV2, /*upgrade=*/true);
  EXPECT_OK(fixed);
  EXPECT_EQ(Version(), 2);
}

TEST_P(MigratorTest, FailedFirstMigrationOnEmptyDatabaseLeavesVersionZero) {
  const Migration broken[] = {{1, "broken", "CREATE TABLE t_a (id BIGINT); SELEC 1"}};
  EXPECT_FALSE(Migrate(*db_, broken, false).ok());
  EXPECT_EQ(Version(), 0);
  EXPECT_FALSE(TableExists("t_a"));
}

// SQLite's table-rebuild procedure (new table, copy, drop, rename) works inside a migration even
// though other tables reference the rebuilt one, and a migration that leaves a dangling reference
// is rolled back on both backends.
TEST_P(MigratorTest, MigrationMayRebuildAReferencedTableButNotBreakReferences) {
  const Migration base[] = {
      {1, "parents",
       "CREATE TABLE t_parent (id BIGINT NOT NULL, CONSTRAINT t_parent_pk PRIMARY KEY (id));\n"
       "CREATE TABLE t_child (parent_id BIGINT NOT NULL, CONSTRAINT t_child_fk FOREIGN KEY "
       "(parent_id) REFERENCES t_parent (id));\n"
       "INSERT INTO t_parent (id) VALUES (1);\nINSERT INTO t_child (parent_id) VALUES (1)"},
  };
  ASSERT_OK(Migrate(*db_, base, false));
  const bool sqlite = GetParam() == Backend::kSqlite;
  const std::string rebuild =
      sqlite ? "CREATE TABLE t_parent_new (id BIGINT NOT NULL, label TEXT NOT NULL DEFAULT '', "
               "CONSTRAINT t_parent_pk PRIMARY KEY (id));\n"
               "INSERT INTO t_parent_new (id) SELECT id FROM t_parent;\n"
               "DROP TABLE t_parent;\nALTER TABLE t_parent_new RENAME TO t_parent"
             : "ALTER TABLE t_parent ADD COLUMN label TEXT NOT NULL DEFAULT ''";
  const Migration rebuilt[] = {base[0], {2, "rebuild", rebuild}};
  ASSERT_OK(Migrate(*db_, rebuilt, true));
  EXPECT_EQ(Version(), 2);

  const Migration broken[] = {base[0], rebuilt[1], {3, "dangling", "DELETE FROM t_parent"}};
  EXPECT_FALSE(Migrate(*db_, broken, true).ok());
  EXPECT_EQ(Version(), 2);
  // Foreign keys are enforced again after the migrator ran.
  auto tx = db_->Begin(TxMode::kWrite);
  ASSERT_OK(tx);
  EXPECT_FALSE((*tx)->Exec("INSERT INTO t_child (parent_id) VALUES (42)").ok());
}

TEST_P(MigratorTest, ListWithGapIsInvalidArgument) {
  const Migration gap[] = {{1, "a", "SELECT 1"}, {3, "c", "SELECT 1"}};
  EXPECT_EQ(Migrate(*db_, gap, false).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(Version(), 0);
}

TEST_P(MigratorTest, UnreachableDatabaseErrorPropagates) {
  db_->Close();
  EXPECT_EQ(Migrate(*db_, kV1, false).code(), StatusCode::kUnavailable);
}

TEST_P(MigratorTest, EmbeddedMigrationsApplyToAFreshDatabase) {
  Status st = Migrate(*db_, /*upgrade=*/false);
  ASSERT_OK(st);
  EXPECT_EQ(Version(), LatestSchemaVersion(GetParam()));
}

// Migration 0009 (MLflow compatibility) on a populated database: existing experiments are
// numbered 1, 2, ... by creation (an experiment named Default becomes 0, otherwise one is
// created), runs and model versions survive the table rebuilds with their children, and the
// experiment id counter continues after the highest id.
TEST_P(MigratorTest, MlflowMigrationNumbersExistingExperimentsAndKeepsRuns) {
  auto all = EmbeddedMigrations(GetParam());
  ASSERT_GE(all.size(), 9u);
  ASSERT_OK(Migrate(*db_, all.subspan(0, 6), false));
  {
    auto tx = db_->Begin(TxMode::kWrite);
    ASSERT_OK(tx);
    for (const char* sql : {
             "INSERT INTO experiments (name, status, created_by, created_at, updated_at, "
             "revision) VALUES ('later', 'active', 'u', 20, 20, 1)",
             "INSERT INTO experiments (name, status, created_by, created_at, updated_at, "
             "revision) VALUES ('earlier', 'active', 'u', 10, 10, 1)",
             "INSERT INTO runs (run_id, experiment_name, status, start_time, created_by, "
             "created_at, updated_at, revision) VALUES ('r1', 'later', 'running', 1, 'u', 1, 1, "
             "1)",
             "INSERT INTO run_params (run_id, key, value) VALUES ('r1', 'k', 'v')",
             "INSERT INTO registered_models (name, last_version, created_at, updated_at) VALUES "
             "('m', 1, 1, 1)",
             "INSERT INTO model_versions (model_name, version, stage, created_by, updated_by, "
             "created_at, updated_at, revision) VALUES ('m', 1, 'production', 'u', 'u', 1, 1, 1)",
         }) {
      ASSERT_OK((*tx)->Exec(sql));
    }
    ASSERT_OK((*tx)->Commit());
  }
  ASSERT_OK(Migrate(*db_, all, /*upgrade=*/true));
  auto tx = db_->Begin(TxMode::kRead);
  ASSERT_OK(tx);
  auto rows = (*tx)->Query("SELECT name, experiment_id FROM experiments ORDER BY experiment_id");
  ASSERT_OK(rows);
  ASSERT_EQ(rows->size(), 3u);
  EXPECT_EQ((*rows)[0].Text(0), "Default");
  EXPECT_EQ((*rows)[0].Int(1), 0);
  EXPECT_EQ((*rows)[1].Text(0), "earlier");
  EXPECT_EQ((*rows)[1].Int(1), 1);
  EXPECT_EQ((*rows)[2].Text(0), "later");
  EXPECT_EQ((*rows)[2].Int(1), 2);
  auto counter = (*tx)->QueryOne(
      "SELECT value FROM tracking_counters WHERE name = "
      "'experiment_id'");
  ASSERT_OK(counter);
  ASSERT_TRUE(counter->has_value());
  EXPECT_EQ((*counter)->Int(0), 2);
  auto run = (*tx)->QueryOne(
      "SELECT r.experiment_name, r.deleted_at, p.value FROM runs r JOIN run_params p ON "
      "p.run_id = r.run_id");
  ASSERT_OK(run);
  ASSERT_TRUE(run->has_value());
  EXPECT_EQ((*run)->Text(0), "later");
  EXPECT_TRUE((*run)->IsNull(1));
  EXPECT_EQ((*run)->Text(2), "v");
  auto version = (*tx)->QueryOne("SELECT stage, source, deleted_at FROM model_versions");
  ASSERT_OK(version);
  ASSERT_TRUE(version->has_value());
  EXPECT_EQ((*version)->Text(0), "production");
  EXPECT_EQ((*version)->Text(1), "");
  EXPECT_TRUE((*version)->IsNull(2));
}

// Migration 15 rebuilds a run's params and tags as tables clustered by run on SQLite (WITHOUT
// ROWID); their rows stay, and latest_metrics and its indexes are untouched.
TEST_P(MigratorTest, ClusteringRunChildrenKeepsTheirRows) {
  auto all = EmbeddedMigrations(GetParam());
  ASSERT_GE(all.size(), 15u);
  ASSERT_EQ(all[14].version, 15);
  ASSERT_OK(Migrate(*db_, all.subspan(0, 14), false));
  {
    auto tx = db_->Begin(TxMode::kWrite);
    ASSERT_OK(tx);
    for (const char* sql : {
             "INSERT INTO experiments (name, status, created_by, created_at, updated_at, "
             "revision, experiment_id) VALUES ('e', 'active', 'u', 1, 1, 1, 7)",
             "INSERT INTO runs (run_id, experiment_name, status, start_time, created_by, "
             "created_at, updated_at, revision) VALUES ('r2', 'e', 'running', 1, 'u', 1, 1, 1)",
             "INSERT INTO runs (run_id, experiment_name, status, start_time, created_by, "
             "created_at, updated_at, revision) VALUES ('r1', 'e', 'running', 1, 'u', 1, 1, 1)",
             "INSERT INTO run_params (run_id, key, value) VALUES ('r2', 'b', 'x'), ('r1', 'a', "
             "'y'), ('r2', 'a', 'z')",
             "INSERT INTO run_tags (run_id, key, value) VALUES ('r1', 't', 'v')",
             "INSERT INTO latest_metrics (run_id, key, value, step, timestamp, is_nan, "
             "experiment_id) VALUES ('r2', 'auc', 0.5, 3, 30, 0, 7), ('r1', 'auc', 0.25, 1, 10, 1, "
             "7)",
         }) {
      ASSERT_OK((*tx)->Exec(sql));
    }
    ASSERT_OK((*tx)->Commit());
  }
  ASSERT_OK(Migrate(*db_, all.subspan(0, 15), /*upgrade=*/true));
  auto tx = db_->Begin(TxMode::kRead);
  ASSERT_OK(tx);
  auto params = (*tx)->Query("SELECT run_id, key, value FROM run_params ORDER BY run_id, key");
  ASSERT_OK(params);
  ASSERT_EQ(params->size(), 3u);
  EXPECT_EQ((*params)[0].Text(0) + (*params)[0].Text(1) + (*params)[0].Text(2), "r1ay");
  EXPECT_EQ((*params)[1].Text(0) + (*params)[1].Text(1) + (*params)[1].Text(2), "r2az");
  EXPECT_EQ((*params)[2].Text(0) + (*params)[2].Text(1) + (*params)[2].Text(2), "r2bx");
  auto tags = (*tx)->Query("SELECT run_id, key, value FROM run_tags");
  ASSERT_OK(tags);
  ASSERT_EQ(tags->size(), 1u);
  EXPECT_EQ((*tags)[0].Text(2), "v");
  auto latest = (*tx)->Query(
      "SELECT run_id, value, step, timestamp, is_nan, experiment_id FROM latest_metrics "
      "WHERE key = 'auc' AND experiment_id = 7 ORDER BY value DESC");
  ASSERT_OK(latest);
  ASSERT_EQ(latest->size(), 2u);
  EXPECT_EQ((*latest)[0].Text(0), "r2");
  EXPECT_EQ((*latest)[0].Double(1), 0.5);
  EXPECT_EQ((*latest)[0].Int(2), 3);
  EXPECT_EQ((*latest)[0].Int(3), 30);
  EXPECT_EQ((*latest)[1].Text(0), "r1");
  EXPECT_EQ((*latest)[1].Int(4), 1);
  if (GetParam() == Backend::kSqlite) {
    auto clustered = (*tx)->QueryOne(
        "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name IN ('run_params', "
        "'run_tags') AND sql LIKE '%WITHOUT ROWID'");
    ASSERT_OK(clustered);
    EXPECT_EQ((*clustered)->Int(0), 2);
    auto indexes = (*tx)->QueryOne(
        "SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND tbl_name = "
        "'latest_metrics' AND name IN ('latest_metrics_key_value_idx', "
        "'latest_metrics_experiment_key_value_idx')");
    ASSERT_OK(indexes);
    EXPECT_EQ((*indexes)->Int(0), 2);
  }
  // The foreign keys still hold: a param of a run that does not exist is refused.
  auto wtx = db_->Begin(TxMode::kWrite);
  ASSERT_OK(wtx);
  EXPECT_FALSE(
      (*wtx)->Exec("INSERT INTO run_params (run_id, key, value) VALUES ('nope', 'k', 'v')").ok());
}

INSTANTIATE_TEST_SUITE_P(Backends, MigratorTest, ::testing::ValuesIn(TestBackends()),
                         [](const auto& info) { return BackendName(info.param); });

TEST(EmbeddedMigrations, BothBackendsHaveTheSameNumbersAndNames) {
  auto sqlite = EmbeddedMigrations(Backend::kSqlite);
  auto postgres = EmbeddedMigrations(Backend::kPostgres);
  ASSERT_EQ(sqlite.size(), postgres.size());
  for (size_t i = 0; i < sqlite.size(); ++i) {
    EXPECT_EQ(sqlite[i].version, static_cast<int>(i) + 1);
    EXPECT_EQ(sqlite[i].version, postgres[i].version);
    EXPECT_EQ(sqlite[i].name, postgres[i].name);
    EXPECT_FALSE(sqlite[i].sql.empty());
    EXPECT_FALSE(postgres[i].sql.empty());
  }
  EXPECT_EQ(LatestSchemaVersion(Backend::kSqlite), static_cast<int>(sqlite.size()));
  EXPECT_EQ(LatestSchemaVersion(Backend::kPostgres), static_cast<int>(postgres.size()));
}

}  // namespace
}  // namespace cairn::storage
