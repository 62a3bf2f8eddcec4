#include "stats/metrics/multiclass.h"

#include <algorithm>
#include <numeric>
#include <unordered_map>

#include "stats/numeric/summation.h"

namespace cairn::stats {
namespace {

double Ratio(std::int64_t num, std::int64_t den) {
  return den == 0 ? 0.0 : static_cast<double>(num) / static_cast<double>(den);
}

}  // namespace

Result<MulticlassMetrics> ComputeMulticlassMetrics(std::span<const std::string_view> labels,
                                                   std::span<const std::string_view> predictions) {
  if (labels.size() != predictions.size()) {
    return InvalidArgument("labels and predictions differ in length");
  }
  if (labels.empty()) return InvalidArgument("no rows to evaluate");
  const std::size_t n = labels.size();

  // Provisional ids in order of appearance, renumbered once the sorted class list is known.
  std::unordered_map<std::string_view, std::size_t> ids;
  std::vector<std::string_view> seen;
  std::vector<std::size_t> y(n);
  std::vector<std::size_t> p(n);
  auto id_of = [&](std::string_view v) {
    auto [it, inserted] = ids.try_emplace(v, seen.size());
    if (inserted) seen.push_back(v);
    return it->second;
  };
  for (std::size_t i = 0; i < n; ++i) {
    y[i] = id_of(labels[i]);
    p[i] = id_of(predictions[i]);
  }
  const std::size_t k = seen.size();
  std::vector<std::size_t> order(k);
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(),
            [&](std::size_t a, std::size_t b) { return seen[a] < seen[b]; });
  std::vector<std::size_t> rank(k);
  for (std::size_t r = 0; r < k; ++r) rank[order[r]] = r;

  MulticlassMetrics m;
  m.n = static_cast<std::int64_t>(n);
  m.confusion.assign(k, std::vector<std::int64_t>(k, 0));
  for (std::size_t i = 0; i < n; ++i) ++m.confusion[rank[y[i]]][rank[p[i]]];
  m.classes.reserve(k);
  for (std::size_t id : order) m.classes.emplace_back(seen[id]);

  std::int64_t correct = 0;
  std::vector<std::int64_t> predicted(k, 0);
  for (std::size_t t = 0; t < k; ++t) {
    correct += m.confusion[t][t];
    for (std::size_t c = 0; c < k; ++c) predicted[c] += m.confusion[t][c];
  }
  m.accuracy = static_cast<double>(correct) / static_cast<double>(n);

  std::vector<double> precision(k);
  std::vector<double> recall(k);
  std::vector<double> f1(k);
  std::vector<double> support(k);
  m.per_class.resize(k);
  for (std::size_t c = 0; c < k; ++c) {
    const std::int64_t tp = m.confusion[c][c];
    const std::int64_t row =
        std::accumulate(m.confusion[c].begin(), m.confusion[c].end(), std::int64_t{0});
    precision[c] = Ratio(tp, predicted[c]);
    recall[c] = Ratio(tp, row);
    const double denom = precision[c] + recall[c];
    f1[c] = denom == 0.0 ? 0.0 : 2.0 * precision[c] * recall[c] / denom;
    support[c] = static_cast<double>(row);
    m.per_class[c] = {m.classes[c], precision[c], recall[c], f1[c], row};
  }
  const double dk = static_cast<double>(k);
  m.precision_macro = NumpySum(precision) / dk;
  m.recall_macro = NumpySum(recall) / dk;
  m.f1_macro = NumpySum(f1) / dk;
  m.f1_weighted =
      NumpySumOf(k, [&](std::size_t c) { return f1[c] * support[c]; }) / NumpySum(support);
  return m;
}

Result<MulticlassMetrics> ComputeMulticlassMetrics(std::span<const std::string> labels,
                                                   std::span<const std::string> predictions) {
  const std::vector<std::string_view> l(labels.begin(), labels.end());
  const std::vector<std::string_view> p(predictions.begin(), predictions.end());
  return ComputeMulticlassMetrics(l, p);
}

}  // namespace cairn::stats
