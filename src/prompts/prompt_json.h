// Prompt governance types <-> JSON (SPEC §5). Request parsers are strict: unknown fields and
// wrong types are InvalidArgument with one FieldError each (`tags` is a free string map,
// `parameters` a free JSON object). Times are RFC 3339 strings with milliseconds.
//
// Also the storage encodings of a version's variables and evaluation (JSON text columns), so
// that the wire and the database share one representation.
//
// Thread safety: pure functions, thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "prompts/prompt_evaluator.h"
#include "prompts/types.h"

namespace cairn::prompts {

Result<TemplateCreate> ParseTemplateCreate(std::string_view body);
Result<TemplatePatch> ParseTemplatePatch(std::string_view body);
Result<VersionContent> ParseVersionCreate(std::string_view body);
Result<VersionPatch> ParseVersionPatch(std::string_view body);
Result<EvaluateRequest> ParseEvaluateRequest(std::string_view body);
// An empty body is an empty request.
Result<ReviewRequest> ParseReviewRequest(std::string_view body);
// {"version": n}
Result<int64_t> ParseLabelPut(std::string_view body);
// `logged_by` and `at` are filled by the service.
Result<UsageEvent> ParseUsageEvent(std::string_view body);
Result<RenderRequest> ParseRenderRequest(std::string_view body);

[[nodiscard]] std::string TemplateToJson(const Template& t);
[[nodiscard]] std::string TemplatePageToJson(const Page<Template>& page);
[[nodiscard]] std::string VersionToJson(const Version& v);
[[nodiscard]] std::string EvaluationToJson(const Evaluation& e);
[[nodiscard]] std::string UsageEventToJson(const UsageEvent& e);
[[nodiscard]] std::string UsageSummaryToJson(const UsageSummary& s);
[[nodiscard]] std::string RenderedToJson(const Rendered& r);
[[nodiscard]] std::string LabelToJson(const std::string& template_id, const std::string& label,
                                      const LabelMove& move);
[[nodiscard]] std::string RuleCatalogToJson(const std::vector<RuleInfo>& rules,
                                            const EvaluatorOptions& options);

// Storage encodings. Decoders are lenient (the store reads what it wrote).
[[nodiscard]] std::string VariablesToText(const std::vector<Variable>& vars);
[[nodiscard]] std::vector<Variable> VariablesFromText(const std::string& text);
[[nodiscard]] std::string EvaluationToText(const Evaluation& e);
[[nodiscard]] std::optional<Evaluation> EvaluationFromText(const std::string& text);

}  // namespace cairn::prompts
