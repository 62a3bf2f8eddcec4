// Evaluation domain types (SPEC §4): scenarios, evaluation runs and their reports.
// Plain structs; no SQL, no JSON, no HTTP. Thread-compatible values.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/page.h"

namespace cairn::evaluation {

using StringMap = std::map<std::string, std::string>;

enum class TaskType { kBinary, kMulticlass, kRegression };
const char* TaskTypeName(TaskType t);  // "binary_classification", ...
std::optional<TaskType> ParseTaskType(const std::string& s);

// The metric keys of a task, in report order (SPEC §7 names).
const std::vector<std::string>& TaskMetrics(TaskType t);
// roc_auc (binary), accuracy (multiclass), r2 (regression): what permutation importance drops.
const char* PrimaryMetric(TaskType t);

enum class RunStatus { kQueued, kRunning, kCompleted, kFailed };
const char* RunStatusName(RunStatus s);
std::optional<RunStatus> ParseRunStatus(const std::string& s);

struct Threshold {
  std::string op;  // >=, >, <=, <, ==
  double value = 0.0;
};
bool IsValidThresholdOp(const std::string& op);

inline constexpr int kDefaultImportanceRepeats = 5;
inline constexpr int kMaxImportanceRepeats = 50;

struct Scenario {
  std::string name;
  std::string description;
  TaskType task_type = TaskType::kBinary;
  std::string dataset_id;
  std::string label_column;
  std::optional<std::string> score_column;       // binary, predictions in the dataset
  std::optional<std::string> prediction_column;  // multiclass / regression
  std::optional<std::string> model_name;         // executable model (xgboost-json)
  std::optional<int64_t> model_version;
  std::vector<std::string> feature_columns;  // model inputs, in the model's feature order
  std::vector<std::string> metrics;          // empty = all of the task's
  std::map<std::string, Threshold> thresholds;
  std::optional<std::string> slice_column;
  double decision_threshold = 0.5;  // binary: predicted class = score >= this
  int importance_repeats = kDefaultImportanceRepeats;
  int64_t importance_seed = 1;
  StringMap tags;
  std::string created_by;
  std::string updated_by;
  int64_t created_at = 0;
  int64_t updated_at = 0;
  int64_t revision = 0;
};

// PATCH: absent fields keep their value; `clear_*` set by an explicit JSON null.
struct ScenarioPatch {
  std::optional<std::string> description;
  std::optional<std::string> task_type;
  std::optional<std::string> dataset_id;
  std::optional<std::string> label_column;
  std::optional<std::string> score_column;
  bool clear_score_column = false;
  std::optional<std::string> prediction_column;
  bool clear_prediction_column = false;
  std::optional<std::string> model_name;
  bool clear_model = false;  // model_name: null clears model_name and version
  std::optional<int64_t> model_version;
  std::optional<std::vector<std::string>> feature_columns;
  std::optional<std::vector<std::string>> metrics;
  std::optional<std::map<std::string, Threshold>> thresholds;
  std::optional<std::string> slice_column;
  bool clear_slice_column = false;
  std::optional<double> decision_threshold;
  std::optional<int64_t> importance_repeats;
  std::optional<int64_t> importance_seed;
  std::optional<StringMap> tags;
};

// ---- Reports ----------------------------------------------------------------------------

// A metric value; nullopt when undefined (roc_auc with one class).
using MetricValues = std::vector<std::pair<std::string, std::optional<double>>>;

struct ThresholdResult {
  std::string metric;
  std::string op;
  double value = 0.0;
  std::optional<double> actual;
  bool passed = false;
};

struct SliceResult {
  int64_t n_rows = 0;
  MetricValues metrics;
};

struct SliceGap {
  double gap = 0.0;  // max - min over the slices where the metric is defined
  std::string max_slice;
  double max = 0.0;
  std::string min_slice;
  double min = 0.0;
};

struct Compliance {
  std::string dataset_id;
  std::string dataset_sha256;
  std::optional<std::string> model_name;
  std::optional<int64_t> model_version;
  std::optional<std::string> model_format;
  std::optional<std::string> model_sha256;
  int64_t scenario_revision = 0;
  std::string evaluator_version;
  std::string run_by;
  int64_t requested_at = 0;
  int64_t started_at = 0;
  int64_t completed_at = 0;
  double decision_threshold = 0.5;
  int64_t n_rows_excluded = 0;  // rows with a missing label/score/prediction
  bool evaluation_passed_ticked = false;
};

// Multiclass evaluation: default cap on distinct classes (labels and predictions together).
inline constexpr int64_t kDefaultMaxClasses = 1000;

struct Report {
  bool passed = false;  // verdict
  int64_t n_rows = 0;
  MetricValues metrics;
  bool has_confusion = false;
  std::vector<std::string> confusion_labels;
  bool numeric_confusion_labels = false;  // binary: labels [0, 1] as numbers
  std::vector<std::vector<int64_t>> confusion;
  std::vector<ThresholdResult> thresholds;
  std::optional<std::string> slice_column;
  std::map<std::string, SliceResult> slices;
  std::map<std::string, SliceGap> worst_slice_gap;
  bool has_importance = false;
  std::string importance_metric;
  int importance_repeats = 0;
  int64_t importance_seed = 0;
  std::vector<std::pair<std::string, double>> importance;      // feature -> mean drop
  std::vector<std::pair<std::string, double>> importance_std;  // population std
  Compliance compliance;
};

struct RunCreate {
  std::string scenario_name;
  std::optional<std::string> model_name;  // overrides the scenario's model
  std::optional<int64_t> model_version;
};

struct EvalRun {
  std::string run_id;
  std::string scenario_name;
  int64_t scenario_revision = 0;
  std::optional<std::string> model_name;
  std::optional<int64_t> model_version;
  // The dataset the run evaluates: the scenario's when the run was created. A queued or running
  // run holds it against deletion.
  std::string dataset_id;
  RunStatus status = RunStatus::kQueued;
  std::optional<std::string> verdict;  // "pass" | "fail" once completed
  std::optional<std::string> failure_reason;
  std::optional<int64_t> n_rows;
  std::string created_by;
  int64_t created_at = 0;
  std::optional<int64_t> started_at;
  std::optional<int64_t> finished_at;
  int64_t revision = 0;
  // Set by the service when the run completes; the store writes it as the stored report.
  std::optional<Report> report;
  // The stored report document of a completed run as read back: rendered as is by the JSON
  // layer, never read by the service (empty before completion and in list views).
  std::string stored_report;
};

struct ScenarioListRequest {
  std::optional<std::string> task_type;
  std::optional<std::string> dataset_id;
  std::optional<int64_t> limit;
  std::string page_token;
};

struct RunListRequest {
  std::optional<std::string> scenario_name;
  std::optional<std::string> status;
  std::optional<int64_t> limit;
  std::string page_token;
};

}  // namespace cairn::evaluation
