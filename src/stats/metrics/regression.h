// Regression metrics, as scikit-learn 1.2.1 defines them.
//
// rmse = sqrt(mean((y - p)^2)); mae = mean(|y - p|); mape = mean(|p - y| / max(|y|, eps)),
// eps = 2.220446049250313e-16 (a fraction, not percent; zero targets give ~1e15-sized terms);
// r2 = 1 - SS_res/SS_tot with sklearn's constant-target rule: SS_tot = 0 gives 1.0 when
// SS_res = 0 and 0.0 otherwise. Means and sums follow numpy's summation order, so the
// SS_tot == 0 test agrees with sklearn's.
// Reference: sklearn 1.2.1 mean_squared_error(squared=False), mean_absolute_error, r2_score,
// mean_absolute_percentage_error (1e-9 relative).
// Errors: InvalidArgument for empty input, different lengths, or a non-finite value.
// Complexity: O(n), two passes (r2 needs the target mean first). Pure; thread-safe.
#pragma once

#include <cstdint>
#include <span>

#include "common/status.h"

namespace cairn::stats {

inline constexpr double kMapeEps = 2.220446049250313e-16;

struct RegressionMetrics {
  std::int64_t n = 0;
  double rmse = 0.0;
  double mae = 0.0;
  double r2 = 0.0;
  double mape = 0.0;
};

[[nodiscard]] Result<RegressionMetrics> ComputeRegressionMetrics(
    std::span<const double> targets, std::span<const double> predictions);

}  // namespace cairn::stats
