// Cooperative cancellation of the request a thread is serving.
//
// The HTTP layer gives every handler a flag that turns true when its client disconnects (or the
// request is abandoned); while a ScopedCancellation is alive on a thread, CancellationRequested()
// reads that flag. Long computations (drift over millions of values, historical joins, dataset
// ingestion, inline evaluations) call it at coarse checkpoints — per column, per chunk of rows —
// and stop with Cancelled() instead of finishing work nobody will read. Cheap: one thread-local
// load and one relaxed atomic load. Work handed to another thread does not inherit the scope.
#pragma once

#include <atomic>

#include "common/status.h"

namespace cairn {

// True when the calling thread serves a request whose client has gone. False outside any
// request.
[[nodiscard]] bool CancellationRequested();

// The status a computation returns when it stops at a checkpoint. Unavailable (503), which the
// client never reads when it has gone; a client that only half-closed its connection gets it.
[[nodiscard]] Status Cancelled();

// Makes `flag` the calling thread's cancellation flag for its lifetime and restores the previous
// one after (scopes nest). `flag` must outlive the scope. Not copyable or movable.
class ScopedCancellation {
 public:
  explicit ScopedCancellation(const std::atomic<bool>* flag);
  ~ScopedCancellation();
  ScopedCancellation(const ScopedCancellation&) = delete;
  ScopedCancellation& operator=(const ScopedCancellation&) = delete;

 private:
  const std::atomic<bool>* previous_;
};

}  // namespace cairn
