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

namespace cairn::drift {

class DriftStore {
 public:
  virtual ~DriftStore() = default;
  // Errors: AlreadyExists (id), Unavailable/Internal from the driver.
  virtual Status InsertEvents(const std::vector<DriftEvent>& events,
                              const std::vector<audit::Entry>& audits) = 0;
  // Newest first (detected_at, id). Errors: InvalidArgument (bad page token).
  virtual Result<Page<DriftEvent>> ListEvents(const DriftEventQuery& query) = 0;
};

}  // namespace cairn::drift
