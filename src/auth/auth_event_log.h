// AuthEventLog: audit records of refusals (401/403) and failed logins, written by one background
// thread so that a refusal never waits on storage (refusals can be made on an I/O thread) and a
// flood of bad requests cannot turn into a flood of synchronous writes.
//
// The volume is bounded twice: at most `max_per_minute` records are written per minute (the
// rest are counted and summarised in one "auth.events_suppressed" record when the minute ends),
// and at most `max_queue` wait to be written (beyond that they are dropped and counted; the count
// is logged). Records carry no credentials.
//
// Thread safety: thread-safe. Stop() (or the destructor) writes what is queued and joins.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <thread>

#include "audit/audit_store.h"
#include "audit/types.h"
#include "common/clock.h"

namespace cairn::auth {

class AuthEventLog {
 public:
  struct Options {
    size_t max_queue = 1024;
    int max_per_minute = 600;
  };
  // `store` and `clock` must outlive this object (or its Stop()).
  AuthEventLog(audit::AuditStore& store, Options options, const Clock& clock);
  ~AuthEventLog();
  AuthEventLog(const AuthEventLog&) = delete;
  AuthEventLog& operator=(const AuthEventLog&) = delete;

  // Queues a record; never blocks on storage.
  void Record(audit::Entry entry);
  // Blocks until everything queued so far is written (tests, shutdown).
  void Flush();
  // Writes what is queued, then stops the thread. Idempotent.
  void Stop();

  int64_t dropped() const;
  int64_t suppressed() const;

 private:
  void Run();
  // Queues the summary of the current window's suppressed records, if any. Needs mu_.
  void QueueSuppressedSummary(int64_t now);

  audit::AuditStore& store_;
  Options options_;
  const Clock& clock_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::condition_variable idle_cv_;
  std::deque<audit::Entry> queue_;
  bool stopping_ = false;
  bool writing_ = false;
  bool stopped_ = false;
  int64_t window_start_ = 0;
  int window_count_ = 0;
  int64_t window_suppressed_ = 0;
  int64_t suppressed_total_ = 0;
  int64_t dropped_ = 0;
  int64_t dropped_logged_ = 0;
  std::thread thread_;
};

}  // namespace cairn::auth
