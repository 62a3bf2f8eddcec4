#include "stats/drift/js.h"

#include <cmath>
#include <numbers>
#include <vector>

#include "stats/numeric/summation.h"

namespace cairn::stats {
namespace {

// scipy.special.rel_entr for x, y >= 0.
double RelEntr(double x, double y) {
  if (x > 0 && y > 0) return x * std::log(x / y);
  if (x == 0 && y >= 0) return 0.0;
  return INFINITY;
}

}  // namespace

Result<double> JensenShannonDistance(std::span<const double> reference,
                                     std::span<const double> current) {
  if (reference.size() != current.size()) {
    return InvalidArgument("jensen-shannon inputs differ in length");
  }
  if (reference.empty()) return InvalidArgument("jensen-shannon inputs are empty");
  for (std::size_t i = 0; i < reference.size(); ++i) {
    if (!std::isfinite(reference[i]) || !std::isfinite(current[i]) || reference[i] < 0 ||
        current[i] < 0) {
      return InvalidArgument("jensen-shannon weights must be finite and non-negative");
    }
  }
  const double sum_r = NumpySum(reference);
  const double sum_c = NumpySum(current);
  if (sum_r <= 0 || sum_c <= 0) return InvalidArgument("jensen-shannon weights sum to zero");
  const std::size_t k = reference.size();
  std::vector<double> p(k);
  std::vector<double> q(k);
  std::vector<double> m(k);
  for (std::size_t i = 0; i < k; ++i) {
    p[i] = reference[i] / sum_r;
    q[i] = current[i] / sum_c;
    m[i] = (p[i] + q[i]) / 2.0;
  }
  const double left = NumpySumOf(k, [&](std::size_t i) { return RelEntr(p[i], m[i]); });
  const double right = NumpySumOf(k, [&](std::size_t i) { return RelEntr(q[i], m[i]); });
  double js = left + right;
  js /= std::numbers::ln2;
  // Rounding can leave a tiny negative sum for identical inputs; the distance is 0 there.
  return js <= 0.0 ? 0.0 : std::sqrt(js / 2.0);
}

}  // namespace cairn::stats
