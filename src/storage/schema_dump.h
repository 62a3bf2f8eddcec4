// DumpSchema: a normalized, deterministic text description of the current schema, for the test
// that compares a freshly migrated database with the committed migrations/<backend>/schema.dump.
//
// Lists tables (sorted by name) with their columns in declaration order (name, type, NOT NULL,
// default), primary key, foreign keys / constraints, and named indexes (sorted by name); SQLite
// also lists views and triggers. Data is never dumped (so schema_migrations rows are excluded;
// its table is listed like any other). SQLite reads sqlite_master and the table_info /
// index_list / index_info / foreign_key_list pragmas; PostgreSQL reads pg_catalog for the
// current schema (normally `public`), with the schema name stripped from definitions.
//
// Thread safety: as SqlDatabase.
#pragma once

#include <string>

#include "common/status.h"
#include "storage/sql_database.h"

namespace cairn::storage {

// Errors: those of the driver.
Result<std::string> DumpSchema(SqlDatabase& db);

}  // namespace cairn::storage
