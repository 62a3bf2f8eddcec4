// Schema migrations: numbered, forward-only SQL scripts, one list per backend.
//
// The files migrations/<backend>/NNNN_slug.sql are embedded into the binary at build time
// (embed_migrations.cmake). The migrator keeps its bookkeeping in
//   schema_migrations(version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)
// which it creates itself. Each migration runs in its own transaction together with its
// bookkeeping row, so a failed migration leaves the database at the previous version. On SQLite a
// migration runs with foreign keys off (so it may rebuild a referenced table) and commits only if
// PRAGMA foreign_key_check then finds nothing; foreign keys are switched back on afterwards.
//
// Policy (SPEC: an empty database is created at start; a populated one that is behind is
// upgraded only on request):
//   - version 0 (no schema_migrations table, or no rows): migrate fully;
//   - behind the binary and upgrade == false: FailedPrecondition naming both versions;
//   - ahead of the binary: FailedPrecondition (an older binary must not touch a newer schema).
// Concurrent migrators (several `cairn serve` on one PostgreSQL) are tolerated: a migration that
// fails because another process applied it first is detected by re-reading the version.
//
// Thread safety: free functions; the database does its own locking.
#pragma once

#include <span>
#include <string_view>

#include "common/status.h"
#include "storage/sql_database.h"

namespace cairn::storage {

struct Migration {
  int version;            // NNNN from the file name; versions are 1, 2, 3 ... without gaps
  std::string_view name;  // the slug from the file name
  std::string_view sql;   // the script (may hold several statements)
};

// The migrations compiled into this binary for `backend`, ordered by version.
std::span<const Migration> EmbeddedMigrations(Backend backend);

// Highest embedded version for `backend` (0 when there is none).
int LatestSchemaVersion(Backend backend);

// Highest applied version; 0 for an empty database. Errors: those of the driver.
Result<int> CurrentSchemaVersion(SqlDatabase& db);

// Brings the schema to the latest embedded version per the policy above.
// Errors: FailedPrecondition (behind without upgrade, or ahead), InvalidArgument when the list is
// malformed (not 1..N), and the driver's codes when a migration fails.
Status Migrate(SqlDatabase& db, bool upgrade);
// Same with an explicit list (tests pass their own).
Status Migrate(SqlDatabase& db, std::span<const Migration> migrations, bool upgrade);

}  // namespace cairn::storage
