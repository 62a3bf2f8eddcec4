// Category counting and per-category PSI / Jensen–Shannon for categorical columns.
//
// Definition: categories = sorted union (byte order, std::string's operator<) of the values
// seen in either sample; counts are aligned with it (a category absent from one sample has
// count 0 there). PSI and JS then use one bin per category with proportions count/n
// (PSI floors them at 1e-4, JS uses them as they are) — see psi.h and js.h.
// Reference: the `categories`, `reference_counts`, `current_counts`, `psi`, `js_distance` of
// testdata/drift (pandas/numpy/scipy; counts exact, psi/js 1e-9 relative).
// Missing values are the caller's business (drift_report.h counts them); an empty sample is
// InvalidArgument. Complexity: O((n+m) * average hash cost + K log K). Pure; thread-safe.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace cairn::stats {

struct CategoryCounts {
  std::vector<std::string> categories;  // sorted, unique
  std::vector<std::int64_t> reference_counts;
  std::vector<std::int64_t> current_counts;
};

// Errors: InvalidArgument when either sample is empty.
[[nodiscard]] Result<CategoryCounts> CountCategories(std::span<const std::string_view> reference,
                                                     std::span<const std::string_view> current);

// count_i / total for each i; total > 0 by precondition.
[[nodiscard]] std::vector<double> CountProportions(std::span<const std::int64_t> counts);

}  // namespace cairn::stats
