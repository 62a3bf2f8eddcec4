// Field selection for `-o jsonpath=TEMPLATE`, a subset of kubectl's JSONPath templates:
//
//   {.items[*].run_id}            every run id, separated by spaces
//   {.metrics.auc.value}          one value (strings print raw, objects as compact JSON)
//   {range .items[*]}{.name}{"\t"}{.status}{"\n"}{end}
//   .items[0].name                a template without braces is one expression
//
// Paths: `.name`, `['name with.dots']`, `[N]` (negative counts from the end), `[*]` and `.*`;
// `@` or `$` for the current node. Missing keys print nothing. Outside braces, `\n` and `\t`
// are escapes. Immutable once parsed; thread-safe.
#pragma once

#include <boost/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace cairn::cli {

class JsonPathTemplate {
 public:
  // Errors: InvalidArgument naming the problem (unbalanced braces, bad index, `end` without
  // `range`…).
  static Result<JsonPathTemplate> Parse(std::string_view text);

  std::string Render(const boost::json::value& root) const;

  struct Segment {
    enum class Kind { kKey, kIndex, kWildcard };
    Kind kind = Kind::kKey;
    std::string key;
    int64_t index = 0;
  };
  struct Node {
    enum class Kind { kText, kExpr, kRange };
    Kind kind = Kind::kText;
    std::string text;
    std::vector<Segment> path;
    std::vector<Node> children;
  };

 private:
  std::vector<Node> nodes_;
};

}  // namespace cairn::cli
