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
  // Deletes the row and appends the audit record in one transaction. Errors: NotFound.
  virtual Status Delete(const std::string& id, const audit::Entry& audit) = 0;
};

}  // namespace cairn::datasets
