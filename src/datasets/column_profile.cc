#include "datasets/column_profile.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <unordered_map>

namespace cairn::datasets {
namespace {

constexpr int kHllPrecision = 14;
constexpr size_t kHllRegisters = size_t{1} << kHllPrecision;

uint64_t Mix(uint64_t x) {  // splitmix64 finalizer: spreads std::hash output over all bits
  x += 0x9E3779B97F4A7C15ull;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}

class HyperLogLog {
 public:
  HyperLogLog() : regs_(kHllRegisters, 0) {}
  void Add(uint64_t h) {
    const size_t idx = h >> (64 - kHllPrecision);
    const uint64_t rest = (h << kHllPrecision) | (uint64_t{1} << (kHllPrecision - 1));
    const uint8_t rank = static_cast<uint8_t>(__builtin_clzll(rest) + 1);
    regs_[idx] = std::max(regs_[idx], rank);
  }
  int64_t Estimate() const {
    const double m = static_cast<double>(kHllRegisters);
    double sum = 0;
    size_t zeros = 0;
    for (uint8_t r : regs_) {
      sum += std::ldexp(1.0, -r);
      zeros += r == 0;
    }
    const double alpha = 0.7213 / (1 + 1.079 / m);
    double e = alpha * m * m / sum;
    if (e <= 2.5 * m && zeros > 0) e = m * std::log(m / static_cast<double>(zeros));
    return static_cast<int64_t>(std::llround(e));
  }

 private:
  std::vector<uint8_t> regs_;
};

// Magnitude above which (x - mean)^2 summed over up to 2^60 values could overflow a double.
constexpr double kWelfordScaleAbove = 0x1p480;

// Welford's mean and variance. For values beyond kWelfordScaleAbove (e.g. 1e308 and -1e308,
// whose difference overflows) the values are first scaled by a power of two so that they lie
// in (-1, 1), and the results are scaled back: the scaling is exact, so nothing changes for
// ordinary data. A standard deviation beyond the double range (values near +-DBL_MAX) is left
// unset rather than reported as infinity.
void Welford(ColumnProfile& p, const std::vector<double>& v) {
  if (v.empty()) return;
  double max_abs = 0;
  for (double x : v) max_abs = std::max(max_abs, std::fabs(x));
  const int shift = max_abs > kWelfordScaleAbove ? std::ilogb(max_abs) + 1 : 0;
  double mean = 0, m2 = 0;
  int64_t n = 0;
  for (double raw : v) {
    const double x = shift == 0 ? raw : std::ldexp(raw, -shift);
    ++n;
    const double d = x - mean;
    mean += d / static_cast<double>(n);
    m2 += d * (x - mean);
  }
  // The mean lies within [min, max]; clamping only removes rounding beyond the extremes.
  const auto [lo, hi] = std::minmax_element(v.begin(), v.end());
  p.mean = std::clamp(std::ldexp(mean, shift), *lo, *hi);
  if (n >= 2) {
    const double sd = std::ldexp(std::sqrt(m2 / static_cast<double>(n - 1)), shift);
    if (std::isfinite(sd)) p.std = sd;
  }
}

void SortTop(std::vector<TopValue>& top) {
  std::sort(top.begin(), top.end(), [](const TopValue& a, const TopValue& b) {
    return a.count != b.count ? a.count > b.count : a.value < b.value;
  });
  if (top.size() > static_cast<size_t>(kTopValues)) top.resize(kTopValues);
}

}  // namespace

double LinearQuantile(const std::vector<double>& sorted, double q) {
  const double h = (static_cast<double>(sorted.size()) - 1) * q;
  const size_t lo = static_cast<size_t>(std::floor(h));
  if (lo + 1 >= sorted.size()) return sorted.back();
  const double frac = h - static_cast<double>(lo);
  const double a = sorted[lo], b = sorted[lo + 1];
  const double diff = b - a;
  if (std::isfinite(diff)) return a + frac * diff;
  // b - a overflows (a < 0 < b near +-DBL_MAX): interpolate between the exact halves.
  return 2 * (a / 2 + frac * (b / 2 - a / 2));
}

Histogram EqualWidthHistogram(const std::vector<double>& sorted, int bins) {
  Histogram h;
  h.counts.assign(bins, 0);
  if (sorted.empty()) return h;
  double lo = sorted.front(), hi = sorted.back();
  if (lo == hi) {
    lo -= 0.5;
    hi += 0.5;
    if (lo == hi) {
      // |v| >= 2^53: 0.5 is below the spacing of doubles there. Widen by a relative amount,
      // keeping an edge at v where v -+ w would overflow (v near -+DBL_MAX).
      const double v = sorted.front();
      const double w = std::fabs(v) * 0x1p-52;
      lo = std::isfinite(v - w) ? v - w : v;
      hi = std::isfinite(v + w) ? v + w : v;
    }
  }
  // Where hi - lo overflows (values near -DBL_MAX and +DBL_MAX) the edges and bin positions are
  // computed on halves of the values (exact), so every edge is finite; otherwise numpy's way.
  const bool halve = !std::isfinite(hi - lo);
  const double scale = halve ? 0.5 : 1.0;
  const double slo = lo * scale, shi = hi * scale;
  h.edges.resize(bins + 1);
  const double step = (shi - slo) / bins;
  for (int i = 0; i <= bins; ++i) h.edges[i] = (slo + step * i) / scale;  // numpy.linspace
  h.edges[bins] = hi;
  const double norm = bins / (shi - slo);
  for (double x : sorted) {
    auto idx = static_cast<int64_t>((x * scale - slo) * norm);
    idx = std::clamp<int64_t>(idx, 0, bins - 1);
    // numpy's correction for floating-point rounding at the edges.
    if (x < h.edges[idx] && idx > 0)
      --idx;
    else if (idx != bins - 1 && x >= h.edges[idx + 1])
      ++idx;
    ++h.counts[idx];
  }
  return h;
}

ColumnProfile ComputeProfile(const std::string& name, const TypedColumn& c) {
  ColumnProfile p;
  p.name = name;
  p.type = c.type;
  p.missing = static_cast<int64_t>(c.missing);
  p.count = static_cast<int64_t>(c.count - c.missing);
  if (c.type == ColumnType::kString) {
    std::unordered_map<std::string_view, int64_t> counts;
    HyperLogLog hll;
    bool overflow = false;
    std::hash<std::string_view> hasher;
    for (size_t i = 0; i < c.count; ++i) {
      if (!c.IsPresent(i)) continue;
      std::string_view s = c.StringAt(i);
      hll.Add(Mix(hasher(s)));
      auto it = counts.find(s);
      if (it != counts.end()) {
        ++it->second;
      } else if (counts.size() < kExactDistinctLimit) {
        counts.emplace(s, 1);
      } else {
        overflow = true;
      }
    }
    p.distinct = overflow ? std::max<int64_t>(hll.Estimate(), kExactDistinctLimit)
                          : static_cast<int64_t>(counts.size());
    p.distinct_exact = !overflow;
    p.top_values_exact = !overflow;
    std::vector<TopValue> top;
    top.reserve(counts.size());
    for (const auto& [k, n] : counts) top.push_back({std::string(k), n});
    SortTop(top);
    p.top_values = std::move(top);
    return p;
  }
  std::vector<double> v;
  v.reserve(p.count);
  for (size_t i = 0; i < c.count; ++i) {
    if (!c.IsPresent(i)) continue;
    v.push_back(c.type == ColumnType::kFloat64 ? c.doubles[i] : static_cast<double>(c.ints[i]));
  }
  Welford(p, v);
  std::sort(v.begin(), v.end());
  if (!v.empty()) {
    p.min = v.front();
    p.max = v.back();
    p.distinct = 1;
    for (size_t i = 1; i < v.size(); ++i) p.distinct += v[i] != v[i - 1];
  }
  if (c.type == ColumnType::kBool) {
    int64_t trues = 0;
    for (double x : v) trues += x != 0;
    std::vector<TopValue> top;
    if (trues > 0) top.push_back({"true", trues});
    if (p.count - trues > 0) top.push_back({"false", p.count - trues});
    SortTop(top);
    p.top_values = std::move(top);
    return p;
  }
  if (!v.empty()) {
    for (double q : kQuantileProbs) p.quantiles.push_back(LinearQuantile(v, q));
    p.histogram = EqualWidthHistogram(v, kHistogramBins);
  }
  return p;
}

}  // namespace cairn::datasets
