#include "auth/auth_event_log.h"

#include <string>
#include <utility>

#include "common/log.h"

namespace cairn::auth {
namespace {

constexpr int64_t kWindowMs = 60'000;

}  // namespace

AuthEventLog::AuthEventLog(audit::AuditStore& store, Options options, const Clock& clock)
    : store_(store), options_(options), clock_(clock) {
  thread_ = std::thread([this] { Run(); });
}

AuthEventLog::~AuthEventLog() { Stop(); }

void AuthEventLog::QueueSuppressedSummary(int64_t now) {
  if (window_suppressed_ == 0) return;
  audit::Entry summary;
  summary.at = now;
  summary.actor = "cairn";
  summary.action = "auth.events_suppressed";
  summary.resource_type = "auth";
  summary.resource_id = "events";
  summary.summary["count"] = window_suppressed_;
  summary.summary["window_start"] = window_start_;
  summary.auth_method = "none";
  queue_.push_back(std::move(summary));
  window_suppressed_ = 0;
  cv_.notify_one();
}

void AuthEventLog::Record(audit::Entry entry) {
  std::lock_guard lock(mu_);
  if (stopping_) return;
  int64_t now = clock_.NowMillis();
  if (now - window_start_ >= kWindowMs || now < window_start_) {
    QueueSuppressedSummary(now);
    window_start_ = now;
    window_count_ = 0;
    window_suppressed_ = 0;
  }
  if (window_count_ >= options_.max_per_minute) {
    ++window_suppressed_;
    ++suppressed_total_;
    return;
  }
  if (queue_.size() >= options_.max_queue) {
    ++dropped_;
    return;
  }
  ++window_count_;
  queue_.push_back(std::move(entry));
  cv_.notify_one();
}

void AuthEventLog::Run() {
  std::unique_lock lock(mu_);
  while (true) {
    cv_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
    if (queue_.empty() && stopping_) break;
    audit::Entry entry = std::move(queue_.front());
    queue_.pop_front();
    writing_ = true;
    int64_t newly_dropped = dropped_ - dropped_logged_;
    dropped_logged_ = dropped_;
    lock.unlock();
    if (newly_dropped > 0) {
      log::Error("audit: " + std::to_string(newly_dropped) +
                 " authentication event(s) dropped (queue full)");
    }
    if (Status st = store_.Append(entry); !st.ok()) {
      log::Error("audit: cannot record " + entry.action + ": " +
                 std::string(StatusCodeName(st.code())));
    }
    lock.lock();
    writing_ = false;
    if (queue_.empty()) idle_cv_.notify_all();
  }
  writing_ = false;
  stopped_ = true;
  idle_cv_.notify_all();
}

void AuthEventLog::Flush() {
  std::unique_lock lock(mu_);
  idle_cv_.wait(lock, [this] { return (queue_.empty() && !writing_) || stopped_; });
}

void AuthEventLog::Stop() {
  {
    std::lock_guard lock(mu_);
    if (!stopping_) QueueSuppressedSummary(clock_.NowMillis());
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

int64_t AuthEventLog::dropped() const {
  std::lock_guard lock(mu_);
  return dropped_;
}

int64_t AuthEventLog::suppressed() const {
  std::lock_guard lock(mu_);
  return suppressed_total_;
}

}  // namespace cairn::auth
