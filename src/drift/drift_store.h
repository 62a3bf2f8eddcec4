// DriftStore: the storage contract of drift events.
//
// InsertEvents writes a batch of events and their audit records in ONE write transaction (all or
// nothing), so a drift computation that records several drifted columns never leaves half of
// them behind.
//
// Thread safety: implementations are thread-safe.
#pragma once

#include <vector>

#include "audit/types.h"
#include "common/status.h"
#include "drift/types.h"
#include "storage/sql_database.h"

namespace cairn::drift {

class DriftStore {
 public:
  virtual ~DriftStore() = default;
  // `check` (the references' check; may be empty) runs first in the same transaction; its
  // error is returned as is and nothing is written.
  // Errors: AlreadyExists (id), check's, Unavailable/Internal from the driver.
  virtual Status InsertEvents(const std::vector<DriftEvent>& events,
                              const std::vector<audit::Entry>& audits,
                              const storage::TxStep& check) = 0;
  // Runs `check` in a read transaction (a computation checks its references before working).
  virtual Status CheckReferences(const storage::TxStep& check) = 0;
  // Newest first (detected_at, id). Errors: InvalidArgument (bad page token).
  virtual Result<Page<DriftEvent>> ListEvents(const DriftEventQuery& query) = 0;
};

}  // namespace cairn::drift
