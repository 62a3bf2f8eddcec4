#include "stats/drift/drift_report.h"

#include <algorithm>
#include <cmath>

#include "stats/drift/categorical.h"
#include "stats/drift/ecdf.h"
#include "stats/drift/js.h"
#include "stats/drift/wasserstein.h"
#include "stats/numeric/sort.h"

namespace cairn::stats {
namespace {

constexpr double kConstantHistogramHalfWidth = 0.5;  // numpy.histogram's range for min == max

// OK when a sorted sample can be compared: non-empty after dropping NaN, and finite.
Status CheckPresent(const SortedSample& s, std::string_view name) {
  if (s.infinite() > 0) {
    return InvalidArgument(std::string(name) + " sample holds an infinite value");
  }
  if (s.empty()) return InvalidArgument(std::string(name) + " sample has no non-missing values");
  return Status::Ok();
}

// Counts of a sorted sample in [e0,e1), [e1,e2), ..., [e_{B-1}, e_B].
std::vector<std::int64_t> HistogramCounts(std::span<const double> sorted,
                                          std::span<const double> edges) {
  const std::size_t bins = edges.size() - 1;
  std::vector<std::int64_t> counts(bins);
  auto lower = [&](double e) {
    return static_cast<std::size_t>(std::lower_bound(sorted.begin(), sorted.end(), e) -
                                    sorted.begin());
  };
  std::size_t start = lower(edges[0]);
  for (std::size_t b = 0; b < bins; ++b) {
    const std::size_t end =
        b + 1 == bins
            ? static_cast<std::size_t>(std::upper_bound(sorted.begin(), sorted.end(), edges[bins]) -
                                       sorted.begin())
            : lower(edges[b + 1]);
    counts[b] = static_cast<std::int64_t>(end - start);
    start = end;
  }
  return counts;
}

Histogram BuildHistogram(std::span<const double> r, std::span<const double> c) {
  double lo = std::min(r.front(), c.front());
  double hi = std::max(r.back(), c.back());
  if (lo == hi) {
    lo -= kConstantHistogramHalfWidth;
    hi += kConstantHistogramHalfWidth;
  }
  Histogram h;
  h.edges.resize(kHistogramBins + 1);
  const double width = hi - lo;
  if (std::isfinite(width)) {
    for (int k = 0; k <= kHistogramBins; ++k) {
      h.edges[k] = lo + width * (static_cast<double>(k) / kHistogramBins);
    }
  } else {
    // The range overflows (values near -DBL_MAX and +DBL_MAX): place the edges on the halves.
    const double half_width = hi / 2 - lo / 2;
    for (int k = 0; k <= kHistogramBins; ++k) {
      h.edges[k] = 2 * (lo / 2 + half_width * (static_cast<double>(k) / kHistogramBins));
    }
  }
  h.edges.back() = hi;
  h.reference_counts = HistogramCounts(r, h.edges);
  h.current_counts = HistogramCounts(c, h.edges);
  return h;
}

bool Drifted(double p_value, double psi, const DriftRule& rule) {
  return p_value < rule.p_value_threshold && psi >= rule.psi_threshold;
}

}  // namespace

std::string_view SeverityName(Severity s) {
  switch (s) {
    case Severity::kLow:
      return "low";
    case Severity::kMedium:
      return "medium";
    case Severity::kHigh:
      return "high";
    case Severity::kCritical:
      return "critical";
  }
  return "low";
}

Severity SeverityFromPsi(double psi, const DriftRule& rule) {
  if (psi < rule.psi_medium) return Severity::kLow;
  if (psi < rule.psi_high) return Severity::kMedium;
  if (psi < rule.psi_critical) return Severity::kHigh;
  return Severity::kCritical;
}

bool DatasetDrifted(int drifted_columns, int total_columns, const DriftRule& rule) {
  if (total_columns <= 0) return false;
  return static_cast<double>(drifted_columns) / total_columns >= rule.dataset_share;
}

Result<NumericDrift> ComputeNumericDrift(std::span<const double> reference,
                                         std::span<const double> current, const DriftRule& rule) {
  // One sorted copy of each sample (sorted in parallel), shared by every statistic below.
  const auto [r_sorted, c_sorted] = SortPresentPair(reference, current);
  RETURN_IF_ERROR(CheckPresent(r_sorted, "reference"));
  RETURN_IF_ERROR(CheckPresent(c_sorted, "current"));
  const std::span<const double> r = r_sorted.values();
  const std::span<const double> c = c_sorted.values();
  NumericDrift out;
  out.n_reference = static_cast<std::int64_t>(r.size());
  out.n_current = static_cast<std::int64_t>(c.size());
  out.missing_reference = static_cast<std::int64_t>(r_sorted.missing());
  out.missing_current = static_cast<std::int64_t>(c_sorted.missing());
  const internal::EcdfDistances ecdf = internal::CompareSortedEcdfs(r, c, /*parallel=*/true);
  out.ks = KsFromStatistic(ecdf.ks_statistic, r.size(), c.size());
  out.wasserstein = ecdf.wasserstein;
  out.psi = ComputePsiSorted(r, c);
  ASSIGN_OR_RETURN(out.js_distance, JensenShannonDistance(out.psi.reference_proportions,
                                                          out.psi.current_proportions));
  out.histogram = BuildHistogram(r, c);
  out.severity = SeverityFromPsi(out.psi.psi, rule);
  out.drifted = Drifted(out.ks.p_value, out.psi.psi, rule);
  return out;
}

Result<CategoricalDrift> ComputeCategoricalDrift(std::span<const std::string_view> reference,
                                                 std::span<const std::string_view> current,
                                                 std::int64_t missing_reference,
                                                 std::int64_t missing_current,
                                                 const DriftRule& rule) {
  if (missing_reference < 0 || missing_current < 0) {
    return InvalidArgument("missing counts must be non-negative");
  }
  if (reference.empty()) return InvalidArgument("reference sample has no non-missing values");
  if (current.empty()) return InvalidArgument("current sample has no non-missing values");
  ASSIGN_OR_RETURN(CategoryCounts counts, CountCategories(reference, current));
  CategoricalDrift out;
  out.n_reference = static_cast<std::int64_t>(reference.size());
  out.n_current = static_cast<std::int64_t>(current.size());
  out.missing_reference = missing_reference;
  out.missing_current = missing_current;
  out.reference_proportions = CountProportions(counts.reference_counts);
  out.current_proportions = CountProportions(counts.current_counts);
  ASSIGN_OR_RETURN(out.chi2, ChiSquareTwoRow(counts.reference_counts, counts.current_counts));
  out.psi = PsiFromProportions(out.reference_proportions, out.current_proportions);
  ASSIGN_OR_RETURN(out.js_distance,
                   JensenShannonDistance(out.reference_proportions, out.current_proportions));
  out.categories = std::move(counts.categories);
  out.reference_counts = std::move(counts.reference_counts);
  out.current_counts = std::move(counts.current_counts);
  out.severity = SeverityFromPsi(out.psi, rule);
  out.drifted = Drifted(out.chi2.p_value, out.psi, rule);
  return out;
}

Result<CategoricalDrift> ComputeCategoricalDrift(
    std::span<const std::optional<std::string>> reference,
    std::span<const std::optional<std::string>> current, const DriftRule& rule) {
  auto present = [](std::span<const std::optional<std::string>> sample) {
    std::vector<std::string_view> views;
    views.reserve(sample.size());
    for (const auto& v : sample) {
      if (v) views.emplace_back(*v);
    }
    return views;
  };
  const std::vector<std::string_view> r = present(reference);
  const std::vector<std::string_view> c = present(current);
  return ComputeCategoricalDrift(r, c, static_cast<std::int64_t>(reference.size() - r.size()),
                                 static_cast<std::int64_t>(current.size() - c.size()), rule);
}

}  // namespace cairn::stats
