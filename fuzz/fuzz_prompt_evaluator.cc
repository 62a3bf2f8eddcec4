// Fuzzes the prompt evaluator on arbitrary bytes: the Unicode normalisation and its offset map,
// the placeholder scan and every pattern rule. Checks: it terminates, the normalised text is
// valid UTF-8, every original span lies inside the input with start <= end and grows with the
// normalised range, every finding's byte range lies inside the body, and `passed` agrees with
// the findings and the score.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>

#include "common/utf8.h"
#include "prompts/prompt_evaluator.h"
#include "prompts/text_normalizer.h"

namespace {

const cairn::prompts::PromptEvaluator& Evaluator() {
  static const std::unique_ptr<cairn::prompts::PromptEvaluator> ev = [] {
    cairn::prompts::EvaluatorOptions o;
    o.token_budget = 64;
    o.banned_terms = {"acme-secret", "내부용", "ｃｏｄｅ\u200Bname"};
    auto made = cairn::prompts::PromptEvaluator::Create(o);
    if (!made.ok()) __builtin_trap();
    return std::move(*made);
  }();
  return *ev;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view body(reinterpret_cast<const char*>(data), size);

  const cairn::prompts::NormalizedText n = cairn::prompts::Normalize(body);
  const std::string& text = n.text();
  if (!cairn::IsValidUtf8(text)) __builtin_trap();
  if (text.size() > 12 * size) __builtin_trap();  // bounded expansion
  // Every prefix, and single bytes, map inside the input; wider ranges never map narrower.
  size_t last_end = 0;
  for (size_t i = 1; i <= text.size(); i += 1 + i / 8) {
    const auto [s, e] = n.OriginalSpan(0, i);
    if (s > e || e > size || e < last_end) __builtin_trap();
    last_end = e;
    const auto [s1, e1] = n.OriginalSpan(i - 1, i);
    if (s1 >= e1 && size > 0) __builtin_trap();  // a byte always comes from some input
    if (e1 > size || s1 < s || e1 > e) __builtin_trap();
  }

  const cairn::prompts::Evaluation ev = Evaluator().Evaluate(body, {});
  bool blocking = false;
  for (const auto& f : ev.findings) {
    if (f.start &&
        (*f.start < 0 || !f.end || *f.end < *f.start || static_cast<size_t>(*f.end) > size)) {
      __builtin_trap();
    }
    blocking = blocking || f.severity >= cairn::prompts::Severity::kHigh;
  }
  if (ev.passed != (!blocking && ev.score >= cairn::prompts::kPassingScore)) __builtin_trap();
  return 0;
}
