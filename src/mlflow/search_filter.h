// MLflow's search filter languages, parsed and validated as MLflow 2.12.2's server does.
//
//   runs (search_runs):        metrics.K / params.K / tags.K / attributes.A / datasets.D
//                              (aliases: metric, param, parameter, parameters, tag, attr,
//                              attribute, run, dataset); a bare word is an attribute.
//                              A ∈ run_id, run_name, status, user_id, artifact_uri,
//                              start_time, end_time, created (= start_time), "run name".
//   experiments:               name, creation_time, last_update_time, attribute.X, tag(s).K
//   registered_models:         name, attribute.name, tag(s).K
//   model_versions:            name, run_id, source_path, version_number, tag(s).K
//
// Clauses are joined by AND (case-insensitive); OR and parentheses are not supported. Keys may
// be `backticked` or "double-quoted"; string values are 'single' or "double" quoted (quotes are
// not unescaped, as in MLflow); `run_id IN ('a', 'b')` and `NOT IN` take a list. Which
// comparators go with which entity, and the string/number rules for values, are MLflow's:
// metrics and numeric attributes take numbers with = != < <= > >=; params and tags take quoted
// strings with = != LIKE ILIKE; string attributes also take IN / NOT IN (run_id only).
//
// Parsing goes through sqlparse's token tree (sql_grouping.h), so what is accepted, what is
// rejected and the error messages are MLflow's, checked against a table that MLflow's own code
// generates (tests/mlflow/search_cases.json). Where MLflow raises an error as INTERNAL_ERROR
// (e.g. `tags.x < 'a'`), Cairn returns the same message as INVALID_PARAMETER_VALUE: bad input
// is never a 500. Python set literals in messages are written in sorted order.
//
// Pure functions, thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "common/status.h"

namespace cairn::mlflow {

// Cairn's bound on a filter or order_by item (MLflow has none): parsing is linear, but a request
// should not buy unbounded CPU. A list of 100 run ids is under 4 KiB.
inline constexpr size_t kMaxSearchTextLength = 32 * 1024;

enum class SearchGrammar { kRuns, kExperiments, kRegisteredModels, kModelVersions };

enum class Comparator { kEq, kNe, kLt, kLe, kGt, kGe, kLike, kILike, kIn, kNotIn };

// The operator as MLflow writes it: "=", "!=", "<", "<=", ">", ">=", "LIKE", "ILIKE", "IN",
// "NOT IN".
[[nodiscard]] std::string_view ComparatorText(Comparator c);

// One clause as MLflow's parser returns it.
struct FilterClause {
  // "metric", "parameter", "tag", "attribute" or "dataset".
  std::string type;
  // Unquoted key; attribute aliases are kept as written ("created", "run name").
  std::string key;
  // As written for runs and experiments ("like"), upper-cased for the registry grammars.
  std::string comparator;
  // Strings unquoted (escapes kept as written); numbers as their text for runs and
  // experiments; lists for IN / NOT IN; int64 or double for model-version numeric attributes.
  std::variant<std::string, std::vector<std::string>, int64_t, double> value;

  // Derived: the comparator (validated), and the value as a double where it is a number.
  Comparator op = Comparator::kEq;
  std::optional<double> number;

  friend bool operator==(const FilterClause& a, const FilterClause& b) {
    return a.type == b.type && a.key == b.key && a.comparator == b.comparator && a.value == b.value;
  }
};

// Errors: InvalidArgument with MLflow's message (the server answers INVALID_PARAMETER_VALUE),
// or "Filter string is too long ..." past kMaxSearchTextLength. Empty text means no filter.
[[nodiscard]] Result<std::vector<FilterClause>> ParseSearchFilter(SearchGrammar grammar,
                                                                  std::string_view text);

// The attribute a runs-filter key names, aliases resolved: "created"/"Created" → "start_time",
// "run name"/"Run name"/"Run Name" → "run_name"; other keys unchanged.
[[nodiscard]] std::string_view CanonicalRunAttribute(std::string_view key);

}  // namespace cairn::mlflow
