#include "stats/drift/psi.h"

#include <algorithm>
#include <cassert>
#include <cmath>

#include "stats/drift/sample_check.h"
#include "stats/numeric/sort.h"
#include "stats/numeric/summation.h"

namespace cairn::stats {
namespace {

// Counts per bin (-inf,e1], (e1,e2], ..., (e_last,+inf) of a sorted sample.
std::vector<std::int64_t> BinCounts(std::span<const double> sorted, std::span<const double> edges) {
  std::vector<std::int64_t> counts(edges.size() + 1);
  std::size_t below = 0;  // elements <= previous edge
  for (std::size_t k = 0; k < edges.size(); ++k) {
    const auto upto = static_cast<std::size_t>(
        std::upper_bound(sorted.begin(), sorted.end(), edges[k]) - sorted.begin());
    counts[k] = static_cast<std::int64_t>(upto - below);
    below = upto;
  }
  counts[edges.size()] = static_cast<std::int64_t>(sorted.size() - below);
  return counts;
}

std::vector<double> Proportions(std::span<const std::int64_t> counts, std::size_t total) {
  std::vector<double> p(counts.size());
  for (std::size_t i = 0; i < counts.size(); ++i) {
    p[i] = static_cast<double>(counts[i]) / static_cast<double>(total);
  }
  return p;
}

}  // namespace

double QuantileLinear(std::span<const double> sorted, double q) {
  assert(!sorted.empty());  // documented precondition, checked by every public caller
  const std::size_t n = sorted.size();
  const double h = static_cast<double>(n - 1) * q;
  const double fl = std::floor(h);
  const auto i = static_cast<std::size_t>(fl);
  const double g = h - fl;
  const double a = sorted[std::min(i, n - 1)];
  const double b = sorted[std::min(i + 1, n - 1)];
  const double diff = b - a;
  if (std::isfinite(diff)) return g < 0.5 ? a + diff * g : b - diff * (1.0 - g);
  // b - a overflows only for a < 0 < b near +-DBL_MAX (numpy returns inf or nan there):
  // interpolate between the halves, which are exact, so the result stays within [a, b].
  const double half_diff = b / 2 - a / 2;
  return g < 0.5 ? 2 * (a / 2 + half_diff * g) : 2 * (b / 2 - half_diff * (1.0 - g));
}

double PsiFromProportions(std::span<const double> reference, std::span<const double> current,
                          double floor) {
  assert(reference.size() == current.size());  // both come from the same bins
  return NumpySumOf(reference.size(), [&](std::size_t i) {
    const double r = std::max(reference[i], floor);
    const double c = std::max(current[i], floor);
    return (c - r) * std::log(c / r);
  });
}

PsiResult ComputePsiSorted(std::span<const double> r, std::span<const double> c, int bins) {
  assert(bins >= 2 && !r.empty() && !c.empty());
  PsiResult out;
  out.edges_raw.reserve(static_cast<std::size_t>(bins - 1));
  for (int k = 1; k < bins; ++k) {
    out.edges_raw.push_back(QuantileLinear(r, static_cast<double>(k) / bins));
  }
  out.edges = out.edges_raw;
  std::sort(out.edges.begin(), out.edges.end());
  out.edges.erase(std::unique(out.edges.begin(), out.edges.end()), out.edges.end());
  out.reference_counts = BinCounts(r, out.edges);
  out.current_counts = BinCounts(c, out.edges);
  out.reference_proportions = Proportions(out.reference_counts, r.size());
  out.current_proportions = Proportions(out.current_counts, c.size());
  out.psi = PsiFromProportions(out.reference_proportions, out.current_proportions);
  return out;
}

Result<PsiResult> ComputePsi(std::span<const double> reference, std::span<const double> current,
                             int bins) {
  if (bins < 2) return InvalidArgument("psi needs at least 2 bins");
  RETURN_IF_ERROR(internal::CheckSample(reference, "reference"));
  RETURN_IF_ERROR(internal::CheckSample(current, "current"));
  const auto [r, c] = SortPresentPair(reference, current);
  return ComputePsiSorted(r.values(), c.values(), bins);
}

}  // namespace cairn::stats
