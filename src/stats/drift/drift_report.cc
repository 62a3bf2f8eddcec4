#include "stats/drift/drift_report.h"

#include <algorithm>
#include <cmath>

#include "stats/drift/categorical.h"
#include "stats/drift/js.h"
#include "stats/drift/wasserstein.h"
#include "stats/numeric/sort.h"

namespace cairn::stats {
namespace {

constexpr double kConstantHistogramHalfWidth = 0.5;  // numpy.histogram's range for min == max

struct Present {
  std::vector<double> values;
  std::int64_t missing = 0;
};

Result<Present> DropMissing(std::span<const double> sample, std::string_view name) {
  Present out;
  out.values.reserve(sample.size());
  for (double x : sample) {
    if (std::isnan(x)) {
      ++out.missing;
    } else if (std::isinf(x)) {
      return InvalidArgument(std::string(name) + " sample holds an infinite value");
    } else {
      out.values.push_back(x);
    }
  }
  if (out.values.empty()) {
    return InvalidArgument(std::string(name) + " sample has no non-missing values");
  }
  return out;
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
  for (int k = 0; k <= kHistogramBins; ++k) {
    h.edges[k] = lo + (hi - lo) * (static_cast<double>(k) / kHistogramBins);
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
  ASSIGN_OR_RETURN(Present r, DropMissing(reference, "reference"));
  ASSIGN_OR_RETURN(Present c, DropMissing(current, "current"));
  SortDoubles(r.values);
  SortDoubles(c.values);
  NumericDrift out;
  out.n_reference = static_cast<std::int64_t>(r.values.size());
  out.n_current = static_cast<std::int64_t>(c.values.size());
  out.missing_reference = r.missing;
  out.missing_current = c.missing;
  out.ks = KsTwoSampleSorted(r.values, c.values);
  out.psi = ComputePsiSorted(r.values, c.values);
  ASSIGN_OR_RETURN(out.js_distance, JensenShannonDistance(out.psi.reference_proportions,
                                                          out.psi.current_proportions));
  out.wasserstein = WassersteinDistanceSorted(r.values, c.values);
  out.histogram = BuildHistogram(r.values, c.values);
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
