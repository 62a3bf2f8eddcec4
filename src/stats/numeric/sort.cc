#include "stats/numeric/sort.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <memory>
#include <mutex>
#include <utility>
#include <vector>

#ifdef __linux__
#include <sys/mman.h>
#endif

#include "stats/numeric/parallel.h"

namespace cairn::stats {
namespace {

constexpr std::uint64_t kSignBit = std::uint64_t{1} << 63;
constexpr double kSentinel = std::numeric_limits<double>::infinity();
// Buckets of at most this many values are finished inside the core's L2 cache (the bucket and
// its scratch: 1 MiB).
constexpr std::size_t kLeafSize = std::size_t{1} << 16;
constexpr int kMaxMsdBits = 12;  // at most 4096 buckets (write streams) per MSD pass
// The first pass of a large sort counts a 16-bit digit (sign, exponent and 4 mantissa bits for
// the first pass of typical data): buckets then usually fit the leaves directly, saving a second
// MSD level. It scatters by it only if at most kMaxMsdBuckets buckets are occupied (else by the
// top 12 of those bits, summed from the same counts).
constexpr int kWideTopBits = 16;
constexpr std::size_t kWideTopMin = std::size_t{1} << 18;  // values
constexpr std::size_t kMaxMsdBuckets = std::size_t{1} << kMaxMsdBits;
constexpr std::size_t kInsertionMax = 32;

// An unsigned key with the order of `<` on doubles: flip every bit of a negative (their
// magnitude order is reversed) and only the sign bit of a non-negative.
inline std::uint64_t Key(double x) {
  const auto bits = std::bit_cast<std::uint64_t>(x);
  const auto negative_mask = static_cast<std::uint64_t>(static_cast<std::int64_t>(bits) >> 63);
  return bits ^ (negative_mask | kSignBit);
}

inline std::size_t Digit(double x, int shift, std::uint64_t mask) {
  return static_cast<std::size_t>((Key(x) >> shift) & mask);
}

void InsertionSort(double* a, std::size_t n) {
  for (std::size_t i = 1; i < n; ++i) {
    const double x = a[i];
    const std::uint64_t k = Key(x);
    std::size_t j = i;
    for (; j > 0 && Key(a[j - 1]) > k; --j) a[j] = a[j - 1];
    a[j] = x;
  }
}

// Bucket counts to the start offset of each bucket, in place.
template <typename Counts>
void ToOffsets(Counts& c) {
  std::uint32_t running = 0;
  for (auto& bucket : c) {
    const std::uint32_t count = bucket;
    bucket = running;
    running += count;
  }
}

constexpr int kMaxLeafBits = 12;
constexpr std::size_t kLeafCounts = 6 << kMaxLeafBits;  // passes * 2^bits never exceeds this

inline double FromKey(std::uint64_t key) {
  // Top bit set: the value was non-negative, flip the sign bit back; else flip every bit.
  return std::bit_cast<double>(key ^ (((key >> 63) - 1) | kSignBit));
}

// Key buffers for the leaves: each leaf converts its values to keys once, sorts the keys, and
// converts back into the destination.
struct LeafKeys {
  std::unique_ptr<std::uint64_t[]> a;
  std::unique_ptr<std::uint64_t[]> b;
  explicit LeafKeys(std::size_t n)
      : a(std::make_unique_for_overwrite<std::uint64_t[]>(n)),
        b(std::make_unique_for_overwrite<std::uint64_t[]>(n)) {}
};

// LSD radix sort of the keys src[0, n) on their bits [lo, lo + Passes * bits), skipping digits
// that all keys share; returns the buffer that holds the result (src or dst).
template <int Passes>
std::uint64_t* LsdKeys(std::uint64_t* src, std::uint64_t* dst, std::size_t n, int lo, int bits) {
  const std::size_t stride = std::size_t{1} << bits;
  const std::uint64_t mask = stride - 1;
  std::array<std::uint32_t, kLeafCounts> counts;
  std::fill(counts.begin(), counts.begin() + Passes * stride, 0);
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint64_t key = src[i] >> lo;
    [&]<int... p>(std::integer_sequence<int, p...>) {
      (++counts[p * stride + ((key >> (p * bits)) & mask)], ...);
    }
    (std::make_integer_sequence<int, Passes>{});
  }
  for (int p = 0; p < Passes; ++p) {
    const int shift = lo + p * bits;
    std::uint32_t* offsets = counts.data() + p * stride;
    if (offsets[(src[0] >> shift) & mask] == n) continue;
    std::uint32_t running = 0;
    for (std::size_t d = 0; d < stride; ++d) {
      const std::uint32_t count = offsets[d];
      offsets[d] = running;
      running += count;
    }
    std::size_t i = 0;
    for (; i + 2 <= n; i += 2) {  // two at a time: half the loop overhead
      const std::uint64_t k0 = src[i];
      const std::uint64_t k1 = src[i + 1];
      dst[offsets[(k0 >> shift) & mask]++] = k0;
      dst[offsets[(k1 >> shift) & mask]++] = k1;
    }
    if (i < n) dst[offsets[(src[i] >> shift) & mask]++] = src[i];
    std::swap(src, dst);
  }
  return src;
}

// Sorts the keys src[0, n) by their bits [lo, lo + width) with LSD passes of at most 12-bit
// digits that evenly split `width`, as many as is cheapest for n: each pass costs about n moves
// plus 2 * 2^bits for its counters (cleared, then turned into offsets). Returns the buffer that
// holds the result (src or dst).
std::uint64_t* SortKeyBits(std::uint64_t* src, std::uint64_t* dst, std::size_t n, int lo,
                           int width) {
  int passes = 0;
  int bits = 0;
  std::size_t best = std::numeric_limits<std::size_t>::max();
  for (int widest = 4; widest <= kMaxLeafBits; ++widest) {
    const int p = (width + widest - 1) / widest;
    const int b = (width + p - 1) / p;
    const std::size_t cost = static_cast<std::size_t>(p) * (n + (std::size_t{2} << b));
    if (cost < best) {
      best = cost;
      passes = p;
      bits = b;
    }
  }
  switch (passes) {
#define CAIRN_LEAF_CASE(P) \
  case P:                  \
    return LsdKeys<P>(src, dst, n, lo, bits);
    CAIRN_LEAF_CASE(1)
    CAIRN_LEAF_CASE(2)
    CAIRN_LEAF_CASE(3)
    CAIRN_LEAF_CASE(4)
    CAIRN_LEAF_CASE(5)
    CAIRN_LEAF_CASE(6)
    CAIRN_LEAF_CASE(7)
    CAIRN_LEAF_CASE(8)
    CAIRN_LEAF_CASE(9)
    CAIRN_LEAF_CASE(10)
    CAIRN_LEAF_CASE(11)
    CAIRN_LEAF_CASE(12)
    CAIRN_LEAF_CASE(13)
    CAIRN_LEAF_CASE(14)
    CAIRN_LEAF_CASE(15)
    CAIRN_LEAF_CASE(16)
#undef CAIRN_LEAF_CASE
    default:
      std::sort(src, src + n);
      return src;
  }
}

// Insertion sort of keys that are almost in order; gives up (returning false, the keys
// permuted but not sorted) once it has moved more than `budget` keys.
bool InsertionSortWithin(std::uint64_t* a, std::size_t n, std::size_t budget) {
  std::size_t moved = 0;
  for (std::size_t i = 1; i < n; ++i) {
    const std::uint64_t k = a[i];
    if (a[i - 1] <= k) [[likely]]
      continue;
    std::size_t j = i;
    for (; j > 0 && a[j - 1] > k; --j) a[j] = a[j - 1];
    a[j] = k;
    moved += i - j;
    if (moved > budget) return false;
  }
  return true;
}

// Sorted key bits in a leaf: enough that keys sharing them are rare (about n^2 / 2^(bits+1)
// pairs), few enough for at most two digit passes.
constexpr int kLeafPrefixBits = 2 * kMaxLeafBits;
constexpr int kLeafPrefixSlack = 10;
constexpr std::size_t kLeafFixBudget = 4;  // moves per key the insertion pass may make

// Sorts a bucket whose keys all agree above bit `top` from `first` into `first` or `second`:
// tiny ones by insertion; the rest as integer keys. The keys' highest differing bit is found
// first (so bits every key shares cost nothing); then only the top bits that separate almost
// every key are radix-sorted (at most two passes), and one insertion pass orders the few keys
// that share those bits. Adversarial buckets (many keys sharing the sorted bits) are caught by
// the insertion pass's move budget and sorted on all their bits instead.
void Leaf(double* first, double* second, std::size_t n, int top, bool into_first, LeafKeys& keys) {
  double* const out = into_first ? first : second;
  if (n <= kInsertionMax || top == 0) {
    InsertionSort(first, n);
    if (!into_first) std::copy(first, first + n, second);
    return;
  }
  std::uint64_t* src = keys.a.get();
  std::uint64_t* spare = keys.b.get();
  const std::uint64_t k0 = Key(first[0]);
  std::uint64_t differ = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint64_t k = Key(first[i]);
    src[i] = k;
    differ |= k ^ k0;
  }
  const int high = std::bit_width(differ);  // keys agree on every bit from `high` up
  if (high == 0) {
    if (!into_first) std::copy(first, first + n, second);
    return;
  }
  const int prefix =
      std::min({high, kLeafPrefixBits, static_cast<int>(std::bit_width(n)) + kLeafPrefixSlack});
  std::uint64_t* sorted = SortKeyBits(src, spare, n, high - prefix, prefix);
  if (prefix < high && !InsertionSortWithin(sorted, n, kLeafFixBudget * n)) {
    sorted = SortKeyBits(sorted, sorted == src ? spare : src, n, 0, high);
  }
  for (std::size_t i = 0; i < n; ++i) out[i] = FromKey(sorted[i]);
}

// MSD radix step on a bucket whose keys agree above bit `top`, recursing until buckets fit in
// cache; the result ends in `first` or `second` as asked.
void MsdSort(double* first, double* second, std::size_t n, int top, bool into_first,
             LeafKeys& keys) {
  if (n <= kLeafSize) {
    Leaf(first, second, n, top, into_first, keys);
    return;
  }
  // Aim at buckets half the leaf size: large enough for wide leaf digits, small enough that
  // moderately skewed buckets still fit. Where one or two more bits here make the bits left
  // for the leaves a multiple of their widest digit, take them: that saves a whole leaf pass.
  int width =
      std::clamp(static_cast<int>(std::bit_width((n - 1) / (kLeafSize / 2))), 1, kMaxMsdBits);
  const int left = top - width;
  if (left % kMaxLeafBits != 0 && left % kMaxLeafBits <= 2) {
    width = std::min(kMaxMsdBits, width + left % kMaxLeafBits);
  }
  // Counts of the digit below bit `top`, lowering `top` past digits that all keys share.
  std::vector<std::uint32_t> counts;
  int shift = -1;
  std::uint64_t mask = 0;
  while (top > 0) {
    const int w = std::min(width, top);
    shift = top - w;
    mask = (std::uint64_t{1} << w) - 1;
    counts.assign(std::size_t{1} << w, 0);
    for (std::size_t i = 0; i < n; ++i) ++counts[Digit(first[i], shift, mask)];
    if (*std::max_element(counts.begin(), counts.end()) != n) break;
    top = shift;
    shift = -1;
  }
  if (shift < 0) {  // all keys equal
    if (!into_first) std::copy(first, first + n, second);
    return;
  }
  std::vector<std::uint32_t> starts(counts.begin(), counts.end());
  ToOffsets(starts);
  std::vector<std::uint32_t> next = starts;
  for (std::size_t i = 0; i < n; ++i) {
    const double x = first[i];
    second[next[Digit(x, shift, mask)]++] = x;
  }
  for (std::size_t b = 0; b < counts.size(); ++b) {
    if (counts[b] == 0) continue;
    MsdSort(second + starts[b], first + starts[b], counts[b], shift, !into_first, keys);
  }
}

constexpr std::size_t kMapAtLeast = std::size_t{4} << 20;  // bytes
constexpr std::size_t kHugePage = std::size_t{2} << 20;
// SortPresentPair sorts the two samples concurrently, one per thread, when the larger is at most
// this many times the smaller (else each in turn, on both threads).
constexpr std::size_t kPairBalance = 3;
constexpr std::uint32_t kMaxRows = std::numeric_limits<std::uint32_t>::max() / 2;

}  // namespace

namespace internal {
namespace {

#ifdef __linux__
// Large buffers released by finished sorts, kept mapped (at most kCachedBytes in all) so that
// the next sort of a similar size writes into pages that are already there: faulting in fresh
// memory costs the kernel a page clear of every byte, as much as a radix pass of its own. The
// pages are handed back to the kernel lazily (MADV_FREE: reclaimed under memory pressure, kept
// otherwise), so the cache costs no memory the system needs; it holds enough for the two
// samples of a 1 000 000 x 1 000 000 drift report.
constexpr std::size_t kCachedBytes = std::size_t{16} << 20;
constexpr std::size_t kCachedMappings = 4;

class MappingCache {
 public:
  // A cached mapping of at least `bytes` (and at most twice that), or nullptr.
  void* Take(std::size_t bytes, std::size_t& mapped_bytes) {
    const std::lock_guard<std::mutex> lock(mu_);
    for (std::size_t e = 0; e < count_; ++e) {
      if (entries_[e].bytes >= bytes && entries_[e].bytes <= 2 * bytes) {
        void* const p = entries_[e].mapping;
        mapped_bytes = entries_[e].bytes;
        total_ -= mapped_bytes;
        entries_[e] = entries_[--count_];
        return p;
      }
    }
    return nullptr;
  }
  // Keeps the mapping for reuse, or unmaps it when the cache is full.
  void Give(void* mapping, std::size_t bytes) {
    {
      const std::lock_guard<std::mutex> lock(mu_);
      if (count_ < kCachedMappings && total_ + bytes <= kCachedBytes) {
        madvise(mapping, bytes, MADV_FREE);  // advice only: failure is harmless
        entries_[count_++] = {mapping, bytes};
        total_ += bytes;
        return;
      }
    }
    munmap(mapping, bytes);
  }

 private:
  struct Entry {
    void* mapping = nullptr;
    std::size_t bytes = 0;
  };
  std::mutex mu_;
  std::array<Entry, kCachedMappings> entries_{};
  std::size_t count_ = 0;
  std::size_t total_ = 0;
};

MappingCache& Mappings() {
  static MappingCache* const kCache = new MappingCache;  // never destroyed: used until exit
  return *kCache;
}
#endif

}  // namespace

DoubleBuffer::DoubleBuffer(std::size_t n) {
  if (n == 0) return;
  const std::size_t bytes = n * sizeof(double);
#ifdef __linux__
  if (bytes >= kMapAtLeast) {
    const std::size_t rounded = (bytes + kHugePage - 1) / kHugePage * kHugePage;
    std::size_t cached_bytes = 0;
    if (void* cached = Mappings().Take(rounded, cached_bytes)) {
      mapping_ = cached;
      mapped_bytes_ = cached_bytes;
      data_ = static_cast<double*>(mapping_);
      return;
    }
    // Map one huge page more than needed and trim to a 2 MiB-aligned range, so that every page
    // of the array can be a huge page.
    const std::size_t len = rounded + kHugePage;
    void* p = mmap(nullptr, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p != MAP_FAILED) {
      const auto base = reinterpret_cast<std::uintptr_t>(p);
      const std::uintptr_t aligned = (base + kHugePage - 1) / kHugePage * kHugePage;
      if (aligned > base) munmap(p, aligned - base);
      const std::uintptr_t end = aligned + rounded;
      if (base + len > end) munmap(reinterpret_cast<void*>(end), base + len - end);
      mapping_ = reinterpret_cast<void*>(aligned);
      mapped_bytes_ = rounded;
      madvise(mapping_, mapped_bytes_, MADV_HUGEPAGE);  // advice only: failure is harmless
      data_ = static_cast<double*>(mapping_);
      return;
    }
  }
#endif
  data_ = new double[n];
}

DoubleBuffer::~DoubleBuffer() {
#ifdef __linux__
  if (mapping_ != nullptr) {
    Mappings().Give(mapping_, mapped_bytes_);
    return;
  }
#endif
  delete[] data_;
}

}  // namespace internal

using internal::DoubleBuffer;

template <int kClasses>
SortedRows<kClasses>::SortedRows() : data_(kClasses) {
  for (int c = 0; c < kClasses; ++c) {
    begin_[c] = static_cast<std::size_t>(c);
    data_.data()[c] = kSentinel;
  }
}

template <int kClasses>
std::size_t SortedRows<kClasses>::infinite(int c) const {
  const std::span<const double> v = values(c);
  std::size_t lo = 0;
  while (lo < v.size() && v[lo] == -kSentinel) ++lo;
  std::size_t hi = v.size();
  while (hi > lo && v[hi - 1] == kSentinel) --hi;
  return lo + (v.size() - hi);
}

template class SortedRows<1>;
template class SortedRows<2>;

// Builds SortedRows; a class so that it can reach SortedRows' members.
class SortedRowsBuilder {
 public:
  // class_of(i) is the class of row i, or kClasses (or more) to leave the row out; it is
  // evaluated branch-free for every row, so random labels cost no mispredictions.
  template <int kClasses, typename ClassOf>
  static SortedRows<kClasses> Build(std::span<const double> values, const ClassOf& class_of,
                                    bool parallel) {
    const std::size_t n = values.size();
    if (n < kRadixThreshold || n > kMaxRows) return Small<kClasses>(values, class_of);
    parallel = parallel && n >= kParallelThreshold;
    const std::size_t split = parallel ? n / 2 : n;  // rows [0, split) here, the rest on the helper

    // Phase 1, read-only: class sizes and counts of the first digit (per class), by halves.
    struct HalfCounts {
      std::vector<std::uint32_t> buckets;  // [class][digit]
      std::array<std::size_t, kClasses> kept{};
      std::size_t dropped = 0;
    };
    std::array<HalfCounts, 2> halves;
    int top = 64;
    int shift = -1;
    std::size_t stride = 0;
    std::uint64_t mask = 0;
    std::size_t total_kept = 0;
    const int first_width = n >= kWideTopMin ? kWideTopBits : kMaxMsdBits;
    for (bool first_pass = true; top > 0; first_pass = false) {
      const int width = std::min(first_width, top);
      shift = top - width;
      stride = std::size_t{1} << width;
      mask = stride - 1;
      auto count = [&](HalfCounts& h, std::size_t lo, std::size_t hi) {
        h.buckets.assign(kClasses * stride, 0);
        std::array<std::size_t, kClasses> kept{};
        std::size_t dropped = 0;
        for (std::size_t i = lo; i < hi; ++i) {
          const auto c = static_cast<std::uint32_t>(class_of(i));
          const std::uint32_t ok = c < kClasses ? 1 : 0;
          const std::size_t cls = ok != 0 ? c : 0;
          h.buckets[cls * stride + Digit(values[i], shift, mask)] += ok;
          kept[cls] += ok;
          dropped += 1 - ok;
        }
        if (first_pass) {
          h.kept = kept;
          h.dropped = dropped;
        }
      };
      internal::RunBoth(
          parallel, [&] { count(halves[0], 0, split); }, [&] { count(halves[1], split, n); });
      if (first_pass) {
        for (int c = 0; c < kClasses; ++c) total_kept += halves[0].kept[c] + halves[1].kept[c];
        if (total_kept == 0) break;
      }
      // A digit that every kept key shares moves nothing: count the next one down instead.
      std::uint32_t widest = 0;
      std::size_t occupied = 0;
      for (std::size_t d = 0; d < stride; ++d) {
        std::uint32_t sum = 0;
        for (int c = 0; c < kClasses; ++c) {
          sum += halves[0].buckets[c * stride + d] + halves[1].buckets[c * stride + d];
          occupied += halves[0].buckets[c * stride + d] + halves[1].buckets[c * stride + d] > 0;
        }
        widest = std::max(widest, sum);
      }
      if (widest == total_kept) {
        top = shift;
        shift = -1;
        continue;
      }
      if (width > kMaxMsdBits && occupied > kMaxMsdBuckets) {
        // Too many write streams for one pass: scatter by the top kMaxMsdBits of the digit.
        const int drop = width - kMaxMsdBits;
        const std::size_t narrow = stride >> drop;
        for (HalfCounts& h : halves) {
          std::vector<std::uint32_t> merged(kClasses * narrow, 0);
          for (int c = 0; c < kClasses; ++c) {
            for (std::size_t d = 0; d < stride; ++d) {
              merged[c * narrow + (d >> drop)] += h.buckets[c * stride + d];
            }
          }
          h.buckets = std::move(merged);
        }
        shift += drop;
        stride = narrow;
        mask = stride - 1;
      }
      break;
    }
    SortedRows<kClasses> out;
    out.missing_ = halves[0].dropped + halves[1].dropped;
    std::size_t total = 0;  // every class and its sentinel
    for (int c = 0; c < kClasses; ++c) {
      out.begin_[c] = total;
      out.size_[c] = halves[0].kept[c] + halves[1].kept[c];
      total += out.size_[c] + 1;
    }
    out.data_ = DoubleBuffer(total + 2);  // + one spare slot per thread for dropped rows
    double* const a = out.data_.data();
    auto finish = [&] {
      for (int c = 0; c < kClasses; ++c) a[out.begin_[c] + out.size_[c]] = kSentinel;
    };
    if (total_kept == 0 || shift < 0) {  // nothing kept, or every kept value has the same bits
      std::array<std::size_t, kClasses> next = out.begin_;
      for (std::size_t i = 0; i < n; ++i) {
        const auto c = static_cast<std::uint32_t>(class_of(i));
        if (c < kClasses) a[next[c]++] = values[i];
      }
      finish();
      return out;
    }

    // Phase 2: scatter the rows into their first-digit buckets, by halves (the second half's
    // rows of a bucket go after the first half's).
    std::array<std::vector<std::uint32_t>, 2> offsets;
    offsets[0].resize(kClasses * stride);
    offsets[1].resize(kClasses * stride);
    for (int c = 0; c < kClasses; ++c) {
      auto running = static_cast<std::uint32_t>(out.begin_[c]);
      for (std::size_t d = 0; d < stride; ++d) {
        const std::size_t b = c * stride + d;
        offsets[0][b] = running;
        offsets[1][b] = running + halves[0].buckets[b];
        running += halves[0].buckets[b] + halves[1].buckets[b];
      }
    }
    auto scatter = [&](std::vector<std::uint32_t>& next, std::size_t lo, std::size_t hi,
                       std::size_t spare) {
      for (std::size_t i = lo; i < hi; ++i) {
        const double x = values[i];
        const auto c = static_cast<std::uint32_t>(class_of(i));
        const std::uint32_t ok = c < kClasses ? 1 : 0;
        const std::size_t cls = ok != 0 ? c : 0;
        std::uint32_t& slot = next[cls * stride + Digit(x, shift, mask)];
        a[ok != 0 ? slot : spare] = x;
        slot += ok;
      }
    };
    internal::RunBoth(
        parallel, [&] { scatter(offsets[0], 0, split, total); },
        [&] { scatter(offsets[1], split, n, total + 1); });
    finish();

    // Phase 3: finish every bucket; the buckets are split by halves of the values.
    struct Bucket {
      std::size_t start;
      std::size_t size;
    };
    std::vector<Bucket> buckets;
    for (int c = 0; c < kClasses; ++c) {
      std::size_t start = out.begin_[c];
      for (std::size_t d = 0; d < stride; ++d) {
        const std::size_t b = c * stride + d;
        const std::size_t size = halves[0].buckets[b] + halves[1].buckets[b];
        if (size > 1) buckets.push_back({start, size});
        start += size;
      }
    }
    std::size_t middle = buckets.size();
    if (parallel) {
      std::size_t seen = 0;
      middle = 0;
      while (middle < buckets.size() && 2 * seen < total_kept) seen += buckets[middle++].size;
    }
    auto finish_buckets = [&](std::size_t from, std::size_t to) {
      std::size_t largest = 0;
      for (std::size_t b = from; b < to; ++b) largest = std::max(largest, buckets[b].size);
      if (largest == 0) return;
      // One bucket at a time: the scratch space only needs the largest one, and stays in cache.
      DoubleBuffer scratch(largest);
      LeafKeys keys(std::min(largest, kLeafSize));
      for (std::size_t b = from; b < to; ++b) {
        MsdSort(a + buckets[b].start, scratch.data(), buckets[b].size, shift, true, keys);
      }
    };
    internal::RunBoth(
        parallel, [&] { finish_buckets(0, middle); },
        [&] { finish_buckets(middle, buckets.size()); });
    return out;
  }

  // Leaves out the NaNs that a sort by key put at both ends; keeps the +inf sentinel after the
  // values.
  static void DropNaNAtTheEnds(SortedRows<1>& s) {
    double* const v = s.data_.data() + s.begin_[0];
    std::size_t lo = 0;
    while (lo < s.size_[0] && std::isnan(v[lo])) ++lo;
    std::size_t hi = s.size_[0];
    while (hi > lo && std::isnan(v[hi - 1])) --hi;
    s.missing_ += lo + (s.size_[0] - hi);
    s.begin_[0] += lo;
    s.size_[0] = hi - lo;
    v[hi] = kSentinel;
  }

 private:
  // Small inputs: std::sort on the keys (the same order as the radix path).
  template <int kClasses, typename ClassOf>
  static SortedRows<kClasses> Small(std::span<const double> values, const ClassOf& class_of) {
    SortedRows<kClasses> out;
    std::array<std::size_t, kClasses> sizes{};
    for (std::size_t i = 0; i < values.size(); ++i) {
      const auto c = static_cast<std::uint32_t>(class_of(i));
      if (c < kClasses) {
        ++sizes[c];
      } else {
        ++out.missing_;
      }
    }
    std::size_t total = 0;
    for (int c = 0; c < kClasses; ++c) {
      out.begin_[c] = total;
      out.size_[c] = sizes[c];
      total += sizes[c] + 1;
    }
    out.data_ = DoubleBuffer(total);
    double* const a = out.data_.data();
    std::array<std::size_t, kClasses> next = out.begin_;
    for (std::size_t i = 0; i < values.size(); ++i) {
      const auto c = static_cast<std::uint32_t>(class_of(i));
      if (c < kClasses) a[next[c]++] = values[i];
    }
    for (int c = 0; c < kClasses; ++c) {
      double* begin = a + out.begin_[c];
      std::sort(begin, begin + out.size_[c], [](double x, double y) { return Key(x) < Key(y); });
      begin[out.size_[c]] = kSentinel;
    }
    return out;
  }
};

SortedSample SortPresent(std::span<const double> sample, bool parallel) {
  // No filter in the hot loops: NaN keys lie beyond those of -inf and +inf (negative NaNs below,
  // positive ones above), so sorting everything gathers the NaNs at the two ends.
  SortedSample out = SortedRowsBuilder::Build<1>(
      sample, [](std::size_t) { return 0u; }, parallel);
  SortedRowsBuilder::DropNaNAtTheEnds(out);
  return out;
}

SortedRows<2> SortByLabel(std::span<const double> values, std::span<const int> labels,
                          bool parallel) {
  return SortedRowsBuilder::Build<2>(
      values,
      [&](std::size_t i) {
        const auto y = static_cast<std::uint32_t>(labels[i]);
        return std::isnan(values[i]) ? 2u : std::min(y, 2u);
      },
      parallel);
}

std::pair<SortedSample, SortedSample> SortPresentPair(std::span<const double> first,
                                                      std::span<const double> second) {
  std::pair<SortedSample, SortedSample> out;
  const std::size_t smaller = std::min(first.size(), second.size());
  const std::size_t larger = std::max(first.size(), second.size());
  if (smaller >= kParallelThreshold / 2 && larger <= kPairBalance * smaller) {
    // Comparable sizes: one sample per thread, each sorted start to finish on its own (no
    // hand-offs between phases, and each thread touches only its own sample's memory).
    internal::RunBoth(
        true, [&] { out.first = SortPresent(first, false); },
        [&] { out.second = SortPresent(second, false); });
    return out;
  }
  out.first = SortPresent(first);
  out.second = SortPresent(second);
  return out;
}

}  // namespace cairn::stats
