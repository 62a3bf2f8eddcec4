// PromptService: prompt governance rules (SPEC §5). Validation, the review state machine and
// render; no SQL, no HTTP. Decisions a user should know:
// - Template names follow SPEC §1 (IsValidName) and are unique (409). `owner` is the creating
//   actor. `tags` is a string map; `?tag=key` matches templates having the key,
//   `?tag=key=value` (or `key:value`) that exact value. `?status=` matches templates having at
//   least one version in that status.
// - Bodies are 1..256 KiB of UTF-8; at most 100 variables, names [A-Za-z_][A-Za-z0-9_]{0,63},
//   unique; model_hint ≤ 256 bytes; parameters a JSON object ≤ 16 KiB.
// - Versions: draft → pending_review (submit) → approved (approve) | rejected (reject);
//   approved → deprecated (deprecate). Everything else is 409. Only drafts may be edited
//   (PATCH); pending_review, approved, rejected and deprecated versions are immutable. Every
//   change bumps the version's revision; If-Match on PATCH and on every transition gives 412 on
//   a stale revision.
// - Submit re-runs the automatic evaluation on the exact current body inside the submit
//   transaction and stores it with the transition; a failing evaluation (any high or critical
//   finding) is 409 and writes nothing (the problem's errors[] lists the blocking findings).
//   POST /evaluate on a stored draft records the evaluation on it (audited, bumps the revision);
//   on any other version the evaluation is computed and returned but not stored.
// - Approve: the approver must be neither the version's author (created_by) nor its submitter
//   → 403 (PermissionDenied). Reject requires a non-empty comment (400) and may be done by
//   anyone, including the author (withdrawal). Comments ≤ 4000 bytes.
// - Deprecate is refused (409) while a label points at the version: move or delete the label
//   first, so that rendering by label never breaks silently.
// - Labels: names follow IsValidName; a label may only point at an approved version (409);
//   PUT moves it atomically. Version numbers in paths are positive integers (400 otherwise).
// - Usage: only approved versions (409). app 1..128 bytes; latency_ms, tokens and cost ≥ 0;
//   error ≤ 4000 bytes. GET usage: exact p50/p95 from the stored rows, `since` RFC 3339,
//   `recent` 0..100 newest events (default 20).
// - Render: `label` or `version` (exactly one), approved versions only (409); undeclared
//   variables are 400; missing required variables without default are 400 naming each;
//   defaults apply; optional variables without default render as "". Values are inserted
//   literally (never re-expanded). The rendered text may be at most max_render_bytes (default
//   1 MiB, setting prompt_max_render_bytes): a larger result is 413 naming the limit, refused
//   before anything is rendered.
// - Every mutation is audited in its transaction (resource_type "prompt_template", id
//   "<template_id>" or "<template_id>/<version>").
//
// Thread safety: thread-safe (immutable after construction; the store is thread-safe).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/status.h"
#include "prompts/prompt_evaluator.h"
#include "prompts/prompt_store.h"
#include "prompts/types.h"

namespace cairn::prompts {

inline constexpr int kDefaultRecentUsage = 20;
inline constexpr int kMaxRecentUsage = 100;
inline constexpr size_t kDefaultMaxRenderBytes = size_t{1} << 20;

struct PromptServiceOptions {
  size_t max_render_bytes = kDefaultMaxRenderBytes;
};

class PromptService {
 public:
  PromptService(std::unique_ptr<PromptStore> store, std::unique_ptr<PromptEvaluator> evaluator,
                const Clock& clock = Clock::System(), PromptServiceOptions options = {});

  // Errors: InvalidArgument, AlreadyExists.
  Result<Template> CreateTemplate(const TemplateCreate& request, const std::string& actor);
  // Errors: NotFound.
  Result<Template> GetTemplate(const std::string& id);
  // Errors: InvalidArgument (status, tag, limit, page token).
  Result<Page<Template>> ListTemplates(const TemplateListRequest& request);

  // description and tags (owner and name are fixed). Errors: InvalidArgument, NotFound,
  // Aborted (If-Match), FailedPrecondition (concurrent change).
  Result<Template> UpdateTemplate(const std::string& id, const TemplatePatch& patch,
                                  std::optional<int64_t> if_match, const std::string& actor);

  // Errors: InvalidArgument, NotFound.
  Result<Version> CreateVersion(const std::string& id, const VersionContent& content,
                                const std::string& actor);
  // Errors: NotFound.
  Result<Version> GetVersion(const std::string& id, int64_t version);
  // Drafts only. Errors: InvalidArgument, NotFound, FailedPrecondition (not a draft, concurrent
  // change), Aborted (If-Match).
  Result<Version> UpdateVersion(const std::string& id, int64_t version, const VersionPatch& patch,
                                std::optional<int64_t> if_match, const std::string& actor);

  // Errors: InvalidArgument (neither or both of template_id/version and body), NotFound.
  Result<Evaluation> Evaluate(const EvaluateRequest& request, const std::string& actor);

  // Errors: InvalidArgument (reject without comment), NotFound, FailedPrecondition (illegal
  // transition, failing evaluation, labelled version, concurrent change), PermissionDenied
  // (approver is the author or submitter), Aborted (If-Match).
  Result<Version> Review(const std::string& id, int64_t version, ReviewAction action,
                         const ReviewRequest& request, std::optional<int64_t> if_match,
                         const std::string& actor);

  // Points a label at an approved version; with `if_match` the label must exist at that
  // revision. Errors: InvalidArgument (label name, version), NotFound, FailedPrecondition (not
  // approved), Aborted (stale If-Match, concurrent move).
  Result<LabelMove> SetLabel(const std::string& id, const std::string& label, int64_t version,
                             const std::string& actor, std::optional<int64_t> if_match = {});
  // Returns the version the label pointed at. Errors: InvalidArgument, NotFound.
  Result<int64_t> DeleteLabel(const std::string& id, const std::string& label,
                              const std::string& actor);

  // Errors: InvalidArgument, NotFound, FailedPrecondition (not approved).
  Result<UsageEvent> LogUsage(const std::string& id, int64_t version, UsageEvent event,
                              const std::string& actor);
  // Errors: InvalidArgument (since, recent), NotFound.
  Result<UsageSummary> GetUsage(const std::string& id, int64_t version,
                                const std::optional<std::string>& since,
                                std::optional<int64_t> recent);

  // Errors: InvalidArgument (label/version, variables), NotFound, FailedPrecondition (not
  // approved), ResourceExhausted (the result would exceed max_render_bytes).
  Result<Rendered> Render(const std::string& id, const RenderRequest& request);

  const PromptEvaluator& evaluator() const { return *evaluator_; }

 private:
  std::unique_ptr<PromptStore> store_;
  std::unique_ptr<PromptEvaluator> evaluator_;
  const Clock& clock_;
  PromptServiceOptions options_;
};

}  // namespace cairn::prompts
