// Golden tests: every column of every case in shared/testdata/drift against the numpy/scipy
// oracle, with the README's tolerances.
#include <gtest/gtest.h>

#include <cmath>
#include <iomanip>
#include <optional>
#include <string>
#include <vector>

#include "common/testing/status_matchers.h"
#include "stats/drift/drift_report.h"
#include "stats/testing/csv.h"
#include "stats/testing/golden.h"

namespace cairn::stats {
namespace {

namespace bj = boost::json;
using testing::AsDouble;
using testing::Near;

constexpr double kRelStatistic = 1e-12;  // D is computed the same way as scipy
constexpr double kRel = 1e-9;
constexpr double kAbsTinyP = 1e-15;

const char* const kCases[] = {"01_no_drift",
                              "02_mean_shift",
                              "03_variance_change",
                              "04_heavy_tailed",
                              "05_unequal_sizes_missing",
                              "06_ties_poisson",
                              "07_categorical_shift",
                              "08_constant_reference",
                              "09_tiny_sample",
                              "10_large_200k"};

std::vector<std::int64_t> Ints(const bj::value& v) {
  std::vector<std::int64_t> out;
  for (const auto& x : v.as_array()) out.push_back(x.to_number<std::int64_t>());
  return out;
}

std::vector<double> Doubles(const bj::value& v) {
  std::vector<double> out;
  for (const auto& x : v.as_array()) out.push_back(AsDouble(x));
  return out;
}

#define EXPECT_NEAR_REL(actual, expected, rel, abs)      \
  EXPECT_PRED4(Near, (actual), (expected), (rel), (abs)) \
      << #actual << " = " << std::setprecision(17) << (actual) << ", expected " << (expected)

class DriftGolden : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    const std::string dir = "drift/" + GetParam() + "/";
    auto ref = testing::ReadCsvFile(testing::TestdataPath(dir + "reference.csv"));
    auto cur = testing::ReadCsvFile(testing::TestdataPath(dir + "current.csv"));
    auto expected = testing::ReadJsonFile(testing::TestdataPath(dir + "expected.json"));
    ASSERT_OK(ref);
    ASSERT_OK(cur);
    ASSERT_OK(expected);
    reference_ = std::move(ref).value();
    current_ = std::move(cur).value();
    expected_ = std::move(expected).value();
  }

  void CheckNumeric(const bj::object& col) {
    const std::string name(col.at("name").as_string());
    auto r = testing::NumericColumn(reference_, name);
    auto c = testing::NumericColumn(current_, name);
    ASSERT_OK(r) << name;
    ASSERT_OK(c) << name;
    auto drift = ComputeNumericDrift(*r, *c);
    ASSERT_OK(drift);
    const NumericDrift& d = *drift;
    EXPECT_EQ(d.n_reference, col.at("n_reference").to_number<std::int64_t>());
    EXPECT_EQ(d.n_current, col.at("n_current").to_number<std::int64_t>());
    EXPECT_EQ(d.missing_reference, col.at("missing_reference").to_number<std::int64_t>());
    EXPECT_EQ(d.missing_current, col.at("missing_current").to_number<std::int64_t>());
    EXPECT_NEAR_REL(d.ks.statistic, AsDouble(col.at("ks_statistic")), kRelStatistic, 0.0);
    EXPECT_NEAR_REL(d.ks.scaled_statistic, AsDouble(col.at("ks_scaled_statistic")), kRelStatistic,
                    0.0);
    EXPECT_NEAR_REL(d.ks.p_value, AsDouble(col.at("ks_p_value")), kRel, kAbsTinyP);
    EXPECT_NEAR_REL(d.psi.psi, AsDouble(col.at("psi")), kRel, 0.0);
    EXPECT_NEAR_REL(d.js_distance, AsDouble(col.at("js_distance")), kRel, 0.0);
    EXPECT_NEAR_REL(d.wasserstein, AsDouble(col.at("wasserstein")), kRel, 0.0);
    const bj::object& detail = col.at("psi_detail").as_object();
    EXPECT_EQ(d.psi.edges_raw, Doubles(detail.at("edges_raw")));
    EXPECT_EQ(d.psi.edges, Doubles(detail.at("edges")));
    EXPECT_EQ(static_cast<std::int64_t>(d.psi.edges.size() + 1),
              detail.at("n_bins").to_number<std::int64_t>());
    EXPECT_EQ(d.psi.reference_counts, Ints(detail.at("reference_counts")));
    EXPECT_EQ(d.psi.current_counts, Ints(detail.at("current_counts")));
    EXPECT_EQ(d.psi.reference_proportions, Doubles(detail.at("reference_proportions")));
    EXPECT_EQ(d.psi.current_proportions, Doubles(detail.at("current_proportions")));
    // The display histogram accounts for every non-missing value.
    std::int64_t hist_ref = 0;
    std::int64_t hist_cur = 0;
    for (auto v : d.histogram.reference_counts) hist_ref += v;
    for (auto v : d.histogram.current_counts) hist_cur += v;
    EXPECT_EQ(hist_ref, d.n_reference);
    EXPECT_EQ(hist_cur, d.n_current);
  }

  void CheckCategorical(const bj::object& col) {
    const std::string name(col.at("name").as_string());
    auto r = testing::StringColumn(reference_, name);
    auto c = testing::StringColumn(current_, name);
    ASSERT_OK(r) << name;
    ASSERT_OK(c) << name;
    auto drift = ComputeCategoricalDrift(std::span<const std::optional<std::string>>(*r),
                                         std::span<const std::optional<std::string>>(*c));
    ASSERT_OK(drift);
    const CategoricalDrift& d = *drift;
    EXPECT_EQ(d.n_reference, col.at("n_reference").to_number<std::int64_t>());
    EXPECT_EQ(d.n_current, col.at("n_current").to_number<std::int64_t>());
    EXPECT_EQ(d.missing_reference, col.at("missing_reference").to_number<std::int64_t>());
    EXPECT_EQ(d.missing_current, col.at("missing_current").to_number<std::int64_t>());
    std::vector<std::string> categories;
    for (const auto& v : col.at("categories").as_array()) categories.emplace_back(v.as_string());
    EXPECT_EQ(d.categories, categories);
    EXPECT_EQ(d.reference_counts, Ints(col.at("reference_counts")));
    EXPECT_EQ(d.current_counts, Ints(col.at("current_counts")));
    EXPECT_EQ(d.reference_proportions, Doubles(col.at("reference_proportions")));
    EXPECT_EQ(d.current_proportions, Doubles(col.at("current_proportions")));
    EXPECT_NEAR_REL(d.chi2.statistic, AsDouble(col.at("chi2_statistic")), kRel, 1e-12);
    EXPECT_NEAR_REL(d.chi2.p_value, AsDouble(col.at("chi2_p_value")), kRel, kAbsTinyP);
    EXPECT_EQ(d.chi2.dof, col.at("chi2_dof").to_number<int>());
    EXPECT_NEAR_REL(d.psi, AsDouble(col.at("psi")), kRel, 0.0);
    EXPECT_NEAR_REL(d.js_distance, AsDouble(col.at("js_distance")), kRel, 0.0);
  }

  testing::CsvTable reference_;
  testing::CsvTable current_;
  bj::value expected_;
};

TEST_P(DriftGolden, EveryColumnMatchesOracle) {
  const bj::array& columns = expected_.as_object().at("columns").as_array();
  ASSERT_FALSE(columns.empty());
  for (const auto& v : columns) {
    const bj::object& col = v.as_object();
    SCOPED_TRACE("column " + std::string(col.at("name").as_string()));
    const std::string type(col.at("type").as_string());
    if (type == "numeric") {
      CheckNumeric(col);
    } else {
      ASSERT_EQ(type, "categorical");
      CheckCategorical(col);
    }
  }
}

INSTANTIATE_TEST_SUITE_P(AllCases, DriftGolden,
                         ::testing::ValuesIn(std::vector<std::string>(std::begin(kCases),
                                                                      std::end(kCases))),
                         [](const auto& info) { return info.param; });

TEST(DriftGoldenManifest, TestsCoverEveryManifestCase) {
  const std::vector<std::string> listed = testing::ManifestCases("drift_cases");
  ASSERT_EQ(listed.size(), std::size(kCases));
  for (std::size_t i = 0; i < listed.size(); ++i) EXPECT_EQ(listed[i], kCases[i]);
}

}  // namespace
}  // namespace cairn::stats
