// Fresh databases for contract tests, one per test, for every backend under test.
//
// SQLite: a new file in a new temporary folder (removed when the database is destroyed).
// PostgreSQL: a new database `cairn_t_<random>` created through the server named by the
// environment variable CAIRN_TEST_PG_URL (scripts/pg-test-cluster.sh prints one), dropped WITH
// (FORCE) when the returned database is destroyed. Several test binaries can share one server.
//
// Parameterize a suite like this:
//   INSTANTIATE_TEST_SUITE_P(Backends, MyStoreTest,
//       ::testing::ValuesIn(storage::testing::TestBackends()),
//       [](const auto& info) { return storage::testing::BackendName(info.param); });
// and in SetUp: auto db = OpenFreshTestDatabase(GetParam()); ASSERT_OK(db) << ...;
//
// Thread safety: the functions are thread-safe.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "common/status.h"
#include "storage/sql_database.h"

namespace cairn::storage::testing {

inline constexpr char kPgUrlEnv[] = "CAIRN_TEST_PG_URL";

// kSqlite, plus kPostgres when CAIRN_TEST_PG_URL is set and non-empty.
std::vector<Backend> TestBackends();
// "sqlite" / "postgres" (usable as a gtest parameter name).
std::string BackendName(Backend backend);

// Opens a fresh database. With `migrate` the embedded migrations are applied (as
// OpenDatabase does); without, the database is empty (driver tests). `dir_or_name`, when
// non-null, receives the SQLite folder or the PostgreSQL database name.
// Errors: FailedPrecondition for kPostgres when CAIRN_TEST_PG_URL is unset; Unavailable when
// the server or file cannot be reached; migration errors.
Result<std::unique_ptr<SqlDatabase>> OpenFreshTestDatabase(Backend backend,
                                                           std::string* dir_or_name = nullptr,
                                                           bool migrate = true);

// `uri` (postgresql://...) with its database name replaced by `dbname`.
std::string WithDatabaseName(const std::string& uri, const std::string& dbname);

}  // namespace cairn::storage::testing
