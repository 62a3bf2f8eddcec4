#include "stats/metrics/regression.h"

#include <algorithm>
#include <array>
#include <cmath>

#include "stats/numeric/summation.h"

namespace cairn::stats {

Result<RegressionMetrics> ComputeRegressionMetrics(std::span<const double> targets,
                                                   std::span<const double> predictions) {
  if (targets.size() != predictions.size()) {
    return InvalidArgument("targets and predictions differ in length");
  }
  if (targets.empty()) return InvalidArgument("no rows to evaluate");
  for (std::size_t i = 0; i < targets.size(); ++i) {
    if (!std::isfinite(targets[i]) || !std::isfinite(predictions[i])) {
      return InvalidArgument("targets and predictions must be finite");
    }
  }
  const std::size_t n = targets.size();
  const double dn = static_cast<double>(n);
  const double mean_y = NumpySum(targets) / dn;
  // Columns: squared error, absolute error, absolute percentage error, squared deviation.
  const std::array<double, 4> sums = NumpySumsOf<4>(n, [&](std::size_t i) {
    const double y = targets[i];
    const double p = predictions[i];
    const double e = y - p;
    const double dev = y - mean_y;
    return std::array<double, 4>{e * e, std::fabs(p - y),
                                 std::fabs(p - y) / std::max(std::fabs(y), kMapeEps), dev * dev};
  });
  RegressionMetrics m;
  m.n = static_cast<std::int64_t>(n);
  m.rmse = std::sqrt(sums[0] / dn);
  m.mae = sums[1] / dn;
  m.mape = sums[2] / dn;
  const double ss_res = sums[0];
  const double ss_tot = sums[3];
  if (ss_tot != 0.0) {
    m.r2 = ss_res != 0.0 ? 1.0 - ss_res / ss_tot : 1.0;
  } else {
    m.r2 = ss_res == 0.0 ? 1.0 : 0.0;
  }
  return m;
}

}  // namespace cairn::stats
