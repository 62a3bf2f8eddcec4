// Compares the schema of a freshly migrated database with the committed dump
// migrations/<backend>/schema.dump. After adding a migration, refresh the dumps deliberately:
//   CAIRN_UPDATE_SCHEMA_DUMP=1 ./schema_dump_test   (with CAIRN_TEST_PG_URL set for PostgreSQL)
#include "storage/schema_dump.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "common/testing/status_matchers.h"
#include "storage/migrator.h"
#include "storage/testing/test_databases.h"

namespace cairn::storage {
namespace {

using ::cairn::storage::testing::BackendName;
using ::cairn::storage::testing::OpenFreshTestDatabase;
using ::cairn::storage::testing::TestBackends;

std::string DumpPath(Backend backend) {
  return std::string(CAIRN_SOURCE_DIR) + "/src/storage/migrations/" + BackendName(backend) +
         "/schema.dump";
}

bool UpdateRequested() {
  const char* v = std::getenv("CAIRN_UPDATE_SCHEMA_DUMP");
  return v != nullptr && std::string(v) == "1";
}

class SchemaDumpTest : public ::testing::TestWithParam<Backend> {};

TEST_P(SchemaDumpTest, FreshlyMigratedSchemaMatchesCommittedDump) {
  auto db = OpenFreshTestDatabase(GetParam());
  ASSERT_OK(db);
  auto dump = DumpSchema(**db);
  ASSERT_OK(dump);
  const std::string path = DumpPath(GetParam());
  if (UpdateRequested()) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << *dump;
    ASSERT_TRUE(out.good()) << "cannot write " << path;
    GTEST_SKIP() << "rewrote " << path;
  }
  std::ifstream in(path, std::ios::binary);
  ASSERT_TRUE(in.good()) << path << " is missing: run with CAIRN_UPDATE_SCHEMA_DUMP=1";
  std::stringstream committed;
  committed << in.rdbuf();
  EXPECT_EQ(*dump, committed.str())
      << "schema differs from " << path
      << "; if the change is intended, rerun with CAIRN_UPDATE_SCHEMA_DUMP=1";
}

TEST_P(SchemaDumpTest, DumpIsDeterministicAndDescribesTables) {
  auto db = OpenFreshTestDatabase(GetParam(), nullptr, /*migrate=*/false);
  ASSERT_OK(db);
  const bool sqlite = GetParam() == Backend::kSqlite;
  ASSERT_OK(
      (*db)->ExecScript("CREATE TABLE zeta (id BIGINT NOT NULL, name TEXT DEFAULT 'x', "
                        "CONSTRAINT zeta_pk PRIMARY KEY (id));"
                        "CREATE TABLE alpha (a BIGINT NOT NULL, b BIGINT NOT NULL, z_id BIGINT "
                        "REFERENCES zeta (id) ON DELETE CASCADE, PRIMARY KEY (a, b));"
                        "CREATE UNIQUE INDEX alpha_z_idx ON alpha (z_id, b DESC);"));
  auto first = DumpSchema(**db);
  auto second = DumpSchema(**db);
  ASSERT_OK(first);
  ASSERT_OK(second);
  EXPECT_EQ(*first, *second);
  const std::string& d = *first;
  EXPECT_LT(d.find("table alpha"), d.find("table zeta")) << d;
  EXPECT_NE(d.find("alpha_z_idx"), std::string::npos) << d;
  EXPECT_NE(d.find("column name"), std::string::npos) << d;
  EXPECT_NE(d.find("'x'"), std::string::npos) << d;
  if (sqlite) {
    EXPECT_NE(d.find("  primary key (a, b)\n"), std::string::npos) << d;
    EXPECT_NE(d.find("  index alpha_z_idx unique (z_id, b DESC)\n"), std::string::npos) << d;
    EXPECT_NE(d.find("references zeta(id)"), std::string::npos) << d;
    EXPECT_NE(d.find("  column id BIGINT NOT NULL\n"), std::string::npos) << d;
  } else {
    EXPECT_NE(d.find("constraint zeta_pk PRIMARY KEY (id)"), std::string::npos) << d;
    EXPECT_NE(d.find("  column id bigint NOT NULL\n"), std::string::npos) << d;
    EXPECT_NE(d.find("REFERENCES zeta(id) ON DELETE CASCADE"), std::string::npos) << d;
  }
}

TEST_P(SchemaDumpTest, ClosedDatabaseIsAnError) {
  auto db = OpenFreshTestDatabase(GetParam(), nullptr, /*migrate=*/false);
  ASSERT_OK(db);
  (*db)->Close();
  EXPECT_EQ(DumpSchema(**db).status().code(), StatusCode::kUnavailable);
}

INSTANTIATE_TEST_SUITE_P(Backends, SchemaDumpTest, ::testing::ValuesIn(TestBackends()),
                         [](const auto& info) { return BackendName(info.param); });

}  // namespace
}  // namespace cairn::storage
