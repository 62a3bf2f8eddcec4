// DatasetStore: the storage contract for dataset metadata (table `datasets`). Column values live
// in files (column_file.h) managed by DatasetService, not here.
//
// Thread safety: implementations are thread-safe.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "audit/types.h"
#include "common/status.h"
#include "datasets/types.h"
#include "storage/sql_database.h"

namespace cairn::datasets {

struct DatasetChange {
  Dataset updated;                    // written guarded by the revision read
  std::optional<audit::Entry> audit;  // nullopt: nothing changed, write nothing
};
using DatasetMutator = std::function<Result<DatasetChange>(const Dataset& current)>;

class DatasetStore {
 public:
  virtual ~DatasetStore() = default;
  // Inserts a dataset and its audit record in one transaction.
  // Errors: AlreadyExists (id), Unavailable, Internal.
  virtual Status Create(const Dataset& d, const audit::Entry& audit) = 0;
  // Errors: NotFound.
  virtual Result<Dataset> Get(const std::string& id) = 0;
  // Newest first; items without profiles. `limit` already validated.
  // Errors: InvalidArgument (page token).
  virtual Result<DatasetPage> List(const std::optional<std::string>& name, int limit,
                                   const std::string& page_token) = 0;
  // Read-check-write of the metadata (description, tags, updated_at) in one transaction with
  // its audit record. Errors: NotFound, the mutator's error, Aborted on a concurrent change.
  virtual Result<Dataset> Update(const std::string& id, const DatasetMutator& mutate) = 0;
  // Deletes the row and appends the audit record in one transaction, after `check_unused` (the
  // other domains' reference checks, run in that transaction) has passed.
  // Errors: NotFound, the check's error.
  //
  // Race freedom (PostgreSQL runs READ COMMITTED): a writer that records a reference to a
  // dataset first takes the dataset row's lock with Hold in its own transaction; Delete takes
  // the same lock before it checks. Whoever locks second waits for the first to commit, and
  // then either sees the committed reference (the check runs as a later statement, with a fresh
  // snapshot, so Delete answers 409) or finds the row gone (Hold answers NotFound). An atomic
  // `DELETE ... WHERE NOT EXISTS (...)` alone would not do: under READ COMMITTED both
  // statements can run on snapshots that miss each other's uncommitted rows. SELECT ... FOR
  // UPDATE/SHARE would, but SQLite has no such clause; an UPDATE that changes nothing is
  // portable and takes the row lock on both (SQLite serialises writers anyway).
  virtual Status Delete(const std::string& id, const audit::Entry& audit,
                        const storage::TxStep& check_unused) = 0;
  // Locks the dataset's row until `tx` commits (see Delete). Errors: NotFound.
  virtual Status Hold(storage::Transaction& tx, const std::string& id) = 0;
};

}  // namespace cairn::datasets
