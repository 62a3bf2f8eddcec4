#include "stats/drift/categorical.h"

#include <algorithm>
#include <cassert>
#include <numeric>
#include <unordered_map>

namespace cairn::stats {

Result<CategoryCounts> CountCategories(std::span<const std::string_view> reference,
                                       std::span<const std::string_view> current) {
  if (reference.empty()) return InvalidArgument("reference sample is empty");
  if (current.empty()) return InvalidArgument("current sample is empty");
  // Values are counted under provisional ids, then renumbered in sorted order.
  std::unordered_map<std::string_view, std::size_t> ids;
  std::vector<std::string_view> seen;
  std::vector<std::int64_t> ref_counts;
  std::vector<std::int64_t> cur_counts;
  auto count = [&](std::span<const std::string_view> sample, bool is_reference) {
    for (std::string_view v : sample) {
      auto [it, inserted] = ids.try_emplace(v, seen.size());
      if (inserted) {
        seen.push_back(v);
        ref_counts.push_back(0);
        cur_counts.push_back(0);
      }
      ++(is_reference ? ref_counts : cur_counts)[it->second];
    }
  };
  count(reference, true);
  count(current, false);
  std::vector<std::size_t> order(seen.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(),
            [&](std::size_t a, std::size_t b) { return seen[a] < seen[b]; });
  CategoryCounts out;
  out.categories.reserve(order.size());
  for (std::size_t id : order) {
    out.categories.emplace_back(seen[id]);
    out.reference_counts.push_back(ref_counts[id]);
    out.current_counts.push_back(cur_counts[id]);
  }
  return out;
}

std::vector<double> CountProportions(std::span<const std::int64_t> counts) {
  const std::int64_t total = std::accumulate(counts.begin(), counts.end(), std::int64_t{0});
  assert(total > 0);  // callers pass counts of a non-empty sample
  std::vector<double> p(counts.size());
  for (std::size_t i = 0; i < counts.size(); ++i) {
    p[i] = static_cast<double>(counts[i]) / static_cast<double>(total);
  }
  return p;
}

}  // namespace cairn::stats
