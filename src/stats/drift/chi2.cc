#include "stats/drift/chi2.h"

#include <boost/math/distributions/chi_squared.hpp>
#include <cassert>
#include <cmath>
#include <vector>

#include "stats/numeric/summation.h"

namespace cairn::stats {
namespace {

// Underflow returns 0 (a p-value that small is 0 for every decision we make); the other
// errors cannot happen for finite x >= 0 and dof >= 1, and are reported as errno-style NaN
// rather than exceptions so nothing throws out of this pure function.
using Policy = boost::math::policies::policy<
    boost::math::policies::underflow_error<boost::math::policies::ignore_error>,
    boost::math::policies::domain_error<boost::math::policies::errno_on_error>,
    boost::math::policies::overflow_error<boost::math::policies::errno_on_error>,
    boost::math::policies::evaluation_error<boost::math::policies::errno_on_error>>;

}  // namespace

double ChiSquareSurvival(double x, int dof) {
  assert(dof >= 1);  // dof = K - 1 with K >= 2 at every call site
  if (!(x > 0)) return 1.0;
  if (std::isinf(x)) return 0.0;
  const boost::math::chi_squared_distribution<double, Policy> dist(static_cast<double>(dof));
  return boost::math::cdf(boost::math::complement(dist, x));
}

Result<Chi2Result> ChiSquareTwoRow(std::span<const std::int64_t> reference_counts,
                                   std::span<const std::int64_t> current_counts) {
  if (reference_counts.size() != current_counts.size()) {
    return InvalidArgument("contingency rows differ in length");
  }
  const std::size_t k = reference_counts.size();
  if (k == 0) return InvalidArgument("contingency table has no categories");
  std::int64_t row0 = 0;
  std::int64_t row1 = 0;
  for (std::size_t j = 0; j < k; ++j) {
    if (reference_counts[j] < 0 || current_counts[j] < 0) {
      return InvalidArgument("contingency counts must be non-negative");
    }
    if (reference_counts[j] == 0 && current_counts[j] == 0) {
      return InvalidArgument("contingency table has a category with no observations");
    }
    row0 += reference_counts[j];
    row1 += current_counts[j];
  }
  if (row0 == 0 || row1 == 0) return InvalidArgument("contingency table has an empty row");
  if (k == 1) return Chi2Result{};
  const double total = static_cast<double>(row0 + row1);
  const double rows[2] = {static_cast<double>(row0), static_cast<double>(row1)};
  // scipy sums the 2xK terms of the C-ordered table: row 0 then row 1.
  const double stat = NumpySumOf(2 * k, [&](std::size_t idx) {
    const std::size_t r = idx / k;
    const std::size_t j = idx % k;
    const double col = static_cast<double>(reference_counts[j] + current_counts[j]);
    const double expected = rows[r] * col / total;
    const double observed = static_cast<double>(r == 0 ? reference_counts[j] : current_counts[j]);
    const double diff = observed - expected;
    return diff * diff / expected;
  });
  Chi2Result out;
  out.statistic = stat;
  out.dof = static_cast<int>(k - 1);
  out.p_value = ChiSquareSurvival(stat, out.dof);
  return out;
}

}  // namespace cairn::stats
