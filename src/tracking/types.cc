#include "tracking/types.h"

namespace cairn::tracking {

std::string_view ToString(ExperimentStatus s) {
  switch (s) {
    case ExperimentStatus::kActive:
      return "active";
    case ExperimentStatus::kCompleted:
      return "completed";
    case ExperimentStatus::kArchived:
      return "archived";
  }
  return "active";
}

std::string_view ToString(RunStatus s) {
  switch (s) {
    case RunStatus::kRunning:
      return "running";
    case RunStatus::kCompleted:
      return "completed";
    case RunStatus::kFailed:
      return "failed";
    case RunStatus::kKilled:
      return "killed";
  }
  return "running";
}

std::optional<ExperimentStatus> ParseExperimentStatus(std::string_view s) {
  if (s == "active") return ExperimentStatus::kActive;
  if (s == "completed") return ExperimentStatus::kCompleted;
  if (s == "archived") return ExperimentStatus::kArchived;
  return std::nullopt;
}

std::optional<RunStatus> ParseRunStatus(std::string_view s) {
  if (s == "running") return RunStatus::kRunning;
  if (s == "completed") return RunStatus::kCompleted;
  if (s == "failed") return RunStatus::kFailed;
  if (s == "killed") return RunStatus::kKilled;
  return std::nullopt;
}

}  // namespace cairn::tracking
