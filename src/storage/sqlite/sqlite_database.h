// SqliteDatabase: the embedded SqlDatabase driver (SQLite 3, WAL mode).
//
// Connections: one writer connection, used by one kWrite transaction at a time (SQLite allows a
// single writer, so write transactions queue in process instead of spinning on SQLITE_BUSY),
// plus up to pool_size reader connections opened lazily with `query_only` set (kRead
// transactions run concurrently with the writer under WAL).
//
// Group commit: write transactions that queue behind each other are committed together, each in
// a savepoint of one SQLite transaction (at most Options::max_commit_group of them), so the cost
// of a commit is paid once per group. Commit() returns only once the group's SQLite COMMIT is
// done, with its status: an acknowledged write is committed exactly as without grouping, a
// transaction that fails or rolls back leaves the others of its group untouched, and each
// transaction sees the ones committed before it. A transaction whose group is lost to an error
// that makes SQLite roll back the whole transaction (disk full, I/O error) gets Unavailable.
// Every connection has foreign_keys=ON, busy_timeout=10 s (other processes, checkpoints) and a
// statement cache keyed by SQL text (prepared once with SQLITE_PREPARE_PERSISTENT, reset and
// unbound after each use).
//
// Durability: journal_mode=WAL with synchronous=NORMAL by default: the WAL is fsynced at
// checkpoints, and an acknowledged commit survives a process crash (kill -9: the WAL is in the OS
// page cache), which is SPEC §6's promise; the last commits can be lost on power failure or an OS
// crash. With Options::fsync_each_commit = true, synchronous=FULL fsyncs the WAL on every commit
// and an acknowledged commit survives power loss too. Cost on the dev VM (16 KB blob insert +
// upsert per transaction): FULL ~180 commits/s, NORMAL ~2 300 commits/s.
//
// Checkpoints: SQLite's own autocheckpoint runs inside the COMMIT that takes the WAL past 1 000
// pages, so the writer's turn (and every member of its group) waits for it. Here the writer's
// WAL hook instead wakes a checkpointer thread (its own connection, PASSIVE checkpoints) each
// time the WAL has grown by Options::checkpoint_pages; writers go on appending while it copies
// pages back. Only if the WAL still reaches 4 x checkpoint_pages (the checkpointer cannot keep
// up) does the committing writer checkpoint inline, which bounds the WAL as before. In-process
// checkpoints take turns (a mutex), so the inline one waits for a background one rather than
// failing busy. checkpoint_pages = 0 keeps SQLite's autocheckpoint.
//
// Errors: SQLITE_CONSTRAINT_UNIQUE / _PRIMARYKEY -> AlreadyExists; other constraint violations ->
// FailedPrecondition; BUSY / LOCKED (and waiting too long for the writer or a reader) ->
// Unavailable; anything else -> Internal. Each carries the generic message of driver_error.h;
// SQLite's own message (table, constraint, SQL) is logged with the request id, never returned.
// A multi-statement string passed to Exec/Query is InvalidArgument (use ExecScript).
//
// Thread safety: SqliteDatabase is thread-safe. Transactions must be destroyed before the
// database (they borrow its connections); Close waits for an in-flight write transaction.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "common/status.h"
#include "storage/sql_database.h"

namespace cairn::storage {

class SqliteDatabase final : public SqlDatabase {
 public:
  struct Options {
    int pool_size = 8;                      // reader connections
    int busy_timeout_ms = 10'000;           // SQLite busy handler and writer-mutex wait
    StatementObserver* observer = nullptr;  // not owned; may be null
    // true: synchronous=FULL (survives power loss, one fsync per commit). false:
    // synchronous=NORMAL (survives kill -9 only; fsync at checkpoints; several times faster).
    bool fsync_each_commit = false;
    // Write transactions committed together in one SQLite transaction, at most (group commit,
    // see the .cc); 1 commits each on its own.
    int max_commit_group = 32;
    // WAL growth (pages) between background checkpoints; 0: SQLite's autocheckpoint. 4 000
    // (16 MiB; the WAL stays under 64 MiB) rather than SQLite's 1 000: a page changed again
    // within the window is copied back once, and each checkpoint's two fsyncs are paid a
    // quarter as often. 64-client sweep: 167 -> 42 checkpoints, 1.58 -> 1.23 GB written, 1.01
    // -> 0.67 GB read, 2.60-2.81 -> 2.43-2.47 s.
    int checkpoint_pages = 4000;
  };

  // Opens (creating it and its parent folders when missing) the database file at `path`.
  // Errors: Unavailable when the file cannot be opened or configured.
  static Result<std::unique_ptr<SqliteDatabase>> Open(const std::string& path,
                                                      const Options& options);
  ~SqliteDatabase() override;

  Backend backend() const override { return Backend::kSqlite; }
  // Errors: Unavailable when closed, when the writer stays busy past busy_timeout, or when a
  // connection cannot be opened.
  Result<std::unique_ptr<Transaction>> Begin(TxMode mode) override;
  bool Ping() override;
  // Runs on the writer connection; if the script fails inside a transaction it opened, that
  // transaction is rolled back.
  Status ExecScript(std::string_view sql) override;
  void Close() override;

  // Write transactions committed, the SQLite COMMITs that committed them (groups), the writers
  // (transactions, scripts, Close) waiting for the writer connection right now, and the WAL
  // checkpoints made by the checkpointer thread and inline by a committing writer.
  struct CommitStats {
    int64_t transactions = 0;
    int64_t commits = 0;
    int waiting = 0;
    int64_t checkpoints = 0;
    int64_t inline_checkpoints = 0;
  };
  CommitStats commit_stats() const;
  // commit_stats() as cairn_sqlite_* figures.
  std::vector<DriverCounter> Counters() const override;
  // Frees the page caches of the idle readers, and of the writer when no write is in progress.
  void ReleaseIdleMemory() override;

  struct Impl;

 private:
  explicit SqliteDatabase(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace cairn::storage
