// Prompt governance types (SPEC §5): templates, versions with a review workflow, the latest
// automatic evaluation, labels, usage events and their summary.
// Plain structs; no SQL, no JSON, no HTTP. Thread-compatible values.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/page.h"

namespace cairn::prompts {

inline constexpr char kPromptsPrefix[] = "/api/v1/prompt-governance";

using StringMap = std::map<std::string, std::string>;

enum class VersionStatus { kDraft, kPendingReview, kApproved, kRejected, kDeprecated };
[[nodiscard]] std::string_view ToString(VersionStatus s);
[[nodiscard]] std::optional<VersionStatus> ParseVersionStatus(std::string_view s);

enum class Severity { kInfo, kLow, kMedium, kHigh, kCritical };
[[nodiscard]] std::string_view ToString(Severity s);
[[nodiscard]] std::optional<Severity> ParseSeverity(std::string_view s);

// A declared template variable. `default_value` is used by render when the caller omits it.
struct Variable {
  std::string name;
  std::string description;
  bool required = false;
  std::optional<std::string> default_value;
};

// One rule hit. start/end are byte offsets into the evaluated body (end exclusive); nullopt for
// findings about declarations rather than text (e.g. an unused variable).
struct Finding {
  std::string rule;
  std::string category;
  Severity severity = Severity::kInfo;
  std::string message;
  std::optional<int64_t> start;
  std::optional<int64_t> end;
};

struct Evaluation {
  bool passed = true;
  int score = 100;
  std::vector<Finding> findings;
  int64_t findings_total = 0;  // hits counted before the per-rule cap (see prompt_evaluator.h)
  bool truncated = false;
  std::string body_sha256;  // hex SHA-256 of the exact body evaluated
  int64_t body_bytes = 0;
  int64_t body_chars = 0;  // Unicode code points
  int64_t estimated_tokens = 0;
  int64_t token_budget = 0;
  int64_t evaluated_at = 0;  // ms UTC
  std::string evaluated_by;
};

struct Version {
  std::string template_id;
  int64_t version = 0;
  std::string body;
  std::string body_sha256;
  std::vector<Variable> variables;
  std::string model_hint;
  std::string parameters_json = "{}";  // a JSON object (free-form)
  VersionStatus status = VersionStatus::kDraft;
  std::optional<Evaluation> evaluation;
  std::string created_by;
  int64_t created_at = 0;
  std::optional<std::string> submitted_by;
  std::optional<int64_t> submitted_at;
  std::optional<std::string> reviewed_by;
  std::optional<int64_t> reviewed_at;
  std::optional<std::string> review_comment;
  std::vector<std::string> edited_by;  // who changed its content after creation (sorted, unique)
  std::vector<std::string> labels;     // sorted
  int64_t updated_at = 0;
  int64_t revision = 1;
};

struct Template {
  std::string id;
  std::string name;
  std::string description;
  std::string owner;
  StringMap tags;
  int64_t latest_version = 1;
  std::string created_by;
  int64_t created_at = 0;
  int64_t updated_at = 0;
  int64_t revision = 1;
  std::map<std::string, int64_t> labels;  // label -> version
  std::vector<Version> versions;          // ascending by version
};

// Where a label points after a PUT, and its revision.
struct LabelMove {
  std::optional<int64_t> previous_version;  // nullopt: the label is new
  int64_t version = 0;
  int64_t revision = 1;
};

// ---- requests (validated by PromptService)

struct VersionContent {
  std::string body;
  std::vector<Variable> variables;
  std::string model_hint;
  std::string parameters_json = "{}";
};

struct TemplateCreate {
  std::string name;
  std::string description;
  StringMap tags;
  VersionContent content;
};

struct TemplatePatch {
  std::optional<std::string> description;
  std::optional<StringMap> tags;  // replaces the whole map
};

struct VersionPatch {
  std::optional<std::string> body;
  std::optional<std::vector<Variable>> variables;
  std::optional<std::string> model_hint;
  std::optional<std::string> parameters_json;
};

struct TemplateListRequest {
  std::optional<std::string> status;
  std::optional<std::string> owner;
  std::optional<std::string> tag;  // "key" or "key=value"
  std::optional<int64_t> limit;
  std::string page_token;
};

struct TemplateQuery {
  std::optional<VersionStatus> status;  // templates having a version in this status
  std::optional<std::string> owner;
  std::optional<std::string> tag_key;
  std::optional<std::string> tag_value;
  int limit = kDefaultPageSize;
  std::string page_token;
};

struct EvaluateRequest {
  std::optional<std::string> template_id;
  std::optional<int64_t> version;
  std::optional<std::string> body;
  std::optional<std::vector<Variable>> variables;
};

enum class ReviewAction { kSubmit, kApprove, kReject, kDeprecate };
[[nodiscard]] std::string_view ToString(ReviewAction a);

struct ReviewRequest {
  std::optional<std::string> comment;
};

struct UsageEvent {
  std::string app;
  double latency_ms = 0;
  int64_t input_tokens = 0;
  int64_t output_tokens = 0;
  double cost_usd = 0;
  bool success = true;
  std::optional<std::string> error;
  std::string logged_by;
  int64_t at = 0;  // ms UTC
};

struct UsageSummary {
  int64_t count = 0;
  std::optional<double> success_rate;
  std::optional<double> latency_p50;
  std::optional<double> latency_p95;
  int64_t input_tokens = 0;
  int64_t output_tokens = 0;
  double cost_usd = 0;
  std::optional<int64_t> since;
  std::vector<UsageEvent> recent;  // newest first
};

struct RenderRequest {
  std::optional<std::string> label;
  std::optional<int64_t> version;
  std::map<std::string, std::string> variables;
};

struct Rendered {
  std::string text;
  int64_t version = 0;
  std::optional<std::string> label;
};

}  // namespace cairn::prompts
