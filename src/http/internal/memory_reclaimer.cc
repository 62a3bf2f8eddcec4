#include "http/internal/memory_reclaimer.h"

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace cairn::http::internal {

// glibc's defaults shrink a thread's heap whenever more than 128 KiB is free at its top, and
// serve blocks from 128 KiB up with mmap. A request that builds and drops a few hundred KiB
// (a 1 000-metric log-batch: its body and its JSON tree) then ends in madvise or munmap, and each
// flushes the TLB of every core: a quarter of the server's CPU under log-batch load on 2 cores.
// With fixed thresholds above one request's working set, freed blocks stay for the next request;
// what bursts leave behind goes back by Trim, after large releases.
void MemoryReclaimer::TuneAllocator() {
#if defined(__GLIBC__)
  constexpr int kTrimThreshold = 8 << 20;
  constexpr int kMmapThreshold = 4 << 20;
  mallopt(M_MMAP_THRESHOLD, kMmapThreshold);
  mallopt(M_TRIM_THRESHOLD, kTrimThreshold);
#endif
}

void MemoryReclaimer::Trim() {
#if defined(__GLIBC__)
  malloc_trim(0);
#endif
}

}  // namespace cairn::http::internal
