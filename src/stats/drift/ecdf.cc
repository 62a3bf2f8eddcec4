#include "stats/drift/ecdf.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cassert>
#include <cmath>
#include <cstdint>
#include <limits>

#include "stats/numeric/merge.h"
#include "stats/numeric/parallel.h"

namespace cairn::stats::internal {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr std::size_t kSegmentsPerThread = 4;
using Cuts = std::array<MergePosition, 2 * kSegmentsPerThread + 1>;

// Cuts for one thread, padded with empty segments at the end for the unused second thread.
Cuts SingleThreadCuts(const std::array<MergePosition, kSegmentsPerThread + 1>& one) {
  Cuts cuts;
  std::copy(one.begin(), one.end(), cuts.begin());
  std::fill(cuts.begin() + kSegmentsPerThread + 1, cuts.end(), one.back());
  return cuts;
}
constexpr std::size_t kParallelMin = std::size_t{1} << 17;  // pooled values worth a 2nd thread
// Largest binary exponent the unscaled Wasserstein sum may reach (DBL_MAX is just below 2^1024).
constexpr int kMaxSumExponent = 1000;

__extension__ using Wide = unsigned __int128;  // numerators when n*m does not fit 62 bits

template <typename Crit, bool kScaled>
struct Cursor {
  const double* r = nullptr;
  const double* c = nullptr;
  std::size_t n = 0;
  std::size_t m = 0;
  double dn = 0;
  double dm = 0;
  Crit slack = 1;
  double scale = 1;
  std::size_t i = 0;
  std::size_t j = 0;
  std::size_t steps = 0;
  double a = 0;  // r[i], or +inf past the end
  double b = 0;  // c[j], or +inf past the end
  Crit best = 0;
  double best_d = 0;
  double sum = 0;
  double compensation = 0;

  void Start(MergePosition from, MergePosition to) {
    i = from.i;
    j = from.j;
    steps = (to.i - from.i) + (to.j - from.j);
    a = i < n ? r[i] : kInf;
    b = j < m ? c[j] : kInf;
  }

  // Consumes the next merged value x; at a distinct-value boundary (the next value is larger)
  // both CDFs include every copy of x.
  void Step() {
    const bool take_r = a <= b;
    const double x = take_r ? a : b;
    i += take_r ? 1 : 0;
    j += take_r ? 0 : 1;
    a = i < n ? r[i] : kInf;
    b = j < m ? c[j] : kInf;
    const double next = a < b ? a : b;
    const Crit im = static_cast<Crit>(i) * m;
    const Crit jn = static_cast<Crit>(j) * n;
    const Crit crit = im > jn ? im - jn : jn - im;
    const Crit at_boundary = next > x ? crit : 0;
    if (at_boundary != 0 && at_boundary + slack > best) [[unlikely]] {
      Record(at_boundary);
    }
    // Inside a run of equal values the width is 0. Callers never take the very last step, so
    // `next` is always finite here.
    const double width = kScaled ? next * scale - x * scale : next - x;
    const double term = static_cast<double>(crit) * width;
    const double t = sum + term;
    compensation += sum >= term ? (sum - t) + term : (term - t) + sum;  // Neumaier
    sum = t;
  }

  // scipy's expression for the CDF difference, at a candidate for the maximum.
  void Record(Crit crit) {
    best = std::max(best, crit);
    const double d = std::fabs(static_cast<double>(i) / dn - static_cast<double>(j) / dm);
    best_d = std::max(best_d, d);
  }
};

template <typename Crit, bool kScaled>
EcdfDistances Compare(std::span<const double> r, std::span<const double> c, bool parallel,
                      int scale_exponent) {
  const std::size_t n = r.size();
  const std::size_t m = c.size();
  const std::size_t threads = parallel ? 2 : 1;
  using C = Cursor<Crit, kScaled>;
  C proto;
  proto.r = r.data();
  proto.c = c.data();
  proto.n = n;
  proto.m = m;
  proto.dn = static_cast<double>(n);
  proto.dm = static_cast<double>(m);
  // Exact differences below 6 * 2^-53 of the common denominator n*m can round either way in
  // scipy's double expression: every boundary that close to the maximum is a candidate.
  const long double nm = static_cast<long double>(n) * static_cast<long double>(m);
  proto.slack = static_cast<Crit>(std::floor(nm * 6.0L * std::ldexp(1.0L, -53))) + 1;
  proto.scale = std::ldexp(1.0, -scale_exponent);
  std::array<std::array<C, kSegmentsPerThread>, 2> cursors;
  const auto cuts = parallel ? CutSegments<2 * kSegmentsPerThread>(r, c)
                             : SingleThreadCuts(CutSegments<kSegmentsPerThread>(r, c));
  for (std::size_t s = 0; s < threads * kSegmentsPerThread; ++s) {
    C& cur = cursors[s / kSegmentsPerThread][s % kSegmentsPerThread];
    cur = proto;
    cur.Start(cuts[s], cuts[s + 1]);
    // The last value has no successor: its step would add nothing (both CDFs are 1 there).
    if (cuts[s + 1].i == n && cuts[s + 1].j == m && cur.steps > 0) --cur.steps;
  }
  RunBoth(
      parallel, [&] { WalkInterleaved(cursors[0]); }, [&] { WalkInterleaved(cursors[1]); });
  Crit best = 0;
  double d = 0;
  double sum = 0;
  double compensation = 0;
  for (std::size_t t = 0; t < threads; ++t) {
    for (const C& cur : cursors[t]) {
      best = std::max(best, cur.best);
      d = std::max(d, cur.best_d);
      for (double part : {cur.sum, cur.compensation}) {
        const double s = sum + part;
        compensation += std::fabs(sum) >= std::fabs(part) ? (sum - s) + part : (part - s) + sum;
        sum = s;
      }
    }
  }
  EcdfDistances out;
  out.ks_statistic = d;
  const double w = (sum + compensation) / static_cast<double>(nm);
  out.wasserstein = kScaled ? std::ldexp(w, scale_exponent) : w;
  return out;
}

// Power of two that keeps n*m*(hi - lo) below 2^kMaxSumExponent; 0 when no scaling is needed.
int ScaleExponent(std::span<const double> r, std::span<const double> c) {
  const double lo = std::min(r.front(), c.front());
  const double hi = std::max(r.back(), c.back());
  const double half_range = hi / 2 - lo / 2;  // finite even when hi - lo is not
  if (half_range == 0) return 0;
  const long double nm = static_cast<long double>(r.size()) * static_cast<long double>(c.size());
  const int exponent = std::ilogb(half_range) + 2 + std::ilogb(static_cast<double>(nm)) + 1;
  return exponent > kMaxSumExponent ? exponent - kMaxSumExponent : 0;
}

}  // namespace

EcdfDistances CompareSortedEcdfs(std::span<const double> r, std::span<const double> c,
                                 bool parallel) {
  assert(!r.empty() && !c.empty());
  parallel = parallel && r.size() + c.size() >= kParallelMin;
  const int scale = ScaleExponent(r, c);
  const bool narrow = std::bit_width(r.size()) + std::bit_width(c.size()) <= 62;
  if (scale == 0) {
    return narrow ? Compare<std::uint64_t, false>(r, c, parallel, 0)
                  : Compare<Wide, false>(r, c, parallel, 0);
  }
  return narrow ? Compare<std::uint64_t, true>(r, c, parallel, scale)
                : Compare<Wide, true>(r, c, parallel, scale);
}

}  // namespace cairn::stats::internal
