#include "storage/sqlite/sqlite_database.h"

#include <sqlite3.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <memory>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <vector>

#include "storage/driver_error.h"

namespace cairn::storage {
namespace {

// Dynamic SQL (variable IN lists) must not grow the cache without bound; past this many entries
// statements are prepared for one use and finalized.
constexpr size_t kMaxCachedStatements = 512;

struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

// The driver's message goes to the log; callers get the code and a generic message.
Status MapError(sqlite3* db, int rc, std::string_view what) {
  const int extended = db != nullptr ? sqlite3_extended_errcode(db) : rc;
  std::string_view message = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  StatusCode code = StatusCode::kInternal;
  if (extended == SQLITE_CONSTRAINT_UNIQUE || extended == SQLITE_CONSTRAINT_PRIMARYKEY) {
    code = StatusCode::kAlreadyExists;
  } else {
    switch (rc & 0xff) {
      case SQLITE_CONSTRAINT:
        code = StatusCode::kFailedPrecondition;
        break;
      case SQLITE_BUSY:
      case SQLITE_LOCKED:
        code = StatusCode::kUnavailable;
        break;
      default:
        break;
    }
  }
  return DriverError(code, "sqlite", what, message);
}

bool OnlyWhitespaceOrSemicolons(const char* p) {
  for (; *p != '\0'; ++p) {
    if (*p != ';' && *p != ' ' && *p != '\n' && *p != '\t' && *p != '\r') return false;
  }
  return true;
}

// One SQLite connection and its statement cache. Used by one thread at a time.
struct Connection {
  sqlite3* db = nullptr;
  std::unordered_map<std::string, sqlite3_stmt*, StringHash, std::equal_to<>> cache;

  ~Connection() {
    for (auto& [sql, stmt] : cache) sqlite3_finalize(stmt);
    sqlite3_close_v2(db);
  }
};

// A statement borrowed for one execution: reset and unbound (or finalized if uncached) on exit.
class StatementLease {
 public:
  StatementLease(sqlite3_stmt* stmt, bool cached) : stmt_(stmt), cached_(cached) {}
  StatementLease(const StatementLease&) = delete;
  StatementLease& operator=(const StatementLease&) = delete;
  ~StatementLease() {
    if (cached_) {
      sqlite3_reset(stmt_);
      sqlite3_clear_bindings(stmt_);
    } else {
      sqlite3_finalize(stmt_);
    }
  }
  sqlite3_stmt* get() const { return stmt_; }

 private:
  sqlite3_stmt* stmt_;
  bool cached_;
};

Result<std::unique_ptr<StatementLease>> Prepare(Connection& conn, std::string_view sql) {
  if (auto it = conn.cache.find(sql); it != conn.cache.end()) {
    return std::make_unique<StatementLease>(it->second, true);
  }
  const bool cache = conn.cache.size() < kMaxCachedStatements;
  sqlite3_stmt* stmt = nullptr;
  const char* tail = nullptr;
  int rc = sqlite3_prepare_v3(conn.db, sql.data(), static_cast<int>(sql.size()),
                              cache ? SQLITE_PREPARE_PERSISTENT : 0, &stmt, &tail);
  if (rc != SQLITE_OK) return MapError(conn.db, rc, "prepare");
  if (stmt == nullptr) return InvalidArgument("empty SQL statement");
  // `tail` points into `sql`, which need not be NUL-terminated: compare against its end.
  std::string rest(tail, sql.data() + sql.size());
  if (!OnlyWhitespaceOrSemicolons(rest.c_str())) {
    sqlite3_finalize(stmt);
    return InvalidArgument("Exec/Query take one statement; use ExecScript for scripts");
  }
  if (cache) conn.cache.emplace(std::string(sql), stmt);
  return std::make_unique<StatementLease>(stmt, cache);
}

Status Bind(sqlite3* db, sqlite3_stmt* stmt, std::span<const Value> params) {
  const int expected = sqlite3_bind_parameter_count(stmt);
  if (expected != static_cast<int>(params.size())) {
    return InvalidArgument("statement has " + std::to_string(expected) + " placeholders but " +
                           std::to_string(params.size()) + " parameters were bound");
  }
  for (size_t i = 0; i < params.size(); ++i) {
    const int index = static_cast<int>(i) + 1;
    int rc = SQLITE_OK;
    const Value& v = params[i];
    if (std::holds_alternative<std::monostate>(v)) {
      rc = sqlite3_bind_null(stmt, index);
    } else if (const auto* n = std::get_if<int64_t>(&v)) {
      rc = sqlite3_bind_int64(stmt, index, *n);
    } else if (const auto* d = std::get_if<double>(&v)) {
      rc = sqlite3_bind_double(stmt, index, *d);
    } else if (const auto* s = std::get_if<std::string>(&v)) {
      rc = sqlite3_bind_text64(stmt, index, s->data(), s->size(), SQLITE_STATIC, SQLITE_UTF8);
    } else {
      const std::string& bytes = std::get<Blob>(v).bytes;
      // A null data pointer would bind NULL; an empty blob must stay a (zero-length) blob.
      rc = bytes.empty()
               ? sqlite3_bind_zeroblob(stmt, index, 0)
               : sqlite3_bind_blob64(stmt, index, bytes.data(), bytes.size(), SQLITE_STATIC);
    }
    if (rc != SQLITE_OK) return MapError(db, rc, "bind");
  }
  return Status::Ok();
}

Value ColumnValue(sqlite3_stmt* stmt, int col) {
  switch (sqlite3_column_type(stmt, col)) {
    case SQLITE_INTEGER:
      return static_cast<int64_t>(sqlite3_column_int64(stmt, col));
    case SQLITE_FLOAT:
      return sqlite3_column_double(stmt, col);
    case SQLITE_TEXT: {
      const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt, col));
      return std::string(p, static_cast<size_t>(sqlite3_column_bytes(stmt, col)));
    }
    case SQLITE_BLOB: {
      const auto* p = static_cast<const char*>(sqlite3_column_blob(stmt, col));
      const auto n = static_cast<size_t>(sqlite3_column_bytes(stmt, col));
      return Blob{p == nullptr ? std::string() : std::string(p, n)};
    }
    default:
      return std::monostate();
  }
}

// Runs one statement; collects rows when `rows` is non-null. Returns rows changed.
Result<int64_t> Run(Connection& conn, std::string_view sql, std::span<const Value> params,
                    std::vector<Row>* rows) {
  ASSIGN_OR_RETURN(auto lease, Prepare(conn, sql));
  sqlite3_stmt* stmt = lease->get();
  RETURN_IF_ERROR(Bind(conn.db, stmt, params));
  int columns = -1;
  while (true) {
    int rc = sqlite3_step(stmt);
    if (rc == SQLITE_DONE) break;
    if (rc != SQLITE_ROW) return MapError(conn.db, rc, "step");
    if (rows == nullptr) continue;
    // Read after the first step: a cached statement is recompiled inside sqlite3_step when the
    // schema changed, and `SELECT *` may then have more columns than when it was prepared.
    if (columns < 0) columns = sqlite3_column_count(stmt);
    std::vector<Value> cells;
    cells.reserve(static_cast<size_t>(columns));
    for (int c = 0; c < columns; ++c) cells.push_back(ColumnValue(stmt, c));
    rows->emplace_back(std::move(cells));
  }
  return static_cast<int64_t>(sqlite3_changes64(conn.db));
}

Status ExecPragmas(sqlite3* db, const char* sql) {
  char* err = nullptr;
  int rc = sqlite3_exec(db, sql, nullptr, nullptr, &err);
  if (rc == SQLITE_OK) return Status::Ok();
  std::string message = err != nullptr ? err : sqlite3_errstr(rc);
  sqlite3_free(err);
  return Unavailable("configuring SQLite connection: " + message);
}

// Each member of a commit group runs in a savepoint, so SQLite first copies each page the member
// changes into a statement journal, kept in memory up to this size and spilled to a temporary
// file beyond it. At SQLite's default, 64 KiB, a sweep's log-batch of 10 points (about 15 pages)
// is near the limit, and once one member of a group spilled, the rest of the group wrote every
// page a second time, to the file: 40 % of what the server wrote in a 64-client sweep. 128 KiB
// keeps such members in memory and bounds what a larger one holds. It is also the largest that
// works with SQLite 3.40.1 (Debian 12): from about 135 000 bytes on, a statement that spills
// fails with SQLITE_FULL (seen from 135 000 B to 4 MiB; SqliteGroupCommitTest covers it).
constexpr int kStatementJournalInMemoryBytes = 128 << 10;

// Process-wide SQLite settings, made before SQLite initializes (the first open).
void ConfigureSqliteOnce() {
  static const int kConfigured = [] {
    return sqlite3_config(SQLITE_CONFIG_STMTJRNL_SPILL, kStatementJournalInMemoryBytes);
  }();
  (void)kConfigured;  // SQLITE_MISUSE if SQLite was already initialized: its default stays
}

Result<std::unique_ptr<Connection>> OpenConnection(const std::string& path,
                                                   const SqliteDatabase::Options& options,
                                                   bool reader) {
  ConfigureSqliteOnce();
  auto conn = std::make_unique<Connection>();
  int rc =
      sqlite3_open_v2(path.c_str(), &conn->db,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    std::string message = conn->db != nullptr ? sqlite3_errmsg(conn->db) : sqlite3_errstr(rc);
    return Unavailable("opening SQLite database " + path + ": " + message);
  }
  sqlite3_extended_result_codes(conn->db, 1);
  sqlite3_busy_timeout(conn->db, options.busy_timeout_ms);
  if (!reader) {
    // journal_mode is persistent in the file; the writer sets it before any reader opens.
    RETURN_IF_ERROR(ExecPragmas(conn->db, "PRAGMA journal_mode=WAL"));
  }
  RETURN_IF_ERROR(ExecPragmas(conn->db, options.fsync_each_commit ? "PRAGMA synchronous=FULL"
                                                                  : "PRAGMA synchronous=NORMAL"));
  RETURN_IF_ERROR(ExecPragmas(conn->db, "PRAGMA foreign_keys=ON"));
  // LIKE is case-sensitive, as on PostgreSQL (stores write LOWER(x) LIKE LOWER(?) for a
  // case-insensitive match).
  RETURN_IF_ERROR(ExecPragmas(conn->db, "PRAGMA case_sensitive_like=ON"));
  if (reader) RETURN_IF_ERROR(ExecPragmas(conn->db, "PRAGMA query_only=ON"));
  return conn;
}

}  // namespace

struct SqliteDatabase::Impl {
  std::string path;
  Options options;

  // The single writer connection, used by the one write transaction (or script) that holds it.
  std::unique_ptr<Connection> writer;

  // Group commit. Write transactions take turns on the writer connection; each runs inside a
  // SAVEPOINT of one SQLite transaction (a commit group) that stays open while others are
  // waiting for the writer. A transaction's Commit releases its savepoint (its changes join the
  // group) and, when another writer is waiting and the group is not full, hands the connection
  // on and waits; the member that finds no one waiting (or the group full) makes the SQLite
  // COMMIT, and every member's Commit returns that COMMIT's status. So a Commit that returns Ok
  // is committed (acknowledged means durable, as without grouping), a transaction that rolls
  // back leaves the group's other members untouched (ROLLBACK TO its savepoint), and the cost
  // of a commit — writing the changed pages to the WAL, and the checkpoints — is paid once per
  // group. Transactions of a group run one after another, so each sees the ones before it,
  // exactly as when they commit one by one; readers see a group when it commits.
  struct Group {
    int members = 0;  // committed savepoints, guarded by write_mu
    bool done = false;
    Status status;  // of the group's COMMIT once done
  };
  std::mutex write_mu;
  std::condition_variable writer_free;  // writer_held became false
  std::condition_variable group_done;   // some group finished
  bool writer_held = false;             // guarded by write_mu
  int writers_waiting = 0;              // guarded by write_mu
  std::shared_ptr<Group> group;         // the open SQLite transaction; guarded by write_mu
  CommitStats stats;                    // guarded by write_mu

  std::mutex pool_mutex;
  std::condition_variable pool_cv;
  std::vector<std::unique_ptr<Connection>> idle_readers;  // guarded by pool_mutex
  int open_readers = 0;                                   // guarded by pool_mutex
  bool closed = false;                                    // guarded by pool_mutex

  // Checkpoints (see the header). The checkpointer thread waits for a request from the WAL hook;
  // checkpoint_mu makes in-process checkpoints take turns.
  std::mutex checkpoint_mu;
  std::mutex checkpointer_mu;
  std::condition_variable checkpointer_cv;
  bool checkpoint_requested = false;  // guarded by checkpointer_mu
  bool checkpointer_stop = false;     // guarded by checkpointer_mu
  std::thread checkpointer;
  std::unique_ptr<Connection> checkpointer_conn;  // the thread's own
  int requested_at_pages = 0;                     // WAL size at the last request; writer only
  std::atomic<int64_t> checkpoints{0};
  std::atomic<int64_t> inline_checkpoints{0};

  // Called by SQLite on the writer connection after each commit, with the WAL's size in pages.
  static int OnWalCommit(void* arg, sqlite3* db, const char* /*schema*/, int pages) {
    auto* impl = static_cast<Impl*>(arg);
    const int step = impl->options.checkpoint_pages;
    if (pages < impl->requested_at_pages) impl->requested_at_pages = 0;  // the WAL restarted
    if (pages >= 4 * step) {
      // The checkpointer has not kept up: bound the WAL here, after any checkpoint under way.
      std::lock_guard lock(impl->checkpoint_mu);
      if (sqlite3_wal_checkpoint_v2(db, nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr) ==
          SQLITE_OK) {
        impl->inline_checkpoints.fetch_add(1, std::memory_order_relaxed);
      }
      impl->requested_at_pages = 0;
    } else if (pages >= impl->requested_at_pages + step) {
      impl->requested_at_pages = pages;
      std::lock_guard lock(impl->checkpointer_mu);
      impl->checkpoint_requested = true;
      impl->checkpointer_cv.notify_one();
    }
    return SQLITE_OK;
  }

  void RunCheckpointer() {
    std::unique_lock lock(checkpointer_mu);
    while (true) {
      checkpointer_cv.wait(lock, [&] { return checkpoint_requested || checkpointer_stop; });
      if (checkpointer_stop) return;
      checkpoint_requested = false;
      lock.unlock();
      {
        std::lock_guard turn(checkpoint_mu);
        if (sqlite3_wal_checkpoint_v2(checkpointer_conn->db, nullptr, SQLITE_CHECKPOINT_PASSIVE,
                                      nullptr, nullptr) == SQLITE_OK) {
          checkpoints.fetch_add(1, std::memory_order_relaxed);
        }
      }
      lock.lock();
    }
  }

  // Starts the checkpointer when Options::checkpoint_pages asks for one; the writer is open.
  Status StartCheckpointer() {
    if (options.checkpoint_pages <= 0) return Status::Ok();
    ASSIGN_OR_RETURN(checkpointer_conn, OpenConnection(path, options, /*reader=*/true));
    // Replaces SQLite's autocheckpoint hook on the writer.
    sqlite3_wal_hook(writer->db, &Impl::OnWalCommit, this);
    checkpointer = std::thread([this] { RunCheckpointer(); });
    return Status::Ok();
  }

  void StopCheckpointer() {
    if (!checkpointer.joinable()) return;
    {
      std::lock_guard lock(checkpointer_mu);
      checkpointer_stop = true;
      checkpointer_cv.notify_one();
    }
    checkpointer.join();
    checkpointer_conn.reset();  // before the writer closes, so the writer's close ends the WAL
  }

  bool IsClosed() {
    std::lock_guard lock(pool_mutex);
    return closed;
  }

  void Observe(bool is_query, std::chrono::steady_clock::time_point start, bool ok) const {
    if (options.observer == nullptr) return;
    auto micros = std::chrono::duration_cast<std::chrono::microseconds>(
                      std::chrono::steady_clock::now() - start)
                      .count();
    options.observer->OnStatement(is_query, micros, ok);
  }

  Result<std::unique_ptr<Connection>> AcquireReader() {
    {
      std::unique_lock lock(pool_mutex);
      const auto deadline =
          std::chrono::steady_clock::now() + std::chrono::milliseconds(options.busy_timeout_ms);
      bool ready = pool_cv.wait_until(lock, deadline, [&] {
        return closed || !idle_readers.empty() || open_readers < options.pool_size;
      });
      if (closed) return Unavailable("database is closed");
      if (!ready) {
        return DriverError(StatusCode::kUnavailable, "sqlite", "begin",
                           "no reader connection became free in time");
      }
      if (!idle_readers.empty()) {
        auto conn = std::move(idle_readers.back());
        idle_readers.pop_back();
        return conn;
      }
      ++open_readers;
    }
    auto opened = OpenConnection(path, options, /*reader=*/true);
    if (!opened.ok()) {
      {
        std::lock_guard lock(pool_mutex);
        --open_readers;
        pool_cv.notify_one();
      }
      // Opened while serving a request: the path and SQLite's words stay in the log.
      return DriverError(StatusCode::kUnavailable, "sqlite", "opening a reader connection",
                         opened.status().message());
    }
    return opened;
  }

  void ReleaseReader(std::unique_ptr<Connection> conn) {
    std::lock_guard lock(pool_mutex);
    if (closed) {
      --open_readers;
      return;  // conn closes here
    }
    idle_readers.push_back(std::move(conn));
    pool_cv.notify_one();
  }

  // Waits (up to busy_timeout) for the writer connection. `even_if_closed`: for Close, which
  // must still finish an open group.
  Status AcquireWriter(bool even_if_closed = false) {
    std::unique_lock lock(write_mu);
    ++writers_waiting;
    const bool free =
        writer_free.wait_for(lock, std::chrono::milliseconds(options.busy_timeout_ms),
                             [&] { return !writer_held || (!even_if_closed && IsClosed()); });
    --writers_waiting;
    if (!free) {
      return DriverError(StatusCode::kUnavailable, "sqlite", "begin",
                         "timed out waiting for the writer connection");
    }
    if (writer_held || (!even_if_closed && IsClosed()) || writer == nullptr) {
      writer_free.notify_all();  // pass the wake-up on (Close may be waiting)
      return Unavailable("database is closed");
    }
    writer_held = true;
    return Status::Ok();
  }

  // The holder gives the writer up; `lock` holds write_mu. One waiter is woken, not all: only
  // one can take the writer, and each release wakes the next. A woken waiter that finds the
  // writer taken (by a newcomer that never waited) waits again for that holder's release; one
  // that gives up (timeout, closed) passes the wake-up on (AcquireWriter).
  void ReleaseWriterLocked() {
    writer_held = false;
    writer_free.notify_one();
  }

  // Commits the open group, if any; the caller holds the writer.
  Status FlushGroup() {
    std::shared_ptr<Group> g;
    {
      std::lock_guard lock(write_mu);
      g = std::move(group);
      group.reset();
    }
    if (!g) return Status::Ok();
    Status status = Status::Ok();
    if (sqlite3_get_autocommit(writer->db) != 0) {
      status = Unavailable("the write was rolled back with its commit group after an error");
    } else if (auto committed = Run(*writer, "COMMIT", {}, nullptr); !committed.ok()) {
      status = committed.status();
      if (sqlite3_get_autocommit(writer->db) == 0) (void)Run(*writer, "ROLLBACK", {}, nullptr);
    }
    std::lock_guard lock(write_mu);
    if (status.ok() && g->members > 0) {
      ++stats.commits;
      stats.transactions += g->members;
    }
    g->done = true;
    g->status = status;
    group_done.notify_all();
    return status;
  }

  // A member of `g` has released or rolled back its savepoint and holds the writer: hands the
  // writer on while others wait and the group has room, else commits the group. For a member
  // that joined the group (`joined`), returns the group's COMMIT status once it is known.
  Status FinishTurn(const std::shared_ptr<Group>& g, bool joined) {
    {
      std::unique_lock lock(write_mu);
      const bool room = g->members < std::max(options.max_commit_group, 1);
      if (writers_waiting > 0 && room && !IsClosed()) {
        ReleaseWriterLocked();
        if (!joined) return Status::Ok();
        group_done.wait(lock, [&] { return g->done; });
        return g->status;
      }
    }
    Status status = FlushGroup();
    std::lock_guard lock(write_mu);
    ReleaseWriterLocked();
    return joined ? status : Status::Ok();
  }
};

namespace {

class SqliteTransaction final : public Transaction {
 public:
  // Write transaction: borrows the writer connection, which the caller has acquired.
  explicit SqliteTransaction(SqliteDatabase::Impl* impl)
      : impl_(impl), writing_(true), conn_(impl->writer.get()) {}
  // Read transaction: owns a pooled reader until destruction.
  SqliteTransaction(SqliteDatabase::Impl* impl, std::unique_ptr<Connection> reader)
      : impl_(impl), reader_(std::move(reader)), conn_(reader_.get()) {}

  ~SqliteTransaction() override {
    if (!done_) Rollback();
    if (reader_) impl_->ReleaseReader(std::move(reader_));
  }

  Status Start() {
    if (!writing_) {
      auto begun = Run(*conn_, "BEGIN", {}, nullptr);
      if (!begun.ok()) {
        done_ = true;
        return begun.status();
      }
      return Status::Ok();
    }
    {
      std::lock_guard lock(impl_->write_mu);
      group_ = impl_->group;
    }
    if (!group_) {
      auto begun = Run(*conn_, "BEGIN IMMEDIATE", {}, nullptr);
      if (!begun.ok()) {
        done_ = true;
        std::lock_guard lock(impl_->write_mu);
        impl_->ReleaseWriterLocked();
        return begun.status();
      }
      group_ = std::make_shared<SqliteDatabase::Impl::Group>();
      std::lock_guard lock(impl_->write_mu);
      impl_->group = group_;
    }
    if (auto saved = Run(*conn_, "SAVEPOINT member", {}, nullptr); !saved.ok()) {
      done_ = true;
      (void)impl_->FinishTurn(group_, false);
      return saved.status();
    }
    return Status::Ok();
  }

  Result<int64_t> Exec(std::string_view sql, std::span<const Value> params) override {
    if (done_) return Internal("transaction already finished");
    const auto start = std::chrono::steady_clock::now();
    auto result = Run(*conn_, sql, params, nullptr);
    impl_->Observe(false, start, result.ok());
    return result;
  }

  Result<std::vector<Row>> Query(std::string_view sql, std::span<const Value> params) override {
    if (done_) return Internal("transaction already finished");
    const auto start = std::chrono::steady_clock::now();
    std::vector<Row> rows;
    auto result = Run(*conn_, sql, params, &rows);
    impl_->Observe(true, start, result.ok());
    if (!result.ok()) return result.status();
    return rows;
  }

  Status Commit() override {
    if (done_) return Internal("transaction already finished");
    if (sqlite3_get_autocommit(conn_->db) != 0) {
      // SQLite rolls back by itself after some errors (e.g. SQLITE_FULL, IOERR); with a write
      // transaction, the group's earlier members went with it (FlushGroup reports it to them).
      Rollback();
      return Internal("transaction was rolled back by SQLite after an earlier error");
    }
    if (!writing_) {
      done_ = true;
      auto committed = Run(*conn_, "COMMIT", {}, nullptr);
      if (!committed.ok()) {
        Rollback();
        return committed.status();
      }
      return Status::Ok();
    }
    if (auto released = Run(*conn_, "RELEASE member", {}, nullptr); !released.ok()) {
      Rollback();
      return released.status();
    }
    done_ = true;
    {
      std::lock_guard lock(impl_->write_mu);
      ++group_->members;
    }
    return impl_->FinishTurn(group_, true);
  }

 private:
  void Rollback() {
    done_ = true;
    if (!writing_) {
      if (sqlite3_get_autocommit(conn_->db) == 0) (void)Run(*conn_, "ROLLBACK", {}, nullptr);
      return;
    }
    // Undo this member only; the group's SQLite transaction stays open for the others. When
    // SQLite has already rolled it all back, the group ends here: its members are told.
    if (sqlite3_get_autocommit(conn_->db) == 0) {
      (void)Run(*conn_, "ROLLBACK TO member", {}, nullptr);
      (void)Run(*conn_, "RELEASE member", {}, nullptr);
    }
    if (sqlite3_get_autocommit(conn_->db) != 0) (void)impl_->FlushGroup();
    (void)impl_->FinishTurn(group_, false);
  }

  SqliteDatabase::Impl* impl_;
  bool writing_ = false;
  std::shared_ptr<SqliteDatabase::Impl::Group> group_;  // write transactions
  std::unique_ptr<Connection> reader_;
  Connection* conn_;
  bool done_ = false;
};

}  // namespace

SqliteDatabase::SqliteDatabase(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

SqliteDatabase::~SqliteDatabase() { Close(); }

Result<std::unique_ptr<SqliteDatabase>> SqliteDatabase::Open(const std::string& path,
                                                             const Options& options) {
  if (path.empty()) return InvalidArgument("empty SQLite database path");
  std::filesystem::path parent = std::filesystem::path(path).parent_path();
  if (!parent.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(parent, ec);
    if (ec) return Unavailable("creating folder " + parent.string() + ": " + ec.message());
  }
  auto impl = std::make_unique<Impl>();
  impl->path = path;
  impl->options = options;
  if (impl->options.pool_size < 1) impl->options.pool_size = 1;
  ASSIGN_OR_RETURN(impl->writer, OpenConnection(path, impl->options, /*reader=*/false));
  RETURN_IF_ERROR(impl->StartCheckpointer());
  return std::unique_ptr<SqliteDatabase>(new SqliteDatabase(std::move(impl)));
}

Result<std::unique_ptr<Transaction>> SqliteDatabase::Begin(TxMode mode) {
  std::unique_ptr<SqliteTransaction> tx;
  if (mode == TxMode::kWrite) {
    RETURN_IF_ERROR(impl_->AcquireWriter());
    tx = std::make_unique<SqliteTransaction>(impl_.get());
  } else {
    ASSIGN_OR_RETURN(auto reader, impl_->AcquireReader());
    tx = std::make_unique<SqliteTransaction>(impl_.get(), std::move(reader));
  }
  RETURN_IF_ERROR(tx->Start());
  return std::unique_ptr<Transaction>(std::move(tx));
}

SqliteDatabase::CommitStats SqliteDatabase::commit_stats() const {
  std::lock_guard lock(impl_->write_mu);
  CommitStats stats = impl_->stats;
  stats.waiting = impl_->writers_waiting;
  stats.checkpoints = impl_->checkpoints.load(std::memory_order_relaxed);
  stats.inline_checkpoints = impl_->inline_checkpoints.load(std::memory_order_relaxed);
  return stats;
}

std::vector<DriverCounter> SqliteDatabase::Counters() const {
  const CommitStats s = commit_stats();
  return {
      {"cairn_sqlite_write_transactions_total", "Write transactions committed.", false,
       s.transactions},
      {"cairn_sqlite_commits_total", "SQLite COMMITs that committed them (one per commit group).",
       false, s.commits},
      {"cairn_sqlite_writers_waiting", "Writers waiting for the writer connection.", true,
       s.waiting},
      {"cairn_sqlite_background_checkpoints_total", "WAL checkpoints by the checkpointer thread.",
       false, s.checkpoints},
      {"cairn_sqlite_inline_checkpoints_total",
       "WAL checkpoints a committing writer made because the WAL reached its limit.", false,
       s.inline_checkpoints},
  };
}

void SqliteDatabase::ReleaseIdleMemory() {
  Impl& s = *impl_;
  {
    std::lock_guard lock(s.pool_mutex);
    for (auto& conn : s.idle_readers) sqlite3_db_release_memory(conn->db);
  }
  {
    std::lock_guard lock(s.write_mu);
    // A writer in use, or a commit group still open, keeps its cache.
    if (s.writer_held || s.group || s.writer == nullptr || s.IsClosed()) return;
    s.writer_held = true;
  }
  sqlite3_db_release_memory(s.writer->db);
  std::lock_guard lock(s.write_mu);
  s.ReleaseWriterLocked();
}

bool SqliteDatabase::Ping() {
  auto tx = Begin(TxMode::kRead);
  if (!tx.ok()) return false;
  return (*tx)->Query("SELECT 1").ok();
}

Status SqliteDatabase::ExecScript(std::string_view sql) {
  RETURN_IF_ERROR(impl_->AcquireWriter());
  struct Release {
    SqliteDatabase::Impl* impl;
    ~Release() {
      std::lock_guard lock(impl->write_mu);
      impl->ReleaseWriterLocked();
    }
  } release{impl_.get()};
  // A script runs outside any commit group (it may hold its own BEGIN ... COMMIT).
  (void)impl_->FlushGroup();
  sqlite3* db = impl_->writer->db;
  std::string script(sql);  // sqlite3_exec needs a NUL-terminated string
  char* err = nullptr;
  int rc = sqlite3_exec(db, script.c_str(), nullptr, nullptr, &err);
  sqlite3_free(err);
  if (rc == SQLITE_OK) return Status::Ok();
  Status status = MapError(db, rc, "script");
  if (sqlite3_get_autocommit(db) == 0) sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
  return status;
}

void SqliteDatabase::Close() {
  {
    std::lock_guard lock(impl_->pool_mutex);
    impl_->closed = true;
    impl_->open_readers -= static_cast<int>(impl_->idle_readers.size());
    impl_->idle_readers.clear();
    impl_->pool_cv.notify_all();
  }
  // Waits for the write transaction in progress and commits the group it leaves open.
  if (impl_->writer == nullptr) return;
  if (Status s = impl_->AcquireWriter(/*even_if_closed=*/true); !s.ok()) {
    impl_->StopCheckpointer();
    return;
  }
  (void)impl_->FlushGroup();
  impl_->StopCheckpointer();
  std::lock_guard lock(impl_->write_mu);
  impl_->writer.reset();
  impl_->ReleaseWriterLocked();
}

}  // namespace cairn::storage
