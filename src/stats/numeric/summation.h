// Floating-point summation that reproduces numpy's results bit for bit.
//
// numpy's `np.sum`/`np.mean` over a contiguous float64 array adds the elements to the identity
// 0.0 with a pairwise scheme: blocks of at most 128 elements are summed with 8 interleaved
// accumulators, larger ranges are split at an index that is a multiple of 8. Matching that
// order (not just "a good sum") matters where the reference compares a sum with zero — e.g.
// sklearn's r2 rule for a constant target tests `sum((y - mean(y))^2) != 0`. Error bound:
// O(eps * log n) relative to sum |x_i|. Pure functions; thread-safe.
//
// Complexity: O(n) time, O(log n) stack, no allocation.
#pragma once

#include <array>
#include <cstddef>
#include <span>

#include "stats/numeric/parallel.h"

namespace cairn::stats {

namespace internal {

inline constexpr std::size_t kPairwiseBlock = 128;  // numpy's PW_BLOCKSIZE
inline constexpr std::size_t kUnroll = 8;

// Sums f(begin) .. f(begin + n - 1) for N quantities at once, each in numpy's order.
template <std::size_t N, typename F>
std::array<double, N> PairwiseSumN(std::size_t begin, std::size_t n, const F& f) {
  std::array<double, N> res{};
  if (n < kUnroll) {
    for (std::size_t i = 0; i < n; ++i) {
      const std::array<double, N> v = f(begin + i);
      for (std::size_t q = 0; q < N; ++q) res[q] += v[q];
    }
    return res;
  }
  if (n <= kPairwiseBlock) {
    std::array<std::array<double, N>, kUnroll> r;
    for (std::size_t j = 0; j < kUnroll; ++j) r[j] = f(begin + j);
    std::size_t i = kUnroll;
    const std::size_t whole = n - n % kUnroll;
    for (; i < whole; i += kUnroll) {
      for (std::size_t j = 0; j < kUnroll; ++j) {
        const std::array<double, N> v = f(begin + i + j);
        for (std::size_t q = 0; q < N; ++q) r[j][q] += v[q];
      }
    }
    for (std::size_t q = 0; q < N; ++q) {
      res[q] =
          ((r[0][q] + r[1][q]) + (r[2][q] + r[3][q])) + ((r[4][q] + r[5][q]) + (r[6][q] + r[7][q]));
    }
    for (; i < n; ++i) {
      const std::array<double, N> v = f(begin + i);
      for (std::size_t q = 0; q < N; ++q) res[q] += v[q];
    }
    return res;
  }
  std::size_t half = n / 2;
  half -= half % kUnroll;
  const std::array<double, N> left = PairwiseSumN<N>(begin, half, f);
  const std::array<double, N> right = PairwiseSumN<N>(begin + half, n - half, f);
  for (std::size_t q = 0; q < N; ++q) res[q] = left[q] + right[q];
  return res;
}

}  // namespace internal

// np.sum(values): 0.0 + pairwise sum. Empty input gives 0.0.
[[nodiscard]] double NumpySum(std::span<const double> values);

// np.sum([f(0), ..., f(n-1)]) without materialising the array.
template <typename F>
[[nodiscard]] double NumpySumOf(std::size_t n, const F& f) {
  return 0.0 + internal::PairwiseSumN<1>(
                   0, n, [&f](std::size_t i) { return std::array<double, 1>{f(i)}; })[0];
}

// N sums of a row function in one pass, each equal to the numpy sum of that column.
template <std::size_t N, typename F>
[[nodiscard]] std::array<double, N> NumpySumsOf(std::size_t n, const F& f) {
  std::array<double, N> res = internal::PairwiseSumN<N>(0, n, f);
  for (double& r : res) r = 0.0 + r;
  return res;
}

// NumpySumsOf computed in two halves, the second on one helper thread when `parallel`:
// numpy's pairwise sum of n > 128 values is exactly sum(first half) + sum(second half) with the
// split at n/2 rounded down to a multiple of 8, so the result is bit-identical. `also()` runs on
// the calling thread before its half (work to overlap with the helper's half).
template <std::size_t N, typename F, typename Also>
[[nodiscard]] std::array<double, N> NumpySumsOfInHalves(std::size_t n, const F& f, bool parallel,
                                                        const Also& also) {
  if (!parallel || n <= internal::kPairwiseBlock) {
    also();
    return NumpySumsOf<N>(n, f);
  }
  std::size_t half = n / 2;
  half -= half % internal::kUnroll;
  std::array<double, N> left{};
  std::array<double, N> right{};
  internal::RunBoth(
      true,
      [&] {
        also();
        left = internal::PairwiseSumN<N>(0, half, f);
      },
      [&] { right = internal::PairwiseSumN<N>(half, n - half, f); });
  std::array<double, N> res{};
  for (std::size_t q = 0; q < N; ++q) res[q] = 0.0 + (left[q] + right[q]);
  return res;
}

// Compensated (Neumaier) sum: close to the exactly rounded sum; used where the reference's
// summation order cannot be reproduced without materialising an array.
class NeumaierSum {
 public:
  void Add(double x) {
    const double t = sum_ + x;
    if ((sum_ >= 0 ? sum_ : -sum_) >= (x >= 0 ? x : -x)) {
      compensation_ += (sum_ - t) + x;
    } else {
      compensation_ += (x - t) + sum_;
    }
    sum_ = t;
  }
  [[nodiscard]] double Total() const { return sum_ + compensation_; }

 private:
  double sum_ = 0.0;
  double compensation_ = 0.0;
};

}  // namespace cairn::stats
