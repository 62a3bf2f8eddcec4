// SqlDatabase: the driver contract every store is written against.
//
// Stores write portable SQL with `?` placeholders and bound parameters only; the driver
// translates placeholders (PostgreSQL: $1, $2 ...) and hides connection handling. Work happens in
// a Transaction, obtained from SqlDatabase::Begin: it holds one pooled connection, commits on
// Commit(), and rolls back in its destructor if Commit() was not called (RAII).
//
// Thread safety: SqlDatabase is thread-safe (Begin may be called from any thread; connections are
// pooled). A Transaction is used by one thread at a time.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "common/status.h"

namespace cairn::storage {

// Binary payload (SQLite BLOB / PostgreSQL BYTEA).
struct Blob {
  std::string bytes;
};

// A bound parameter or a result cell. monostate is SQL NULL.
using Value = std::variant<std::monostate, int64_t, double, std::string, Blob>;

// An optional as a bound parameter: nullopt binds SQL NULL.
template <typename T>
Value Nullable(const std::optional<T>& v) {
  if (v) return Value(*v);
  return std::monostate{};
}

// One materialized result row. Accessors never throw: a NULL or mismatched cell yields the
// type's zero value (stores read columns they wrote; schema tests guard the types).
class Row {
 public:
  explicit Row(std::vector<Value> cells) : cells_(std::move(cells)) {}
  size_t size() const { return cells_.size(); }
  bool IsNull(size_t i) const;
  int64_t Int(size_t i) const;
  double Double(size_t i) const;
  std::string Text(size_t i) const;
  const std::string& BlobBytes(size_t i) const;
  std::optional<std::string> OptText(size_t i) const;
  std::optional<int64_t> OptInt(size_t i) const;
  const Value& cell(size_t i) const { return cells_[i]; }

 private:
  std::vector<Value> cells_;
};

enum class Backend { kSqlite, kPostgres };

enum class TxMode {
  kRead,   // may only read; SQLite: deferred BEGIN (concurrent with the writer under WAL)
  kWrite,  // SQLite: BEGIN IMMEDIATE (takes the write lock up front, no upgrade deadlocks)
};

class Transaction {
 public:
  virtual ~Transaction() = default;

  // Executes a statement; returns the number of rows changed.
  // Errors: AlreadyExists on unique-constraint violation, FailedPrecondition on a foreign-key or
  // check violation, Unavailable when the database is busy/unreachable, Internal otherwise.
  virtual Result<int64_t> Exec(std::string_view sql, std::span<const Value> params = {}) = 0;
  // Runs a query and materializes every row. Same error codes as Exec.
  virtual Result<std::vector<Row>> Query(std::string_view sql,
                                         std::span<const Value> params = {}) = 0;
  // Commits. After Commit (successful or not) the transaction is finished.
  virtual Status Commit() = 0;

  // Convenience for the common single-row case: nullopt when the query returned no row.
  Result<std::optional<Row>> QueryOne(std::string_view sql, std::span<const Value> params = {});
};

// A step another domain runs inside a store's transaction (a reference check or a row lock
// across domains, so that the check and the write commit together). Each domain's SQL stays in
// its own store: the step is supplied by the domain that owns the tables it touches.
using TxStep = std::function<Status(Transaction&)>;

// A figure a driver keeps of its own work, for /metrics: a counter (only grows) or a gauge.
struct DriverCounter {
  std::string name;  // a Prometheus metric name
  std::string help;
  bool gauge = false;
  int64_t value = 0;
};

class SqlDatabase {
 public:
  virtual ~SqlDatabase() = default;
  virtual Backend backend() const = 0;
  // Errors: Unavailable when no connection can be had.
  virtual Result<std::unique_ptr<Transaction>> Begin(TxMode mode) = 0;
  // True when a trivial query succeeds (for /readyz).
  virtual bool Ping() = 0;
  // Executes a multi-statement script outside any pooled transaction (migrations).
  virtual Status ExecScript(std::string_view sql) = 0;
  // Closes all pooled connections; later Begin calls fail with Unavailable.
  virtual void Close() = 0;
  // The driver's own figures (commits, checkpoints, ...); none by default.
  virtual std::vector<DriverCounter> Counters() const { return {}; }
  // Gives back the memory caches hold for connections not in use (SQLite: the page caches of
  // idle readers), for a server that has gone idle. Thread-safe; a no-op by default.
  virtual void ReleaseIdleMemory() {}
};

// Storage timing sink: the driver reports each statement's duration (for /metrics).
class StatementObserver {
 public:
  virtual ~StatementObserver() = default;
  virtual void OnStatement(bool is_query, int64_t micros, bool ok) = 0;
};

}  // namespace cairn::storage
