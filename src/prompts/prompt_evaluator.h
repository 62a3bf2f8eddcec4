// PromptEvaluator: the automatic evaluation of a prompt body and its declared variables
// (SPEC §5 "POST /evaluate").
//
// Rules (ids, categories, severities and example texts are listed by RuleCatalog()):
//   placeholders  placeholder.undeclared (high), placeholder.unused (low),
//                 placeholder.required_without_default (info), syntax.malformed_placeholder (high)
//   length        length.over_budget (high, so a body over the budget cannot be submitted):
//                 estimated tokens > token_budget
//   injection     injection.ignore_previous, injection.disregard_above, injection.role_override,
//                 injection.system_prompt_leak (high), English and Korean phrasings
//   pii           pii.email (high), pii.phone (high; Korean 010-1234-5678, +82 10 …, 02-…,
//                 North American, E.164), pii.card (high; passes Luhn: 13–19 contiguous
//                 digits starting 2–6, 4×4 groups or Amex 4-6-5 groups with spaces/hyphens),
//                 pii.rrn (critical; Korean resident registration number with a valid date
//                 and checksum). Every PII category blocks: a prompt template is shipped to a
//                 model provider and into logs, so personal data in it is a leak, not a style
//                 issue.
//   secret        secret.aws_access_key, secret.openai_key, secret.github_token,
//                 secret.slack_token, secret.private_key (critical)
//   banned        banned.term (high): configured terms, case-insensitive, whole words for
//                 terms that start/end with ASCII letters or digits
//
// Normalisation: the injection, PII, secret and banned-term patterns run over the body
// normalised as text_normalizer.h says (tag characters read as ASCII, format and
// default-ignorable characters removed, NFKC, Unicode spaces as U+0020), so fullwidth letters,
// zero-width characters or a soft hyphen inside a phrase, address or key do not hide it.
// Banned terms are normalised the same way. Placeholders and the token estimate use the body
// as written.
// Positions: `start`/`end` are BYTE offsets into the original UTF-8 body (end exclusive), so
// body.substr(start, end - start) is the matched text in every language, including characters
// that normalisation removed or folded inside the match.
// Token estimate: ceil(ASCII bytes / 4) + one token per non-ASCII code point (Hangul and CJK
// characters are usually one or more tokens each).
// Scoring: score = max(0, 100 − Σ weight), weights info 0, low 5, medium 15, high 40,
// critical 100; `passed` is false iff some finding is high or critical (blocking) or the score
// is below kPassingScore (eleven or more low findings), so a passing evaluation always has a
// score of at least 50 and no blocking finding.
// At most kMaxFindingsPerRule hits are reported per rule (`truncated` is then true);
// `findings_total` counts every hit among the first 10 000 candidate matches of each rule.
//
// Matching uses RE2 (linear time in the input, no backtracking), placeholder parsing is a
// linear hand-written scan, so hostile bodies cannot make an evaluation slow.
//
// Thread safety: immutable after construction; Evaluate is thread-safe.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "prompts/types.h"

namespace cairn::prompts {

inline constexpr int64_t kDefaultTokenBudget = 4096;
inline constexpr size_t kMaxFindingsPerRule = 100;
inline constexpr int kPassingScore = 50;

struct EvaluatorOptions {
  int64_t token_budget = kDefaultTokenBudget;
  std::vector<std::string> banned_terms;
};

// A rule example: a body and its declared variables written as "a,b!,c=x" (`!` required
// without default, `=x` default x).
struct RuleExample {
  std::string_view body;
  std::string_view declared;
};

struct RuleInfo {
  std::string_view id;
  std::string_view category;
  Severity severity;
  std::string_view description;
  std::vector<RuleExample> positives;  // must produce this rule
  std::vector<RuleExample> negatives;  // must not
};

// Examples of length.over_budget and banned.term assume CatalogExampleOptions().
const std::vector<RuleInfo>& RuleCatalog();
EvaluatorOptions CatalogExampleOptions();
// Parses RuleExample::declared.
std::vector<Variable> ParseDeclared(std::string_view declared);

[[nodiscard]] int SeverityWeight(Severity s);
[[nodiscard]] int64_t EstimateTokens(std::string_view body);

class PromptEvaluator {
 public:
  // Errors: InvalidArgument (token_budget < 1, a banned term empty or over 200 bytes).
  static Result<std::unique_ptr<PromptEvaluator>> Create(EvaluatorOptions options);
  ~PromptEvaluator();

  // Fills every field except evaluated_at / evaluated_by.
  [[nodiscard]] Evaluation Evaluate(std::string_view body,
                                    const std::vector<Variable>& variables) const;
  const EvaluatorOptions& options() const { return options_; }

 private:
  struct Matchers;
  PromptEvaluator(EvaluatorOptions options, std::unique_ptr<Matchers> matchers);

  EvaluatorOptions options_;
  std::unique_ptr<Matchers> matchers_;
};

}  // namespace cairn::prompts
