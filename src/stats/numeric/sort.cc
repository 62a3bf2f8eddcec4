#include "stats/numeric/sort.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <limits>

#include "stats/numeric/parallel.h"

namespace cairn::stats {
namespace {

constexpr int kDigitBits = 11;
constexpr int kDigits = (64 + kDigitBits - 1) / kDigitBits;  // 6 passes at most
constexpr std::size_t kBuckets = std::size_t{1} << kDigitBits;
constexpr std::uint64_t kDigitMask = kBuckets - 1;
constexpr std::uint64_t kSignBit = std::uint64_t{1} << 63;

using DigitCounts = std::array<std::array<std::uint32_t, kBuckets>, kDigits>;

// An unsigned key with the order of `<` on doubles: flip every bit of a negative (their
// magnitude order is reversed) and only the sign bit of a non-negative.
inline std::uint64_t Key(double x) {
  const auto bits = std::bit_cast<std::uint64_t>(x);
  const auto negative_mask = static_cast<std::uint64_t>(static_cast<std::int64_t>(bits) >> 63);
  return bits ^ (negative_mask | kSignBit);
}

inline std::size_t Digit(double x, int shift) {
  return static_cast<std::size_t>((Key(x) >> shift) & kDigitMask);
}

std::unique_ptr<double[]> Allocate(std::size_t n) {
  return n == 0 ? nullptr : std::make_unique_for_overwrite<double[]>(n);
}

}  // namespace

// Builds SortedSample values; a class so that it can reach SortedSample's members.
class SortedSampleBuilder {
 public:
  // Keeps element i when keep(i) holds, counting drop(i) (e.g. "was NaN") as missing.
  // keep/drop are evaluated for every i; branch-free so that random labels cost nothing.
  template <typename Keep, typename Drop>
  static SortedSample Build(std::span<const double> values, const Keep& keep, const Drop& drop) {
    const std::size_t n = values.size();
    SortedSample out;
    std::unique_ptr<double[]> copy = Allocate(n);
    if (n < kRadixThreshold || n > std::numeric_limits<std::uint32_t>::max()) {
      std::size_t k = 0;
      for (std::size_t i = 0; i < n; ++i) {
        copy[k] = values[i];
        k += keep(i) ? 1 : 0;
        out.missing_ += drop(i) ? 1 : 0;
      }
      // By key, not `<`, so that both paths give the same bits (-0.0 before +0.0).
      std::sort(copy.get(), copy.get() + k, [](double a, double b) { return Key(a) < Key(b); });
      out.size_ = k;
      out.data_ = std::move(copy);
      CountInfinite(out);
      return out;
    }
    // One pass: copy the kept values and count every digit of every kept key.
    DigitCounts counts{};
    std::size_t k = 0;
    std::size_t missing = 0;
    for (std::size_t i = 0; i < n; ++i) {
      const double x = values[i];
      const std::uint32_t kept = keep(i) ? 1 : 0;
      copy[k] = x;  // in bounds: k <= i < n
      k += kept;
      missing += drop(i) ? 1 : 0;
      const std::uint64_t key = Key(x);
      for (int d = 0; d < kDigits; ++d) {
        counts[d][(key >> (d * kDigitBits)) & kDigitMask] += kept;
      }
    }
    out.missing_ = missing;
    out.size_ = k;
    if (k == 0) return out;
    std::unique_ptr<double[]> scratch = Allocate(k);
    double* src = copy.get();
    double* dst = scratch.get();
    for (int d = 0; d < kDigits; ++d) {
      const int shift = d * kDigitBits;
      auto& offsets = counts[d];
      // A digit that every key shares moves nothing.
      if (offsets[Digit(src[0], shift)] == k) continue;
      std::uint32_t running = 0;
      for (auto& bucket : offsets) {
        const std::uint32_t c = bucket;
        bucket = running;
        running += c;
      }
      for (std::size_t i = 0; i < k; ++i) {
        const double x = src[i];
        dst[offsets[Digit(x, shift)]++] = x;
      }
      std::swap(src, dst);
    }
    out.data_ = src == copy.get() ? std::move(copy) : std::move(scratch);
    CountInfinite(out);
    return out;
  }

 private:
  // Infinities sit at the ends of the sorted values: count them there, not per element.
  static void CountInfinite(SortedSample& s) {
    const double* v = s.data_.get();
    std::size_t lo = 0;
    while (lo < s.size_ && v[lo] == -std::numeric_limits<double>::infinity()) ++lo;
    std::size_t hi = s.size_;
    while (hi > lo && v[hi - 1] == std::numeric_limits<double>::infinity()) --hi;
    s.infinite_ = lo + (s.size_ - hi);
  }
};

SortedSample SortPresent(std::span<const double> sample) {
  return SortedSampleBuilder::Build(
      sample, [&](std::size_t i) { return !std::isnan(sample[i]); },
      [&](std::size_t i) { return std::isnan(sample[i]); });
}

SortedSample SortWhereLabel(std::span<const double> values, std::span<const int> labels,
                            int label) {
  return SortedSampleBuilder::Build(
      values, [&](std::size_t i) { return (labels[i] == label) & !std::isnan(values[i]); },
      [&](std::size_t i) { return (labels[i] == label) & std::isnan(values[i]); });
}

std::pair<SortedSample, SortedSample> SortPresentPair(std::span<const double> first,
                                                      std::span<const double> second) {
  std::pair<SortedSample, SortedSample> out;
  const bool parallel = std::min(first.size(), second.size()) >= kParallelThreshold;
  internal::RunBoth(
      parallel, [&] { out.first = SortPresent(first); }, [&] { out.second = SortPresent(second); });
  return out;
}

}  // namespace cairn::stats
