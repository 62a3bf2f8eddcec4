#include "storage/sqlite/sqlite_database.h"

#include <sqlite3.h>

#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <mutex>
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

Result<std::unique_ptr<Connection>> OpenConnection(const std::string& path,
                                                   const SqliteDatabase::Options& options,
                                                   bool reader) {
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

  // The single writer connection; held by whoever holds write_mutex.
  std::timed_mutex write_mutex;
  std::unique_ptr<Connection> writer;

  std::mutex pool_mutex;
  std::condition_variable pool_cv;
  std::vector<std::unique_ptr<Connection>> idle_readers;  // guarded by pool_mutex
  int open_readers = 0;                                   // guarded by pool_mutex
  bool closed = false;                                    // guarded by pool_mutex

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
};

namespace {

class SqliteTransaction final : public Transaction {
 public:
  // Write transaction: borrows the writer connection while holding the write lock.
  SqliteTransaction(SqliteDatabase::Impl* impl, std::unique_lock<std::timed_mutex> write_lock)
      : impl_(impl), write_lock_(std::move(write_lock)), conn_(impl->writer.get()) {}
  // Read transaction: owns a pooled reader until destruction.
  SqliteTransaction(SqliteDatabase::Impl* impl, std::unique_ptr<Connection> reader)
      : impl_(impl), reader_(std::move(reader)), conn_(reader_.get()) {}

  ~SqliteTransaction() override {
    if (!done_) Rollback();
    if (reader_) impl_->ReleaseReader(std::move(reader_));
  }

  Status Start(bool write) {
    auto begun = Run(*conn_, write ? "BEGIN IMMEDIATE" : "BEGIN", {}, nullptr);
    if (!begun.ok()) {
      done_ = true;
      return begun.status();
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
    done_ = true;
    if (sqlite3_get_autocommit(conn_->db) != 0) {
      // SQLite rolls back by itself after some errors (e.g. SQLITE_FULL, IOERR).
      return Internal("transaction was rolled back by SQLite after an earlier error");
    }
    auto committed = Run(*conn_, "COMMIT", {}, nullptr);
    if (!committed.ok()) {
      Rollback();
      return committed.status();
    }
    return Status::Ok();
  }

 private:
  void Rollback() {
    done_ = true;
    if (sqlite3_get_autocommit(conn_->db) == 0) (void)Run(*conn_, "ROLLBACK", {}, nullptr);
  }

  SqliteDatabase::Impl* impl_;
  std::unique_lock<std::timed_mutex> write_lock_;
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
  return std::unique_ptr<SqliteDatabase>(new SqliteDatabase(std::move(impl)));
}

Result<std::unique_ptr<Transaction>> SqliteDatabase::Begin(TxMode mode) {
  std::unique_ptr<SqliteTransaction> tx;
  if (mode == TxMode::kWrite) {
    std::unique_lock lock(impl_->write_mutex,
                          std::chrono::milliseconds(impl_->options.busy_timeout_ms));
    if (!lock.owns_lock()) {
      return DriverError(StatusCode::kUnavailable, "sqlite", "begin",
                         "timed out waiting for the writer connection");
    }
    if (impl_->IsClosed() || impl_->writer == nullptr) return Unavailable("database is closed");
    tx = std::make_unique<SqliteTransaction>(impl_.get(), std::move(lock));
  } else {
    ASSIGN_OR_RETURN(auto reader, impl_->AcquireReader());
    tx = std::make_unique<SqliteTransaction>(impl_.get(), std::move(reader));
  }
  RETURN_IF_ERROR(tx->Start(mode == TxMode::kWrite));
  return std::unique_ptr<Transaction>(std::move(tx));
}

bool SqliteDatabase::Ping() {
  auto tx = Begin(TxMode::kRead);
  if (!tx.ok()) return false;
  return (*tx)->Query("SELECT 1").ok();
}

Status SqliteDatabase::ExecScript(std::string_view sql) {
  std::unique_lock lock(impl_->write_mutex,
                        std::chrono::milliseconds(impl_->options.busy_timeout_ms));
  if (!lock.owns_lock()) return Unavailable("timed out waiting for the SQLite writer");
  if (impl_->IsClosed() || impl_->writer == nullptr) return Unavailable("database is closed");
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
  std::lock_guard write_lock(impl_->write_mutex);
  impl_->writer.reset();
}

}  // namespace cairn::storage
