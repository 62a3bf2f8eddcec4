// Test fixture shared by the evaluation service and routes tests: a fresh database per backend,
// in-memory datasets (the shared oracle CSVs) and a fake model catalog holding the classifier.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "common/sha256.h"
#include "common/testing/status_matchers.h"
#include "evaluation/evaluation_service.h"
#include "evaluation/sql_evaluation_store.h"
#include "evaluation/testing/fakes.h"
#include "stats/testing/golden.h"
#include "storage/testing/database_test.h"

namespace cairn::evaluation::testing {

class ServiceTest : public storage::testing::DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    if (HasFatalFailure()) return;
    using stats::testing::TestdataPath;
    ASSERT_OK(datasets_.AddCsvFile("bin", TestdataPath("evaluation/binary/01_basic/data.csv")));
    ASSERT_OK(datasets_.AddCsvFile("mc", TestdataPath("evaluation/multiclass/01_basic/data.csv")));
    ASSERT_OK(datasets_.AddCsvFile("reg", TestdataPath("evaluation/regression/01_basic/data.csv")));
    ASSERT_OK(datasets_.AddCsvFile("xgb", TestdataPath("xgboost/classifier/eval.csv")));
    // The same binary data announced as a large dataset: runs go to the job queue.
    ASSERT_OK(
        datasets_.AddCsvFile("big", TestdataPath("evaluation/binary/01_basic/data.csv"), 1000000));
    const std::string model = TestdataPath("xgboost/classifier/model.json");
    catalog_.Add({"clf", 1, "xgboost-json", OpenModelFile(model), Sha256File(model)->sha256});
    catalog_.Add({"clf", 2, "onnx", nullptr, ""});
    catalog_.Add({"clf", 3, "", nullptr, ""});
    catalog_.Add({"tampered", 1, "xgboost-json", OpenModelFile(model), "00"});
    MakeService();
  }
  void TearDown() override {
    service_.reset();
    db_.reset();
  }
  void MakeService(EvaluationServiceOptions options = {}) {
    service_.reset();
    options.poll_interval_ms = 20;
    options.heartbeat_interval_ms = 20;
    service_ = std::make_unique<EvaluationService>(std::make_unique<SqlEvaluationStore>(*db_),
                                                   datasets_, &catalog_, options);
  }

  static Scenario BinaryScenario(const std::string& name, const std::string& dataset = "bin") {
    Scenario s;
    s.name = name;
    s.task_type = TaskType::kBinary;
    s.dataset_id = dataset;
    s.label_column = "label";
    s.score_column = "score";
    return s;
  }
  static Scenario ModelScenario(const std::string& name) {
    Scenario s;
    s.name = name;
    s.task_type = TaskType::kBinary;
    s.dataset_id = "xgb";
    s.label_column = "label";
    s.model_name = "clf";
    s.model_version = 1;
    for (int j = 0; j < 8; ++j) s.feature_columns.push_back("f" + std::to_string(j));
    s.importance_repeats = 2;
    s.thresholds["roc_auc"] = {">=", 0.8};
    return s;
  }

  InMemoryDatasets datasets_;
  FakeModelCatalog catalog_;
  std::unique_ptr<EvaluationService> service_;
};

}  // namespace cairn::evaluation::testing
