#include "prompts/types.h"

namespace cairn::prompts {

std::string_view ToString(VersionStatus s) {
  switch (s) {
    case VersionStatus::kDraft:
      return "draft";
    case VersionStatus::kPendingReview:
      return "pending_review";
    case VersionStatus::kApproved:
      return "approved";
    case VersionStatus::kRejected:
      return "rejected";
    case VersionStatus::kDeprecated:
      return "deprecated";
  }
  return "draft";
}

std::optional<VersionStatus> ParseVersionStatus(std::string_view s) {
  for (auto v : {VersionStatus::kDraft, VersionStatus::kPendingReview, VersionStatus::kApproved,
                 VersionStatus::kRejected, VersionStatus::kDeprecated}) {
    if (ToString(v) == s) return v;
  }
  return std::nullopt;
}

std::string_view ToString(Severity s) {
  switch (s) {
    case Severity::kInfo:
      return "info";
    case Severity::kLow:
      return "low";
    case Severity::kMedium:
      return "medium";
    case Severity::kHigh:
      return "high";
    case Severity::kCritical:
      return "critical";
  }
  return "info";
}

std::optional<Severity> ParseSeverity(std::string_view s) {
  for (auto v :
       {Severity::kInfo, Severity::kLow, Severity::kMedium, Severity::kHigh, Severity::kCritical}) {
    if (ToString(v) == s) return v;
  }
  return std::nullopt;
}

std::string_view ToString(ReviewAction a) {
  switch (a) {
    case ReviewAction::kSubmit:
      return "submit";
    case ReviewAction::kApprove:
      return "approve";
    case ReviewAction::kReject:
      return "reject";
    case ReviewAction::kDeprecate:
      return "deprecate";
  }
  return "submit";
}

}  // namespace cairn::prompts
