// PostgresDatabase: the scale-out SqlDatabase driver, on libpq.
//
// Connections: a pool of up to pool_size libpq connections opened lazily (the first one at Open,
// to fail fast). A connection found broken (server restart, network) is dropped and replaced;
// Begin retries once on a fresh connection when a reused one turns out dead.
// Statements: each connection prepares a statement the first time it runs it (PQprepare with
// the `?` placeholders rewritten to $1..$n, see placeholders.h) and afterwards only binds and
// executes it (PQexecPrepared), like SQLite's statement cache. The cache is keyed by the SQL text
// and the parameter types (a NULL is bound untyped, so a text can have a few variants), holds at
// most 512 statements per connection (beyond that, PQexecParams), and is dropped (DEALLOCATE
// ALL) before the next transaction after ExecScript changed the schema or after the server
// rejected a cached statement. Parameters: int64 as int8 and double as float8 in text form, text
// as untyped text (the server infers the column type), Blob in binary form as bytea, monostate
// as NULL. Results come back in text form and are decoded by column type OID:
// int2/int4/int8/oid -> int64, float4/float8/numeric -> double, bytea -> Blob, bool -> int64 0/1,
// anything else -> text. (Named statements need a session per connection: a pooler in front of
// PostgreSQL must run in session mode.)
//
// Isolation: kWrite is `BEGIN` (READ COMMITTED): stores use atomic statements (UPDATE ... SET
// n = n + 1, INSERT ... ON CONFLICT, revision checks in WHERE) rather than read-modify-write.
// kRead is `BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY`: one snapshot for all queries of
// the transaction (like SQLite's read transactions), and read-only transactions never fail
// with serialization errors.
//
// Errors: SQLSTATE 23505 -> AlreadyExists; other 23xxx -> FailedPrecondition; 40001 / 40P01 /
// 55P03 (serialization failure, deadlock, lock timeout) -> Unavailable (transient: retry the
// request; Aborted is reserved for revision mismatches); connection failures (08xxx, 57P0x,
// lost connection) and 53xxx -> Unavailable; anything else -> Internal. Each carries the generic
// message of driver_error.h; the server's primary message, SQLSTATE and constraint name are
// logged with the request id, never returned. Commit after a failed statement returns Internal
// (PostgreSQL has already aborted the transaction).
//
// Thread safety: PostgresDatabase is thread-safe. Transactions must be destroyed before the
// database.
#pragma once

#include <memory>
#include <string>

#include "common/status.h"
#include "storage/sql_database.h"

namespace cairn::storage {

class PostgresDatabase final : public SqlDatabase {
 public:
  struct Options {
    int pool_size = 8;
    int connect_timeout_s = 10;             // also bounds waiting for a free pooled connection
    StatementObserver* observer = nullptr;  // not owned; may be null
  };

  // `conninfo` is a libpq connection URI (postgresql://...) or key=value string.
  // Errors: Unavailable when the first connection cannot be made.
  static Result<std::unique_ptr<PostgresDatabase>> Open(const std::string& conninfo,
                                                        const Options& options);
  ~PostgresDatabase() override;

  Backend backend() const override { return Backend::kPostgres; }
  // Errors: Unavailable when closed, when the pool stays exhausted past connect_timeout_s, or when
  // the server cannot be reached.
  Result<std::unique_ptr<Transaction>> Begin(TxMode mode) override;
  bool Ping() override;
  // PQexec on a pooled connection: several statements, no parameters. If the script fails inside
  // a transaction it opened, that transaction is rolled back.
  Status ExecScript(std::string_view sql) override;
  void Close() override;

  struct Impl;

 private:
  explicit PostgresDatabase(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace cairn::storage
