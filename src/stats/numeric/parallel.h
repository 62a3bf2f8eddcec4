// Two tasks at once, for the statistics that split their work in halves (sorting two samples,
// walking two halves of a merged order). Bounded: at most one helper thread per call, so a
// caller never uses more than 2 threads. No global state (no pool): a thread is started per
// call, which costs tens of microseconds, so callers only ask for it on large inputs.
#pragma once

#include <exception>
#include <system_error>
#include <thread>
#include <utility>

namespace cairn::stats::internal {

// Runs b() on a helper thread and a() on the calling thread when `parallel` is true, else (or
// when no thread can be started) a() then b() on the calling thread; returns when both are done.
// An exception from b() is rethrown on the calling thread after a() has finished.
template <typename A, typename B>
void RunBoth(bool parallel, A&& a, B&& b) {
  if (parallel) {
    std::exception_ptr failure;
    std::thread helper;
    try {
      helper = std::thread([&] {
        try {
          b();
        } catch (...) {
          failure = std::current_exception();
        }
      });
    } catch (const std::system_error&) {
      parallel = false;  // no thread available: do both here
    }
    if (parallel) {
      try {
        a();
      } catch (...) {
        helper.join();
        throw;
      }
      helper.join();
      if (failure) std::rethrow_exception(failure);
      return;
    }
  }
  a();
  b();
}

}  // namespace cairn::stats::internal
