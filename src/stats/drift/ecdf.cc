#include "stats/drift/ecdf.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cassert>
#include <cmath>
#include <cstdint>
#include <limits>
#include <utility>
#include <vector>

#include "stats/numeric/merge.h"
#include "stats/numeric/parallel.h"
#include "stats/numeric/summation.h"

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

__extension__ using Wide = __int128;  // numerators when n*m does not fit 62 bits

// ---- KS: a merged walk over the data ------------------------------------------------------

// What every KS cursor of one comparison shares. Num holds i*m - j*n exactly.
template <typename Num>
struct KsShared {
  const double* r = nullptr;
  const double* c = nullptr;
  Num num_n = 0;
  Num num_n_plus_m = 0;
  double dn = 0;
  double dm = 0;
  Num slack = 1;
};

// One segment's walk state.
template <typename Num>
struct KsCursor {
  std::size_t i = 0;  // reference values taken
  std::size_t j = 0;  // current values taken
  std::size_t steps = 0;
  Num diff = 0;  // i*m - j*n: the CDF difference times n*m
  double a = 0;  // r[i], or +inf past the end
  double b = 0;  // c[j], or +inf past the end
  Num best = 0;  // largest |diff| at a boundary
  double best_d = 0;
};

template <typename Num>
KsCursor<Num> StartKsCursor(const KsShared<Num>& s, MergePosition from, MergePosition to) {
  KsCursor<Num> cur;
  cur.i = from.i;
  cur.j = from.j;
  cur.steps = (to.i - from.i) + (to.j - from.j);
  cur.diff =
      static_cast<Num>(from.i) * (s.num_n_plus_m - s.num_n) - static_cast<Num>(from.j) * s.num_n;
  cur.a = s.r[cur.i];  // +inf past the end: the samples end with a sentinel
  cur.b = s.c[cur.j];
  return cur;
}

// scipy's expression for the CDF difference, at a candidate for the maximum.
template <typename Num>
[[gnu::noinline]] void Record(const KsShared<Num>& s, KsCursor<Num>& cur, Num crit) {
  cur.best = std::max(cur.best, crit);
  const double d = std::fabs(static_cast<double>(cur.i) / s.dn - static_cast<double>(cur.j) / s.dm);
  cur.best_d = std::max(cur.best_d, d);
}

// Takes the next merged value x (ties: reference first); at a distinct-value boundary (the next
// value is larger) both CDFs include every copy of x. Branch-free except for the rare record: a
// data-dependent branch here would be mispredicted half the time on interleaved samples.
template <typename Num>
[[gnu::always_inline]] inline void KsStep(const KsShared<Num>& s, KsCursor<Num>& cur) {
  const auto take_r = static_cast<std::size_t>(cur.a <= cur.b);
  const double x = std::min(cur.a, cur.b);
  cur.i += take_r;
  cur.j += 1 - take_r;
  // += m when a reference value is taken, -= n otherwise.
  cur.diff += (-static_cast<Num>(take_r) & s.num_n_plus_m) - s.num_n;
  cur.a = s.r[cur.i];  // the sentinel +inf past the end
  cur.b = s.c[cur.j];
  const double next = std::min(cur.a, cur.b);
  const Num crit = cur.diff < 0 ? -cur.diff : cur.diff;
  const Num at_boundary = next > x ? crit : 0;
  if (at_boundary + s.slack > cur.best && at_boundary != 0) [[unlikely]] {
    Record(s, cur, at_boundary);
  }
}

template <typename Num>
double KsStatistic(std::span<const double> r, std::span<const double> c, bool parallel) {
  const std::size_t n = r.size();
  const std::size_t m = c.size();
  KsShared<Num> shared;
  shared.r = r.data();
  shared.c = c.data();
  shared.num_n = static_cast<Num>(n);
  shared.num_n_plus_m = static_cast<Num>(n) + static_cast<Num>(m);
  shared.dn = static_cast<double>(n);
  shared.dm = static_cast<double>(m);
  // Exact differences below 6 * 2^-53 of the common denominator n*m can round either way in
  // scipy's double expression: every boundary that close to the maximum is a candidate.
  const long double nm = static_cast<long double>(n) * static_cast<long double>(m);
  shared.slack = static_cast<Num>(std::floor(nm * 6.0L * std::ldexp(1.0L, -53))) + 1;
  std::array<std::array<KsCursor<Num>, kSegmentsPerThread>, 2> cursors{};
  const std::size_t threads = parallel ? 2 : 1;
  const auto cuts = parallel ? CutSegments<2 * kSegmentsPerThread>(r, c)
                             : SingleThreadCuts(CutSegments<kSegmentsPerThread>(r, c));
  for (std::size_t seg = 0; seg < threads * kSegmentsPerThread; ++seg) {
    KsCursor<Num>& cur = cursors[seg / kSegmentsPerThread][seg % kSegmentsPerThread];
    cur = StartKsCursor(shared, cuts[seg], cuts[seg + 1]);
    // The last value has no successor, and both CDFs are 1 there.
    if (cuts[seg + 1].i == n && cuts[seg + 1].j == m && cur.steps > 0) --cur.steps;
  }
  RunBoth(
      parallel, [&] { WalkInterleaved(cursors[0], [&](KsCursor<Num>& c) { KsStep(shared, c); }); },
      [&] { WalkInterleaved(cursors[1], [&](KsCursor<Num>& c) { KsStep(shared, c); }); });
  double d = 0;
  for (const auto& half : cursors) {
    for (const auto& cur : half) d = std::max(d, cur.best_d);
  }
  return d;
}

// ---- Wasserstein: the integral of |Q_R(u) - Q_C(u)| over u in (0, 1) ----------------------
//
// W1 = integral |F_R - F_C| dx = integral |Q_R - Q_C| du, Q the quantile functions: on the
// u-interval between consecutive breakpoints k/n and l/m (in units of 1/(n*m): multiples of m
// and of n), Q_R = r[i] and Q_C = c[j]. The walk merges two arithmetic progressions, so it has
// no data-dependent branch; for n == m it is sum |r[i] - c[i]| / n. Values are multiplied by
// `scale` (a power of two) where the products could overflow.

template <typename Num>
struct WassersteinPart {
  double sum = 0;
  double compensation = 0;

  void Add(double term) {  // Knuth's TwoSum: branch-free, off the sum's dependency chain
    const double t = sum + term;
    const double t_term = t - sum;
    compensation += (sum - (t - t_term)) + (term - t_term);
    sum = t;
  }
};

// Sum over u in (u_begin, u_end] of |Q_R - Q_C| du, times n*m, for u_begin a breakpoint of r:
// u_begin = i_begin * m.
template <typename Num, bool kScaled>
WassersteinPart<Num> WassersteinRange(std::span<const double> r, std::span<const double> c,
                                      std::size_t i_begin, Num u_end, double scale) {
  const Num num_n = static_cast<Num>(r.size());
  const Num num_m = static_cast<Num>(c.size());
  Num u = static_cast<Num>(i_begin) * num_m;
  auto i = static_cast<std::size_t>(i_begin);
  auto j = static_cast<std::size_t>(u / num_n);
  Num p = (static_cast<Num>(i) + 1) * num_m;  // next breakpoint of r
  Num q = (static_cast<Num>(j) + 1) * num_n;  // next breakpoint of c
  WassersteinPart<Num> even, odd;             // two chains, alternate steps
  auto step = [&](WassersteinPart<Num>& part) {
    const Num next = p < q ? p : q;
    const double gap = kScaled ? std::fabs(r[i] * scale - c[j] * scale) : std::fabs(r[i] - c[j]);
    part.Add(static_cast<double>(next - u) * gap);
    u = next;
    const auto advance_r = static_cast<std::size_t>(p == next);
    const auto advance_c = static_cast<std::size_t>(q == next);
    i += advance_r;
    j += advance_c;
    p += -static_cast<Num>(advance_r) & num_m;
    q += -static_cast<Num>(advance_c) & num_n;
  };
  while (u < u_end) {
    step(even);
    if (u < u_end) step(odd);
  }
  even.Add(odd.sum);
  even.Add(odd.compensation);
  return even;
}

template <typename Num, bool kScaled>
double Wasserstein(std::span<const double> r, std::span<const double> c, bool parallel,
                   int scale_exponent) {
  const std::size_t n = r.size();
  const std::size_t m = c.size();
  const double scale = std::ldexp(1.0, -scale_exponent);
  const double nm = static_cast<double>(n) * static_cast<double>(m);
  double w = 0;
  if (n == m) {
    // Every breakpoint is shared: sum |r[i] - c[i]| / n, pairwise (numpy's order and accuracy).
    const double total = NumpySumOf(n, [&](std::size_t i) {
      return kScaled ? std::fabs(r[i] * scale - c[i] * scale) : std::fabs(r[i] - c[i]);
    });
    w = total / static_cast<double>(n);
  } else {
    const Num end = static_cast<Num>(n) * static_cast<Num>(m);
    WassersteinPart<Num> low, high;
    const std::size_t mid = parallel ? n / 2 : n;
    const Num mid_u = static_cast<Num>(mid) * static_cast<Num>(m);
    RunBoth(
        parallel, [&] { low = WassersteinRange<Num, kScaled>(r, c, 0, mid_u, scale); },
        [&] {
          if (mid < n) high = WassersteinRange<Num, kScaled>(r, c, mid, end, scale);
        });
    low.Add(high.sum);
    low.Add(high.compensation);
    w = (low.sum + low.compensation) / nm;
  }
  return kScaled ? std::ldexp(w, scale_exponent) : w;
}

// Power of two that keeps n*m*(max - min) below 2^kMaxSumExponent; 0 when no scaling is needed.
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
  assert(r.data()[r.size()] == kInf && c.data()[c.size()] == kInf);  // the sentinels
  parallel = parallel && r.size() + c.size() >= kParallelMin;
  const bool narrow = std::bit_width(r.size()) + std::bit_width(c.size()) <= 62;
  const int scale = ScaleExponent(r, c);
  EcdfDistances out;
  if (narrow) {
    out.ks_statistic = KsStatistic<std::int64_t>(r, c, parallel);
    out.wasserstein = scale == 0 ? Wasserstein<std::int64_t, false>(r, c, parallel, 0)
                                 : Wasserstein<std::int64_t, true>(r, c, parallel, scale);
  } else {
    out.ks_statistic = KsStatistic<Wide>(r, c, parallel);
    out.wasserstein = scale == 0 ? Wasserstein<Wide, false>(r, c, parallel, 0)
                                 : Wasserstein<Wide, true>(r, c, parallel, scale);
  }
  return out;
}

EcdfDistances CompareSortedEcdfsCopying(std::span<const double> r, std::span<const double> c,
                                        bool parallel) {
  std::vector<double> rs(r.begin(), r.end());
  std::vector<double> cs(c.begin(), c.end());
  rs.push_back(kInf);
  cs.push_back(kInf);
  return CompareSortedEcdfs({rs.data(), r.size()}, {cs.data(), c.size()}, parallel);
}

}  // namespace cairn::stats::internal
