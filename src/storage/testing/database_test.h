// The base fixture of every store and service test: a fresh migrated database per test, for
// every backend under test, plus the queries such tests share. Derive, call
// DatabaseTest::SetUp() first (return when it failed), and instantiate with
// CAIRN_INSTANTIATE_BACKENDS(MySuite). Test-only; one fixture per test thread.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <random>
#include <string>
#include <system_error>

#include "common/testing/status_matchers.h"
#include "storage/sql_database.h"
#include "storage/testing/test_databases.h"

namespace cairn::storage::testing {

class DatabaseTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    auto db = OpenFreshTestDatabase(GetParam());
    ASSERT_OK(db);
    db_ = std::move(*db);
  }
  void TearDown() override { db_.reset(); }

  // The first column of the first row of `sql` (a COUNT), or -1 after a test failure.
  int64_t Count(const std::string& sql) {
    auto tx = db_->Begin(TxMode::kRead);
    EXPECT_OK(tx);
    if (!tx.ok()) return -1;
    auto row = (*tx)->QueryOne(sql);
    EXPECT_OK(row);
    return row.ok() && *row ? (*row)->Int(0) : -1;
  }
  int64_t AuditCount() { return Count("SELECT COUNT(*) FROM audit_log"); }

  std::unique_ptr<SqlDatabase> db_;
};

// A fresh temporary directory, removed with everything in it on destruction.
class ScopedTempDir {
 public:
  explicit ScopedTempDir(const std::string& prefix = "cairn-test") {
    std::random_device rd;
    path_ = (std::filesystem::temp_directory_path() /
             (prefix + "-" + std::to_string(rd()) + std::to_string(rd())))
                .string();
    std::filesystem::create_directories(path_);
  }
  ~ScopedTempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  ScopedTempDir(const ScopedTempDir&) = delete;
  ScopedTempDir& operator=(const ScopedTempDir&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace cairn::storage::testing

// Instantiates a DatabaseTest-derived suite once per backend under test, named by backend.
#define CAIRN_INSTANTIATE_BACKENDS(suite)                                              \
  INSTANTIATE_TEST_SUITE_P(                                                            \
      Backends, suite, ::testing::ValuesIn(::cairn::storage::testing::TestBackends()), \
      [](const auto& info) { return ::cairn::storage::testing::BackendName(info.param); })
