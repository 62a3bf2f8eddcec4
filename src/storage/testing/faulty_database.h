// FaultyDatabase: a SqlDatabase decorator for tests that makes the Nth statement fail.
//
// Statements are counted across all transactions of the database, in call order, starting at 1:
// every Exec, Query (QueryOne included) and Commit is one statement. When the counter reaches the
// armed number, that call returns the chosen error without reaching the inner database (a failed
// Commit rolls the inner transaction back). Typical use in a store test:
//
//   FaultyDatabase faulty(*db);
//   ASSERT_OK(store_on(faulty).CreateRun(...));   // learn how many statements it takes
//   int n = faulty.statements();
//   for (int i = 1; i <= n; ++i) { faulty.Reset(); faulty.FailNth(i, StatusCode::kUnavailable);
//     EXPECT_EQ(op().code(), kUnavailable); /* and nothing was written */ }
//
// Thread safety: thread-safe (atomic counters); the wrapped database must outlive it.
#pragma once

#include <atomic>

#include "storage/sql_database.h"

namespace cairn::storage::testing {

class FaultyDatabase final : public SqlDatabase {
 public:
  explicit FaultyDatabase(SqlDatabase& inner) : inner_(inner) {}

  // Arms the fault: statement number `n` (1-based, counted from the last Reset) fails with
  // `code`. n <= 0 disarms.
  void FailNth(int n, StatusCode code = StatusCode::kUnavailable) {
    code_.store(code);
    fail_at_.store(n);
  }
  // Zeroes the statement counter and disarms.
  void Reset() {
    fail_at_.store(0);
    count_.store(0);
    failures_.store(0);
  }
  // Statements seen since the last Reset (including the failed one).
  int statements() const { return count_.load(); }
  // How many statements were failed on purpose since the last Reset.
  int failures() const { return failures_.load(); }

  Backend backend() const override { return inner_.backend(); }
  Result<std::unique_ptr<Transaction>> Begin(TxMode mode) override;
  bool Ping() override { return inner_.Ping(); }
  Status ExecScript(std::string_view sql) override { return inner_.ExecScript(sql); }
  void Close() override { inner_.Close(); }
  std::vector<DriverCounter> Counters() const override { return inner_.Counters(); }

  // Counts one statement; returns the injected error when it is the armed one.
  Status Tick();

 private:
  SqlDatabase& inner_;
  std::atomic<int> fail_at_{0};
  std::atomic<int> count_{0};
  std::atomic<int> failures_{0};
  std::atomic<StatusCode> code_{StatusCode::kUnavailable};
};

}  // namespace cairn::storage::testing
