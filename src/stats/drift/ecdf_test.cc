#include "stats/drift/ecdf.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

#include "stats/numeric/summation.h"

namespace cairn::stats::internal {
namespace {

// The textbook walk: at each distinct pooled value, |i/n - j/m| in doubles (scipy's expression)
// and its width to the next value.
EcdfDistances Reference(const std::vector<double>& r, const std::vector<double>& c) {
  const std::size_t n = r.size();
  const std::size_t m = c.size();
  std::size_t i = 0;
  std::size_t j = 0;
  EcdfDistances out;
  NeumaierSum sum;
  double x = std::min(r[0], c[0]);
  while (i < n || j < m) {
    while (i < n && r[i] <= x) ++i;
    while (j < m && c[j] <= x) ++j;
    const double gap = std::fabs(static_cast<double>(i) / static_cast<double>(n) -
                                 static_cast<double>(j) / static_cast<double>(m));
    out.ks_statistic = std::max(out.ks_statistic, gap);
    if (i == n && j == m) break;
    const double next = i == n ? c[j] : j == m ? r[i] : std::min(r[i], c[j]);
    sum.Add(gap * (next - x));
    x = next;
  }
  out.wasserstein = sum.Total();
  return out;
}

std::vector<double> Sample(std::mt19937_64& rng, std::size_t n, double shift, double ties) {
  std::normal_distribution<double> normal(shift, 1.0);
  std::vector<double> v(n);
  for (auto& x : v) x = ties > 0 ? std::round(normal(rng) * ties) / ties : normal(rng);
  std::sort(v.begin(), v.end());
  return v;
}

void ExpectSame(const std::vector<double>& r, const std::vector<double>& c) {
  const EcdfDistances want = Reference(r, c);
  for (bool parallel : {false, true}) {
    const EcdfDistances got = CompareSortedEcdfsCopying(r, c, parallel);
    EXPECT_EQ(got.ks_statistic, want.ks_statistic) << r.size() << " x " << c.size();
    EXPECT_NEAR(got.wasserstein, want.wasserstein, 1e-12 * want.wasserstein + 1e-300)
        << r.size() << " x " << c.size();
  }
}

TEST(CompareSortedEcdfs, MatchesTheTextbookWalkOnManyShapes) {
  std::mt19937_64 rng(42);
  const std::size_t sizes[] = {1, 2, 3, 7, 30, 101, 1000};
  for (std::size_t n : sizes) {
    for (std::size_t m : sizes) {
      for (double ties : {0.0, 1.0, 4.0}) {
        ExpectSame(Sample(rng, n, 0, ties), Sample(rng, m, 0.3, ties));
      }
    }
  }
}

TEST(CompareSortedEcdfs, EqualSizesWhereTheMaximumRepeats) {
  // With n == m the exact maximum |i - j| / n is reached at many boundaries.
  std::mt19937_64 rng(5);
  for (int rep = 0; rep < 20; ++rep) {
    ExpectSame(Sample(rng, 333, 0, 2.0), Sample(rng, 333, 0.1, 2.0));
  }
}

TEST(CompareSortedEcdfs, LargeInputsOnTwoThreads) {
  std::mt19937_64 rng(9);
  ExpectSame(Sample(rng, 200000, 0, 0), Sample(rng, 150001, 0.05, 0));
  ExpectSame(Sample(rng, 200000, 0, 3.0), Sample(rng, 90000, 0.5, 3.0));  // heavy ties
  // All one value on each side, and identical samples.
  ExpectSame(std::vector<double>(150000, 1.0), std::vector<double>(150000, 2.0));
  const auto same = Sample(rng, 140000, 0, 0);
  ExpectSame(same, same);
  EXPECT_EQ(CompareSortedEcdfsCopying(same, same, true).ks_statistic, 0.0);
  EXPECT_EQ(CompareSortedEcdfsCopying(same, same, true).wasserstein, 0.0);
}

TEST(CompareSortedEcdfs, DisjointSamplesGiveOneAndTheShift) {
  const std::vector<double> r = {0, 1, 3};
  const std::vector<double> c = {5, 6, 8};
  const EcdfDistances d = CompareSortedEcdfsCopying(r, c, false);
  EXPECT_EQ(d.ks_statistic, 1.0);
  EXPECT_NEAR(d.wasserstein, 5.0, 1e-15);
}

}  // namespace
}  // namespace cairn::stats::internal
