#include "stats/drift/wasserstein.h"

#include <cassert>
#include <cmath>
#include <vector>

#include "stats/drift/sample_check.h"
#include "stats/numeric/sort.h"
#include "stats/numeric/summation.h"

namespace cairn::stats {

double WassersteinDistanceSorted(std::span<const double> r, std::span<const double> c) {
  assert(!r.empty() && !c.empty());  // callers validated; sizes are divisors below
  const std::size_t n = r.size();
  const std::size_t m = c.size();
  const double dn = static_cast<double>(n);
  const double dm = static_cast<double>(m);
  std::size_t i = 0;
  std::size_t j = 0;
  NeumaierSum sum;
  // Walk the distinct pooled values; at each, both CDFs include every copy of it.
  double x = r[0] < c[0] ? r[0] : c[0];
  while (i < n || j < m) {
    while (i < n && r[i] <= x) ++i;
    while (j < m && c[j] <= x) ++j;
    if (i == n && j == m) break;
    double next;
    if (i == n) {
      next = c[j];
    } else if (j == m) {
      next = r[i];
    } else {
      next = r[i] < c[j] ? r[i] : c[j];
    }
    const double gap = std::fabs(static_cast<double>(i) / dn - static_cast<double>(j) / dm);
    sum.Add(gap * (next - x));
    x = next;
  }
  return sum.Total();
}

Result<double> WassersteinDistance(std::span<const double> reference,
                                   std::span<const double> current) {
  RETURN_IF_ERROR(internal::CheckSample(reference, "reference"));
  RETURN_IF_ERROR(internal::CheckSample(current, "current"));
  std::vector<double> r(reference.begin(), reference.end());
  std::vector<double> c(current.begin(), current.end());
  SortDoubles(r);
  SortDoubles(c);
  return WassersteinDistanceSorted(r, c);
}

}  // namespace cairn::stats
