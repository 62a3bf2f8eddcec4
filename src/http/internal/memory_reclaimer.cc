#include "http/internal/memory_reclaimer.h"

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace cairn::http::internal {

void MemoryReclaimer::Trim() {
#if defined(__GLIBC__)
  malloc_trim(0);
#endif
}

}  // namespace cairn::http::internal
