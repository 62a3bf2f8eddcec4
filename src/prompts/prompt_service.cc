#include "prompts/prompt_service.h"

#include <algorithm>
#include <set>
#include <utility>

#include "common/identity.h"
#include "common/ids.h"
#include "common/log.h"
#include "common/revision.h"
#include "common/sha256.h"
#include "common/time.h"
#include "common/validation.h"
#include "prompts/template_syntax.h"

namespace cairn::prompts {
namespace {

constexpr size_t kMaxBodyBytes = 256 * 1024;
constexpr size_t kMaxVariables = 100;
constexpr size_t kMaxVariableDescription = 2000;
constexpr size_t kMaxDefaultBytes = 64 * 1024;
constexpr size_t kMaxModelHint = 256;
constexpr size_t kMaxParametersBytes = 16 * 1024;
constexpr size_t kMaxDescription = 10000;
constexpr size_t kMaxTags = 100;
constexpr size_t kMaxTagKey = 250;
constexpr size_t kMaxTagValue = 8000;
constexpr size_t kMaxComment = 4000;
constexpr size_t kMaxApp = 128;
constexpr size_t kMaxError = 4000;
constexpr size_t kMaxBlockingFindingsReported = 20;
constexpr char kResourceType[] = "prompt_template";

using validation::FieldInvalid;

Status Check(std::vector<FieldError> errors) { return validation::Invalid(std::move(errors)); }

// How messages name a template or a version.
std::string Resource(const Template& t) { return "prompt template '" + t.id + "'"; }
std::string Resource(const Version& v) {
  return "version " + std::to_string(v.version) + " of prompt template '" + v.template_id + "'";
}

std::string VersionId(const std::string& id, int64_t version) {
  return id + "/" + std::to_string(version);
}

audit::Entry MakeAudit(int64_t at, const std::string& actor, std::string action, std::string id,
                       audit::Summary summary = {}) {
  return audit::Entry{
      at, actor, std::move(action), kResourceType, std::move(id), std::move(summary)};
}

Status TemplateNotFound(const std::string& id) {
  return NotFound("prompt template '" + id + "' not found");
}

void ValidateVariables(const std::vector<Variable>& vars, std::vector<FieldError>& errors) {
  if (vars.size() > kMaxVariables) {
    errors.push_back({"variables", "must have at most 100 entries"});
    return;
  }
  std::set<std::string> seen;
  for (size_t i = 0; i < vars.size(); ++i) {
    const std::string f = "variables[" + std::to_string(i) + "]";
    const Variable& v = vars[i];
    if (!IsValidVariableName(v.name)) {
      errors.push_back({f + ".name", "must match [A-Za-z_][A-Za-z0-9_]{0,63}"});
    } else if (!seen.insert(v.name).second) {
      errors.push_back({f + ".name", "duplicates variable '" + v.name + "'"});
    }
    if (v.description.size() > kMaxVariableDescription)
      errors.push_back({f + ".description", "must be at most 2000 bytes"});
    if (v.default_value && v.default_value->size() > kMaxDefaultBytes)
      errors.push_back({f + ".default", "must be at most 65536 bytes"});
  }
}

void ValidateBody(const std::string& body, std::vector<FieldError>& errors) {
  if (body.empty() || body.size() > kMaxBodyBytes)
    errors.push_back({"body", "must be 1 to 262144 bytes"});
}

void ValidateContent(const VersionContent& c, std::vector<FieldError>& errors) {
  ValidateBody(c.body, errors);
  ValidateVariables(c.variables, errors);
  if (c.model_hint.size() > kMaxModelHint)
    errors.push_back({"model_hint", "must be at most 256 bytes"});
  if (c.parameters_json.size() > kMaxParametersBytes)
    errors.push_back({"parameters", "must be at most 16384 bytes of JSON"});
}

void ValidateTags(const StringMap& tags, std::vector<FieldError>& errors) {
  validation::CheckMap(
      errors, "tags", tags,
      {.max_entries = kMaxTags, .max_key_length = kMaxTagKey, .max_value_length = kMaxTagValue});
}

Version NewVersion(const VersionContent& c, const std::string& actor, int64_t now) {
  Version v;
  v.body = c.body;
  v.body_sha256 = Sha256Hex(c.body);
  v.variables = c.variables;
  v.model_hint = c.model_hint;
  v.parameters_json = c.parameters_json;
  v.status = VersionStatus::kDraft;
  v.created_by = actor;
  v.created_at = now;
  v.updated_at = now;
  v.revision = 1;
  return v;
}

Status IllegalTransition(const Version& v, ReviewAction action) {
  return FailedPrecondition("cannot " + std::string(ToString(action)) + " version " +
                            std::to_string(v.version) + ": it is " +
                            std::string(ToString(v.status)));
}

Status EvaluationFailed(const Evaluation& ev) {
  std::vector<FieldError> errors;
  for (const auto& f : ev.findings) {
    if (f.severity < Severity::kHigh) continue;
    if (errors.size() == kMaxBlockingFindingsReported) break;
    std::string where = f.start ? " at bytes " + std::to_string(*f.start) + ".." +
                                      std::to_string(f.end.value_or(*f.start))
                                : "";
    errors.push_back({"body", f.rule + " (" + std::string(ToString(f.severity)) + ")" + where +
                                  ": " + f.message});
  }
  if (errors.empty()) {
    return Status(StatusCode::kFailedPrecondition,
                  "the automatic evaluation failed (score " + std::to_string(ev.score) +
                      " is below the passing score " + std::to_string(kPassingScore) +
                      "); fix the findings and submit again");
  }
  return Status(StatusCode::kFailedPrecondition,
                "the automatic evaluation failed (score " + std::to_string(ev.score) +
                    "); fix the blocking findings and submit again",
                std::move(errors));
}

bool IsMutableStatus(VersionStatus s) { return s == VersionStatus::kDraft; }

Status CheckIdAndVersion(const std::string& id, int64_t version) {
  if (!IsUuid(id)) return TemplateNotFound(id);
  if (version < 1) return NotFound("version " + std::to_string(version) + " not found");
  return Status::Ok();
}

}  // namespace

PromptService::PromptService(std::unique_ptr<PromptStore> store,
                             std::unique_ptr<PromptEvaluator> evaluator, const Clock& clock,
                             PromptServiceOptions options)
    : store_(std::move(store)),
      evaluator_(std::move(evaluator)),
      clock_(clock),
      options_(options) {}

Result<Template> PromptService::CreateTemplate(const TemplateCreate& req,
                                               const std::string& actor) {
  std::vector<FieldError> errors;
  if (!IsValidName(req.name))
    errors.push_back({"name", "must be 1-128 chars of [A-Za-z0-9_.-], starting alphanumeric"});
  if (req.description.size() > kMaxDescription)
    errors.push_back({"description", "must be at most 10000 characters"});
  ValidateTags(req.tags, errors);
  ValidateContent(req.content, errors);
  RETURN_IF_ERROR(Check(std::move(errors)));

  const int64_t now = clock_.NowMillis();
  Template t;
  t.id = NewUuid();
  t.name = req.name;
  t.description = req.description;
  t.owner = actor;
  t.tags = req.tags;
  t.latest_version = 1;
  t.created_by = actor;
  t.created_at = now;
  t.updated_at = now;
  t.revision = 1;
  Version v = NewVersion(req.content, actor, now);
  v.template_id = t.id;
  v.version = 1;
  RETURN_IF_ERROR(store_->CreateTemplate(
      t, v, MakeAudit(now, actor, "prompt_template.create", t.id, {{"name", t.name}})));
  t.versions.push_back(std::move(v));
  return t;
}

Result<Template> PromptService::GetTemplate(const std::string& id) {
  if (!IsUuid(id)) return TemplateNotFound(id);
  return store_->GetTemplate(id);
}

Result<Page<Template>> PromptService::ListTemplates(const TemplateListRequest& req) {
  TemplateQuery q;
  ASSIGN_OR_RETURN(q.limit, PageLimit(req.limit));
  if (req.status) {
    q.status = ParseVersionStatus(*req.status);
    if (!q.status)
      return FieldInvalid("status",
                          "must be one of draft, pending_review, approved, rejected, deprecated");
  }
  q.owner = req.owner;
  if (req.tag) {
    const std::string& tag = *req.tag;
    size_t sep = tag.find('=');
    if (sep == std::string::npos) sep = tag.find(':');
    std::string key = tag.substr(0, sep);
    if (key.empty() || key.size() > kMaxTagKey)
      return FieldInvalid("tag", "must be 'key' or 'key=value' with a 1-250 character key");
    q.tag_key = key;
    if (sep != std::string::npos) q.tag_value = tag.substr(sep + 1);
  }
  q.page_token = req.page_token;
  return store_->ListTemplates(q);
}

Result<Template> PromptService::UpdateTemplate(const std::string& id, const TemplatePatch& patch,
                                               std::optional<int64_t> if_match,
                                               const std::string& actor) {
  if (!IsUuid(id)) return TemplateNotFound(id);
  std::vector<FieldError> errors;
  if (patch.description && patch.description->size() > kMaxDescription)
    errors.push_back({"description", "must be at most 10000 characters"});
  if (patch.tags) ValidateTags(*patch.tags, errors);
  RETURN_IF_ERROR(Check(std::move(errors)));
  const int64_t now = clock_.NowMillis();
  return store_->UpdateTemplate(id, [&](const Template& cur) -> Result<TemplateChange> {
    RETURN_IF_ERROR(CheckIfMatch(Resource(cur), if_match, cur.revision));
    TemplateChange change;
    change.description = patch.description.value_or(cur.description);
    change.updated_at = now;
    std::string changed;
    if (change.description != cur.description) changed = "description";
    if (patch.tags && *patch.tags != cur.tags) {
      change.tags = patch.tags;
      changed += changed.empty() ? "tags" : ",tags";
    }
    if (!changed.empty())
      change.audit = MakeAudit(now, actor, "prompt_template.update", id, {{"changed", changed}});
    return change;
  });
}

Result<Version> PromptService::CreateVersion(const std::string& id, const VersionContent& content,
                                             const std::string& actor) {
  if (!IsUuid(id)) return TemplateNotFound(id);
  std::vector<FieldError> errors;
  ValidateContent(content, errors);
  RETURN_IF_ERROR(Check(std::move(errors)));
  const int64_t now = clock_.NowMillis();
  Version v = NewVersion(content, actor, now);
  return store_->CreateVersion(id, std::move(v),
                               MakeAudit(now, actor, "prompt_version.create", id));
}

Result<Version> PromptService::GetVersion(const std::string& id, int64_t version) {
  RETURN_IF_ERROR(CheckIdAndVersion(id, version));
  return store_->GetVersion(id, version);
}

Result<Version> PromptService::UpdateVersion(const std::string& id, int64_t version,
                                             const VersionPatch& patch,
                                             std::optional<int64_t> if_match,
                                             const std::string& actor) {
  RETURN_IF_ERROR(CheckIdAndVersion(id, version));
  std::vector<FieldError> errors;
  if (patch.body) ValidateBody(*patch.body, errors);
  if (patch.variables) ValidateVariables(*patch.variables, errors);
  if (patch.model_hint && patch.model_hint->size() > kMaxModelHint)
    errors.push_back({"model_hint", "must be at most 256 bytes"});
  if (patch.parameters_json && patch.parameters_json->size() > kMaxParametersBytes)
    errors.push_back({"parameters", "must be at most 16384 bytes of JSON"});
  RETURN_IF_ERROR(Check(std::move(errors)));
  const int64_t now = clock_.NowMillis();
  return store_->UpdateVersion(id, version, [&](const Version& cur) -> Result<VersionChange> {
    RETURN_IF_ERROR(CheckIfMatch(Resource(cur), if_match, cur.revision));
    if (!IsMutableStatus(cur.status)) {
      return FailedPrecondition("version " + std::to_string(version) + " is " +
                                std::string(ToString(cur.status)) +
                                " and immutable; create a new version instead");
    }
    Version u = cur;
    std::string changed;
    auto note = [&](const char* f) { changed += (changed.empty() ? "" : ",") + std::string(f); };
    if (patch.body && *patch.body != cur.body) {
      u.body = *patch.body;
      u.body_sha256 = Sha256Hex(u.body);
      note("body");
    }
    if (patch.variables) {
      u.variables = *patch.variables;
      note("variables");
    }
    if (patch.model_hint) {
      u.model_hint = *patch.model_hint;
      note("model_hint");
    }
    if (patch.parameters_json) {
      u.parameters_json = *patch.parameters_json;
      note("parameters");
    }
    // Whoever changes the content is an author of it too (four-eyes at approval).
    if (!changed.empty() &&
        std::find(u.edited_by.begin(), u.edited_by.end(), actor) == u.edited_by.end()) {
      u.edited_by.push_back(actor);
      std::sort(u.edited_by.begin(), u.edited_by.end());
    }
    u.updated_at = now;
    return VersionChange{u, MakeAudit(now, actor, "prompt_version.update", VersionId(id, version),
                                      {{"changed", changed}})};
  });
}

Result<Evaluation> PromptService::Evaluate(const EvaluateRequest& req, const std::string& actor) {
  const bool stored = req.template_id || req.version;
  const bool inline_body = req.body || req.variables;
  if (stored == inline_body) {
    return Check({{"body", "give either template_id and version, or body (with variables)"}});
  }
  if (inline_body) {
    std::vector<FieldError> errors;
    if (!req.body)
      errors.push_back({"body", "is required"});
    else
      ValidateBody(*req.body, errors);
    if (req.variables) ValidateVariables(*req.variables, errors);
    RETURN_IF_ERROR(Check(std::move(errors)));
    return evaluator_->Evaluate(*req.body, req.variables.value_or(std::vector<Variable>{}));
  }
  std::vector<FieldError> errors;
  if (!req.template_id) errors.push_back({"template_id", "is required with version"});
  if (!req.version) errors.push_back({"version", "is required with template_id"});
  RETURN_IF_ERROR(Check(std::move(errors)));
  const std::string& id = *req.template_id;
  const int64_t version = *req.version;
  RETURN_IF_ERROR(CheckIdAndVersion(id, version));
  ASSIGN_OR_RETURN(Version current, store_->GetVersion(id, version));
  const int64_t now = clock_.NowMillis();
  if (!IsMutableStatus(current.status)) {
    // Immutable versions keep the evaluation they were reviewed with.
    Evaluation ev = evaluator_->Evaluate(current.body, current.variables);
    ev.evaluated_at = now;
    ev.evaluated_by = actor;
    return ev;
  }
  Evaluation result;
  RETURN_IF_ERROR(
      store_
          ->UpdateVersion(
              id, version,
              [&](const Version& cur) -> Result<VersionChange> {
                if (!IsMutableStatus(cur.status)) {
                  return ConcurrentChange(Resource(cur));
                }
                Evaluation ev = evaluator_->Evaluate(cur.body, cur.variables);
                ev.evaluated_at = now;
                ev.evaluated_by = actor;
                result = ev;
                Version u = cur;
                u.evaluation = std::move(ev);
                u.updated_at = now;
                return VersionChange{
                    u, MakeAudit(now, actor, "prompt_version.evaluate", VersionId(id, version),
                                 {{"score", int64_t{result.score}},
                                  {"passed", std::string(result.passed ? "true" : "false")}})};
              })
          .status());
  return result;
}

Result<Version> PromptService::Review(const std::string& id, int64_t version, ReviewAction action,
                                      const ReviewRequest& req, std::optional<int64_t> if_match,
                                      const std::string& actor) {
  RETURN_IF_ERROR(CheckIdAndVersion(id, version));
  if (req.comment && req.comment->size() > kMaxComment)
    return FieldInvalid("comment", "must be at most 4000 bytes");
  if (action == ReviewAction::kReject &&
      (!req.comment || req.comment->find_first_not_of(" \t\r\n") == std::string::npos)) {
    return FieldInvalid("comment", "is required to reject");
  }
  const int64_t now = clock_.NowMillis();
  std::optional<audit::Entry> refusal;  // set when the four-eyes rule refuses an approval
  auto reviewed =
      store_->UpdateVersion(id, version, [&](const Version& cur) -> Result<VersionChange> {
        RETURN_IF_ERROR(CheckIfMatch(Resource(cur), if_match, cur.revision));
        Version u = cur;
        u.updated_at = now;
        audit::Summary summary{{"from", std::string(ToString(cur.status))}};
        if (req.comment) summary["comment"] = *req.comment;
        switch (action) {
          case ReviewAction::kSubmit: {
            if (cur.status != VersionStatus::kDraft) return IllegalTransition(cur, action);
            Evaluation ev = evaluator_->Evaluate(cur.body, cur.variables);
            ev.evaluated_at = now;
            ev.evaluated_by = actor;
            if (!ev.passed) return EvaluationFailed(ev);
            summary["score"] = int64_t{ev.score};
            u.evaluation = std::move(ev);
            u.status = VersionStatus::kPendingReview;
            u.submitted_by = actor;
            u.submitted_at = now;
            u.review_comment = req.comment;
            break;
          }
          case ReviewAction::kApprove: {
            if (cur.status != VersionStatus::kPendingReview) return IllegalTransition(cur, action);
            std::optional<std::string> same_as;
            if (MaybeSamePerson(actor, cur.created_by)) same_as = "author";
            if (!same_as && cur.submitted_by && MaybeSamePerson(actor, *cur.submitted_by))
              same_as = "submitter";
            for (const auto& editor : cur.edited_by) {
              if (!same_as && MaybeSamePerson(actor, editor)) same_as = "editor";
            }
            if (same_as) {
              refusal =
                  MakeAudit(now, actor, "prompt_version.approve_refused", VersionId(id, version),
                            {{"rule", std::string("four_eyes")}, {"same_as", *same_as}});
              return PermissionDenied(
                  "the approver must be neither the author, the submitter nor an editor of "
                  "version " +
                  std::to_string(version) + " (you are its " + *same_as + ")");
            }
            // Pending versions are immutable, so this holds unless the row was edited outside the
            // service; checked anyway because approval is what production trusts.
            if (!cur.evaluation || !cur.evaluation->passed ||
                cur.evaluation->body_sha256 != cur.body_sha256) {
              return FailedPrecondition("version " + std::to_string(version) +
                                        " has no passing evaluation of its current body");
            }
            u.status = VersionStatus::kApproved;
            u.reviewed_by = actor;
            u.reviewed_at = now;
            u.review_comment = req.comment;
            break;
          }
          case ReviewAction::kReject:
            if (cur.status != VersionStatus::kPendingReview) return IllegalTransition(cur, action);
            u.status = VersionStatus::kRejected;
            u.reviewed_by = actor;
            u.reviewed_at = now;
            u.review_comment = req.comment;
            break;
          case ReviewAction::kDeprecate: {
            if (cur.status != VersionStatus::kApproved) return IllegalTransition(cur, action);
            if (!cur.labels.empty()) {
              std::string labels;
              for (const auto& l : cur.labels) labels += (labels.empty() ? "" : ", ") + l;
              return FailedPrecondition("version " + std::to_string(version) + " is labelled (" +
                                        labels +
                                        "); move or delete its labels before deprecating it");
            }
            u.status = VersionStatus::kDeprecated;
            break;
          }
        }
        summary["to"] = std::string(ToString(u.status));
        return VersionChange{
            u, MakeAudit(now, actor, "prompt_version." + std::string(ToString(action)),
                         VersionId(id, version), std::move(summary))};
      });
  if (!reviewed.ok() && refusal) {
    if (Status st = store_->AppendAudit(*refusal); !st.ok()) {
      log::Error("could not audit prompt_version.approve_refused: " +
                 std::string(StatusCodeName(st.code())));
    }
  }
  return reviewed;
}

Result<LabelMove> PromptService::SetLabel(const std::string& id, const std::string& label,
                                          int64_t version, const std::string& actor,
                                          std::optional<int64_t> if_match) {
  if (!IsUuid(id)) return TemplateNotFound(id);
  std::vector<FieldError> errors;
  if (!IsValidName(label))
    errors.push_back({"label", "must be 1-128 chars of [A-Za-z0-9_.-], starting alphanumeric"});
  if (version < 1) errors.push_back({"version", "must be a positive integer"});
  RETURN_IF_ERROR(Check(std::move(errors)));
  const int64_t now = clock_.NowMillis();
  return store_->SetLabel(
      id, label, version,
      [&](const Version& v) -> Status {
        if (v.status != VersionStatus::kApproved) {
          return FailedPrecondition("label '" + label +
                                    "' can only point at an approved "
                                    "version; version " +
                                    std::to_string(version) + " is " +
                                    std::string(ToString(v.status)));
        }
        return Status::Ok();
      },
      if_match, actor, MakeAudit(now, actor, "prompt_label.set", id, {{"label", label}}));
}

Result<int64_t> PromptService::DeleteLabel(const std::string& id, const std::string& label,
                                           const std::string& actor) {
  if (!IsUuid(id)) return TemplateNotFound(id);
  if (!IsValidName(label)) return NotFound("label '" + label + "' not found");
  return store_->DeleteLabel(
      id, label,
      MakeAudit(clock_.NowMillis(), actor, "prompt_label.delete", id, {{"label", label}}));
}

Result<UsageEvent> PromptService::LogUsage(const std::string& id, int64_t version, UsageEvent e,
                                           const std::string& actor) {
  RETURN_IF_ERROR(CheckIdAndVersion(id, version));
  std::vector<FieldError> errors;
  if (e.app.empty() || e.app.size() > kMaxApp) errors.push_back({"app", "must be 1 to 128 bytes"});
  if (e.latency_ms < 0) errors.push_back({"latency_ms", "must be >= 0"});
  if (e.input_tokens < 0) errors.push_back({"input_tokens", "must be >= 0"});
  if (e.output_tokens < 0) errors.push_back({"output_tokens", "must be >= 0"});
  if (e.cost_usd < 0) errors.push_back({"cost_usd", "must be >= 0"});
  if (e.error && e.error->size() > kMaxError)
    errors.push_back({"error", "must be at most 4000 bytes"});
  RETURN_IF_ERROR(Check(std::move(errors)));
  e.logged_by = actor;
  e.at = clock_.NowMillis();
  RETURN_IF_ERROR(store_->LogUsage(
      id, version, e,
      [&](const Version& v) -> Status {
        if (v.status != VersionStatus::kApproved) {
          return FailedPrecondition("usage can only be logged for an approved version; version " +
                                    std::to_string(version) + " is " +
                                    std::string(ToString(v.status)));
        }
        return Status::Ok();
      },
      MakeAudit(e.at, actor, "prompt_version.usage", VersionId(id, version),
                {{"app", e.app}, {"success", std::string(e.success ? "true" : "false")}})));
  return e;
}

Result<UsageSummary> PromptService::GetUsage(const std::string& id, int64_t version,
                                             const std::optional<std::string>& since,
                                             std::optional<int64_t> recent) {
  RETURN_IF_ERROR(CheckIdAndVersion(id, version));
  std::optional<int64_t> since_ms;
  if (since) {
    since_ms = ParseRfc3339(*since);
    if (!since_ms) return FieldInvalid("since", "must be an RFC 3339 date-time");
  }
  if (recent && (*recent < 0 || *recent > kMaxRecentUsage))
    return FieldInvalid("recent", "must be between 0 and 100");
  return store_->GetUsage(id, version, since_ms,
                          static_cast<int>(recent.value_or(kDefaultRecentUsage)));
}

Result<Rendered> PromptService::Render(const std::string& id, const RenderRequest& req) {
  if (!IsUuid(id)) return TemplateNotFound(id);
  if (req.label.has_value() == req.version.has_value())
    return FieldInvalid("label", "give exactly one of label and version");
  Result<Version> found =
      req.label ? store_->GetVersionByLabel(id, *req.label)
                : (*req.version < 1 ? Result<Version>(NotFound(
                                          "version " + std::to_string(*req.version) + " not found"))
                                    : store_->GetVersion(id, *req.version));
  if (!found.ok()) return found.status();
  const Version& v = *found;
  if (v.status != VersionStatus::kApproved) {
    return FailedPrecondition("only approved versions can be rendered; version " +
                              std::to_string(v.version) + " is " + std::string(ToString(v.status)));
  }
  std::vector<FieldError> errors;
  std::set<std::string> declared;
  for (const auto& var : v.variables) declared.insert(var.name);
  for (const auto& [name, value] : req.variables) {
    if (!declared.count(name))
      errors.push_back(
          {"variables." + name, "is not declared by version " + std::to_string(v.version)});
  }
  std::map<std::string, std::string> values;
  for (const auto& var : v.variables) {
    auto it = req.variables.find(var.name);
    if (it != req.variables.end()) {
      values[var.name] = it->second;
    } else if (var.default_value) {
      values[var.name] = *var.default_value;
    } else if (var.required) {
      errors.push_back({"variables." + var.name, "is required"});
    }
  }
  RETURN_IF_ERROR(Check(std::move(errors)));
  if (const size_t size = RenderedSize(v.body, values); size > options_.max_render_bytes) {
    return Status(StatusCode::kResourceExhausted,
                  "the rendered prompt would be " +
                      (size == SIZE_MAX ? std::string("too many") : std::to_string(size)) +
                      " bytes; the limit is " + std::to_string(options_.max_render_bytes) +
                      " bytes (prompt_max_render_bytes)");
  }
  return Rendered{RenderBody(v.body, values), v.version, req.label};
}

}  // namespace cairn::prompts
