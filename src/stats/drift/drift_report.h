// Per-column drift reports: every statistic of SPEC §7 for one column, plus severity, the drift
// decision and a display histogram.
//
// Numeric: missing values are NaN; they are dropped and counted. KS (ks.h), PSI (psi.h), JS over
// the PSI bins (js.h), Wasserstein (wasserstein.h), all from one radix sort of each sample (the
// two sorted on two threads) and one merged walk for KS and Wasserstein together (ecdf.h).
// Histogram: 20 equal-width bins over the pooled [min, max] (numpy.histogram convention:
// half-open bins, the last one closed; a constant pool uses [v - 0.5, v + 0.5]).
// Extreme values: every statistic stays finite for finite input near +-DBL_MAX (PSI edges and
// histogram edges are interpolated on halves where max - min overflows), except Wasserstein,
// which is +inf when the samples span more than DBL_MAX (see wasserstein.h).
// Categorical: missing values are std::nullopt (or passed as a count next to string_views);
// chi-square (chi2.h), PSI and JS with one bin per category (categorical.h).
// Severity from PSI: < 0.1 low, < 0.25 medium, < 0.5 high, else critical. Drift rule (defaults
// in DriftRule): numeric drifts when KS p < 0.05 AND PSI >= 0.1; categorical when chi2 p < 0.05
// AND PSI >= 0.1; a dataset when the share of drifted columns >= 0.5.
// Errors: InvalidArgument when a sample is empty after dropping missing values, or holds ±Inf.
// Complexity: O(n+m) time; memory: one sorted copy of each sample (plus a same-sized radix
// buffer while it is sorted). Pure functions; thread-safe; numeric samples of 2^16 values or more
// use one helper thread (never more than 2 threads per call).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "stats/drift/chi2.h"
#include "stats/drift/ks.h"
#include "stats/drift/psi.h"

namespace cairn::stats {

inline constexpr int kHistogramBins = 20;

enum class Severity { kLow, kMedium, kHigh, kCritical };

// "low", "medium", "high", "critical".
[[nodiscard]] std::string_view SeverityName(Severity s);

struct DriftRule {
  double p_value_threshold = 0.05;  // drift needs p < this
  double psi_threshold = 0.1;       // ... and psi >= this
  double dataset_share = 0.5;       // dataset drifts when drifted/total >= this
  // Severity bands on PSI.
  double psi_medium = 0.1;
  double psi_high = 0.25;
  double psi_critical = 0.5;
};

[[nodiscard]] Severity SeverityFromPsi(double psi, const DriftRule& rule = {});

// True when drifted_columns / total_columns >= rule.dataset_share; false for no columns.
[[nodiscard]] bool DatasetDrifted(int drifted_columns, int total_columns,
                                  const DriftRule& rule = {});

struct Histogram {
  std::vector<double> edges;  // kHistogramBins + 1 ascending edges
  std::vector<std::int64_t> reference_counts;
  std::vector<std::int64_t> current_counts;
};

struct NumericDrift {
  std::int64_t n_reference = 0;
  std::int64_t n_current = 0;
  std::int64_t missing_reference = 0;
  std::int64_t missing_current = 0;
  KsResult ks;
  PsiResult psi;  // psi.psi is the index; the rest is the bin detail
  double js_distance = 0.0;
  double wasserstein = 0.0;
  Histogram histogram;
  Severity severity = Severity::kLow;
  bool drifted = false;
};

struct CategoricalDrift {
  std::int64_t n_reference = 0;
  std::int64_t n_current = 0;
  std::int64_t missing_reference = 0;
  std::int64_t missing_current = 0;
  std::vector<std::string> categories;
  std::vector<std::int64_t> reference_counts;
  std::vector<std::int64_t> current_counts;
  std::vector<double> reference_proportions;
  std::vector<double> current_proportions;
  Chi2Result chi2;
  double psi = 0.0;
  double js_distance = 0.0;
  Severity severity = Severity::kLow;
  bool drifted = false;
};

// NaN = missing. Errors: InvalidArgument (empty after dropping NaN; ±Inf present).
[[nodiscard]] Result<NumericDrift> ComputeNumericDrift(std::span<const double> reference,
                                                       std::span<const double> current,
                                                       const DriftRule& rule = {});

// std::nullopt = missing. Errors: InvalidArgument (empty after dropping missing values).
[[nodiscard]] Result<CategoricalDrift> ComputeCategoricalDrift(
    std::span<const std::optional<std::string>> reference,
    std::span<const std::optional<std::string>> current, const DriftRule& rule = {});

// Present values only, with the missing counts supplied by the caller (e.g. a CSV reader).
// Errors: InvalidArgument (a sample is empty; a missing count is negative).
[[nodiscard]] Result<CategoricalDrift> ComputeCategoricalDrift(
    std::span<const std::string_view> reference, std::span<const std::string_view> current,
    std::int64_t missing_reference, std::int64_t missing_current, const DriftRule& rule = {});

}  // namespace cairn::stats
