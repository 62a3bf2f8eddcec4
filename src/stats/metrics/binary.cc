#include "stats/metrics/binary.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>
#include <map>

#include "stats/numeric/merge.h"
#include "stats/numeric/parallel.h"
#include "stats/numeric/sort.h"
#include "stats/numeric/summation.h"

namespace cairn::stats {
namespace {

constexpr std::uint64_t kExponentMask = 0x7ff0000000000000ull;
constexpr std::size_t kAucSegmentsPerThread = 4;

// Counts from one branch-free pass (the compiler vectorises it); `bad` flags a label outside
// {0, 1} or a non-finite score.
struct Counts {
  std::int64_t positives = 0;
  std::int64_t tp = 0;
  std::int64_t fp = 0;
  bool bad = false;
};

Counts CountAndCheck(std::span<const int> labels, std::span<const double> scores,
                     double threshold) {
  std::int64_t positives = 0;
  std::int64_t tp = 0;
  std::int64_t fp = 0;
  unsigned bad = 0;
  for (std::size_t i = 0; i < labels.size(); ++i) {
    const auto y = static_cast<unsigned>(labels[i]);
    const double s = scores[i];
    const unsigned pred = s >= threshold ? 1u : 0u;
    bad |=
        static_cast<unsigned>(y > 1) |
        static_cast<unsigned>((std::bit_cast<std::uint64_t>(s) & kExponentMask) == kExponentMask);
    positives += y & 1u;
    tp += y & pred;
    fp += (~y & 1u) & pred;
  }
  return {positives, tp, fp, bad != 0};
}

// sklearn's _prf_divide with zero_division = 0.
double Ratio(std::int64_t num, std::int64_t den) {
  return den == 0 ? 0.0 : static_cast<double>(num) / static_cast<double>(den);
}

// One row's log-loss and Brier terms.
std::array<double, 2> LossTerms(int label, double s) {
  const double y = label;
  const double p = std::clamp(s, kLogLossEps, 1.0 - kLogLossEps);
  const double q = 1.0 - p;
  const double row = q + p;  // renormalisation, as sklearn 1.2.1 does
  const double loss = label == 1 ? -std::log(p / row) : -std::log(q / row);
  const double err = y - s;
  return {loss, err * err};
}

// Walks one value-aligned segment of the merged sorted scores (negatives first on ties) and adds
// 2 * (#negatives below + #negatives equal / 2) for every positive = 2U restricted to it.
// Branch-free: on interleaved classes a branch on "which comes next" would be mispredicted half
// the time.
struct AucCursor {
  std::size_t i = 0;  // positives taken
  std::size_t j = 0;  // negatives taken
  std::size_t steps = 0;
  double a = 0;  // pos[i] (the sentinel +inf past the end)
  double b = 0;  // neg[j] (likewise)
  // The bits of the last negative taken (+0.0 for either zero, so that -0.0 ties with +0.0) and
  // how many negatives equal to it were taken. A NaN at a segment start: segments are
  // value-aligned, so no positive here equals an earlier negative.
  std::uint64_t last_neg = std::bit_cast<std::uint64_t>(std::numeric_limits<double>::quiet_NaN());
  std::int64_t run = 0;
  std::int64_t twice_u = 0;
};

struct AucInputs {
  const double* pos;
  const double* neg;
};

[[gnu::always_inline]] inline void AucStep(const AucInputs& in, AucCursor& c) {
  const auto take_neg = static_cast<std::int64_t>(c.b <= c.a);
  const std::uint64_t v = std::bit_cast<std::uint64_t>(std::min(c.a, c.b) + 0.0);
  const std::int64_t same_mask = -static_cast<std::int64_t>(v == c.last_neg);
  const std::int64_t equal_before = c.run & same_mask;
  // A positive sees j = #negatives <= it; those equal to it are the last `run` taken.
  c.twice_u += (2 * static_cast<std::int64_t>(c.j) - equal_before) & (take_neg - 1);
  c.run += (equal_before + 1 - c.run) & -take_neg;
  c.last_neg ^= (v ^ c.last_neg) & static_cast<std::uint64_t>(-take_neg);
  c.i += static_cast<std::size_t>(1 - take_neg);
  c.j += static_cast<std::size_t>(take_neg);
  c.a = in.pos[c.i];
  c.b = in.neg[c.j];
}

// 2U over sorted positives and negatives (each followed by a +inf sentinel), on two threads
// when `parallel`.
std::int64_t TwiceMannWhitneyU(std::span<const double> pos, std::span<const double> neg,
                               bool parallel) {
  using Cursors = std::array<AucCursor, kAucSegmentsPerThread>;
  std::array<Cursors, 2> cursors{};
  const AucInputs in{pos.data(), neg.data()};
  const auto cuts = internal::CutSegments<2 * kAucSegmentsPerThread>(pos, neg);
  for (std::size_t s = 0; s < 2 * kAucSegmentsPerThread; ++s) {
    AucCursor& c = cursors[s / kAucSegmentsPerThread][s % kAucSegmentsPerThread];
    c.i = cuts[s].i;
    c.j = cuts[s].j;
    c.steps = (cuts[s + 1].i - cuts[s].i) + (cuts[s + 1].j - cuts[s].j);
    c.a = pos.data()[c.i];
    c.b = neg.data()[c.j];
  }
  auto walk = [&](Cursors& half) {
    internal::WalkInterleaved(half, [&](AucCursor& c) { AucStep(in, c); });
  };
  internal::RunBoth(
      parallel, [&] { walk(cursors[0]); }, [&] { walk(cursors[1]); });
  std::int64_t twice_u = 0;
  for (const Cursors& half : cursors) {
    for (const AucCursor& c : half) twice_u += c.twice_u;
  }
  return twice_u;
}

std::optional<double> AucFromSorted(std::span<const double> pos, std::span<const double> neg,
                                    bool parallel) {
  if (pos.empty() || neg.empty()) return std::nullopt;
  // 2U is exact in integers, so the AUC is one correctly rounded division.
  const std::int64_t twice_u = TwiceMannWhitneyU(pos, neg, parallel);
  const double pairs = static_cast<double>(pos.size()) * static_cast<double>(neg.size());
  return static_cast<double>(twice_u) / (2.0 * pairs);
}

// Inputs validated except labels/scores (checked here, in the same pass as the counts).
Result<BinaryMetrics> Compute(std::span<const int> labels, std::span<const double> scores,
                              double threshold) {
  const std::size_t n = labels.size();
  const bool parallel = n >= kParallelThreshold;
  Counts counts;
  // Validation and counts with the first half of the sums on this thread, the second half of
  // the sums (log-bound) on the helper: numpy's pairwise sum splits at the same point.
  const std::array<double, 2> sums = NumpySumsOfInHalves<2>(
      n, [&](std::size_t i) { return LossTerms(labels[i], scores[i]); }, parallel,
      [&] { counts = CountAndCheck(labels, scores, threshold); });
  if (counts.bad) {
    for (std::size_t i = 0; i < n; ++i) {  // name the first problem, row by row
      if (labels[i] != 0 && labels[i] != 1) return InvalidArgument("labels must be 0 or 1");
      if (!std::isfinite(scores[i])) return InvalidArgument("scores must be finite");
    }
  }
  BinaryMetrics m;
  m.n = static_cast<std::int64_t>(n);
  const std::int64_t positives = counts.positives;
  const std::int64_t tp = counts.tp;
  const std::int64_t fp = counts.fp;
  const std::int64_t negatives = m.n - positives;
  const std::int64_t fn = positives - tp;
  const std::int64_t tn = negatives - fp;
  m.confusion = {{{tn, fp}, {fn, tp}}};
  m.accuracy = static_cast<double>(tp + tn) / static_cast<double>(m.n);
  m.precision = Ratio(tp, tp + fp);
  m.recall = Ratio(tp, positives);
  const double denom = m.precision + m.recall;
  m.f1 = denom == 0.0 ? 0.0 : 2.0 * m.precision * m.recall / denom;
  m.log_loss = sums[0] / static_cast<double>(n);
  m.brier = sums[1] / static_cast<double>(n);
  const SortedRows<2> sorted = SortByLabel(scores, labels, parallel);
  m.roc_auc = AucFromSorted(sorted.values(1), sorted.values(0), parallel);
  return m;
}

Status CheckSizes(std::span<const int> labels, std::span<const double> scores, double threshold) {
  if (labels.size() != scores.size()) return InvalidArgument("labels and scores differ in length");
  if (labels.empty()) return InvalidArgument("no rows to evaluate");
  if (std::isnan(threshold)) return InvalidArgument("threshold is NaN");
  return Status::Ok();
}

}  // namespace

std::optional<double> RocAuc(std::span<const int> labels, std::span<const double> scores) {
  const bool parallel = labels.size() >= kParallelThreshold;
  const SortedRows<2> sorted = SortByLabel(scores, labels, parallel);
  return AucFromSorted(sorted.values(1), sorted.values(0), parallel);
}

Result<BinaryMetrics> ComputeBinaryMetrics(std::span<const int> labels,
                                           std::span<const double> scores, double threshold) {
  RETURN_IF_ERROR(CheckSizes(labels, scores, threshold));
  return Compute(labels, scores, threshold);
}

Result<std::vector<GroupBinaryMetrics>> ComputeBinaryMetricsByGroup(
    std::span<const int> labels, std::span<const double> scores,
    std::span<const std::string_view> groups, double threshold) {
  RETURN_IF_ERROR(CheckSizes(labels, scores, threshold));
  if (groups.size() != labels.size()) return InvalidArgument("groups and labels differ in length");
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
    ASSIGN_OR_RETURN(BinaryMetrics m, Compute(group_labels, group_scores, threshold));
    out.push_back({std::string(group), std::move(m)});
  }
  return out;
}

}  // namespace cairn::stats
