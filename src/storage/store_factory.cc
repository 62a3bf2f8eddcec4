#include "storage/store_factory.h"

#include "storage/migrator.h"
#include "storage/postgres/postgres_database.h"
#include "storage/sqlite/sqlite_database.h"

namespace cairn::storage {
namespace {

bool ConsumePrefix(std::string_view& s, std::string_view prefix) {
  if (s.substr(0, prefix.size()) != prefix) return false;
  s.remove_prefix(prefix.size());
  return true;
}

Result<std::unique_ptr<SqlDatabase>> OpenDriver(const std::string& uri, const OpenOptions& opts) {
  std::string_view rest = uri;
  if (ConsumePrefix(rest, "sqlite://")) {
    // sqlite://relative/path or sqlite:///abs/path: what follows "sqlite://" is the path.
    if (rest.empty()) return InvalidArgument("sqlite:// URI needs a file path: " + uri);
    SqliteDatabase::Options options;
    options.pool_size = opts.pool_size;
    options.observer = opts.observer;
    options.fsync_each_commit = opts.sqlite_fsync_each_commit;
    ASSIGN_OR_RETURN(auto db, SqliteDatabase::Open(std::string(rest), options));
    return std::unique_ptr<SqlDatabase>(std::move(db));
  }
  if (rest.starts_with("postgresql://") || rest.starts_with("postgres://")) {
    PostgresDatabase::Options options;
    options.pool_size = opts.pool_size;
    options.observer = opts.observer;
    ASSIGN_OR_RETURN(auto db, PostgresDatabase::Open(uri, options));
    return std::unique_ptr<SqlDatabase>(std::move(db));
  }
  return InvalidArgument("unsupported storage URI (want sqlite://PATH or postgresql://...): " +
                         uri);
}

}  // namespace

Result<std::unique_ptr<SqlDatabase>> OpenDatabase(const std::string& uri, const OpenOptions& opts) {
  ASSIGN_OR_RETURN(auto db, OpenDriver(uri, opts));
  RETURN_IF_ERROR(Migrate(*db, opts.upgrade));
  return db;
}

}  // namespace cairn::storage
