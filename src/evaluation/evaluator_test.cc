#include "evaluation/evaluator.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "common/testing/status_matchers.h"
#include "evaluation/testing/fakes.h"
#include "stats/testing/golden.h"

namespace cairn::evaluation {
namespace {

namespace bj = boost::json;
using stats::testing::AsDouble;
using stats::testing::ManifestCases;
using stats::testing::Near;
using stats::testing::ReadJsonFile;
using stats::testing::TestdataPath;
using testing::InMemoryDatasets;

std::optional<double> Metric(const MetricValues& m, const std::string& key) {
  for (const auto& [k, v] : m)
    if (k == key) return v;
  ADD_FAILURE() << "metric " << key << " missing";
  return std::nullopt;
}

void ExpectNear(std::optional<double> actual, const bj::value& expected, const std::string& what) {
  if (expected.is_null()) {
    EXPECT_FALSE(actual.has_value()) << what;
    return;
  }
  ASSERT_TRUE(actual.has_value()) << what;
  EXPECT_TRUE(Near(*actual, AsDouble(expected), 1e-9, 1e-12))
      << what << ": " << *actual << " vs " << AsDouble(expected);
}

struct Loaded {
  InMemoryDatasets ds;
  EvaluationData data;
};

// Reads the named columns of a CSV into EvaluationData.
void Load(Loaded& l, const std::string& path, const std::string& label,
          const std::string& prediction, const std::string& slice = "",
          const std::vector<std::string>& features = {}) {
  ASSERT_OK(l.ds.AddCsvFile("d", path)) << path;
  l.data.label = *l.ds.ReadColumn("d", label);
  if (!prediction.empty()) l.data.prediction = *l.ds.ReadColumn("d", prediction);
  if (!slice.empty()) l.data.slice = *l.ds.ReadColumn("d", slice);
  for (const auto& f : features) l.data.features.push_back(*l.ds.ReadColumn("d", f));
}

TEST(EvaluatorGoldenTest, BinaryOverallAndPerGroupSlices) {
  for (const auto& c : ManifestCases("eval_cases", "binary")) {
    SCOPED_TRACE(c);
    const std::string dir = TestdataPath("evaluation/binary/" + c);
    auto expected = ReadJsonFile(dir + "/expected.json");
    ASSERT_OK(expected);
    Loaded l;
    Load(l, dir + "/data.csv", "label", "score", "group");
    Scenario s;
    s.task_type = TaskType::kBinary;
    s.label_column = "label";
    auto r = Evaluate(s, l.data, nullptr);
    ASSERT_OK(r);
    const auto& overall = expected->at("overall");
    EXPECT_EQ(r->n_rows, overall.at("n").as_int64());
    for (const char* m : {"accuracy", "precision", "recall", "f1", "roc_auc", "log_loss", "brier"})
      ExpectNear(Metric(r->metrics, m), overall.at(m), m);
    ASSERT_TRUE(r->has_confusion);
    EXPECT_EQ(r->confusion_labels, (std::vector<std::string>{"0", "1"}));
    const auto& cm = overall.at("confusion_matrix").as_array();
    for (int i = 0; i < 2; ++i)
      for (int j = 0; j < 2; ++j) EXPECT_EQ(r->confusion[i][j], cm[i].as_array()[j].as_int64());
    const auto& groups = expected->at("per_group").as_array();
    ASSERT_EQ(r->slices.size(), groups.size());
    for (const auto& g : groups) {
      const std::string name(g.at("group").as_string());
      ASSERT_TRUE(r->slices.count(name)) << name;
      const auto& slice = r->slices.at(name);
      EXPECT_EQ(slice.n_rows, g.at("n").as_int64());
      for (const char* m :
           {"accuracy", "precision", "recall", "f1", "roc_auc", "log_loss", "brier"})
        ExpectNear(Metric(slice.metrics, m), g.at(m), name + "." + m);
    }
    // The gap is max - min over the slices where the metric is defined.
    const auto& gap = r->worst_slice_gap.at("accuracy");
    double lo = 1e300, hi = -1e300;
    for (const auto& [name, slice] : r->slices) {
      lo = std::min(lo, *Metric(slice.metrics, "accuracy"));
      hi = std::max(hi, *Metric(slice.metrics, "accuracy"));
    }
    EXPECT_DOUBLE_EQ(gap.gap, hi - lo);
    EXPECT_EQ(*Metric(r->slices.at(gap.max_slice).metrics, "accuracy"), hi);
    EXPECT_EQ(*Metric(r->slices.at(gap.min_slice).metrics, "accuracy"), lo);
    EXPECT_FALSE(r->has_importance);
  }
}

TEST(EvaluatorGoldenTest, Multiclass) {
  for (const auto& c : ManifestCases("eval_cases", "multiclass")) {
    SCOPED_TRACE(c);
    const std::string dir = TestdataPath("evaluation/multiclass/" + c);
    auto e = ReadJsonFile(dir + "/expected.json");
    ASSERT_OK(e);
    Loaded l;
    Load(l, dir + "/data.csv", "label", "prediction");
    Scenario s;
    s.task_type = TaskType::kMulticlass;
    auto r = Evaluate(s, l.data, nullptr);
    ASSERT_OK(r);
    EXPECT_EQ(r->n_rows, e->at("n").as_int64());
    ExpectNear(Metric(r->metrics, "accuracy"), e->at("accuracy"), "accuracy");
    ExpectNear(Metric(r->metrics, "precision_macro"), e->at("macro_precision"), "p");
    ExpectNear(Metric(r->metrics, "recall_macro"), e->at("macro_recall"), "r");
    ExpectNear(Metric(r->metrics, "f1_macro"), e->at("macro_f1"), "f1");
    ExpectNear(Metric(r->metrics, "f1_weighted"), e->at("weighted_f1"), "wf1");
    std::vector<std::string> classes;
    for (const auto& x : e->at("classes").as_array()) classes.emplace_back(x.as_string());
    EXPECT_EQ(r->confusion_labels, classes);
    const auto& cm = e->at("confusion_matrix").as_array();
    for (size_t i = 0; i < classes.size(); ++i)
      for (size_t j = 0; j < classes.size(); ++j)
        EXPECT_EQ(r->confusion[i][j], cm[i].as_array()[j].as_int64());
  }
}

TEST(EvaluatorGoldenTest, Regression) {
  for (const auto& c : ManifestCases("eval_cases", "regression")) {
    SCOPED_TRACE(c);
    const std::string dir = TestdataPath("evaluation/regression/" + c);
    auto e = ReadJsonFile(dir + "/expected.json");
    ASSERT_OK(e);
    Loaded l;
    Load(l, dir + "/data.csv", "target", "prediction");
    Scenario s;
    s.task_type = TaskType::kRegression;
    s.metrics = {"rmse", "mae", "r2", "mape"};
    auto r = Evaluate(s, l.data, nullptr);
    ASSERT_OK(r);
    for (const char* m : {"rmse", "mae", "r2", "mape"})
      ExpectNear(Metric(r->metrics, m), e->at(m), m);
    EXPECT_FALSE(r->has_confusion);
  }
}

Scenario BinaryScenario() {
  Scenario s;
  s.task_type = TaskType::kBinary;
  s.label_column = "y";
  return s;
}

Result<Report> EvalText(const Scenario& s, const std::string& csv, const std::string& label,
                        const std::string& pred, const std::string& slice = "") {
  InMemoryDatasets ds;
  if (auto st = ds.AddCsvText("d", csv); !st.ok()) return st;
  EvaluationData data;
  data.label = *ds.ReadColumn("d", label);
  data.prediction = *ds.ReadColumn("d", pred);
  if (!slice.empty()) data.slice = *ds.ReadColumn("d", slice);
  return Evaluate(s, data, nullptr);
}

TEST(EvaluatorTest, ThresholdsPassFailAndDecisionThreshold) {
  Scenario s = BinaryScenario();
  s.thresholds["accuracy"] = {">=", 0.75};
  s.thresholds["roc_auc"] = {">", 0.99};
  const std::string csv = "y,p\n0,0.1\n0,0.6\n1,0.7\n1,0.9\n";
  auto r = EvalText(s, csv, "y", "p");
  ASSERT_OK(r);
  ASSERT_EQ(r->thresholds.size(), 2u);
  EXPECT_EQ(r->thresholds[0].metric, "accuracy");
  EXPECT_TRUE(r->thresholds[0].passed);
  EXPECT_EQ(*r->thresholds[0].actual, 0.75);
  EXPECT_TRUE(r->thresholds[1].passed);  // AUC 1.0
  EXPECT_TRUE(r->passed);
  s.decision_threshold = 0.65;  // 0.6 now predicts 0 -> accuracy 1
  r = EvalText(s, csv, "y", "p");
  EXPECT_EQ(*Metric(r->metrics, "accuracy"), 1.0);
  s.thresholds["brier"] = {"<", 0.01};
  r = EvalText(s, csv, "y", "p");
  EXPECT_FALSE(r->passed);
}

TEST(EvaluatorTest, UndefinedMetricFailsItsThreshold) {
  Scenario s = BinaryScenario();
  s.thresholds["roc_auc"] = {">=", 0.0};
  auto r = EvalText(s, "y,p\n1,0.2\n1,0.9\n", "y", "p");
  ASSERT_OK(r);
  EXPECT_FALSE(r->thresholds[0].actual.has_value());
  EXPECT_FALSE(r->thresholds[0].passed);
  EXPECT_FALSE(r->passed);
}

TEST(EvaluatorTest, MissingCellsAreExcludedAndCounted) {
  Scenario s = BinaryScenario();
  auto r = EvalText(s, "y,p,g\n0,0.1,a\n,0.3,a\n1,,b\n1,0.8,\n", "y", "p", "g");
  ASSERT_OK(r);
  EXPECT_EQ(r->n_rows, 2);
  EXPECT_EQ(r->compliance.n_rows_excluded, 2);
  EXPECT_EQ(r->slices.size(), 2u);
  EXPECT_EQ(r->slices.at("(missing)").n_rows, 1);
}

TEST(EvaluatorTest, TooManySlicesNamesTheColumn) {
  std::string csv = "y,p,id\n";
  for (int i = 0; i < 1001; ++i) csv += std::to_string(i % 2) + ",0.5,r" + std::to_string(i) + "\n";
  auto r = EvalText(BinaryScenario(), csv, "y", "p", "id");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().errors()[0].field, "id");
}

TEST(EvaluatorTest, SelectedMetricsOnly) {
  Scenario s = BinaryScenario();
  s.metrics = {"f1", "accuracy"};
  auto r = EvalText(s, "y,p\n0,0.1\n1,0.9\n", "y", "p");
  ASSERT_OK(r);
  ASSERT_EQ(r->metrics.size(), 2u);
  EXPECT_EQ(r->metrics[0].first, "f1");
}

TEST(EvaluatorTest, BinaryLabelOutsideZeroOneNamesTheColumn) {
  auto r = EvalText(BinaryScenario(), "y,p\n0,0.1\n2,0.9\n", "y", "p");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  ASSERT_EQ(r.status().errors().size(), 1u);
  EXPECT_EQ(r.status().errors()[0].field, "y");
  EXPECT_NE(r.status().message().find("row 2"), std::string::npos);
}

TEST(EvaluatorTest, StringLabelForBinaryIsRejected) {
  auto r = EvalText(BinaryScenario(), "y,p\na,0.1\nb,0.9\n", "y", "p");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().errors()[0].field, "y");
}

TEST(EvaluatorTest, StringPredictionForRegressionIsRejected) {
  Scenario s;
  s.task_type = TaskType::kRegression;
  s.label_column = "y";
  auto r = EvalText(s, "y,p\n1,a\n2,b\n", "y", "p");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().errors()[0].field, "p");
}

TEST(EvaluatorTest, NoUsableRowsIsAnError) {
  auto r = EvalText(BinaryScenario(), "y,p\n,0.1\n1,\n", "y", "p");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
}

TEST(EvaluatorTest, MulticlassComparesNumbersAsStrings) {
  Scenario s;
  s.task_type = TaskType::kMulticlass;
  s.label_column = "y";
  auto r = EvalText(s, "y,p\n1,1\n2,2.0\n3,1\n", "y", "p");
  ASSERT_OK(r);
  EXPECT_NEAR(*Metric(r->metrics, "accuracy"), 2.0 / 3.0, 1e-15);
  EXPECT_EQ(r->confusion_labels, (std::vector<std::string>{"1", "2", "3"}));
}

TEST(EvaluatorTest, NeitherPredictionNorModelIsAnError) {
  EvaluationData data;
  data.label.type = datasets::ColumnType::kInt64;
  EXPECT_EQ(Evaluate(BinaryScenario(), data, nullptr).status().code(),
            StatusCode::kInvalidArgument);
}

// ---- executable model ------------------------------------------------------------------

std::vector<std::string> Features() {
  std::vector<std::string> f;
  for (int j = 0; j < 8; ++j) f.push_back("f" + std::to_string(j));
  return f;
}

TEST(EvaluatorModelTest, ClassifierReproducesBaseAucAndImportanceRanking) {
  auto model = models::XgboostModel::Load(TestdataPath("xgboost/classifier/model.json"));
  ASSERT_OK(model);
  Loaded l;
  Load(l, TestdataPath("xgboost/classifier/eval.csv"), "label", "", "", Features());
  Scenario s = BinaryScenario();
  s.label_column = "label";
  s.feature_columns = Features();
  s.importance_repeats = 5;
  s.importance_seed = 1;
  auto r = Evaluate(s, l.data, model->get());
  ASSERT_OK(r);
  auto pi = ReadJsonFile(TestdataPath("xgboost/classifier/permutation_importance.json"));
  ASSERT_OK(pi);
  EXPECT_TRUE(Near(*Metric(r->metrics, "roc_auc"), AsDouble(pi->at("base_roc_auc")), 1e-9, 1e-12));
  ASSERT_TRUE(r->has_importance);
  EXPECT_EQ(r->importance_metric, "roc_auc");
  ASSERT_EQ(r->importance.size(), 8u);
  std::map<std::string, double> want;
  for (const auto& f : pi->at("features").as_array())
    want[std::string(f.at("feature").as_string())] = AsDouble(f.at("importance_mean"));
  std::map<std::string, double> got(r->importance.begin(), r->importance.end());
  for (const auto& [f, v] : want) EXPECT_NEAR(got[f], v, 0.05) << f;
  // Clearly important: f1 > f0 > every one of f2..f7; f7 is noise.
  EXPECT_GT(got["f1"], got["f0"]);
  for (const char* f : {"f2", "f3", "f4", "f5", "f6", "f7"}) EXPECT_GT(got["f0"], got[f] + 0.05);
  EXPECT_LT(std::abs(got["f7"]), 0.01);
  // Deterministic for a seed.
  auto again = Evaluate(s, l.data, model->get());
  EXPECT_EQ(again->importance, r->importance);
}

TEST(EvaluatorModelTest, ClassifierPredictionsMatchEvalPredictions) {
  auto model = models::XgboostModel::Load(TestdataPath("xgboost/classifier/model.json"));
  ASSERT_OK(model);
  Loaded l;
  Load(l, TestdataPath("xgboost/classifier/eval.csv"), "label", "", "", Features());
  InMemoryDatasets preds;
  ASSERT_OK(preds.AddCsvFile("p", TestdataPath("xgboost/classifier/eval_predictions.csv")));
  // Scoring the stored predictions directly must give the same report as executing the model.
  Scenario s = BinaryScenario();
  s.label_column = "label";
  s.feature_columns = Features();
  s.importance_repeats = 0;
  auto with_model = Evaluate(s, l.data, model->get());
  ASSERT_OK(with_model);
  EvaluationData stored = l.data;
  stored.features.clear();
  stored.prediction = *preds.ReadColumn("p", "prediction");
  auto with_column = Evaluate(s, stored, nullptr);
  ASSERT_OK(with_column);
  EXPECT_EQ(with_model->metrics, with_column->metrics);
  EXPECT_FALSE(with_model->has_importance);
}

TEST(EvaluatorModelTest, RegressorOnInputsWithMissingCells) {
  auto model = models::XgboostModel::Load(TestdataPath("xgboost/regressor/model.json"));
  ASSERT_OK(model);
  Loaded l;
  // Target = the expected prediction itself: a perfect model (r2 = 1, rmse = 0).
  ASSERT_OK(l.ds.AddCsvFile("x", TestdataPath("xgboost/regressor/inputs.csv")));
  ASSERT_OK(l.ds.AddCsvFile("y", TestdataPath("xgboost/regressor/expected_predictions.csv")));
  l.data.label = *l.ds.ReadColumn("y", "prediction");
  for (const auto& f : Features()) l.data.features.push_back(*l.ds.ReadColumn("x", f));
  Scenario s;
  s.task_type = TaskType::kRegression;
  s.label_column = "prediction";
  s.feature_columns = Features();
  s.importance_repeats = 2;
  auto r = Evaluate(s, l.data, model->get());
  ASSERT_OK(r);
  EXPECT_EQ(r->n_rows, 200);
  EXPECT_EQ(*Metric(r->metrics, "rmse"), 0.0);
  EXPECT_EQ(*Metric(r->metrics, "r2"), 1.0);
  EXPECT_EQ(r->importance_metric, "r2");
  for (const auto& [f, v] : r->importance) EXPECT_GE(v, 0.0) << f;
}

TEST(EvaluatorModelTest, StringFeatureIsRejected) {
  auto model = models::XgboostModel::Load(TestdataPath("xgboost/classifier/model.json"));
  ASSERT_OK(model);
  InMemoryDatasets ds;
  ASSERT_OK(ds.AddCsvText("d", "y,f\n0,a\n1,b\n"));
  EvaluationData data;
  data.label = *ds.ReadColumn("d", "y");
  data.features.push_back(*ds.ReadColumn("d", "f"));
  Scenario s = BinaryScenario();
  s.feature_columns = {"f"};
  auto r = Evaluate(s, data, model->get());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().errors()[0].field, "f");
}

TEST(EvaluatorModelTest, FeatureCountMismatchIsAnError) {
  auto model = models::XgboostModel::Load(TestdataPath("xgboost/classifier/model.json"));
  ASSERT_OK(model);
  InMemoryDatasets ds;
  ASSERT_OK(ds.AddCsvText("d", "y,f\n0,1\n1,2\n"));
  EvaluationData data;
  data.label = *ds.ReadColumn("d", "y");
  data.features.push_back(*ds.ReadColumn("d", "f"));
  Scenario s = BinaryScenario();
  s.feature_columns = {"f"};
  EXPECT_EQ(Evaluate(s, data, model->get()).status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace cairn::evaluation
