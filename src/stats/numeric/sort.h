// Sorting doubles fast: the one O(n) step that KS, Wasserstein, the PSI quantiles and ROC AUC
// share.
//
// Order: ascending by `<`, refined to a total order on the bits: values are ordered by their
// IEEE-754 bits mapped to an unsigned key with the same order (negatives have all bits flipped,
// non-negatives only the sign bit), so -0.0 sorts just before +0.0 (they compare equal, so any
// consumer that tests `<`/`==` sees ties) and -inf/+inf sort at the ends. NaN values are never
// sorted: they are dropped and counted (the "missing" convention of the drift statistics).
//
// Algorithm (n >= kRadixThreshold): a radix sort on those keys that keeps the data in the core's
// cache for most of its work. One read-only pass counts the top digit below the bits all keys
// share (16 bits from 2^18 values, which for typical data is sign, exponent and 4 mantissa
// bits; 12 bits if more than 4096 of its buckets are occupied; the class of a row, for
// SortByLabel, is a digit above that); one pass scatters the rows from the input straight into
// the result buffer by that digit (no separate copying pass; dropped rows go to a spare slot,
// branch-free); then every bucket is finished on its own: split again by the next digit while it
// is larger than kLeafSize values (512 KiB), then as integer keys: from the highest bit on which
// its keys differ, LSD passes (at most two) on just enough bits to separate almost every key
// (about log2(size) + 10), and one insertion pass for the few keys that share those bits; a
// bucket where that pass would move more than 4 keys per key is sorted on all its bits
// instead, so adversarial data costs at most about twice a full LSD sort of the bucket. NaN keys
// lie beyond those of -inf and +inf, so SortPresent sorts everything and drops the NaNs from
// the two ends: its hot loops test nothing. Buffers are never zero-filled (see
// internal::DoubleBuffer). SortPresentPair sorts two samples of comparable size at once, one per
// thread, each on its own. With `parallel` and n >= kParallelThreshold, each phase is split between
// the calling thread and one helper thread (counting and scattering by halves of the rows, buckets
// by halves of the values), so at most 2 threads work on one call; if no thread can be started,
// everything runs on the caller. Smaller inputs use std::sort on the same keys.
//
// Complexity: O(n) time; memory: the result (n + 1 doubles: the values and a +inf sentinel) and
// a scratch buffer of the largest bucket (at most n doubles) while sorting. Pure functions;
// thread-safe.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <utility>

namespace cairn::stats {

inline constexpr std::size_t kRadixThreshold = 2048;
// Below this many values a sort stays on the calling thread: starting a thread costs tens of
// microseconds.
inline constexpr std::size_t kParallelThreshold = 1 << 16;

namespace internal {

// An uninitialised array of doubles. Large ones (>= 4 MiB) are mapped directly and, on Linux,
// marked for transparent huge pages: a radix pass scatters writes across the whole array, and
// 2 MiB pages both cut the number of page faults on fresh memory by 512 and keep the scattered
// writes within a handful of TLB entries. Released large arrays (up to 16 MiB in all, given
// back to the kernel lazily with MADV_FREE) are reused by the next ones of a similar size, so a
// repeated computation does not pay the kernel's clearing of fresh pages again.
class DoubleBuffer {
 public:
  DoubleBuffer() = default;
  explicit DoubleBuffer(std::size_t n);
  DoubleBuffer(DoubleBuffer&& other) noexcept { swap(other); }
  DoubleBuffer& operator=(DoubleBuffer&& other) noexcept {
    DoubleBuffer(std::move(other)).swap(*this);
    return *this;
  }
  DoubleBuffer(const DoubleBuffer&) = delete;
  DoubleBuffer& operator=(const DoubleBuffer&) = delete;
  ~DoubleBuffer();

  [[nodiscard]] double* data() const { return data_; }
  void swap(DoubleBuffer& other) noexcept {
    std::swap(data_, other.data_);
    std::swap(mapping_, other.mapping_);
    std::swap(mapped_bytes_, other.mapped_bytes_);
  }

 private:
  double* data_ = nullptr;
  void* mapping_ = nullptr;  // non-null when mapped rather than allocated with new[]
  std::size_t mapped_bytes_ = 0;
};

}  // namespace internal

// Sorted values of up to two classes of rows (one buffer; each class followed by a sentinel).
template <int kClasses>
class SortedRows {
 public:
  SortedRows();  // every class empty (with its sentinel)
  // Class c's values, ascending, followed in memory by one readable +inf (a sentinel for merge
  // loops): values(c).data()[values(c).size()] == +inf.
  [[nodiscard]] std::span<const double> values(int c = 0) const {
    return {data_.data() + begin_[static_cast<std::size_t>(c)], size_[static_cast<std::size_t>(c)]};
  }
  [[nodiscard]] std::size_t size(int c = 0) const { return size_[static_cast<std::size_t>(c)]; }
  [[nodiscard]] bool empty(int c = 0) const { return size(c) == 0; }
  // Rows left out: NaN values (and, for SortByLabel, labels other than 0 and 1).
  [[nodiscard]] std::size_t missing() const { return missing_; }
  // Class c's values that are +inf or -inf (they sit at its ends).
  [[nodiscard]] std::size_t infinite(int c = 0) const;

 private:
  friend class SortedRowsBuilder;
  internal::DoubleBuffer data_;
  std::array<std::size_t, kClasses> begin_{};
  std::array<std::size_t, kClasses> size_{};
  std::size_t missing_ = 0;
};

using SortedSample = SortedRows<1>;

// The non-NaN values of `sample`, sorted; NaN values are counted in missing().
[[nodiscard]] SortedSample SortPresent(std::span<const double> sample, bool parallel = true);

// values[i] sorted by labels[i]: class 0 holds the rows labelled 0, class 1 those labelled 1.
// Rows with a NaN value or another label are left out and counted in missing().
// Precondition: labels.size() == values.size().
[[nodiscard]] SortedRows<2> SortByLabel(std::span<const double> values, std::span<const int> labels,
                                        bool parallel = true);

// SortPresent of both samples: at once, one per thread, when both are large and within a factor
// of 3 in size; else one after the other, each with both threads when large.
[[nodiscard]] std::pair<SortedSample, SortedSample> SortPresentPair(std::span<const double> first,
                                                                    std::span<const double> second);

}  // namespace cairn::stats
