#include "stats/metrics/binary.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "stats/numeric/sort.h"
#include "stats/numeric/summation.h"

namespace cairn::stats {
namespace {

Status CheckInputs(std::span<const int> labels, std::span<const double> scores) {
  if (labels.size() != scores.size()) return InvalidArgument("labels and scores differ in length");
  if (labels.empty()) return InvalidArgument("no rows to evaluate");
  for (std::size_t i = 0; i < labels.size(); ++i) {
    if (labels[i] != 0 && labels[i] != 1) return InvalidArgument("labels must be 0 or 1");
    if (!std::isfinite(scores[i])) return InvalidArgument("scores must be finite");
  }
  return Status::Ok();
}

// sklearn's _prf_divide with zero_division = 0.
double Ratio(std::int64_t num, std::int64_t den) {
  return den == 0 ? 0.0 : static_cast<double>(num) / static_cast<double>(den);
}

BinaryMetrics Compute(std::span<const int> labels, std::span<const double> scores,
                      double threshold) {
  const std::size_t n = labels.size();
  BinaryMetrics m;
  m.n = static_cast<std::int64_t>(n);
  std::int64_t tp = 0;
  std::int64_t fp = 0;
  std::int64_t positives = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const int y = labels[i];
    const int pred = scores[i] >= threshold ? 1 : 0;
    positives += y;
    tp += y & pred;
    fp += (1 - y) & pred;
  }
  const std::int64_t negatives = m.n - positives;
  const std::int64_t fn = positives - tp;
  const std::int64_t tn = negatives - fp;
  m.confusion = {{{tn, fp}, {fn, tp}}};
  m.accuracy = static_cast<double>(tp + tn) / static_cast<double>(m.n);
  m.precision = Ratio(tp, tp + fp);
  m.recall = Ratio(tp, positives);
  const double denom = m.precision + m.recall;
  m.f1 = denom == 0.0 ? 0.0 : 2.0 * m.precision * m.recall / denom;

  const std::array<double, 2> sums = NumpySumsOf<2>(n, [&](std::size_t i) {
    const double s = scores[i];
    const double y = labels[i];
    const double p = std::clamp(s, kLogLossEps, 1.0 - kLogLossEps);
    const double q = 1.0 - p;
    const double row = q + p;  // renormalisation, as sklearn 1.2.1 does
    const double loss = labels[i] == 1 ? -std::log(p / row) : -std::log(q / row);
    const double err = y - s;
    return std::array<double, 2>{loss, err * err};
  });
  m.log_loss = sums[0] / static_cast<double>(n);
  m.brier = sums[1] / static_cast<double>(n);
  m.roc_auc = RocAuc(labels, scores);
  return m;
}

}  // namespace

std::optional<double> RocAuc(std::span<const int> labels, std::span<const double> scores) {
  std::vector<double> pos;
  std::vector<double> neg;
  pos.reserve(labels.size());
  neg.reserve(labels.size());
  for (std::size_t i = 0; i < labels.size(); ++i) {
    (labels[i] == 1 ? pos : neg).push_back(scores[i]);
  }
  if (pos.empty() || neg.empty()) return std::nullopt;
  SortDoubles(pos);
  SortDoubles(neg);
  // 2U = sum over tie groups of 2*pos_in_group*neg_below + pos_in_group*neg_in_group: exact in
  // integers, so the AUC is one correctly rounded division.
  std::int64_t twice_u = 0;
  std::size_t i = 0;
  std::size_t j = 0;
  while (i < pos.size()) {
    const double x = pos[i];
    while (j < neg.size() && neg[j] < x) ++j;
    const std::size_t neg_below = j;
    std::size_t neg_equal_end = j;
    while (neg_equal_end < neg.size() && neg[neg_equal_end] == x) ++neg_equal_end;
    std::size_t pos_end = i;
    while (pos_end < pos.size() && pos[pos_end] == x) ++pos_end;
    const auto group = static_cast<std::int64_t>(pos_end - i);
    twice_u += group * (2 * static_cast<std::int64_t>(neg_below) +
                        static_cast<std::int64_t>(neg_equal_end - neg_below));
    i = pos_end;
  }
  const double pairs = static_cast<double>(pos.size()) * static_cast<double>(neg.size());
  return static_cast<double>(twice_u) / (2.0 * pairs);
}

Result<BinaryMetrics> ComputeBinaryMetrics(std::span<const int> labels,
                                           std::span<const double> scores, double threshold) {
  RETURN_IF_ERROR(CheckInputs(labels, scores));
  if (std::isnan(threshold)) return InvalidArgument("threshold is NaN");
  return Compute(labels, scores, threshold);
}

Result<std::vector<GroupBinaryMetrics>> ComputeBinaryMetricsByGroup(
    std::span<const int> labels, std::span<const double> scores,
    std::span<const std::string_view> groups, double threshold) {
  RETURN_IF_ERROR(CheckInputs(labels, scores));
  if (groups.size() != labels.size()) return InvalidArgument("groups and labels differ in length");
  if (std::isnan(threshold)) return InvalidArgument("threshold is NaN");
  std::map<std::string_view, std::vector<std::size_t>> rows;
  for (std::size_t i = 0; i < groups.size(); ++i) rows[groups[i]].push_back(i);
  std::vector<GroupBinaryMetrics> out;
  out.reserve(rows.size());
  std::vector<int> group_labels;
  std::vector<double> group_scores;
  for (const auto& [group, idx] : rows) {
    group_labels.clear();
    group_scores.clear();
    for (std::size_t i : idx) {
      group_labels.push_back(labels[i]);
      group_scores.push_back(scores[i]);
    }
    out.push_back({std::string(group), Compute(group_labels, group_scores, threshold)});
  }
  return out;
}

}  // namespace cairn::stats
