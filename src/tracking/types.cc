#include "tracking/types.h"

#include "tracking/tracking_store.h"

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
    case RunStatus::kScheduled:
      return "scheduled";
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
  if (s == "scheduled") return RunStatus::kScheduled;
  if (s == "completed") return RunStatus::kCompleted;
  if (s == "failed") return RunStatus::kFailed;
  if (s == "killed") return RunStatus::kKilled;
  return std::nullopt;
}

std::optional<LifecycleFilter> ParseLifecycleFilter(std::string_view s) {
  if (s == "active") return LifecycleFilter::kActive;
  if (s == "deleted") return LifecycleFilter::kDeleted;
  if (s == "all") return LifecycleFilter::kAll;
  return std::nullopt;
}

Status DeletedError(const std::string& what) {
  return Status(StatusCode::kFailedPrecondition, what + " is deleted; restore it first",
                {{"lifecycle_stage", "deleted"}});
}

std::string Describe(const ExperimentRef& ref) {
  if (const auto* name = std::get_if<std::string>(&ref)) return "experiment '" + *name + "'";
  return "experiment " + std::to_string(std::get<int64_t>(ref));
}

}  // namespace cairn::tracking
