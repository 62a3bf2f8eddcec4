#include "storage/migrator.h"

#include <string>

#include "common/time.h"

namespace cairn::storage {
namespace {

constexpr std::string_view kCreateBookkeeping =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)";

Status ValidateList(std::span<const Migration> migrations) {
  for (size_t i = 0; i < migrations.size(); ++i) {
    if (migrations[i].version != static_cast<int>(i) + 1) {
      return InvalidArgument("migration versions must be 1..N without gaps; position " +
                             std::to_string(i + 1) + " holds version " +
                             std::to_string(migrations[i].version));
    }
  }
  return Status::Ok();
}

std::string SqlQuote(std::string_view text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'') out += '\'';
    out += c;
  }
  out += '\'';
  return out;
}

std::string MigrationLabel(const Migration& m) {
  std::string number = std::to_string(m.version);
  if (number.size() < 4) number.insert(0, 4 - number.size(), '0');
  return number + "_" + std::string(m.name);
}

// SQLite: a migration that rebuilds a table other tables reference (the only way to change a
// CHECK or a FOREIGN KEY there) must run with foreign keys off, and the result is checked before
// the commit — SQLite's documented procedure. A dangling reference fails this insert (CHECK
// constraint) and so the whole migration.
constexpr std::string_view kSqliteForeignKeyGuard =
    "CREATE TEMP TABLE migration_fk_guard (violations INTEGER NOT NULL CHECK (violations = 0));\n"
    "INSERT INTO migration_fk_guard SELECT COUNT(*) FROM pragma_foreign_key_check;\n"
    "DROP TABLE migration_fk_guard;\n";

// One script per migration: its statements and its bookkeeping row commit together. The lock
// serializes concurrent migrators (SQLite: BEGIN IMMEDIATE takes the write lock).
std::string MigrationScript(Backend backend, const Migration& m) {
  std::string script;
  if (backend == Backend::kSqlite) {
    script = "PRAGMA foreign_keys=OFF;\nBEGIN IMMEDIATE;\n";
  } else {
    script = "BEGIN;\nLOCK TABLE schema_migrations IN EXCLUSIVE MODE;\n";
  }
  script += m.sql;
  script += "\n;\n";
  if (backend == Backend::kSqlite) script += kSqliteForeignKeyGuard;
  script += "INSERT INTO schema_migrations (version, name, applied_at) VALUES (";
  script += std::to_string(m.version) + ", " + SqlQuote(m.name) + ", " +
            SqlQuote(FormatRfc3339(NowMillis())) + ");\nCOMMIT;\n";
  return script;
}

}  // namespace

int LatestSchemaVersion(Backend backend) {
  auto list = EmbeddedMigrations(backend);
  return list.empty() ? 0 : list.back().version;
}

Result<int> CurrentSchemaVersion(SqlDatabase& db) {
  ASSIGN_OR_RETURN(auto tx, db.Begin(TxMode::kRead));
  const char* exists_sql =
      db.backend() == Backend::kSqlite
          ? "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = "
            "'schema_migrations'"
          : "SELECT count(*) FROM information_schema.tables WHERE table_schema = "
            "current_schema() AND table_name = 'schema_migrations'";
  ASSIGN_OR_RETURN(auto exists, tx->QueryOne(exists_sql));
  if (!exists || exists->Int(0) == 0) return 0;
  ASSIGN_OR_RETURN(auto row, tx->QueryOne("SELECT max(version) FROM schema_migrations"));
  if (!row) return 0;
  return static_cast<int>(row->Int(0));
}

Status Migrate(SqlDatabase& db, bool upgrade) {
  return Migrate(db, EmbeddedMigrations(db.backend()), upgrade);
}

Status Migrate(SqlDatabase& db, std::span<const Migration> migrations, bool upgrade) {
  RETURN_IF_ERROR(ValidateList(migrations));
  const int latest = migrations.empty() ? 0 : migrations.back().version;
  ASSIGN_OR_RETURN(int current, CurrentSchemaVersion(db));
  if (current > latest) {
    return FailedPrecondition("database schema is at version " + std::to_string(current) +
                              ", newer than this binary's " + std::to_string(latest) +
                              ": run a newer cairn");
  }
  if (current > 0 && current < latest && !upgrade) {
    return FailedPrecondition("database schema is at version " + std::to_string(current) +
                              ", this binary needs " + std::to_string(latest) +
                              ": run `cairn db upgrade`");
  }
  if (current == 0) RETURN_IF_ERROR(db.ExecScript(kCreateBookkeeping));
  for (const Migration& m : migrations) {
    if (m.version <= current) continue;
    Status applied = db.ExecScript(MigrationScript(db.backend(), m));
    if (db.backend() == Backend::kSqlite) {
      // Foreign keys are a property of the connection: back on, whatever the outcome.
      Status restored = db.ExecScript("PRAGMA foreign_keys=ON");
      if (applied.ok() && !restored.ok()) return restored;
    }
    if (applied.ok()) continue;
    // Another process may have applied it between our version check and our lock.
    ASSIGN_OR_RETURN(int now, CurrentSchemaVersion(db));
    if (now >= m.version) continue;
    return Status(applied.code(),
                  "migration " + MigrationLabel(m) + " failed: " + applied.message());
  }
  return Status::Ok();
}

}  // namespace cairn::storage
