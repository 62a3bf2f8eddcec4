#include "storage/postgres/postgres_database.h"

#include <libpq-fe.h>

#include <array>
#include <atomic>
#include <charconv>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <cstdint>
#include <cstring>
#include <limits>
#include <mutex>
#include <unordered_map>
#include <vector>

#include "storage/driver_error.h"
#include "storage/postgres/placeholders.h"

namespace cairn::storage {
namespace {

// Type OIDs from pg_type.h (stable across PostgreSQL versions).
constexpr Oid kBoolOid = 16;
constexpr Oid kByteaOid = 17;
constexpr Oid kInt8Oid = 20;
constexpr Oid kInt2Oid = 21;
constexpr Oid kInt4Oid = 23;
constexpr Oid kOidOid = 26;
constexpr Oid kFloat4Oid = 700;
constexpr Oid kFloat8Oid = 701;
constexpr Oid kNumericOid = 1700;

constexpr int kTextFormat = 0;
constexpr int kBinaryFormat = 1;

void IgnoreNotice(void*, const char*) {}

// Dynamic SQL (variable IN lists) must not grow a connection's statement cache without bound;
// past this many, statements are sent unprepared (PQexecParams).
constexpr size_t kMaxPreparedStatements = 512;

struct StringHash {
  using is_transparent = void;  // NOLINT(readability-identifier-naming): the standard's name
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

struct PreparedStatement {
  std::vector<Oid> types;  // the parameter types it was prepared with
  std::string name;
};

struct PgConnection {
  PGconn* conn = nullptr;
  bool broken = false;
  // Statements prepared on this connection, by the SQL text the store passed (with `?`), then
  // by parameter types: a NULL is bound untyped, so one text can have several variants.
  std::unordered_map<std::string, std::vector<PreparedStatement>, StringHash, std::equal_to<>>
      prepared;
  size_t prepared_count = 0;
  uint64_t next_statement = 0;
  uint64_t schema_generation = 0;  // PostgresDatabase::Impl::schema_generation when cached
  bool statements_stale = false;   // the server rejected a cached statement: drop them all
  ~PgConnection() { PQfinish(conn); }
};

struct ResultDeleter {
  void operator()(PGresult* r) const { PQclear(r); }
};
using ResultPtr = std::unique_ptr<PGresult, ResultDeleter>;

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

// The server's words (primary message, SQLSTATE, constraint) go to the log; callers get the
// code and a generic message. DETAIL lines are left out of the log too: they quote row values.
Status MapError(PgConnection& c, const PGresult* res, std::string_view what) {
  const char* state = res != nullptr ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : nullptr;
  const char* primary = res != nullptr ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : nullptr;
  const char* constraint =
      res != nullptr ? PQresultErrorField(res, PG_DIAG_CONSTRAINT_NAME) : nullptr;
  std::string message = primary != nullptr ? primary : PQerrorMessage(c.conn);
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
  if (state != nullptr) message += std::string(" (SQLSTATE ") + state + ")";
  if (constraint != nullptr) message += std::string(" constraint ") + constraint;
  StatusCode code = StatusCode::kInternal;
  std::string_view sqlstate = state != nullptr ? state : "";
  if (PQstatus(c.conn) != CONNECTION_OK) {
    c.broken = true;
    code = StatusCode::kUnavailable;
  } else if (sqlstate == "23505") {
    code = StatusCode::kAlreadyExists;
  } else if (StartsWith(sqlstate, "23")) {
    code = StatusCode::kFailedPrecondition;
  } else if (sqlstate == "40001" || sqlstate == "40P01" || sqlstate == "55P03") {
    // Serialization failure, deadlock, lock timeout: transient, the request may be retried.
    code = StatusCode::kUnavailable;
  } else if (StartsWith(sqlstate, "08") || StartsWith(sqlstate, "57P0")) {
    c.broken = true;
    code = StatusCode::kUnavailable;
  } else if (StartsWith(sqlstate, "53")) {
    code = StatusCode::kUnavailable;
  }
  return DriverError(code, "postgresql", what, message);
}

// Hex digit values by character (0 for a character that is not one; the server sends none).
struct HexDigits {
  std::array<uint8_t, 256> value{};
  constexpr HexDigits() {
    for (uint8_t d = 0; d < 10; ++d) value['0' + d] = d;
    for (uint8_t d = 0; d < 6; ++d) {
      value['a' + d] = static_cast<uint8_t>(10 + d);
      value['A' + d] = static_cast<uint8_t>(10 + d);
    }
  }
};
constexpr HexDigits kHexDigits;

// bytea_output = hex (the default since 9.0): "\x0a1b...". Falls back to libpq for "escape".
// Decoded by table into a buffer sized once: a metric history's blocks arrive as tens of MB of
// hex, and a branch per digit and an append per byte cost 15 ms per 3.5 MB against 1 ms.
std::string DecodeBytea(const char* text, size_t len) {
  if (len >= 2 && text[0] == '\\' && text[1] == 'x') {
    std::string out((len - 2) / 2, '\0');
    const auto* in = reinterpret_cast<const unsigned char*>(text) + 2;
    for (size_t i = 0; i < out.size(); ++i) {
      out[i] =
          static_cast<char>((kHexDigits.value[in[2 * i]] << 4) | kHexDigits.value[in[2 * i + 1]]);
    }
    return out;
  }
  size_t n = 0;
  unsigned char* raw = PQunescapeBytea(reinterpret_cast<const unsigned char*>(text), &n);
  if (raw == nullptr) return std::string();
  std::string out(reinterpret_cast<const char*>(raw), n);
  PQfreemem(raw);
  return out;
}

Value DecodeCell(const PGresult* res, int row, int col, Oid type) {
  if (PQgetisnull(res, row, col) != 0) return std::monostate();
  const char* text = PQgetvalue(res, row, col);
  const auto len = static_cast<size_t>(PQgetlength(res, row, col));
  switch (type) {
    case kInt2Oid:
    case kInt4Oid:
    case kInt8Oid:
    case kOidOid: {
      int64_t v = 0;
      std::from_chars(text, text + len, v);
      return v;
    }
    case kFloat4Oid:
    case kFloat8Oid:
    case kNumericOid: {
      double v = 0;
      std::string_view s(text, len);
      if (s == "NaN") return std::numeric_limits<double>::quiet_NaN();
      if (s == "Infinity") return std::numeric_limits<double>::infinity();
      if (s == "-Infinity") return -std::numeric_limits<double>::infinity();
      std::from_chars(text, text + len, v);
      return v;
    }
    case kByteaOid:
      return Blob{DecodeBytea(text, len)};
    case kBoolOid:
      return static_cast<int64_t>(len > 0 && text[0] == 't' ? 1 : 0);
    default:
      return std::string(text, len);
  }
}

std::string FormatDouble(double d) {
  if (std::isnan(d)) return "NaN";
  if (std::isinf(d)) return d > 0 ? "Infinity" : "-Infinity";
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof(buf), d);
  return std::string(buf, end);
}

Result<PGconn*> Connect(const std::string& conninfo, int connect_timeout_s) {
  // With expand_dbname, later keywords override the URI's; connect_timeout comes first so a
  // timeout given in the URI wins.
  const std::string timeout = std::to_string(connect_timeout_s);
  const char* keys[] = {"connect_timeout", "dbname", nullptr};
  const char* values[] = {timeout.c_str(), conninfo.c_str(), nullptr};
  PGconn* conn = PQconnectdbParams(keys, values, /*expand_dbname=*/1);
  if (conn == nullptr) return Unavailable("PostgreSQL: out of memory creating a connection");
  if (PQstatus(conn) != CONNECTION_OK) {
    std::string message = PQerrorMessage(conn);
    PQfinish(conn);
    while (!message.empty() && message.back() == '\n') message.pop_back();
    return Unavailable("connecting to PostgreSQL: " + message);
  }
  PQsetNoticeProcessor(conn, IgnoreNotice, nullptr);
  return conn;
}

}  // namespace

struct PostgresDatabase::Impl {
  std::string conninfo;
  Options options;

  std::mutex mutex;
  std::condition_variable cv;
  std::vector<std::unique_ptr<PgConnection>> idle;  // guarded by mutex
  int open = 0;                                     // guarded by mutex
  bool closed = false;                              // guarded by mutex
  // Bumped by ExecScript (DDL): statements prepared before may describe tables that changed,
  // so every connection drops its cache before its next transaction.
  std::atomic<uint64_t> schema_generation{0};

  void Observe(bool is_query, std::chrono::steady_clock::time_point start, bool ok) const {
    if (options.observer == nullptr) return;
    auto micros = std::chrono::duration_cast<std::chrono::microseconds>(
                      std::chrono::steady_clock::now() - start)
                      .count();
    options.observer->OnStatement(is_query, micros, ok);
  }

  // `fresh` forces a new connection (after a reused one proved dead).
  Result<std::unique_ptr<PgConnection>> Acquire(bool fresh = false) {
    {
      std::unique_lock lock(mutex);
      const auto deadline =
          std::chrono::steady_clock::now() + std::chrono::seconds(options.connect_timeout_s);
      bool ready = cv.wait_until(
          lock, deadline, [&] { return closed || !idle.empty() || open < options.pool_size; });
      if (closed) return Unavailable("database is closed");
      if (!ready) return Unavailable("no PostgreSQL connection available");
      if (!fresh) {
        while (!idle.empty()) {
          auto c = std::move(idle.back());
          idle.pop_back();
          if (PQstatus(c->conn) == CONNECTION_OK) {
            lock.unlock();
            if (ResetStatementsIfStale(*c)) return c;
            lock.lock();
          }
          --open;  // dead: drop it and look further
        }
      }
      if (open >= options.pool_size && !idle.empty()) {
        // Pool full of idle connections but a fresh one is wanted: recycle the oldest.
        idle.erase(idle.begin());
        --open;
      }
      ++open;
    }
    auto conn = Connect(conninfo, options.connect_timeout_s);
    if (!conn.ok()) {
      std::lock_guard lock(mutex);
      --open;
      cv.notify_one();
      return conn.status();
    }
    auto c = std::make_unique<PgConnection>();
    c->conn = *conn;
    c->schema_generation = schema_generation.load();
    return c;
  }

  // Drops the connection's prepared statements when the schema changed since they were made or
  // the server rejected one. False when the connection turned out to be unusable.
  bool ResetStatementsIfStale(PgConnection& c) const {
    const uint64_t current = schema_generation.load();
    if (!c.statements_stale && c.schema_generation == current) return true;
    if (c.prepared_count > 0) {
      ResultPtr res(PQexec(c.conn, "DEALLOCATE ALL"));
      if (PQresultStatus(res.get()) != PGRES_COMMAND_OK) return false;
    }
    c.prepared.clear();
    c.prepared_count = 0;
    c.statements_stale = false;
    c.schema_generation = current;
    return true;
  }

  void Release(std::unique_ptr<PgConnection> c) {
    const bool reusable = !c->broken && PQstatus(c->conn) == CONNECTION_OK &&
                          PQtransactionStatus(c->conn) == PQTRANS_IDLE;
    std::lock_guard lock(mutex);
    if (closed || !reusable) {
      --open;
    } else {
      idle.push_back(std::move(c));
    }
    cv.notify_one();
  }

  // Sends a parameterless command; returns the result or the mapped error.
  static Result<ResultPtr> Command(PgConnection& c, const char* sql) {
    ResultPtr res(PQexec(c.conn, sql));
    const auto st = PQresultStatus(res.get());
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) return MapError(c, res.get(), sql);
    return res;
  }
};

namespace {

class PostgresTransaction final : public Transaction {
 public:
  PostgresTransaction(PostgresDatabase::Impl* impl, std::unique_ptr<PgConnection> conn)
      : impl_(impl), conn_(std::move(conn)) {}

  ~PostgresTransaction() override {
    if (!done_) Rollback();
    impl_->Release(std::move(conn_));
  }

  Result<int64_t> Exec(std::string_view sql, std::span<const Value> params) override {
    const auto start = std::chrono::steady_clock::now();
    auto res = Run(sql, params);
    impl_->Observe(false, start, res.ok());
    if (!res.ok()) return res.status();
    const char* tuples = PQcmdTuples(res->get());
    int64_t changed = 0;
    std::from_chars(tuples, tuples + std::strlen(tuples), changed);
    return changed;
  }

  Result<std::vector<Row>> Query(std::string_view sql, std::span<const Value> params) override {
    const auto start = std::chrono::steady_clock::now();
    auto res = Run(sql, params);
    impl_->Observe(true, start, res.ok());
    if (!res.ok()) return res.status();
    PGresult* r = res->get();
    const int nrows = PQntuples(r);
    const int ncols = PQnfields(r);
    std::vector<Oid> types(static_cast<size_t>(ncols));
    for (int c = 0; c < ncols; ++c) types[static_cast<size_t>(c)] = PQftype(r, c);
    std::vector<Row> rows;
    rows.reserve(static_cast<size_t>(nrows));
    for (int i = 0; i < nrows; ++i) {
      std::vector<Value> cells;
      cells.reserve(static_cast<size_t>(ncols));
      for (int c = 0; c < ncols; ++c) {
        cells.push_back(DecodeCell(r, i, c, types[static_cast<size_t>(c)]));
      }
      rows.emplace_back(std::move(cells));
    }
    return rows;
  }

  Status Commit() override {
    if (done_) return Internal("transaction already finished");
    done_ = true;
    if (PQtransactionStatus(conn_->conn) == PQTRANS_INERROR) {
      (void)PostgresDatabase::Impl::Command(*conn_, "ROLLBACK");
      return Internal("transaction was aborted by an earlier error; rolled back");
    }
    auto res = PostgresDatabase::Impl::Command(*conn_, "COMMIT");
    if (!res.ok()) {
      if (PQtransactionStatus(conn_->conn) != PQTRANS_IDLE) {
        (void)PostgresDatabase::Impl::Command(*conn_, "ROLLBACK");
      }
      return res.status();
    }
    return Status::Ok();
  }

 private:
  Result<ResultPtr> Run(std::string_view sql, std::span<const Value> params) {
    if (done_) return Internal("transaction already finished");
    const size_t n = params.size();
    std::vector<std::string> numbers(n);
    std::vector<const char*> values(n, nullptr);
    std::vector<int> lengths(n, 0);
    std::vector<int> formats(n, kTextFormat);
    std::vector<Oid> types(n, 0);
    for (size_t i = 0; i < n; ++i) {
      const Value& v = params[i];
      if (const auto* x = std::get_if<int64_t>(&v)) {
        numbers[i] = std::to_string(*x);
        values[i] = numbers[i].c_str();
        types[i] = kInt8Oid;
      } else if (const auto* d = std::get_if<double>(&v)) {
        numbers[i] = FormatDouble(*d);
        values[i] = numbers[i].c_str();
        types[i] = kFloat8Oid;
      } else if (const auto* s = std::get_if<std::string>(&v)) {
        // Text format wants a NUL-terminated value; std::string provides one.
        values[i] = s->c_str();
      } else if (const auto* b = std::get_if<Blob>(&v)) {
        values[i] = b->bytes.data();
        lengths[i] = static_cast<int>(b->bytes.size());
        formats[i] = kBinaryFormat;
        types[i] = kByteaOid;
      }
    }
    const int count = static_cast<int>(n);
    ASSIGN_OR_RETURN(const PreparedStatement* stmt, Prepare(sql, types));
    ResultPtr res;
    if (stmt != nullptr) {
      res.reset(PQexecPrepared(conn_->conn, stmt->name.c_str(), count, values.data(),
                               lengths.data(), formats.data(), kTextFormat));
    } else {
      RewrittenSql rewritten = RewritePlaceholders(sql);
      res.reset(PQexecParams(conn_->conn, rewritten.sql.c_str(), count, types.data(), values.data(),
                             lengths.data(), formats.data(), kTextFormat));
    }
    const auto st = PQresultStatus(res.get());
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
      if (stmt != nullptr) {
        // 26000: the statement is gone (DISCARD ALL by someone); 0A000 here: "cached plan
        // must not change result type" after another process changed a table. Start afresh
        // on the next transaction; this one is aborted either way.
        const char* state = PQresultErrorField(res.get(), PG_DIAG_SQLSTATE);
        std::string_view sqlstate = state != nullptr ? state : "";
        if (sqlstate == "26000" || sqlstate == "0A000") conn_->statements_stale = true;
      }
      return MapError(*conn_, res.get(), "statement");
    }
    return res;
  }

  // The statement prepared on this connection for `sql` with these parameter types, prepared on
  // first use; nullptr when the connection's cache is full (the caller sends it unprepared).
  // Errors: InvalidArgument when the parameter count does not match the placeholders; the
  // server's error when PREPARE fails.
  Result<const PreparedStatement*> Prepare(std::string_view sql, const std::vector<Oid>& types) {
    auto it = conn_->prepared.find(sql);
    if (it != conn_->prepared.end()) {
      for (const PreparedStatement& p : it->second) {
        if (p.types == types) return &p;
      }
    }
    RewrittenSql rewritten = RewritePlaceholders(sql);
    if (rewritten.placeholders != static_cast<int>(types.size())) {
      return InvalidArgument("statement has " + std::to_string(rewritten.placeholders) +
                             " placeholders but " + std::to_string(types.size()) +
                             " parameters were bound");
    }
    if (conn_->prepared_count >= kMaxPreparedStatements) return nullptr;
    PreparedStatement p{types, "cairn_" + std::to_string(++conn_->next_statement)};
    ResultPtr res(PQprepare(conn_->conn, p.name.c_str(), rewritten.sql.c_str(),
                            static_cast<int>(types.size()), types.data()));
    if (PQresultStatus(res.get()) != PGRES_COMMAND_OK) {
      return MapError(*conn_, res.get(), "prepare");
    }
    if (it == conn_->prepared.end()) it = conn_->prepared.try_emplace(std::string(sql)).first;
    it->second.push_back(std::move(p));
    ++conn_->prepared_count;
    return &it->second.back();
  }

  void Rollback() {
    done_ = true;
    if (!conn_->broken && PQstatus(conn_->conn) == CONNECTION_OK &&
        PQtransactionStatus(conn_->conn) != PQTRANS_IDLE) {
      (void)PostgresDatabase::Impl::Command(*conn_, "ROLLBACK");
    }
  }

  PostgresDatabase::Impl* impl_;
  std::unique_ptr<PgConnection> conn_;
  bool done_ = false;
};

}  // namespace

PostgresDatabase::PostgresDatabase(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

PostgresDatabase::~PostgresDatabase() { Close(); }

Result<std::unique_ptr<PostgresDatabase>> PostgresDatabase::Open(const std::string& conninfo,
                                                                 const Options& options) {
  auto impl = std::make_unique<Impl>();
  impl->conninfo = conninfo;
  impl->options = options;
  if (impl->options.pool_size < 1) impl->options.pool_size = 1;
  if (impl->options.connect_timeout_s < 1) impl->options.connect_timeout_s = 1;
  ASSIGN_OR_RETURN(auto first, impl->Acquire());
  impl->Release(std::move(first));
  return std::unique_ptr<PostgresDatabase>(new PostgresDatabase(std::move(impl)));
}

Result<std::unique_ptr<Transaction>> PostgresDatabase::Begin(TxMode mode) {
  const char* begin =
      mode == TxMode::kWrite ? "BEGIN" : "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY";
  // Connecting happens while serving a request: libpq's words (host, user) go to the log.
  auto acquire = [this](bool fresh) -> Result<std::unique_ptr<PgConnection>> {
    auto conn = impl_->Acquire(fresh);
    if (conn.ok()) return conn;
    return DriverError(StatusCode::kUnavailable, "postgresql", "begin", conn.status().message());
  };
  ASSIGN_OR_RETURN(auto conn, acquire(false));
  auto started = Impl::Command(*conn, begin);
  if (!started.ok() && conn->broken) {
    // A pooled connection died while idle (server restart): one retry on a new connection.
    impl_->Release(std::move(conn));
    ASSIGN_OR_RETURN(conn, acquire(/*fresh=*/true));
    started = Impl::Command(*conn, begin);
  }
  if (!started.ok()) {
    impl_->Release(std::move(conn));
    return started.status();
  }
  return std::unique_ptr<Transaction>(
      std::make_unique<PostgresTransaction>(impl_.get(), std::move(conn)));
}

bool PostgresDatabase::Ping() {
  auto conn = impl_->Acquire();
  if (!conn.ok()) return false;
  bool ok = Impl::Command(**conn, "SELECT 1").ok();
  impl_->Release(std::move(*conn));
  return ok;
}

Status PostgresDatabase::ExecScript(std::string_view sql) {
  ASSIGN_OR_RETURN(auto conn, impl_->Acquire());
  std::string script(sql);
  ResultPtr res(PQexec(conn->conn, script.c_str()));
  const auto st = PQresultStatus(res.get());
  Status status = Status::Ok();
  if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK && st != PGRES_EMPTY_QUERY) {
    status = MapError(*conn, res.get(), "script");
    if (!conn->broken && PQtransactionStatus(conn->conn) != PQTRANS_IDLE) {
      (void)Impl::Command(*conn, "ROLLBACK");
    }
  }
  // Scripts change the schema (migrations, tests): statements prepared before may be stale.
  impl_->schema_generation.fetch_add(1);
  impl_->Release(std::move(conn));
  return status;
}

void PostgresDatabase::Close() {
  std::lock_guard lock(impl_->mutex);
  impl_->closed = true;
  impl_->open -= static_cast<int>(impl_->idle.size());
  impl_->idle.clear();
  impl_->cv.notify_all();
}

}  // namespace cairn::storage
