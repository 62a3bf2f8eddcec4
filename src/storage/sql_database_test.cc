// Driver contract tests, run against every backend under test (SQLite always; PostgreSQL when
// CAIRN_TEST_PG_URL is set). Each test gets a fresh, empty database.
#include "storage/sql_database.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <limits>
#include <mutex>
#include <random>
#include <thread>

#include "common/log.h"
#include "common/testing/status_matchers.h"
#include "storage/driver_error.h"
#include "storage/migrator.h"
#include "storage/postgres/postgres_database.h"
#include "storage/sqlite/sqlite_database.h"
#include "storage/testing/faulty_database.h"
#include "storage/testing/test_databases.h"

namespace cairn::storage {
namespace {

using ::cairn::storage::testing::BackendName;
using ::cairn::storage::testing::FaultyDatabase;
using ::cairn::storage::testing::OpenFreshTestDatabase;
using ::cairn::storage::testing::TestBackends;
using ::testing::HasSubstr;
using ::testing::Not;

class SqlDatabaseTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    auto db = OpenFreshTestDatabase(GetParam(), nullptr, /*migrate=*/false);
    ASSERT_OK(db);
    db_ = std::move(*db);
  }

  bool sqlite() const { return GetParam() == Backend::kSqlite; }
  std::string BlobType() const { return sqlite() ? "BLOB" : "BYTEA"; }
  std::string RealType() const { return sqlite() ? "REAL" : "DOUBLE PRECISION"; }

  void Script(const std::string& sql) {
    Status st = db_->ExecScript(sql);
    ASSERT_OK(st);
  }

  void CreateKv() {
    Script("CREATE TABLE kv (k TEXT NOT NULL, v BIGINT, CONSTRAINT kv_pk PRIMARY KEY (k))");
  }

  int64_t Count(const std::string& table) {
    auto tx = db_->Begin(TxMode::kRead);
    EXPECT_OK(tx);
    if (!tx.ok()) return -1;
    auto row = (*tx)->QueryOne("SELECT count(*) FROM " + table);
    EXPECT_OK(row);
    if (!row.ok() || !row->has_value()) return -1;
    return (*row)->Int(0);
  }

  std::unique_ptr<SqlDatabase> db_;
};

TEST_P(SqlDatabaseTest, ReportsItsBackendAndPings) {
  EXPECT_EQ(db_->backend(), GetParam());
  EXPECT_TRUE(db_->Ping());
}

TEST_P(SqlDatabaseTest, ValuesRoundTripWithTheirTypes) {
  Script("CREATE TABLE t (i BIGINT, d " + RealType() + ", s TEXT, b " + BlobType() + ", n TEXT)");
  const std::string bytes("\0\x01\xff\x00zz\x80", 7);
  const int64_t big = std::numeric_limits<int64_t>::max() - 7;
  const int64_t small = std::numeric_limits<int64_t>::min();
  {
    auto tx = db_->Begin(TxMode::kWrite);
    ASSERT_OK(tx);
    const Value row1[] = {big, 0.1, std::string("héllo 'q' ?"), Blob{bytes}, std::monostate()};
    const Value row2[] = {small, -1e300, std::string(), Blob{}, std::monostate()};
    auto n = (*tx)->Exec("INSERT INTO t (i, d, s, b, n) VALUES (?, ?, ?, ?, ?)", row1);
    ASSERT_OK(n);
    EXPECT_EQ(*n, 1);
    ASSERT_OK((*tx)->Exec("INSERT INTO t (i, d, s, b, n) VALUES (?, ?, ?, ?, ?)", row2));
    ASSERT_OK((*tx)->Commit());
  }
  auto tx = db_->Begin(TxMode::kRead);
  ASSERT_OK(tx);
  auto rows = (*tx)->Query("SELECT i, d, s, b, n FROM t ORDER BY i DESC");
  ASSERT_OK(rows);
  ASSERT_EQ(rows->size(), 2u);
  const Row& r = (*rows)[0];
  EXPECT_TRUE(std::holds_alternative<int64_t>(r.cell(0)));
  EXPECT_EQ(r.Int(0), big);
  EXPECT_TRUE(std::holds_alternative<double>(r.cell(1)));
  EXPECT_EQ(r.Double(1), 0.1);
  EXPECT_EQ(r.Text(2), "héllo 'q' ?");
  ASSERT_TRUE(std::holds_alternative<Blob>(r.cell(3)));
  EXPECT_EQ(r.BlobBytes(3), bytes);
  EXPECT_TRUE(r.IsNull(4));
  EXPECT_EQ(r.OptText(4), std::nullopt);
  const Row& r2 = (*rows)[1];
  EXPECT_EQ(r2.Int(0), small);
  EXPECT_EQ(r2.Double(1), -1e300);
  EXPECT_EQ(r2.OptText(2), std::optional<std::string>(""));
  EXPECT_TRUE(std::holds_alternative<Blob>(r2.cell(3)));
  EXPECT_EQ(r2.BlobBytes(3), "");
}

TEST_P(SqlDatabaseTest, LargeBlobRoundTrips) {
  Script("CREATE TABLE blobs (id BIGINT PRIMARY KEY, b " + BlobType() + " NOT NULL)");
  std::string bytes(1 << 20, '\0');
  for (size_t i = 0; i < bytes.size(); ++i) bytes[i] = static_cast<char>(i * 131 % 256);
  {
    auto tx = db_->Begin(TxMode::kWrite);
    ASSERT_OK(tx);
    const Value params[] = {int64_t{1}, Blob{bytes}};
    ASSERT_OK((*tx)->Exec("INSERT INTO blobs (id, b) VALUES (?, ?)", params));
    ASSERT_OK((*tx)->Commit());
  }
  auto tx = db_->Begin(TxMode::kRead);
  ASSERT_OK(tx);
  const Value id[] = {int64_t{1}};
  auto row = (*tx)->QueryOne("SELECT b FROM blobs WHERE id = ?", id);
  ASSERT_OK(row);
  ASSERT_TRUE(row->has_value());
  EXPECT_EQ((*row)->BlobBytes(0), bytes);
}

TEST_P(SqlDatabaseTest, QueryOneReturnsNulloptForNoRows) {
  CreateKv();
  auto tx = db_->Begin(TxMode::kRead);
  ASSERT_OK(tx);
  const Value k[] = {std::string("missing")};
  auto row = (*tx)->QueryOne("SELECT v FROM kv WHERE k = ?", k);
  ASSERT_OK(row);
  EXPECT_FALSE(row->has_value());
}

// The stores rely on LIKE meaning the same on both backends: case-sensitive, with an explicit
// escape character; a case-insensitive match is written LOWER(x) LIKE LOWER(?).
TEST_P(SqlDatabaseTest, LikeIsCaseSensitiveOnBothBackends) {
  auto tx = db_->Begin(TxMode::kRead);
  ASSERT_OK(tx);
  auto row = (*tx)->QueryOne(
      "SELECT CASE WHEN 'Alpha' LIKE ? ESCAPE '\\' THEN 1 ELSE 0 END, "
      "CASE WHEN 'Alpha' LIKE ? ESCAPE '\\' THEN 1 ELSE 0 END, "
      "CASE WHEN LOWER('Alpha') LIKE LOWER(?) ESCAPE '\\' THEN 1 ELSE 0 END, "
      "CASE WHEN 'a_b' LIKE ? ESCAPE '\\' THEN 1 ELSE 0 END, "
      "CASE WHEN 'axb' LIKE ? ESCAPE '\\' THEN 1 ELSE 0 END",
      std::vector<Value>{std::string("al%"), std::string("Al%"), std::string("AL%"),
                         std::string("a\\_b"), std::string("a\\_b")});
  ASSERT_OK(row);
  ASSERT_TRUE(row->has_value());
  EXPECT_EQ((*row)->Int(0), 0);
  EXPECT_EQ((*row)->Int(1), 1);
  EXPECT_EQ((*row)->Int(2), 1);
  EXPECT_EQ((*row)->Int(3), 1);
  EXPECT_EQ((*row)->Int(4), 0);
}

TEST_P(SqlDatabaseTest, CommitPersistsAndDestructorRollsBack) {
  CreateKv();
  {
    auto tx = db_->Begin(TxMode::kWrite);
    ASSERT_OK(tx);
    const Value p[] = {std::string("a"), int64_t{1}};
    ASSERT_OK((*tx)->Exec("INSERT INTO kv (k, v) VALUES (?, ?)", p));
    ASSERT_OK((*tx)->Commit());
  }
  {
    auto tx = db_->Begin(TxMode::kWrite);
    ASSERT_OK(tx);
    const Value p[] = {std::string("b"), int64_t{2}};
    ASSERT_OK((*tx)->Exec("INSERT INTO kv (k, v) VALUES (?, ?)", p));
    // no Commit: the destructor rolls back
  }
  EXPECT_EQ(Count("kv"), 1);
  // The connection is usable again after the rollback.
  auto tx = db_->Begin(TxMode::kWrite);
  ASSERT_OK(tx);
  const Value p[] = {std::string("b"), int64_t{2}};
  ASSERT_OK((*tx)->Exec("INSERT INTO kv (k, v) VALUES (?, ?)", p));
  ASSERT_OK((*tx)->Commit());
  EXPECT_EQ(Count("kv"), 2);
}

TEST_P(SqlDatabaseTest, ExecReturnsRowsChanged) {
  CreateKv();
  Script(
      "INSERT INTO kv (k, v) VALUES ('a', 1); INSERT INTO kv (k, v) VALUES ('b', 1);"
      "INSERT INTO kv (k, v) VALUES ('c', 2)");
  auto tx = db_->Begin(TxMode::kWrite);
  ASSERT_OK(tx);
  const Value p[] = {int64_t{1}};
  auto n = (*tx)->Exec("UPDATE kv SET v = v + 10 WHERE v = ?", p);
  ASSERT_OK(n);
  EXPECT_EQ(*n, 2);
  auto none = (*tx)->Exec("DELETE FROM kv WHERE k = 'zzz'");
  ASSERT_OK(none);
  EXPECT_EQ(*none, 0);
}

TEST_P(SqlDatabaseTest, UniqueViolationIsAlreadyExists) {
  CreateKv();
  auto tx = db_->Begin(TxMode::kWrite);
  ASSERT_OK(tx);
  const Value p[] = {std::string("a"), int64_t{1}};
  ASSERT_OK((*tx)->Exec("INSERT INTO kv (k, v) VALUES (?, ?)", p));
  auto dup = (*tx)->Exec("INSERT INTO kv (k, v) VALUES (?, ?)", p);
  EXPECT_EQ(dup.status().code(), StatusCode::kAlreadyExists) << dup.status().ToString();
}

TEST_P(SqlDatabaseTest, UniqueIndexViolationIsAlreadyExists) {
  Script(
      "CREATE TABLE u (id BIGINT PRIMARY KEY, name TEXT NOT NULL);"
      "CREATE UNIQUE INDEX u_name_idx ON u (name)");
  auto tx = db_->Begin(TxMode::kWrite);
  ASSERT_OK(tx);
  ASSERT_OK((*tx)->Exec("INSERT INTO u (id, name) VALUES (1, 'x')"));
  auto dup = (*tx)->Exec("INSERT INTO u (id, name) VALUES (2, 'x')");
  EXPECT_EQ(dup.status().code(), StatusCode::kAlreadyExists) << dup.status().ToString();
}

TEST_P(SqlDatabaseTest, ForeignKeyNotNullAndCheckViolationsAreFailedPrecondition) {
  Script(
      "CREATE TABLE parent (id BIGINT PRIMARY KEY);"
      "CREATE TABLE child (id BIGINT PRIMARY KEY, parent_id BIGINT NOT NULL "
      "REFERENCES parent (id), qty BIGINT CHECK (qty >= 0))");
  for (const char* sql : {"INSERT INTO child (id, parent_id) VALUES (1, 42)",
                          "INSERT INTO child (id, parent_id) VALUES (1, NULL)",
                          "INSERT INTO child (id, parent_id, qty) VALUES (1, 1, -1)"}) {
    Script("DELETE FROM child; DELETE FROM parent; INSERT INTO parent (id) VALUES (1)");
    auto tx = db_->Begin(TxMode::kWrite);
    ASSERT_OK(tx);
    auto r = (*tx)->Exec(sql);
    EXPECT_EQ(r.status().code(), StatusCode::kFailedPrecondition)
        << sql << ": " << r.status().ToString();
  }
}

TEST_P(SqlDatabaseTest, SyntaxErrorIsInternalAndOnlyTheLogSaysWhy) {
  auto tx = db_->Begin(TxMode::kRead);
  ASSERT_OK(tx);
  ::testing::internal::CaptureStderr();
  Status st;
  {
    log::ScopedRequestId context("req-syntax");
    st = (*tx)->Query("SELEC nonsense").status();
  }
  std::string log = ::testing::internal::GetCapturedStderr();
  EXPECT_EQ(st.code(), StatusCode::kInternal);
  EXPECT_EQ(st.message(), GenericDriverMessage(StatusCode::kInternal));
  EXPECT_THAT(log, HasSubstr("request_id=req-syntax storage "));
  EXPECT_THAT(log, HasSubstr("syntax"));
}

// Driver messages name tables, constraints and SQL: they go to the log (with the request id)
// and never into the status a store may pass on to a client.
TEST_P(SqlDatabaseTest, ConstraintViolationsCarryGenericMessagesAndLogTheDriverText) {
  Script(
      "CREATE TABLE secret_table (id BIGINT NOT NULL, qty BIGINT, "
      "CONSTRAINT secret_table_pk PRIMARY KEY (id), "
      "CONSTRAINT secret_qty_check CHECK (qty >= 0))");
  struct Case {
    const char* sql;
    StatusCode code;
  };
  for (const Case& c :
       {Case{"INSERT INTO secret_table (id, qty) VALUES (1, 1)", StatusCode::kAlreadyExists},
        Case{"INSERT INTO secret_table (id, qty) VALUES (2, -5)",
             StatusCode::kFailedPrecondition}}) {
    Script("DELETE FROM secret_table; INSERT INTO secret_table (id, qty) VALUES (1, 1)");
    log::SetQuiet(false);
    ::testing::internal::CaptureStderr();
    Status st;
    {
      log::ScopedRequestId context("req-42");
      auto tx = db_->Begin(TxMode::kWrite);
      ASSERT_OK(tx);
      st = (*tx)->Exec(c.sql).status();
    }
    std::string log = ::testing::internal::GetCapturedStderr();
    EXPECT_EQ(st.code(), c.code) << c.sql << ": " << st.ToString();
    EXPECT_EQ(st.message(), GenericDriverMessage(c.code));
    for (const char* secret : {"secret", "INSERT", "onstraint", "CONSTRAINT", "qty"}) {
      EXPECT_THAT(st.message(), Not(HasSubstr(secret))) << c.sql;
    }
    EXPECT_THAT(log, HasSubstr("request_id=req-42 storage ")) << log;
    EXPECT_THAT(log, HasSubstr("secret_")) << log;  // the driver's words, for the operator
  }
}

// A writer that cannot get its lock in time: SQLite's busy writer lock (a second handle on the
// same file), PostgreSQL's lock timeout on a row another transaction holds.
TEST_P(SqlDatabaseTest, BusyDatabaseIsUnavailableWithAGenericMessage) {
  std::string where;
  auto opened = OpenFreshTestDatabase(GetParam(), &where, /*migrate=*/false);
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  std::unique_ptr<SqlDatabase> db = std::move(*opened);
  ASSERT_TRUE(db->ExecScript("CREATE TABLE kv (k TEXT PRIMARY KEY, v BIGINT);"
                             "INSERT INTO kv (k, v) VALUES ('a', 1)")
                  .ok());
  auto holder = db->Begin(TxMode::kWrite);
  ASSERT_TRUE(holder.ok());
  ASSERT_TRUE((*holder)->Exec("UPDATE kv SET v = 2 WHERE k = 'a'").ok());

  std::unique_ptr<SqlDatabase> second;
  if (sqlite()) {
    SqliteDatabase::Options options;
    options.busy_timeout_ms = 50;
    auto other = SqliteDatabase::Open(where + "/cairn.db", options);
    ASSERT_TRUE(other.ok()) << other.status().ToString();
    second = std::move(*other);
  }
  ::testing::internal::CaptureStderr();
  Status st;
  {
    log::ScopedRequestId context("req-busy");
    if (sqlite()) {
      st = second->Begin(TxMode::kWrite).status();
    } else {
      auto tx = db->Begin(TxMode::kWrite);
      ASSERT_OK(tx);
      ASSERT_TRUE((*tx)->Exec("SET LOCAL lock_timeout = '50ms'").ok());
      st = (*tx)->Exec("UPDATE kv SET v = 3 WHERE k = 'a'").status();
    }
  }
  std::string log = ::testing::internal::GetCapturedStderr();
  EXPECT_EQ(st.code(), StatusCode::kUnavailable) << st.ToString();
  EXPECT_EQ(st.message(), GenericDriverMessage(StatusCode::kUnavailable));
  EXPECT_THAT(log, HasSubstr("ERROR request_id=req-busy storage ")) << log;
}

TEST_P(SqlDatabaseTest, ParameterCountMismatchIsInvalidArgument) {
  CreateKv();
  auto tx = db_->Begin(TxMode::kWrite);
  ASSERT_OK(tx);
  const Value one[] = {std::string("a")};
  EXPECT_EQ((*tx)->Exec("INSERT INTO kv (k, v) VALUES (?, ?)", one).status().code(),
            StatusCode::kInvalidArgument);
}

TEST_P(SqlDatabaseTest, QuestionMarkInsideStringLiteralIsNotAPlaceholder) {
  CreateKv();
  auto tx = db_->Begin(TxMode::kWrite);
  ASSERT_OK(tx);
  const Value p[] = {int64_t{5}};
  auto n = (*tx)->Exec("INSERT INTO kv (k, v) VALUES ('what?''s ?', ?)", p);
  ASSERT_OK(n);
  const Value k[] = {std::string("what?'s ?")};
  auto row = (*tx)->QueryOne("SELECT v, 'lit?' FROM kv WHERE k = ?", k);
  ASSERT_OK(row);
  ASSERT_TRUE(row->has_value());
  EXPECT_EQ((*row)->Int(0), 5);
  EXPECT_EQ((*row)->Text(1), "lit?");
}

TEST_P(SqlDatabaseTest, StatementsAreReusableAcrossCalls) {
  CreateKv();
  auto tx = db_->Begin(TxMode::kWrite);
  ASSERT_OK(tx);
  for (int64_t i = 0; i < 200; ++i) {
    const Value p[] = {"k" + std::to_string(i), i};
    ASSERT_OK((*tx)->Exec("INSERT INTO kv (k, v) VALUES (?, ?)", p));
  }
  auto sum = (*tx)->QueryOne("SELECT sum(v) FROM kv");
  ASSERT_OK(sum);
  ASSERT_TRUE(sum->has_value());
  EXPECT_EQ((*sum)->Double(0), 199.0 * 200 / 2);
  ASSERT_OK((*tx)->Commit());
}

TEST_P(SqlDatabaseTest, PostgresPreparesEachStatementOncePerConnection) {
  if (sqlite()) GTEST_SKIP() << "PostgreSQL statement cache";
  CreateKv();
  auto tx = db_->Begin(TxMode::kWrite);
  ASSERT_TRUE(tx.ok());
  for (int64_t i = 0; i < 50; ++i) {
    const Value with_value[] = {"k" + std::to_string(i), i};
    const Value with_null[] = {"n" + std::to_string(i), std::monostate()};
    ASSERT_TRUE((*tx)->Exec("INSERT INTO kv (k, v) VALUES (?, ?)", with_value).ok());
    ASSERT_TRUE((*tx)->Exec("INSERT INTO kv (k, v) VALUES (?, ?)", with_null).ok());
  }
  // One statement per parameter-type variant: (text, int8) and (text, untyped NULL).
  auto prepared = (*tx)->QueryOne(
      "SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE 'INSERT INTO kv%'");
  ASSERT_TRUE(prepared.ok() && prepared->has_value()) << prepared.status().ToString();
  EXPECT_EQ((*prepared)->Int(0), 2);
  auto rows = (*tx)->QueryOne("SELECT count(*), count(v) FROM kv");
  ASSERT_TRUE(rows.ok() && rows->has_value());
  EXPECT_EQ((*rows)->Int(0), 100);
  EXPECT_EQ((*rows)->Int(1), 50);
}

TEST_P(SqlDatabaseTest, PostgresStatementCacheIsBounded) {
  if (sqlite()) GTEST_SKIP() << "PostgreSQL statement cache";
  auto tx = db_->Begin(TxMode::kRead);
  ASSERT_TRUE(tx.ok());
  for (int64_t i = 0; i < 600; ++i) {
    const Value p[] = {i};
    auto row = (*tx)->QueryOne("SELECT ? + " + std::to_string(i), p);
    ASSERT_TRUE(row.ok() && row->has_value()) << i << ": " << row.status().ToString();
    EXPECT_EQ((*row)->Int(0), 2 * i);
  }
  auto prepared = (*tx)->QueryOne("SELECT count(*) FROM pg_prepared_statements");
  ASSERT_TRUE(prepared.ok() && prepared->has_value());
  EXPECT_EQ((*prepared)->Int(0), 512);
}

// A cached statement must not outlive the table shape it was prepared for.
TEST_P(SqlDatabaseTest, CachedStatementsFollowSchemaChanges) {
  CreateKv();
  Script("INSERT INTO kv (k, v) VALUES ('a', 1)");
  const Value key[] = {std::string("a")};
  for (int round = 0; round < 2; ++round) {
    auto tx = db_->Begin(TxMode::kRead);
    ASSERT_TRUE(tx.ok());
    auto row = (*tx)->QueryOne("SELECT * FROM kv WHERE k = ?", key);
    ASSERT_TRUE(row.ok() && row->has_value()) << row.status().ToString();
    EXPECT_EQ((*row)->size(), 2u);
  }
  Script("ALTER TABLE kv ADD COLUMN extra TEXT DEFAULT 'x'");
  for (int round = 0; round < 3; ++round) {
    auto tx = db_->Begin(TxMode::kRead);
    ASSERT_TRUE(tx.ok());
    auto row = (*tx)->QueryOne("SELECT * FROM kv WHERE k = ?", key);
    ASSERT_TRUE(row.ok() && row->has_value()) << row.status().ToString();
    ASSERT_EQ((*row)->size(), 3u);
    EXPECT_EQ((*row)->Text(2), "x");
  }
}

TEST_P(SqlDatabaseTest, FailedStatementThenCommitDoesNotCommitOnPostgres) {
  CreateKv();
  auto tx = db_->Begin(TxMode::kWrite);
  ASSERT_OK(tx);
  ASSERT_OK((*tx)->Exec("INSERT INTO kv (k, v) VALUES ('a', 1)"));
  EXPECT_FALSE((*tx)->Exec("INSERT INTO kv (k, v) VALUES ('a', 1)").ok());
  Status commit = (*tx)->Commit();
  if (sqlite()) {
    // SQLite keeps the transaction after a failed statement: the first insert commits.
    EXPECT_OK(commit);
    EXPECT_EQ(Count("kv"), 1);
  } else {
    EXPECT_FALSE(commit.ok());
    EXPECT_EQ(Count("kv"), 0);
  }
  EXPECT_FALSE((*tx)->Commit().ok()) << "a finished transaction cannot commit twice";
}

TEST_P(SqlDatabaseTest, ConcurrentWritersLoseNoUpdates) {
  Script(
      "CREATE TABLE counter (id BIGINT PRIMARY KEY, n BIGINT NOT NULL);"
      "INSERT INTO counter (id, n) VALUES (1, 0)");
  CreateKv();
  constexpr int kThreads = 4;
  constexpr int kIncrements = 50;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kIncrements; ++i) {
        auto tx = db_->Begin(TxMode::kWrite);
        if (!tx.ok()) {
          ++failures;
          continue;
        }
        const Value p[] = {"t" + std::to_string(t) + "_" + std::to_string(i), int64_t{i}};
        if (!(*tx)->Exec("UPDATE counter SET n = n + 1 WHERE id = 1").ok() ||
            !(*tx)->Exec("INSERT INTO kv (k, v) VALUES (?, ?)", p).ok() || !(*tx)->Commit().ok()) {
          ++failures;
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
  auto tx = db_->Begin(TxMode::kRead);
  ASSERT_OK(tx);
  auto row = (*tx)->QueryOne("SELECT n FROM counter WHERE id = 1");
  ASSERT_OK(row);
  ASSERT_TRUE(row->has_value());
  EXPECT_EQ((*row)->Int(0), kThreads * kIncrements);
  EXPECT_EQ(Count("kv"), kThreads * kIncrements);
}

TEST_P(SqlDatabaseTest, ReadTransactionRunsDuringAWriteAndSeesCommittedData) {
  CreateKv();
  Script("INSERT INTO kv (k, v) VALUES ('a', 1)");
  auto writer = db_->Begin(TxMode::kWrite);
  ASSERT_OK(writer);
  ASSERT_OK((*writer)->Exec("UPDATE kv SET v = 2 WHERE k = 'a'"));
  {
    // A reader does not wait for the open write transaction and sees the committed value.
    auto reader = db_->Begin(TxMode::kRead);
    ASSERT_OK(reader);
    auto row = (*reader)->QueryOne("SELECT v FROM kv WHERE k = 'a'");
    ASSERT_OK(row);
    ASSERT_TRUE(row->has_value());
    EXPECT_EQ((*row)->Int(0), 1);
  }
  ASSERT_OK((*writer)->Commit());
  auto reader = db_->Begin(TxMode::kRead);
  ASSERT_OK(reader);
  auto row = (*reader)->QueryOne("SELECT v FROM kv WHERE k = 'a'");
  ASSERT_OK(row);
  ASSERT_TRUE(row->has_value());
  EXPECT_EQ((*row)->Int(0), 2);
}

TEST_P(SqlDatabaseTest, ReadTransactionRejectsWrites) {
  CreateKv();
  auto tx = db_->Begin(TxMode::kRead);
  ASSERT_OK(tx);
  EXPECT_FALSE((*tx)->Exec("INSERT INTO kv (k, v) VALUES ('a', 1)").ok());
}

TEST_P(SqlDatabaseTest, ExecScriptFailureRollsBackItsTransaction) {
  CreateKv();
  Status st = db_->ExecScript(
      "BEGIN; INSERT INTO kv (k, v) VALUES ('a', 1); INSERT INTO kv (k, v) VALUES ('a', 2); "
      "COMMIT;");
  EXPECT_EQ(st.code(), StatusCode::kAlreadyExists) << st.ToString();
  EXPECT_EQ(Count("kv"), 0);
  // The connection that ran the script is not left inside a transaction.
  Script("INSERT INTO kv (k, v) VALUES ('b', 1)");
  EXPECT_EQ(Count("kv"), 1);
}

TEST_P(SqlDatabaseTest, CloseMakesBeginUnavailable) {
  db_->Close();
  auto tx = db_->Begin(TxMode::kWrite);
  EXPECT_EQ(tx.status().code(), StatusCode::kUnavailable);
  EXPECT_EQ(db_->Begin(TxMode::kRead).status().code(), StatusCode::kUnavailable);
  EXPECT_FALSE(db_->Ping());
}

TEST_P(SqlDatabaseTest, FaultInjectionFailsTheNthStatementAndRollsBack) {
  CreateKv();
  FaultyDatabase faulty(*db_);
  auto write_two = [&]() -> Status {
    ASSIGN_OR_RETURN(auto tx, faulty.Begin(TxMode::kWrite));
    ASSIGN_OR_RETURN(int64_t n1, tx->Exec("INSERT INTO kv (k, v) VALUES ('a', 1)"));
    ASSIGN_OR_RETURN(int64_t n2, tx->Exec("INSERT INTO kv (k, v) VALUES ('b', 2)"));
    (void)n1;
    (void)n2;
    return tx->Commit();
  };
  ASSERT_OK(write_two());
  EXPECT_EQ(faulty.statements(), 3);  // two Execs and the Commit
  Script("DELETE FROM kv");
  for (int n = 1; n <= 3; ++n) {
    faulty.Reset();
    faulty.FailNth(n, n == 2 ? StatusCode::kInternal : StatusCode::kUnavailable);
    Status st = write_two();
    EXPECT_EQ(st.code(), n == 2 ? StatusCode::kInternal : StatusCode::kUnavailable) << n;
    EXPECT_EQ(faulty.failures(), 1);
    EXPECT_EQ(Count("kv"), 0) << "statement " << n << " failed but rows were committed";
  }
  faulty.Reset();
  ASSERT_OK(write_two()) << "the database works again once disarmed";
  EXPECT_EQ(Count("kv"), 2);
}

TEST_P(SqlDatabaseTest, PostgresReconnectsAfterTheServerDropsAConnection) {
  if (sqlite()) GTEST_SKIP() << "PostgreSQL connection handling";
  auto admin = PostgresDatabase::Open(std::getenv(testing::kPgUrlEnv), {});
  ASSERT_OK(admin);
  auto terminate = [&](int64_t pid) {
    ASSERT_OK((*admin)->ExecScript("SELECT pg_terminate_backend(" + std::to_string(pid) +
                                   "); SELECT pg_sleep(0.2)"));
  };
  int64_t pid = 0;
  {
    auto tx = db_->Begin(TxMode::kWrite);
    ASSERT_OK(tx);
    auto row = (*tx)->QueryOne("SELECT pg_backend_pid()");
    ASSERT_OK(row);
    ASSERT_TRUE(row->has_value());
    pid = (*row)->Int(0);
    ASSERT_OK((*tx)->Commit());
  }
  // Idle pooled connection killed: Begin notices and retries on a fresh connection.
  terminate(pid);
  for (int i = 0; i < 4; ++i) {
    auto tx = db_->Begin(TxMode::kRead);
    ASSERT_OK(tx);
    EXPECT_OK((*tx)->Query("SELECT 1"));
  }
  // Connection killed mid-transaction: the statement is Unavailable, the connection dropped.
  {
    auto tx = db_->Begin(TxMode::kWrite);
    ASSERT_OK(tx);
    auto row = (*tx)->QueryOne("SELECT pg_backend_pid()");
    ASSERT_OK(row);
    ASSERT_TRUE(row->has_value());
    terminate((*row)->Int(0));
    EXPECT_EQ((*tx)->Query("SELECT 1").status().code(), StatusCode::kUnavailable);
    EXPECT_EQ((*tx)->Commit().code(), StatusCode::kUnavailable);
  }
  // No pool slot leaked: the whole pool (4 in tests) can be held at once.
  std::vector<std::unique_ptr<Transaction>> held;
  for (int i = 0; i < 4; ++i) {
    auto tx = db_->Begin(TxMode::kWrite);
    ASSERT_OK(tx) << i << ": " << tx.status().ToString();
    held.push_back(std::move(*tx));
  }
}

// ---------------------------------------------------------------- SQLite group commit

class SqliteGroupCommitTest : public ::testing::Test {
 protected:
  void Open(int max_group = 32, int checkpoint_pages = 1000) {
    auto scratch = OpenFreshTestDatabase(Backend::kSqlite, &where_, /*migrate=*/false);
    ASSERT_OK(scratch);
    scratch_ = std::move(*scratch);  // keeps the folder; this test opens its own file in it
    options_.max_commit_group = max_group;
    options_.checkpoint_pages = checkpoint_pages;
    auto db = SqliteDatabase::Open(where_ + "/group.db", options_);
    ASSERT_OK(db);
    db_ = std::move(*db);
    ASSERT_OK(db_->ExecScript("CREATE TABLE kv (k TEXT PRIMARY KEY, v BIGINT NOT NULL)"));
  }

  // Begins a write transaction and inserts k, in a thread; the transaction then commits, or
  // rolls back when `commit` is false, and the thread records the outcome.
  std::thread Writer(const std::string& k, bool commit, Status* out) {
    return std::thread([this, k, commit, out] {
      auto tx = db_->Begin(TxMode::kWrite);
      if (!tx.ok()) {
        *out = tx.status();
        return;
      }
      const Value p[] = {k, int64_t{1}};
      if (auto r = (*tx)->Exec("INSERT INTO kv (k, v) VALUES (?, 1)", {p, 1}); !r.ok()) {
        *out = r.status();
        return;
      }
      *out = commit ? (*tx)->Commit() : Status::Ok();
    });
  }

  std::vector<std::string> Keys() {
    auto tx = db_->Begin(TxMode::kRead);
    EXPECT_OK(tx);
    std::vector<std::string> keys;
    if (!tx.ok()) return keys;
    auto rows = (*tx)->Query("SELECT k FROM kv ORDER BY k");
    EXPECT_OK(rows);
    if (rows.ok())
      for (const Row& r : *rows) keys.push_back(r.Text(0));
    return keys;
  }

  // Waits until `n` writers started just before are queued for the writer connection; false
  // after 30 s.
  bool Queued(int n) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (db_->commit_stats().waiting < n) {
      if (std::chrono::steady_clock::now() > deadline) return false;
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    return true;
  }

  std::string where_;
  SqliteDatabase::Options options_;
  std::unique_ptr<SqlDatabase> scratch_;
  std::unique_ptr<SqliteDatabase> db_;
};

TEST_F(SqliteGroupCommitTest, QueuedWritersCommitInOneGroupAndReturnOnlyOnceItIsCommitted) {
  Open();
  auto first = db_->Begin(TxMode::kWrite);
  ASSERT_OK(first);
  ASSERT_OK((*first)->Exec("INSERT INTO kv (k, v) VALUES ('a', 1)"));
  Status b, c;
  std::thread tb = Writer("b", true, &b);
  std::thread tc = Writer("c", true, &c);
  ASSERT_TRUE(Queued(2));
  // Two writers wait: this commit joins a group, which the last of them commits, and returns
  // after that COMMIT: a reader sees all three at once.
  ASSERT_OK((*first)->Commit());
  EXPECT_THAT(Keys(), ::testing::ElementsAre("a", "b", "c"));
  tb.join();
  tc.join();
  EXPECT_OK(b);
  EXPECT_OK(c);
  SqliteDatabase::CommitStats stats = db_->commit_stats();
  EXPECT_EQ(stats.transactions, 3);
  EXPECT_EQ(stats.commits, 1);
}

TEST_F(SqliteGroupCommitTest, AMemberThatRollsBackOrFailsLeavesTheOthers) {
  Open();
  auto first = db_->Begin(TxMode::kWrite);
  ASSERT_OK(first);
  ASSERT_OK((*first)->Exec("INSERT INTO kv (k, v) VALUES ('a', 1)"));
  Status rolled, dup, d;
  std::thread t1 = Writer("rolled-back", false, &rolled);
  ASSERT_TRUE(Queued(1));
  std::thread t2 = Writer("a", true, &dup);  // sees 'a' from the first member: a conflict
  ASSERT_TRUE(Queued(2));
  std::thread t3 = Writer("d", true, &d);
  ASSERT_TRUE(Queued(3));
  ASSERT_OK((*first)->Commit());
  t1.join();
  t2.join();
  t3.join();
  EXPECT_OK(rolled);
  EXPECT_EQ(dup.code(), StatusCode::kAlreadyExists);
  EXPECT_OK(d);
  EXPECT_THAT(Keys(), ::testing::ElementsAre("a", "d"));
  EXPECT_EQ(db_->commit_stats().transactions, 2);
}

// A member's savepoint journal is kept in memory up to a bound and spills to a file beyond it:
// a member that rewrites more than that (about 3 MiB here) and rolls back restores exactly what
// the group's earlier member wrote, and the members after it commit.
TEST_F(SqliteGroupCommitTest, AMemberLargerThanTheInMemoryJournalRollsBackExactly) {
  Open();
  ASSERT_OK(db_->ExecScript(
      "CREATE TABLE big (k INTEGER PRIMARY KEY, v TEXT NOT NULL);"
      "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000) "
      "INSERT INTO big (k, v) SELECT i, printf('%.1000c', 'o') FROM n"));
  auto first = db_->Begin(TxMode::kWrite);
  ASSERT_OK(first);
  ASSERT_OK((*first)->Exec("UPDATE big SET v = printf('%.1000c', 'x')"));
  Status big, d;
  std::thread t1([&] {
    auto tx = db_->Begin(TxMode::kWrite);
    if (!tx.ok()) {
      big = tx.status();
      return;
    }
    auto r = (*tx)->Exec("UPDATE big SET v = printf('%.1000c', 'y')");
    big = r.ok() ? Status::Ok() : r.status();
    // Destroyed without Commit: rolled back to its savepoint.
  });
  ASSERT_TRUE(Queued(1));
  std::thread t2 = Writer("d", true, &d);
  ASSERT_TRUE(Queued(2));
  ASSERT_OK((*first)->Commit());
  t1.join();
  t2.join();
  EXPECT_OK(big);
  EXPECT_OK(d);
  EXPECT_THAT(Keys(), ::testing::ElementsAre("d"));
  auto tx = db_->Begin(TxMode::kRead);
  ASSERT_OK(tx);
  auto rows = (*tx)->Query("SELECT COUNT(*), SUM(v = printf('%.1000c', 'x')) FROM big");
  ASSERT_OK(rows);
  ASSERT_EQ(rows->size(), 1U);
  EXPECT_EQ((*rows)[0].Int(0), 3000);
  EXPECT_EQ((*rows)[0].Int(1), 3000);
  EXPECT_EQ(db_->commit_stats().commits, 1);
  EXPECT_EQ(db_->commit_stats().transactions, 2);
}

// Members of commit groups that change few rows and many (past what the savepoint journal keeps
// in memory, so it spills to a file), some of them rolled back, from 8 threads: the table ends
// exactly as applying the committed members in the order they held the writer, and intact.
TEST_F(SqliteGroupCommitTest, RandomMembersSmallAndLargeMatchAModel) {
  Open();
  constexpr int kRows = 4000;
  ASSERT_OK(db_->ExecScript(
      "CREATE TABLE big (k INTEGER PRIMARY KEY, v BIGINT NOT NULL, pad TEXT NOT NULL);"
      "CREATE INDEX big_v ON big (v);"
      "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 3999) "
      "INSERT INTO big (k, v, pad) SELECT i, 0, printf('%.300c', 'p') FROM n"));
  struct Op {
    int64_t lo, hi, v;  // rows [lo, hi) get v
  };
  struct Done {
    int64_t seq;
    std::vector<Op> ops;
  };
  std::mutex mu;
  std::vector<Done> committed;
  std::atomic<int64_t> next_seq{0};
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      std::mt19937_64 rng(static_cast<uint64_t>(t) + 1);
      for (int i = 0; i < 25; ++i) {
        auto tx = db_->Begin(TxMode::kWrite);
        if (!tx.ok()) {
          ++failures;
          continue;
        }
        const int64_t seq = next_seq++;  // members hold the writer one at a time
        std::vector<Op> ops;
        const int n = 1 + static_cast<int>(rng() % 4);
        for (int j = 0; j < n; ++j) {
          Op op{static_cast<int64_t>(rng() % kRows), 0, static_cast<int64_t>(rng() % 1000000)};
          const bool large = rng() % 4 == 0;
          op.hi =
              std::min<int64_t>(kRows, op.lo + (large ? static_cast<int64_t>(rng() % 2500) : 1));
          const std::string pad = std::to_string(100 + rng() % 400);
          const Value p[] = {op.v, op.lo, op.hi};
          if (!(*tx)
                   ->Exec("UPDATE big SET v = ?, pad = printf('%." + pad +
                              "c', 'q') WHERE k >= ? AND k < ?",
                          p)
                   .ok()) {
            ++failures;
          }
          ops.push_back(op);
        }
        if (rng() % 4 == 0) continue;  // rolled back
        if (!(*tx)->Commit().ok()) {
          ++failures;
          continue;
        }
        std::lock_guard lock(mu);
        committed.push_back({seq, std::move(ops)});
      }
    });
  }
  for (auto& th : threads) th.join();
  ASSERT_EQ(failures.load(), 0);
  std::sort(committed.begin(), committed.end(),
            [](const Done& a, const Done& b) { return a.seq < b.seq; });
  std::vector<int64_t> model(kRows, 0);
  for (const Done& d : committed)
    for (const Op& op : d.ops) std::fill(model.begin() + op.lo, model.begin() + op.hi, op.v);
  auto tx = db_->Begin(TxMode::kRead);
  ASSERT_OK(tx);
  auto rows = (*tx)->Query("SELECT k, v FROM big ORDER BY k");
  ASSERT_OK(rows);
  ASSERT_EQ(rows->size(), static_cast<size_t>(kRows));
  int differ = 0;
  for (int64_t k = 0; k < kRows; ++k) differ += (*rows)[k].Int(1) != model[k];
  EXPECT_EQ(differ, 0);
  auto check = (*tx)->QueryOne("PRAGMA integrity_check");
  ASSERT_OK(check);
  ASSERT_TRUE(check->has_value());
  EXPECT_EQ((*check)->Text(0), "ok");
  EXPECT_LT(db_->commit_stats().commits, db_->commit_stats().transactions);  // groups formed
}

// An idle server gives back its connections' page caches: ReleaseIdleMemory frees what an idle
// reader cached, and running it while readers and writers work changes nothing they see.
TEST_F(SqliteGroupCommitTest, ReleaseIdleMemoryFreesIdleCachesAndIsSafeUnderLoad) {
  Open();
  ASSERT_OK(db_->ExecScript(
      "CREATE TABLE big (k INTEGER PRIMARY KEY, v TEXT NOT NULL);"
      "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000) "
      "INSERT INTO big (k, v) SELECT i, printf('%.1000c', 'o') FROM n"));
  auto read_all = [&] {
    auto tx = db_->Begin(TxMode::kRead);
    if (!tx.ok()) return int64_t{-1};
    auto row = (*tx)->QueryOne("SELECT SUM(LENGTH(v)) FROM big");
    return row.ok() && row->has_value() ? (*row)->Int(0) : int64_t{-1};
  };
  db_->ReleaseIdleMemory();            // the writer's cache, filled by the insert
  ASSERT_EQ(read_all(), 3000 * 1000);  // a reader's cache now holds its 2 MB of pages
  const int64_t before = sqlite3_memory_used();
  db_->ReleaseIdleMemory();
  EXPECT_LT(sqlite3_memory_used(), before - (1 << 20));
  ASSERT_EQ(read_all(), 3000 * 1000);

  std::atomic<bool> done{false};
  std::atomic<int> failures{0};
  std::thread releaser([&] {
    while (!done.load()) db_->ReleaseIdleMemory();
  });
  std::vector<std::thread> workers;
  std::vector<Status> written(2 * 100);
  for (int w = 0; w < 2; ++w) {
    workers.emplace_back([&, w] {
      for (int i = 0; i < 100; ++i) {
        Writer("w" + std::to_string(w) + "-" + std::to_string(i), true, &written[w * 100 + i])
            .join();
      }
    });
    workers.emplace_back([&] {
      for (int i = 0; i < 20; ++i)
        if (read_all() != 3000 * 1000) ++failures;
    });
  }
  for (auto& t : workers) t.join();
  done = true;
  releaser.join();
  EXPECT_EQ(failures.load(), 0);
  for (const Status& st : written) EXPECT_OK(st);
  EXPECT_EQ(Keys().size(), 200U);
}

TEST_F(SqliteGroupCommitTest, GroupsAreBoundedAndOneMeansEachCommitsAlone) {
  Open(/*max_group=*/1);
  auto first = db_->Begin(TxMode::kWrite);
  ASSERT_OK(first);
  ASSERT_OK((*first)->Exec("INSERT INTO kv (k, v) VALUES ('a', 1)"));
  Status b;
  std::thread tb = Writer("b", true, &b);
  ASSERT_TRUE(Queued(1));
  ASSERT_OK((*first)->Commit());
  tb.join();
  EXPECT_OK(b);
  EXPECT_EQ(db_->commit_stats().commits, 2);
}

TEST_F(SqliteGroupCommitTest, ManyConcurrentWritersLoseNothingAndShareCommits) {
  Open();
  constexpr int kThreads = 8;
  constexpr int kEach = 100;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        auto tx = db_->Begin(TxMode::kWrite);
        const Value p[] = {std::to_string(t) + "-" + std::to_string(i)};
        if (!tx.ok() || !(*tx)->Exec("INSERT INTO kv (k, v) VALUES (?, 1)", p).ok() ||
            !(*tx)->Commit().ok())
          ++failures;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(Keys().size(), static_cast<size_t>(kThreads * kEach));
  SqliteDatabase::CommitStats stats = db_->commit_stats();
  EXPECT_EQ(stats.transactions, kThreads * kEach);
  EXPECT_LE(stats.commits, stats.transactions);
  std::printf("group commit: %lld transactions in %lld commits\n",
              static_cast<long long>(stats.transactions), static_cast<long long>(stats.commits));
}

TEST_F(SqliteGroupCommitTest, ScriptsAndCloseCommitTheOpenGroupFirst) {
  Open();
  auto first = db_->Begin(TxMode::kWrite);
  ASSERT_OK(first);
  ASSERT_OK((*first)->Exec("INSERT INTO kv (k, v) VALUES ('a', 1)"));
  Status script;
  std::thread ts([&] { script = db_->ExecScript("INSERT INTO kv (k, v) VALUES ('s', 2)"); });
  ASSERT_TRUE(Queued(1));
  ASSERT_OK((*first)->Commit());
  ts.join();
  EXPECT_OK(script);
  EXPECT_THAT(Keys(), ::testing::ElementsAre("a", "s"));
  Status b;
  auto holder = db_->Begin(TxMode::kWrite);
  ASSERT_OK(holder);
  std::thread tb = Writer("b", true, &b);
  ASSERT_TRUE(Queued(1));
  std::thread closer([&] { db_->Close(); });
  ASSERT_TRUE(Queued(2));  // the close waits for the writer too
  ASSERT_OK((*holder)->Commit());
  tb.join();
  closer.join();
  // b either joined the group (committed before the close) or found the database closed.
  EXPECT_TRUE(b.ok() || b.code() == StatusCode::kUnavailable) << b.ToString();
}

TEST_F(SqliteGroupCommitTest, TheWalIsCheckpointedInTheBackgroundAndStaysBounded) {
  constexpr int kStep = 100;  // pages between background checkpoints; inline at 4 x
  Open(/*max_group=*/32, kStep);
  auto page = db_->Begin(TxMode::kRead);
  ASSERT_OK(page);
  auto page_rows = (*page)->Query("PRAGMA page_size");
  ASSERT_OK(page_rows);
  const auto page_size = static_cast<uintmax_t>((*page_rows)[0].Int(0));
  page->reset();
  // One writer, so each commit is its own group of a page or two: the WAL grows past the
  // inline limit many times over unless it is checkpointed and restarted.
  constexpr int kCommits = 3000;
  const std::string wal = where_ + "/group.db-wal";
  const std::string value(2000, 'x');
  uintmax_t largest = 0;
  for (int i = 0; i < kCommits; ++i) {
    auto tx = db_->Begin(TxMode::kWrite);
    ASSERT_OK(tx);
    const Value p[] = {std::to_string(i) + value};
    ASSERT_OK((*tx)->Exec("INSERT INTO kv (k, v) VALUES (?, 1)", p));
    ASSERT_OK((*tx)->Commit());
    std::error_code ec;
    largest = std::max(largest, std::filesystem::file_size(wal, ec));
    ASSERT_FALSE(ec) << ec.message();
  }
  // The WAL restarts after a complete checkpoint, so it never holds much more than the inline
  // limit plus the commit that crossed it (a 2 KB key takes overflow pages in the table and in
  // its index: up to a dozen frames): 32-byte header, frames of 24 bytes + a page.
  const uintmax_t bound = 32 + (4 * kStep + 32) * (24 + page_size);
  EXPECT_LT(largest, bound);
  // Without checkpoints it would outgrow that bound several times (a page or more per commit).
  static_assert(kCommits > 4 * (4 * kStep + 32));
  // Each request wakes the checkpointer; it may answer after the writes are done.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (db_->commit_stats().checkpoints == 0 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  SqliteDatabase::CommitStats stats = db_->commit_stats();
  EXPECT_GT(stats.checkpoints, 0);
  std::printf("WAL: largest %ju bytes, %lld background and %lld inline checkpoints\n", largest,
              static_cast<long long>(stats.checkpoints),
              static_cast<long long>(stats.inline_checkpoints));
  // Close ends the WAL; every commit is in the database file.
  db_->Close();
  EXPECT_FALSE(std::filesystem::exists(wal));
  auto reopened = SqliteDatabase::Open(where_ + "/group.db", options_);
  ASSERT_OK(reopened);
  db_ = std::move(*reopened);
  EXPECT_EQ(Keys().size(), static_cast<size_t>(kCommits));
}

TEST_F(SqliteGroupCommitTest, CheckpointPagesZeroLeavesCheckpointsToSqlite) {
  Open(/*max_group=*/32, /*checkpoint_pages=*/0);
  const std::string value(2000, 'x');
  for (int i = 0; i < 1500; ++i) {
    auto tx = db_->Begin(TxMode::kWrite);
    ASSERT_OK(tx);
    const Value p[] = {std::to_string(i) + value};
    ASSERT_OK((*tx)->Exec("INSERT INTO kv (k, v) VALUES (?, 1)", p));
    ASSERT_OK((*tx)->Commit());
  }
  SqliteDatabase::CommitStats stats = db_->commit_stats();
  EXPECT_EQ(stats.checkpoints, 0);
  EXPECT_EQ(stats.inline_checkpoints, 0);
  EXPECT_EQ(Keys().size(), 1500u);
}

INSTANTIATE_TEST_SUITE_P(Backends, SqlDatabaseTest, ::testing::ValuesIn(TestBackends()),
                         [](const auto& info) { return BackendName(info.param); });

}  // namespace
}  // namespace cairn::storage
