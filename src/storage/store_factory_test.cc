#include "storage/store_factory.h"

#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>

#include "common/ids.h"
#include "common/testing/status_matchers.h"
#include "storage/migrator.h"
#include "storage/testing/test_databases.h"

namespace cairn::storage {
namespace {

class TempDir {
 public:
  TempDir() : path_(std::filesystem::temp_directory_path() / ("cairn_f_" + NewUuid())) {
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

class CountingObserver : public StatementObserver {
 public:
  void OnStatement(bool is_query, int64_t micros, bool ok) override {
    (is_query ? queries : execs)++;
    if (!ok) failed++;
    if (micros < 0) negative++;
  }
  std::atomic<int> queries{0}, execs{0}, failed{0}, negative{0};
};

TEST(OpenDatabase, SqliteAbsolutePathCreatesParentFoldersAndMigrates) {
  TempDir dir;
  const auto file = dir.path() / "a" / "b" / "cairn.db";
  auto db = OpenDatabase("sqlite://" + file.string(), {});  // "sqlite:///tmp/..."
  ASSERT_OK(db);
  EXPECT_EQ((*db)->backend(), Backend::kSqlite);
  EXPECT_TRUE(std::filesystem::exists(file));
  auto version = CurrentSchemaVersion(**db);
  ASSERT_OK(version);
  EXPECT_EQ(*version, LatestSchemaVersion(Backend::kSqlite));
  EXPECT_TRUE((*db)->Ping());
}

TEST(OpenDatabase, SqliteRelativePath) {
  TempDir dir;
  const auto old = std::filesystem::current_path();
  std::filesystem::current_path(dir.path());
  {
    auto db = OpenDatabase("sqlite://data/x.db", {});
    ASSERT_OK(db);
  }
  std::filesystem::current_path(old);
  EXPECT_TRUE(std::filesystem::exists(dir.path() / "data" / "x.db"));
}

TEST(OpenDatabase, ReopeningAMigratedDatabaseSucceeds) {
  TempDir dir;
  const std::string uri = "sqlite://" + (dir.path() / "c.db").string();
  ASSERT_OK(OpenDatabase(uri, {}));
  auto again = OpenDatabase(uri, {});
  EXPECT_OK(again);
}

TEST(OpenDatabase, DatabaseAheadOfBinaryIsFailedPrecondition) {
  TempDir dir;
  const std::string uri = "sqlite://" + (dir.path() / "c.db").string();
  {
    auto db = OpenDatabase(uri, {});
    ASSERT_OK(db);
    ASSERT_OK(
        (*db)->ExecScript("INSERT INTO schema_migrations (version, name, applied_at) "
                          "VALUES (9999, 'future', '2030-01-01T00:00:00.000Z')"));
  }
  auto db = OpenDatabase(uri, {});
  EXPECT_EQ(db.status().code(), StatusCode::kFailedPrecondition);
}

TEST(OpenDatabase, UnknownSchemeIsInvalidArgument) {
  for (const char* uri : {"mysql://localhost/x", "", "sqlite:/x.db", "sqlite://", "/tmp/x.db"}) {
    EXPECT_EQ(OpenDatabase(uri, {}).status().code(), StatusCode::kInvalidArgument) << uri;
  }
}

TEST(OpenDatabase, UnopenableSqlitePathIsUnavailable) {
  TempDir dir;
  const auto blocker = dir.path() / "file";
  {
    std::FILE* f = std::fopen(blocker.c_str(), "w");
    std::fclose(f);
  }
  // The parent "folder" is a regular file.
  auto db = OpenDatabase("sqlite://" + (blocker / "x.db").string(), {});
  EXPECT_EQ(db.status().code(), StatusCode::kUnavailable) << db.status().ToString();
}

TEST(OpenDatabase, UnreachablePostgresIsUnavailable) {
  // Port 1 on loopback: connection refused immediately.
  for (const char* uri : {"postgresql://nobody@127.0.0.1:1/x", "postgres://nobody@127.0.0.1:1/x"}) {
    auto db = OpenDatabase(uri, {});
    EXPECT_EQ(db.status().code(), StatusCode::kUnavailable) << uri << db.status().ToString();
  }
}

TEST(OpenDatabase, PostgresUriOpensAndMigrates) {
  const char* url = std::getenv(testing::kPgUrlEnv);
  if (url == nullptr || *url == '\0') GTEST_SKIP() << "CAIRN_TEST_PG_URL not set";
  std::string name;
  auto fresh = testing::OpenFreshTestDatabase(Backend::kPostgres, &name, /*migrate=*/false);
  ASSERT_OK(fresh);
  auto db = OpenDatabase(testing::WithDatabaseName(url, name), {});
  ASSERT_OK(db);
  EXPECT_EQ((*db)->backend(), Backend::kPostgres);
  auto version = CurrentSchemaVersion(**db);
  ASSERT_OK(version);
  EXPECT_EQ(*version, LatestSchemaVersion(Backend::kPostgres));
}

TEST(OpenDatabase, ObserverSeesEveryStatement) {
  TempDir dir;
  CountingObserver observer;
  OpenOptions opts;
  opts.observer = &observer;
  auto db = OpenDatabase("sqlite://" + (dir.path() / "o.db").string(), opts);
  ASSERT_OK(db);
  observer.queries = 0;
  observer.execs = 0;
  auto tx = (*db)->Begin(TxMode::kWrite);
  ASSERT_OK(tx);
  ASSERT_OK((*tx)->Query("SELECT 1"));
  ASSERT_OK((*tx)->Exec("CREATE TABLE o (x BIGINT)"));
  EXPECT_FALSE((*tx)->Exec("INSERT INTO nowhere VALUES (1)").ok());
  EXPECT_EQ(observer.queries.load(), 1);
  EXPECT_EQ(observer.execs.load(), 2);
  EXPECT_EQ(observer.failed.load(), 1);
  EXPECT_EQ(observer.negative.load(), 0);
}

int64_t Pragma(SqlDatabase& db, TxMode mode, const std::string& name) {
  auto tx = db.Begin(mode);
  EXPECT_OK(tx);
  if (!tx.ok()) return -1;
  auto row = (*tx)->QueryOne("PRAGMA " + name);
  EXPECT_TRUE(row.ok() && row->has_value()) << name;
  if (!row.ok() || !row->has_value()) return -1;
  return (*row)->Int(0);
}

TEST(OpenDatabase, SqliteConnectionsAreWalNormalWithForeignKeysByDefault) {
  TempDir dir;
  auto db = OpenDatabase("sqlite://" + (dir.path() / "p.db").string(), {});
  ASSERT_OK(db);
  for (TxMode mode : {TxMode::kWrite, TxMode::kRead}) {
    EXPECT_EQ(Pragma(**db, mode, "synchronous"), 1) << "NORMAL";
    EXPECT_EQ(Pragma(**db, mode, "foreign_keys"), 1);
    EXPECT_EQ(Pragma(**db, mode, "busy_timeout"), 10000);
  }
  auto tx = (*db)->Begin(TxMode::kRead);
  ASSERT_OK(tx);
  auto mode = (*tx)->QueryOne("PRAGMA journal_mode");
  ASSERT_OK(mode);
  ASSERT_TRUE(mode->has_value());
  EXPECT_EQ((*mode)->Text(0), "wal");
}

TEST(OpenDatabase, SqliteFsyncEachCommitSelectsSynchronousFull) {
  TempDir dir;
  OpenOptions opts;
  opts.sqlite_fsync_each_commit = true;
  auto db = OpenDatabase("sqlite://" + (dir.path() / "n.db").string(), opts);
  ASSERT_OK(db);
  EXPECT_EQ(Pragma(**db, TxMode::kWrite, "synchronous"), 2);
  EXPECT_EQ(Pragma(**db, TxMode::kRead, "synchronous"), 2);
}

TEST(WithDatabaseName, ReplacesOrAppendsTheDatabase) {
  using testing::WithDatabaseName;
  EXPECT_EQ(WithDatabaseName("postgresql://u@h:5/old", "n"), "postgresql://u@h:5/n");
  EXPECT_EQ(WithDatabaseName("postgresql://u@h:5", "n"), "postgresql://u@h:5/n");
  EXPECT_EQ(WithDatabaseName("postgresql://u@h/old?sslmode=disable", "n"),
            "postgresql://u@h/n?sslmode=disable");
  EXPECT_EQ(WithDatabaseName("postgres://h?host=/tmp/s", "n"), "postgres://h/n?host=/tmp/s");
}

}  // namespace
}  // namespace cairn::storage
