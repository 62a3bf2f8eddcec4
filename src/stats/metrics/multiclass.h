// Multiclass classification metrics over string labels, as scikit-learn 1.2.1 defines them.
//
// classes = sorted (byte order) union of the label and prediction values. Per class k:
// precision = C[k][k]/column k sum, recall = C[k][k]/row k sum (zero_division = 0),
// f1 = 2pr/(p+r) (0 when p+r = 0), support = row k sum. Macro averages are the unweighted
// mean over all classes (a class that is only predicted counts, with recall 0); weighted f1
// weights by support. confusion[true][predicted] in `classes` order.
// Reference: sklearn 1.2.1 accuracy_score, precision/recall/f1_score(average='macro'|
// 'weighted', zero_division=0), confusion_matrix (1e-9 relative; matrices exact).
// Errors: InvalidArgument for empty input or different lengths.
// Complexity: O(n) hashing + O(K^2) for the matrix. Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace cairn::stats {

struct ClassMetrics {
  std::string label;
  double precision = 0.0;
  double recall = 0.0;
  double f1 = 0.0;
  std::int64_t support = 0;
};

struct MulticlassMetrics {
  std::int64_t n = 0;
  std::vector<std::string> classes;
  double accuracy = 0.0;
  double precision_macro = 0.0;
  double recall_macro = 0.0;
  double f1_macro = 0.0;
  double f1_weighted = 0.0;
  std::vector<std::vector<std::int64_t>> confusion;  // K x K
  std::vector<ClassMetrics> per_class;               // in `classes` order
};

[[nodiscard]] Result<MulticlassMetrics> ComputeMulticlassMetrics(
    std::span<const std::string_view> labels, std::span<const std::string_view> predictions);

[[nodiscard]] Result<MulticlassMetrics> ComputeMulticlassMetrics(
    std::span<const std::string> labels, std::span<const std::string> predictions);

}  // namespace cairn::stats
