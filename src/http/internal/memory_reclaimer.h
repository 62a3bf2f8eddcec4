// Private to http/: gives freed heap memory back to the OS. glibc keeps what a large response,
// a large request body or a burst of connections freed in its arenas (its mmap threshold grows
// with the largest block freed), so after an attack the idle server would stay at its peak RSS.
// Sessions note what they release; the server checks about once a second and, when enough was
// released since the last trim, runs malloc_trim(0) on a worker thread.
//
// Thread safety: NoteReleased and TakeDue are thread-safe (one atomic counter).
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>

namespace cairn::http::internal {

class MemoryReclaimer {
 public:
  // Releases smaller than this are ordinary churn and not counted.
  static constexpr size_t kCountedRelease = 64 * 1024;
  // Trim once this much was released since the last trim.
  static constexpr uint64_t kTrimThreshold = 8ull << 20;

  void NoteReleased(size_t bytes) {
    if (bytes >= kCountedRelease) released_.fetch_add(bytes, std::memory_order_relaxed);
  }
  // True (and the count restarts) when a trim is due.
  [[nodiscard]] bool TakeDue() {
    if (released_.load(std::memory_order_relaxed) < kTrimThreshold) return false;
    released_.store(0, std::memory_order_relaxed);
    return true;
  }
  // Returns free heap memory to the OS. Blocks for a few milliseconds: not on an I/O thread.
  static void Trim();
  // Sets glibc's thresholds for the server's allocation pattern (process-wide; see the .cc).
  static void TuneAllocator();

 private:
  std::atomic<uint64_t> released_{0};
};

}  // namespace cairn::http::internal
