// Optimistic concurrency (SPEC §1): every mutable resource carries an integer revision; a write
// that names a stale one, or loses a race to another writer, fails with Aborted — HTTP 412 with
// the problem code `revision_mismatch` — and changes nothing.
//
// Services check the client's If-Match with CheckIfMatch against the revision they read; stores
// guard the write itself with storage::UpdateWithRevision, which reports a lost race with
// ConcurrentChange. Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "common/status.h"

namespace cairn {

// `resource` names the resource in messages, e.g. "experiment 'churn'".
// Aborted when `if_match` is set and differs from `current`; OK otherwise.
[[nodiscard]] Status CheckIfMatch(std::string_view resource, std::optional<int64_t> if_match,
                                  int64_t current);

// Aborted: the resource changed between the read and the guarded write.
[[nodiscard]] Status ConcurrentChange(std::string_view resource);

}  // namespace cairn
