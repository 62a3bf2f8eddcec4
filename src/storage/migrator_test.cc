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
