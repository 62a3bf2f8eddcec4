// Jensen–Shannon distance (base 2) between two discrete distributions.
//
// Definition: p = r/sum(r), q = c/sum(c), M = (p+q)/2,
// JS = sqrt((KL(p||M) + KL(q||M)) / 2 / ln 2) with 0*log(0/x) = 0; in [0, 1].
// Reference: scipy 1.10 `scipy.spatial.distance.jensenshannon(r, c, base=2)` (1e-9 relative;
// sums in numpy's order).
// Empty bins: a zero in p or q contributes 0, so unfloored proportions are fine.
// Errors: InvalidArgument when sizes differ, inputs are empty, a weight is negative or
// non-finite, or a vector sums to 0. Complexity: O(K). Pure; thread-safe.
#pragma once

#include <span>

#include "common/status.h"

namespace cairn::stats {

[[nodiscard]] Result<double> JensenShannonDistance(std::span<const double> reference,
                                                   std::span<const double> current);

}  // namespace cairn::stats
