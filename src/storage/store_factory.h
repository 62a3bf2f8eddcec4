// Opens a database from a storage URI and brings its schema up to date.
//   sqlite://PATH          (relative or absolute path; parent folder created)
//   postgresql://...       (passed to libpq as a connection URI; postgres:// accepted too)
#pragma once

#include <memory>
#include <string>

#include "common/status.h"
#include "storage/sql_database.h"

namespace cairn::storage {

struct OpenOptions {
  // Empty database: always migrated. Database behind the binary's migrations: migrated only when
  // this is true (`cairn db upgrade` or `serve --upgrade`), else FailedPrecondition.
  bool upgrade = false;
  int pool_size = 8;
  StatementObserver* observer = nullptr;  // not owned; may be null
  // SQLite only. Default false = synchronous=NORMAL in WAL mode: an acknowledged commit survives
  // a process crash (kill -9), which is SPEC §6's promise, but the last commits before an OS crash
  // or power loss may be lost. true = synchronous=FULL: survives power loss too, at one fsync per
  // commit (~180 commits/s vs ~2 300/s measured on the dev VM). `cairn serve --sqlite-sync full`.
  bool sqlite_fsync_each_commit = false;
};

// Errors: InvalidArgument for an unknown scheme; Unavailable when the database cannot be opened;
// FailedPrecondition when the schema is behind and upgrade is false, or ahead of this binary.
Result<std::unique_ptr<SqlDatabase>> OpenDatabase(const std::string& uri, const OpenOptions& opts);

}  // namespace cairn::storage
