#include "storage/testing/test_databases.h"

#include <cstdlib>
#include <filesystem>
#include <functional>

#include "common/ids.h"
#include "storage/migrator.h"
#include "storage/postgres/postgres_database.h"
#include "storage/sqlite/sqlite_database.h"

namespace cairn::storage::testing {
namespace {

constexpr int kTestPoolSize = 4;

// Owns a database and undoes its creation (delete folder, drop database) on destruction.
class FreshDatabase final : public SqlDatabase {
 public:
  FreshDatabase(std::unique_ptr<SqlDatabase> inner, std::function<void()> cleanup)
      : inner_(std::move(inner)), cleanup_(std::move(cleanup)) {}
  ~FreshDatabase() override {
    inner_.reset();
    cleanup_();
  }
  std::vector<DriverCounter> Counters() const override { return inner_->Counters(); }
  Backend backend() const override { return inner_->backend(); }
  Result<std::unique_ptr<Transaction>> Begin(TxMode mode) override { return inner_->Begin(mode); }
  bool Ping() override { return inner_->Ping(); }
  Status ExecScript(std::string_view sql) override { return inner_->ExecScript(sql); }
  void Close() override { inner_->Close(); }

 private:
  std::unique_ptr<SqlDatabase> inner_;
  std::function<void()> cleanup_;
};

std::string RandomSuffix() {
  std::string id = NewUuid();
  std::string out;
  for (char c : id) {
    if (c != '-') out += c;
  }
  return out.substr(0, 20);
}

Result<std::unique_ptr<SqlDatabase>> OpenFreshSqlite(std::string* dir_out, bool migrate) {
  std::error_code ec;
  std::filesystem::path dir =
      std::filesystem::temp_directory_path(ec) / ("cairn_t_" + RandomSuffix());
  if (ec) return Unavailable("no temporary folder: " + ec.message());
  std::filesystem::create_directories(dir, ec);
  if (ec) return Unavailable("creating " + dir.string() + ": " + ec.message());
  SqliteDatabase::Options options;
  options.pool_size = kTestPoolSize;
  auto cleanup = [dir] {
    std::error_code ignored;
    std::filesystem::remove_all(dir, ignored);
  };
  auto opened = SqliteDatabase::Open((dir / "cairn.db").string(), options);
  if (!opened.ok()) {
    cleanup();
    return opened.status();
  }
  auto db = std::make_unique<FreshDatabase>(std::move(*opened), cleanup);
  if (migrate) RETURN_IF_ERROR(Migrate(*db, /*upgrade=*/false));
  if (dir_out != nullptr) *dir_out = dir.string();
  return std::unique_ptr<SqlDatabase>(std::move(db));
}

Result<std::unique_ptr<SqlDatabase>> OpenFreshPostgres(std::string* name_out, bool migrate) {
  const char* url = std::getenv(kPgUrlEnv);
  if (url == nullptr || *url == '\0') {
    return FailedPrecondition(std::string(kPgUrlEnv) + " is not set");
  }
  const std::string admin_url = url;
  const std::string name = "cairn_t_" + RandomSuffix();
  PostgresDatabase::Options admin_options;
  admin_options.pool_size = 1;
  {
    ASSIGN_OR_RETURN(auto admin, PostgresDatabase::Open(admin_url, admin_options));
    RETURN_IF_ERROR(admin->ExecScript("CREATE DATABASE " + name));
  }
  auto cleanup = [admin_url, name, admin_options] {
    auto admin = PostgresDatabase::Open(admin_url, admin_options);
    if (admin.ok()) (void)(*admin)->ExecScript("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
  };
  PostgresDatabase::Options options;
  options.pool_size = kTestPoolSize;
  auto opened = PostgresDatabase::Open(WithDatabaseName(admin_url, name), options);
  if (!opened.ok()) {
    cleanup();
    return opened.status();
  }
  auto db = std::make_unique<FreshDatabase>(std::move(*opened), cleanup);
  if (migrate) RETURN_IF_ERROR(Migrate(*db, /*upgrade=*/false));
  if (name_out != nullptr) *name_out = name;
  return std::unique_ptr<SqlDatabase>(std::move(db));
}

}  // namespace

std::vector<Backend> TestBackends() {
  std::vector<Backend> backends = {Backend::kSqlite};
  const char* url = std::getenv(kPgUrlEnv);
  if (url != nullptr && *url != '\0') backends.push_back(Backend::kPostgres);
  return backends;
}

std::string BackendName(Backend backend) {
  return backend == Backend::kSqlite ? "sqlite" : "postgres";
}

Result<std::unique_ptr<SqlDatabase>> OpenFreshTestDatabase(Backend backend,
                                                           std::string* dir_or_name, bool migrate) {
  if (backend == Backend::kSqlite) return OpenFreshSqlite(dir_or_name, migrate);
  return OpenFreshPostgres(dir_or_name, migrate);
}

std::string WithDatabaseName(const std::string& uri, const std::string& dbname) {
  const size_t scheme = uri.find("://");
  const size_t authority = scheme == std::string::npos ? 0 : scheme + 3;
  const size_t query = uri.find('?', authority);
  const size_t end = query == std::string::npos ? uri.size() : query;
  const size_t slash = uri.find('/', authority);
  if (slash == std::string::npos || slash > end) {
    return uri.substr(0, end) + "/" + dbname + uri.substr(end);
  }
  return uri.substr(0, slash + 1) + dbname + uri.substr(end);
}

}  // namespace cairn::storage::testing
