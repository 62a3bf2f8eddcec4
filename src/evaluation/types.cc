#include "evaluation/types.h"

namespace cairn::evaluation {

const char* TaskTypeName(TaskType t) {
  switch (t) {
    case TaskType::kBinary:
      return "binary_classification";
    case TaskType::kMulticlass:
      return "multiclass_classification";
    case TaskType::kRegression:
      return "regression";
  }
  return "binary_classification";
}

std::optional<TaskType> ParseTaskType(const std::string& s) {
  if (s == "binary_classification") return TaskType::kBinary;
  if (s == "multiclass_classification") return TaskType::kMulticlass;
  if (s == "regression") return TaskType::kRegression;
  return std::nullopt;
}

const std::vector<std::string>& TaskMetrics(TaskType t) {
  static const std::vector<std::string> kBinary = {"accuracy", "precision", "recall", "f1",
                                                   "roc_auc",  "log_loss",  "brier"};
  static const std::vector<std::string> kMulticlass = {"accuracy", "precision_macro",
                                                       "recall_macro", "f1_macro", "f1_weighted"};
  static const std::vector<std::string> kRegression = {"rmse", "mae", "r2", "mape"};
  switch (t) {
    case TaskType::kBinary:
      return kBinary;
    case TaskType::kMulticlass:
      return kMulticlass;
    case TaskType::kRegression:
      return kRegression;
  }
  return kBinary;
}

const char* PrimaryMetric(TaskType t) {
  switch (t) {
    case TaskType::kBinary:
      return "roc_auc";
    case TaskType::kMulticlass:
      return "accuracy";
    case TaskType::kRegression:
      return "r2";
  }
  return "roc_auc";
}

const char* RunStatusName(RunStatus s) {
  switch (s) {
    case RunStatus::kQueued:
      return "queued";
    case RunStatus::kRunning:
      return "running";
    case RunStatus::kCompleted:
      return "completed";
    case RunStatus::kFailed:
      return "failed";
  }
  return "queued";
}

std::optional<RunStatus> ParseRunStatus(const std::string& s) {
  if (s == "queued") return RunStatus::kQueued;
  if (s == "running") return RunStatus::kRunning;
  if (s == "completed") return RunStatus::kCompleted;
  if (s == "failed") return RunStatus::kFailed;
  return std::nullopt;
}

bool IsValidThresholdOp(const std::string& op) {
  return op == ">=" || op == ">" || op == "<=" || op == "<" || op == "==";
}

}  // namespace cairn::evaluation
