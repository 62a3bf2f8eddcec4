// Binary classification metrics, as scikit-learn 1.2.1 defines them.
//
// Inputs: labels in {0, 1}, scores = P(class 1), predicted class = (score >= threshold).
// accuracy; precision tp/(tp+fp), recall tp/(tp+fn), f1 = 2pr/(p+r), each 0 when its
// denominator is 0 (zero_division = 0); roc_auc = Mann–Whitney U / (n_pos n_neg) with tied
// scores counting 1/2 (= sklearn's trapezoidal roc_auc_score), nullopt when only one class
// occurs; log_loss with eps = 2.220446049250313e-16: p clipped to [eps, 1-eps], the row
// [1-p, p] renormalised by its sum, loss = -mean(ln p_true); brier = mean((score - label)^2);
// confusion = [[tn, fp], [fn, tp]].
// Reference: sklearn 1.2.1 accuracy/precision/recall/f1_score, roc_auc_score, log_loss,
// brier_score_loss, confusion_matrix(labels=[0,1]); means summed in numpy's order (1e-9 rel).
// Errors: InvalidArgument for empty input, different lengths, a label not 0/1, a non-finite
// score. Scores outside [0, 1] are accepted (log_loss clips, as sklearn does).
// Algorithm: one branch-free pass for validation and the confusion counts, one pass for the
// log-loss and Brier sums (numpy's pairwise order, its two halves on two threads), one radix
// sort of the scores with the label as the top digit (numeric/sort.h: negatives and positives
// sorted at once) and one branch-free merged walk of the two classes for 2U, an exact integer.
// Complexity: O(n) time, n doubles of extra memory (plus the radix scratch while sorting). Pure
// functions; thread-safe; from 2^16 rows every phase is split between the calling thread and
// one helper thread, never more.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace cairn::stats {

inline constexpr double kDefaultThreshold = 0.5;
inline constexpr double kLogLossEps = 2.220446049250313e-16;  // numpy.finfo(float64).eps

struct BinaryMetrics {
  std::int64_t n = 0;
  double accuracy = 0.0;
  double precision = 0.0;
  double recall = 0.0;
  double f1 = 0.0;
  std::optional<double> roc_auc;  // undefined with a single class
  double log_loss = 0.0;
  double brier = 0.0;
  // confusion[true][predicted]: [[tn, fp], [fn, tp]].
  std::array<std::array<std::int64_t, 2>, 2> confusion{};
};

struct GroupBinaryMetrics {
  std::string group;
  BinaryMetrics metrics;
};

// Errors: InvalidArgument (see the file comment).
[[nodiscard]] Result<BinaryMetrics> ComputeBinaryMetrics(std::span<const int> labels,
                                                         std::span<const double> scores,
                                                         double threshold = kDefaultThreshold);

// The same metrics per distinct group value, groups sorted by byte order.
// Errors: InvalidArgument as above, or when groups has a different length.
[[nodiscard]] Result<std::vector<GroupBinaryMetrics>> ComputeBinaryMetricsByGroup(
    std::span<const int> labels, std::span<const double> scores,
    std::span<const std::string_view> groups, double threshold = kDefaultThreshold);

// Mann–Whitney AUC; nullopt with a single class. Preconditions as ComputeBinaryMetrics.
[[nodiscard]] std::optional<double> RocAuc(std::span<const int> labels,
                                           std::span<const double> scores);

}  // namespace cairn::stats
