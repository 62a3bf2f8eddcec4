#include "stats/drift/ks.h"

#include <array>
#include <cassert>
#include <cmath>
#include <numbers>

#include "stats/drift/ecdf.h"
#include "stats/drift/sample_check.h"
#include "stats/numeric/sort.h"

namespace cairn::stats {
namespace {

// Where scipy's kolmogorov() switches between the two series.
constexpr double kSeriesCutover = 0.82;
constexpr int kMaxTerms = 100;
constexpr double kRelativeStop = 1e-18;

}  // namespace

double KolmogorovSurvival(double x) {
  if (std::isnan(x)) return x;
  if (x <= 0) return 1.0;
  if (x <= kSeriesCutover) {
    constexpr double kPi = std::numbers::pi;
    const double a = -kPi * kPi / (8.0 * x * x);
    double cdf_sum = 0.0;
    for (int k = 1; k <= kMaxTerms; ++k) {
      const double odd = 2.0 * k - 1.0;
      const double term = std::exp(odd * odd * a);
      cdf_sum += term;
      if (term <= kRelativeStop * cdf_sum || term == 0.0) break;
    }
    const double cdf = std::sqrt(2.0 * kPi) / x * cdf_sum;
    return cdf >= 1.0 ? 0.0 : 1.0 - cdf;
  }
  const double a = -2.0 * x * x;
  // Terms exp(-2 k^2 x^2) fall super-exponentially; collect the non-negligible ones, then add
  // them smallest first so the alternating sum loses nothing to cancellation.
  std::array<double, kMaxTerms> terms{};
  int count = 0;
  const double first = std::exp(a);
  for (int k = 1; k <= kMaxTerms; ++k) {
    const double t = std::exp(a * k * k);
    if (t == 0.0 || (k > 1 && t <= kRelativeStop * first)) break;
    terms[count++] = t;
  }
  double sum = 0.0;
  for (int k = count; k >= 1; --k) sum += (k % 2 == 1) ? terms[k - 1] : -terms[k - 1];
  const double sf = 2.0 * sum;
  if (sf < 0.0) return 0.0;
  return sf > 1.0 ? 1.0 : sf;
}

KsResult KsFromStatistic(double statistic, std::size_t n, std::size_t m) {
  const double dn = static_cast<double>(n);
  const double dm = static_cast<double>(m);
  KsResult out;
  out.statistic = statistic;
  out.scaled_statistic = statistic * std::sqrt(dn * dm / (dn + dm));
  out.p_value = KolmogorovSurvival(out.scaled_statistic);
  return out;
}

KsResult KsTwoSampleSorted(std::span<const double> r, std::span<const double> c) {
  // Callers validated non-emptiness; dividing by a zero size would give NaN, not a bound.
  assert(!r.empty() && !c.empty());
  const double d = internal::CompareSortedEcdfsCopying(r, c, /*parallel=*/true).ks_statistic;
  return KsFromStatistic(d, r.size(), c.size());
}

Result<KsResult> KsTwoSample(std::span<const double> reference, std::span<const double> current) {
  RETURN_IF_ERROR(internal::CheckSample(reference, "reference"));
  RETURN_IF_ERROR(internal::CheckSample(current, "current"));
  const auto [r, c] = SortPresentPair(reference, current);
  const double d =
      internal::CompareSortedEcdfs(r.values(), c.values(), /*parallel=*/true).ks_statistic;
  return KsFromStatistic(d, r.size(), c.size());
}

}  // namespace cairn::stats
