#include "models/xgboost_model.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>

#include "common/sha256.h"
#include "common/testing/status_matchers.h"
#include "stats/testing/csv.h"

namespace cairn::models {
namespace {

using stats::testing::CsvTable;
using stats::testing::NumericColumn;
using stats::testing::ReadCsvFile;

std::string Dir(const std::string& kind) {
  return std::string(CAIRN_TESTDATA_DIR) + "/xgboost/" + kind;
}

// Row-major float32 matrix of f0..f7 ('' = NaN).
std::vector<float> Features(const CsvTable& t, int64_t* rows) {
  std::vector<std::vector<double>> cols;
  for (int j = 0; j < 8; ++j) cols.push_back(*NumericColumn(t, "f" + std::to_string(j)));
  *rows = static_cast<int64_t>(t.rows.size());
  std::vector<float> out;
  for (int64_t i = 0; i < *rows; ++i)
    for (int j = 0; j < 8; ++j) out.push_back(static_cast<float>(cols[j][i]));
  return out;
}

void ExpectMatches(const std::string& kind) {
  auto model = XgboostModel::Load(Dir(kind) + "/model.json");
  ASSERT_OK(model);
  EXPECT_EQ((*model)->num_features(), 8);
  auto inputs = ReadCsvFile(Dir(kind) + "/inputs.csv");
  ASSERT_OK(inputs);
  int64_t rows = 0;
  std::vector<float> x = Features(*inputs, &rows);
  ASSERT_EQ(rows, 200);
  auto expected = ReadCsvFile(Dir(kind) + "/expected_predictions.csv");
  ASSERT_OK(expected);
  auto want_pred = *NumericColumn(*expected, "prediction");
  auto want_margin = *NumericColumn(*expected, "margin");

  auto pred = (*model)->Predict(x, rows, 8);
  ASSERT_OK(pred);
  ASSERT_EQ(pred->size(), 200u);
  EXPECT_EQ((*model)->outputs_per_row(), 1);
  auto margin = (*model)->Predict(x, rows, 8, /*margin=*/true);
  ASSERT_OK(margin);
  for (int64_t i = 0; i < rows; ++i) {
    // Outputs are float32; the CSV holds their shortest double repr: exact after the cast.
    EXPECT_EQ((*pred)[i], static_cast<float>(want_pred[i])) << kind << " row " << i;
    EXPECT_EQ((*margin)[i], static_cast<float>(want_margin[i])) << kind << " row " << i;
    EXPECT_NEAR((*pred)[i], want_pred[i], 1e-6 * std::max(1.0, std::abs(want_pred[i])));
  }
}

TEST(XgboostModelTest, ClassifierMatchesPythonPredictions) { ExpectMatches("classifier"); }
TEST(XgboostModelTest, RegressorMatchesPythonPredictions) { ExpectMatches("regressor"); }

TEST(XgboostModelTest, AllMissingRowUsesDefaultDirections) {
  auto model = XgboostModel::Load(Dir("classifier") + "/model.json");
  ASSERT_OK(model);
  std::vector<float> x(8, std::nanf(""));
  auto pred = (*model)->Predict(x, 1, 8);
  ASSERT_OK(pred);
  auto expected = ReadCsvFile(Dir("classifier") + "/expected_predictions.csv");
  EXPECT_EQ((*pred)[0], static_cast<float>((*NumericColumn(*expected, "prediction"))[17]));
}

TEST(XgboostModelTest, EmptyInputGivesNoPredictions) {
  auto model = XgboostModel::Load(Dir("regressor") + "/model.json");
  ASSERT_OK(model);
  auto pred = (*model)->Predict({}, 0, 8);
  ASSERT_OK(pred);
  EXPECT_TRUE(pred->empty());
}

TEST(XgboostModelTest, MissingFileIsInvalidArgument) {
  auto model = XgboostModel::Load("/nonexistent/model.json");
  ASSERT_FALSE(model.ok());
  EXPECT_EQ(model.status().code(), StatusCode::kInvalidArgument);
}

TEST(XgboostModelTest, GarbageFileIsInvalidArgumentWithXgboostMessage) {
  auto path = std::filesystem::temp_directory_path() / "cairn-models-garbage.json";
  std::ofstream(path) << "{not a model";
  auto model = XgboostModel::Load(path.string());
  std::filesystem::remove(path);
  ASSERT_FALSE(model.ok());
  EXPECT_EQ(model.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(model.status().message().find("xgboost"), std::string::npos);
}

TEST(XgboostModelTest, WrongFeatureCountIsRejected) {
  auto model = XgboostModel::Load(Dir("classifier") + "/model.json");
  ASSERT_OK(model);
  std::vector<float> x(7, 0.0f);
  auto pred = (*model)->Predict(x, 1, 7);
  ASSERT_FALSE(pred.ok());
  EXPECT_EQ(pred.status().code(), StatusCode::kInvalidArgument);
}

TEST(XgboostModelTest, DataSizeMismatchIsRejected) {
  auto model = XgboostModel::Load(Dir("classifier") + "/model.json");
  ASSERT_OK(model);
  std::vector<float> x(15, 0.0f);
  EXPECT_EQ((*model)->Predict(x, 2, 8).status().code(), StatusCode::kInvalidArgument);
}

TEST(XgboostModelTest, VersionIsTheLinkedLibrary) {
  EXPECT_EQ(XgboostVersion().rfind("1.", 0), 0u) << XgboostVersion();
}

TEST(FileSha256Test, KnownDigestAndMissingFile) {
  auto path = std::filesystem::temp_directory_path() / "cairn-models-abc.txt";
  std::ofstream(path) << "abc";
  auto d = Sha256File(path.string());
  std::filesystem::remove(path);
  ASSERT_OK(d);
  EXPECT_EQ(d->sha256, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(Sha256File("/nonexistent/x").status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace cairn::models
