#include "common/cancellation.h"

namespace cairn {
namespace {

thread_local const std::atomic<bool>* current_flag = nullptr;

}  // namespace

bool CancellationRequested() {
  const std::atomic<bool>* flag = current_flag;
  return flag != nullptr && flag->load(std::memory_order_relaxed);
}

Status Cancelled() { return Unavailable("the request was cancelled: its client disconnected"); }

ScopedCancellation::ScopedCancellation(const std::atomic<bool>* flag) : previous_(current_flag) {
  current_flag = flag;
}

ScopedCancellation::~ScopedCancellation() { current_flag = previous_; }

}  // namespace cairn
