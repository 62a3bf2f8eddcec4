#include "stats/numeric/sort.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>

namespace cairn::stats {
namespace {

constexpr int kDigitBits = 11;
constexpr int kDigits = (64 + kDigitBits - 1) / kDigitBits;  // 6 passes
constexpr std::size_t kBuckets = std::size_t{1} << kDigitBits;
constexpr std::uint64_t kSignBit = std::uint64_t{1} << 63;

// Maps a double to an unsigned key with the same order: flip all bits of negatives (their
// magnitude order is reversed) and only the sign bit of non-negatives.
std::uint64_t ToKey(double x) {
  const auto bits = std::bit_cast<std::uint64_t>(x);
  return (bits & kSignBit) ? ~bits : (bits | kSignBit);
}

double FromKey(std::uint64_t key) {
  const std::uint64_t bits = (key & kSignBit) ? (key & ~kSignBit) : ~key;
  return std::bit_cast<double>(bits);
}

}  // namespace

void SortDoubles(std::vector<double>& values) {
  const std::size_t n = values.size();
  if (n < kRadixThreshold) {
    std::sort(values.begin(), values.end());
    return;
  }
  std::vector<std::uint64_t> keys(n);
  std::vector<std::uint64_t> scratch(n);
  std::vector<std::array<std::size_t, kBuckets>> counts(kDigits);
  for (auto& c : counts) c.fill(0);
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint64_t k = ToKey(values[i]);
    keys[i] = k;
    for (int d = 0; d < kDigits; ++d) ++counts[d][(k >> (d * kDigitBits)) & (kBuckets - 1)];
  }
  std::uint64_t* src = keys.data();
  std::uint64_t* dst = scratch.data();
  for (int d = 0; d < kDigits; ++d) {
    auto& c = counts[d];
    // A digit shared by every key (e.g. the exponent of same-scale data) moves nothing.
    if (c[(src[0] >> (d * kDigitBits)) & (kBuckets - 1)] == n) continue;
    std::size_t offset = 0;
    for (auto& bucket : c) {
      const std::size_t count = bucket;
      bucket = offset;
      offset += count;
    }
    const int shift = d * kDigitBits;
    for (std::size_t i = 0; i < n; ++i) {
      const std::uint64_t k = src[i];
      dst[c[(k >> shift) & (kBuckets - 1)]++] = k;
    }
    std::swap(src, dst);
  }
  for (std::size_t i = 0; i < n; ++i) values[i] = FromKey(src[i]);
}

}  // namespace cairn::stats
