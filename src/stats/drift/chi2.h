// Pearson chi-square test of homogeneity for a 2xK contingency table.
//
// Definition: row 0 = reference counts, row 1 = current counts over K categories;
// E_ij = row_i * col_j / total; statistic = sum (O_ij - E_ij)^2 / E_ij (no continuity
// correction); dof = K - 1; p = P(chi2_dof > statistic).
// Reference: scipy 1.10 `scipy.stats.chi2_contingency(table, correction=False)` (1e-9 relative;
// p from boost::math's regularised upper incomplete gamma, 0 once it underflows). K = 1 follows
// scipy's degenerate rule: statistic 0, p 1, dof 0.
// Errors: InvalidArgument when the rows differ in length, K = 0, a count is negative, a row
// sums to 0, or a category has zero count in both rows (its expected count would be 0).
// Complexity: O(K). Pure; thread-safe.
#pragma once

#include <cstdint>
#include <span>

#include "common/status.h"

namespace cairn::stats {

struct Chi2Result {
  double statistic = 0.0;
  double p_value = 1.0;
  int dof = 0;
};

[[nodiscard]] Result<Chi2Result> ChiSquareTwoRow(std::span<const std::int64_t> reference_counts,
                                                 std::span<const std::int64_t> current_counts);

// P(chi2_dof > x) for dof >= 1 and x >= 0 (1 for x <= 0). Precondition: dof >= 1.
[[nodiscard]] double ChiSquareSurvival(double x, int dof);

}  // namespace cairn::stats
