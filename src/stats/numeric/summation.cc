#include "stats/numeric/summation.h"

namespace cairn::stats {

double NumpySum(std::span<const double> values) {
  return NumpySumOf(values.size(), [values](std::size_t i) { return values[i]; });
}

}  // namespace cairn::stats
