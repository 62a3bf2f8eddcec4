// Sorting doubles fast: the one O(n) step that KS, Wasserstein, the PSI quantiles and ROC AUC
// share.
//
// Order: ascending by `<`, refined to a total order on the bits: values are ordered by their
// IEEE-754 bits mapped to an unsigned key with the same order (negatives have all bits flipped,
// non-negatives only the sign bit), so -0.0 sorts just before +0.0 (they compare equal, so any
// consumer that tests `<`/`==` sees ties) and -inf/+inf sort at the ends. NaN: the Sorted* entry
// points drop NaN values and count them (the "missing" convention of the drift statistics).
//
// Algorithm: for n >= kRadixThreshold, one pass copies the kept values and counts all six
// 11-bit digits at once, then an LSD radix sort scatters between the copy and one scratch
// buffer, skipping every digit that all keys share (e.g. the exponent of same-scale data); the
// scratch buffer is freed before returning, so the result is the only copy of the sample.
// Smaller inputs use std::sort on the same keys. Buffers are allocated without zero-filling.
//
// Complexity: O(n) time (at most 7 passes over the data) and 2n doubles of peak extra memory
// for n >= kRadixThreshold, else O(n log n). Pure functions, thread-safe; the *Pair functions
// run the second sort on one helper thread when both inputs are large (at most 2 threads in
// all), falling back to the calling thread if no thread can be started.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <utility>

namespace cairn::stats {

inline constexpr std::size_t kRadixThreshold = 2048;
// Below this many values per sample the *Pair functions stay on the calling thread: starting a
// thread costs tens of microseconds.
inline constexpr std::size_t kParallelThreshold = 1 << 16;

// A sorted copy of the values of a sample that a filter kept.
class SortedSample {
 public:
  SortedSample() = default;
  [[nodiscard]] std::span<const double> values() const { return {data_.get(), size_}; }
  [[nodiscard]] std::size_t size() const { return size_; }
  [[nodiscard]] bool empty() const { return size_ == 0; }
  // NaN values that SortPresent dropped.
  [[nodiscard]] std::size_t missing() const { return missing_; }
  // Kept values that are +inf or -inf (they sit at the ends of values()).
  [[nodiscard]] std::size_t infinite() const { return infinite_; }

 private:
  friend class SortedSampleBuilder;
  std::unique_ptr<double[]> data_;
  std::size_t size_ = 0;
  std::size_t missing_ = 0;
  std::size_t infinite_ = 0;
};

// The non-NaN values of `sample`, sorted; NaN values are counted in missing().
[[nodiscard]] SortedSample SortPresent(std::span<const double> sample);

// The values[i] with labels[i] == label, sorted (NaN kept out and counted as for SortPresent).
// Precondition: labels.size() == values.size().
[[nodiscard]] SortedSample SortWhereLabel(std::span<const double> values,
                                          std::span<const int> labels, int label);

// SortPresent of both samples, the second on a helper thread when both are large.
[[nodiscard]] std::pair<SortedSample, SortedSample> SortPresentPair(std::span<const double> first,
                                                                    std::span<const double> second);

}  // namespace cairn::stats
