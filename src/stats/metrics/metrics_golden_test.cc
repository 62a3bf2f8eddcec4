// Golden tests: every case in shared/testdata/evaluation against scikit-learn 1.2.1.
#include <gtest/gtest.h>

#include <iomanip>
#include <string>
#include <vector>

#include "common/testing/status_matchers.h"
#include "stats/metrics/binary.h"
#include "stats/metrics/multiclass.h"
#include "stats/metrics/regression.h"
#include "stats/testing/csv.h"
#include "stats/testing/golden.h"

namespace cairn::stats {
namespace {

namespace bj = boost::json;
using testing::AsDouble;
using testing::Near;

constexpr double kRel = 1e-9;
constexpr double kAbs = 1e-12;

#define EXPECT_NEAR_REL(actual, expected)              \
  EXPECT_PRED4(Near, (actual), (expected), kRel, kAbs) \
      << #actual << " = " << std::setprecision(17) << (actual) << ", expected " << (expected)

struct Loaded {
  testing::CsvTable table;
  bj::object expected;
};

Loaded Load(const std::string& task, const std::string& name) {
  const std::string dir = "evaluation/" + task + "/" + name + "/";
  auto table = testing::ReadCsvFile(testing::TestdataPath(dir + "data.csv"));
  auto expected = testing::ReadJsonFile(testing::TestdataPath(dir + "expected.json"));
  EXPECT_OK(table);
  EXPECT_OK(expected);
  if (!table.ok() || !expected.ok()) return {};
  return {std::move(table).value(), expected->as_object()};
}

std::vector<std::string> Strings(const testing::CsvTable& t, std::string_view column) {
  std::vector<std::string> out;
  const std::size_t col = t.Column(column).value();
  for (const auto& row : t.rows) out.push_back(row[col]);
  return out;
}

void ExpectBinary(const BinaryMetrics& m, const bj::object& e) {
  EXPECT_EQ(m.n, e.at("n").to_number<std::int64_t>());
  EXPECT_NEAR_REL(m.accuracy, AsDouble(e.at("accuracy")));
  EXPECT_NEAR_REL(m.precision, AsDouble(e.at("precision")));
  EXPECT_NEAR_REL(m.recall, AsDouble(e.at("recall")));
  EXPECT_NEAR_REL(m.f1, AsDouble(e.at("f1")));
  if (e.at("roc_auc").is_null()) {
    EXPECT_FALSE(m.roc_auc.has_value());
  } else {
    ASSERT_TRUE(m.roc_auc.has_value());
    EXPECT_NEAR_REL(*m.roc_auc, AsDouble(e.at("roc_auc")));
  }
  EXPECT_NEAR_REL(m.log_loss, AsDouble(e.at("log_loss")));
  EXPECT_NEAR_REL(m.brier, AsDouble(e.at("brier")));
  const bj::array& cm = e.at("confusion_matrix").as_array();
  for (std::size_t t = 0; t < 2; ++t) {
    for (std::size_t p = 0; p < 2; ++p) {
      EXPECT_EQ(m.confusion[t][p], cm[t].as_array()[p].to_number<std::int64_t>())
          << "confusion[" << t << "][" << p << "]";
    }
  }
}

class BinaryGolden : public ::testing::TestWithParam<std::string> {};

TEST_P(BinaryGolden, OverallAndPerGroupMatchSklearn) {
  const Loaded data = Load("binary", GetParam());
  ASSERT_FALSE(data.table.rows.empty());
  auto label_values = testing::NumericColumn(data.table, "label");
  auto scores = testing::NumericColumn(data.table, "score");
  ASSERT_OK(label_values);
  ASSERT_OK(scores);
  std::vector<int> labels(label_values->begin(), label_values->end());
  const double threshold = AsDouble(data.expected.at("threshold"));
  ASSERT_EQ(AsDouble(data.expected.at("log_loss_eps")), kLogLossEps);
  auto overall = ComputeBinaryMetrics(labels, *scores, threshold);
  ASSERT_OK(overall);
  {
    SCOPED_TRACE("overall");
    ExpectBinary(*overall, data.expected.at("overall").as_object());
  }
  const std::vector<std::string> groups = Strings(data.table, "group");
  const std::vector<std::string_view> group_views(groups.begin(), groups.end());
  auto per_group = ComputeBinaryMetricsByGroup(labels, *scores, group_views, threshold);
  ASSERT_OK(per_group);
  const bj::array& expected_groups = data.expected.at("per_group").as_array();
  ASSERT_EQ(per_group->size(), expected_groups.size());
  for (std::size_t g = 0; g < per_group->size(); ++g) {
    const bj::object& e = expected_groups[g].as_object();
    SCOPED_TRACE("group " + (*per_group)[g].group);
    EXPECT_EQ((*per_group)[g].group, e.at("group").as_string());
    ExpectBinary((*per_group)[g].metrics, e);
  }
}

INSTANTIATE_TEST_SUITE_P(AllCases, BinaryGolden,
                         ::testing::Values("01_basic", "02_never_predicted_positive",
                                           "03_tied_scores", "04_single_class_groups",
                                           "05_large_100k"),
                         [](const auto& info) { return info.param; });

class MulticlassGolden : public ::testing::TestWithParam<std::string> {};

TEST_P(MulticlassGolden, MatchesSklearn) {
  const Loaded data = Load("multiclass", GetParam());
  ASSERT_FALSE(data.table.rows.empty());
  const std::vector<std::string> labels = Strings(data.table, "label");
  const std::vector<std::string> predictions = Strings(data.table, "prediction");
  auto m = ComputeMulticlassMetrics(std::span<const std::string>(labels),
                                    std::span<const std::string>(predictions));
  ASSERT_OK(m);
  const bj::object& e = data.expected;
  EXPECT_EQ(m->n, e.at("n").to_number<std::int64_t>());
  std::vector<std::string> classes;
  for (const auto& c : e.at("classes").as_array()) classes.emplace_back(c.as_string());
  ASSERT_EQ(m->classes, classes);
  EXPECT_NEAR_REL(m->accuracy, AsDouble(e.at("accuracy")));
  EXPECT_NEAR_REL(m->precision_macro, AsDouble(e.at("macro_precision")));
  EXPECT_NEAR_REL(m->recall_macro, AsDouble(e.at("macro_recall")));
  EXPECT_NEAR_REL(m->f1_macro, AsDouble(e.at("macro_f1")));
  EXPECT_NEAR_REL(m->f1_weighted, AsDouble(e.at("weighted_f1")));
  const bj::array& cm = e.at("confusion_matrix").as_array();
  ASSERT_EQ(m->confusion.size(), cm.size());
  for (std::size_t t = 0; t < cm.size(); ++t) {
    for (std::size_t p = 0; p < cm.size(); ++p) {
      EXPECT_EQ(m->confusion[t][p], cm[t].as_array()[p].to_number<std::int64_t>());
    }
  }
  const bj::array& per_class = e.at("per_class").as_array();
  ASSERT_EQ(m->per_class.size(), per_class.size());
  for (std::size_t c = 0; c < per_class.size(); ++c) {
    const bj::object& pc = per_class[c].as_object();
    SCOPED_TRACE("class " + m->per_class[c].label);
    EXPECT_EQ(m->per_class[c].label, pc.at("class").as_string());
    EXPECT_NEAR_REL(m->per_class[c].precision, AsDouble(pc.at("precision")));
    EXPECT_NEAR_REL(m->per_class[c].recall, AsDouble(pc.at("recall")));
    EXPECT_NEAR_REL(m->per_class[c].f1, AsDouble(pc.at("f1")));
    EXPECT_EQ(m->per_class[c].support, pc.at("support").to_number<std::int64_t>());
  }
}

INSTANTIATE_TEST_SUITE_P(AllCases, MulticlassGolden,
                         ::testing::Values("01_basic", "02_class_never_predicted",
                                           "03_predicted_class_not_in_labels", "04_large_100k"),
                         [](const auto& info) { return info.param; });

class RegressionGolden : public ::testing::TestWithParam<std::string> {};

TEST_P(RegressionGolden, MatchesSklearn) {
  const Loaded data = Load("regression", GetParam());
  ASSERT_FALSE(data.table.rows.empty());
  auto y = testing::NumericColumn(data.table, "target");
  auto p = testing::NumericColumn(data.table, "prediction");
  ASSERT_OK(y);
  ASSERT_OK(p);
  auto m = ComputeRegressionMetrics(*y, *p);
  ASSERT_OK(m);
  const bj::object& e = data.expected;
  ASSERT_EQ(AsDouble(e.at("mape_epsilon")), kMapeEps);
  EXPECT_EQ(m->n, e.at("n").to_number<std::int64_t>());
  EXPECT_NEAR_REL(m->rmse, AsDouble(e.at("rmse")));
  EXPECT_NEAR_REL(m->mae, AsDouble(e.at("mae")));
  EXPECT_NEAR_REL(m->r2, AsDouble(e.at("r2")));
  EXPECT_NEAR_REL(m->mape, AsDouble(e.at("mape")));
}

INSTANTIATE_TEST_SUITE_P(AllCases, RegressionGolden,
                         ::testing::Values("01_basic", "02_targets_with_zeros",
                                           "03_constant_target", "04_constant_target_perfect",
                                           "05_large_100k"),
                         [](const auto& info) { return info.param; });

TEST(EvaluationGoldenManifest, TestsCoverEveryManifestCase) {
  EXPECT_EQ(testing::ManifestCases("eval_cases", "binary").size(), 5u);
  EXPECT_EQ(testing::ManifestCases("eval_cases", "multiclass").size(), 4u);
  EXPECT_EQ(testing::ManifestCases("eval_cases", "regression").size(), 5u);
}

}  // namespace
}  // namespace cairn::stats
