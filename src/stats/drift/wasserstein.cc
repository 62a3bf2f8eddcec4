#include "stats/drift/wasserstein.h"

#include <cassert>

#include "stats/drift/ecdf.h"
#include "stats/drift/sample_check.h"
#include "stats/numeric/sort.h"

namespace cairn::stats {

double WassersteinDistanceSorted(std::span<const double> r, std::span<const double> c) {
  assert(!r.empty() && !c.empty());  // callers validated; sizes are divisors
  return internal::CompareSortedEcdfsCopying(r, c, /*parallel=*/true).wasserstein;
}

Result<double> WassersteinDistance(std::span<const double> reference,
                                   std::span<const double> current) {
  RETURN_IF_ERROR(internal::CheckSample(reference, "reference"));
  RETURN_IF_ERROR(internal::CheckSample(current, "current"));
  const auto [r, c] = SortPresentPair(reference, current);
  return internal::CompareSortedEcdfs(r.values(), c.values(), /*parallel=*/true).wasserstein;
}

}  // namespace cairn::stats
