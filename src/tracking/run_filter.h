// Run search language of `GET /runs?filter=...&order_by=...` (SPEC §2 "Runs"), MLflow-like.
//
//   filter   := clause ( AND clause )*            AND is case-insensitive; empty text = no filter
//   clause   := identifier op literal
//   op       := = | != | < | <= | > | >=
//   order_by := key ( , key )*                     at most kMaxOrderKeys; empty text = default
//   key      := identifier [ ASC | DESC ]          ASC when omitted
//   identifier := metrics.KEY | params.KEY | tags.KEY | attributes.NAME | NAME
//   KEY      := [A-Za-z0-9_.\-/]+ | `any text` | "any text"   (a doubled quote escapes itself)
//   NAME     := status | name | start_time | end_time | run_id | created_by | experiment_name
//   literal  := number (e.g. -1, 0.5, 2e-3) | 'string' ('' escapes ') | "string"
//
// Singular prefixes (metric., param., tag., attribute.) are accepted too, and run_name is an
// alias of name. Type rules: metrics compare with numbers; params, tags and the string
// attributes (status, name, run_id, created_by, experiment_name) compare with strings using
// = and != only (MLflow convention: params.depth = '6'; ordering of text differs between the
// SQLite and PostgreSQL collations, so we do not offer it); status must be one of running,
// completed, failed, killed (case-insensitive, normalized to lowercase); start_time and
// end_time take integer milliseconds or an RFC 3339 string, with every operator.
//
// Parsing and SQL generation are separate: Parse* validate user text into plain structs, and
// *ToSql turn validated structs into SQL that uses only `?` placeholders and bound parameters
// (no user text is ever spliced into SQL). The SQL runs on SQLite >= 3.30 and PostgreSQL.
//
// Pure functions, thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "common/status.h"
#include "storage/sql_database.h"

namespace cairn::tracking {

inline constexpr size_t kMaxFilterLength = 4096;  // characters (bytes) of filter/order_by text
inline constexpr size_t kMaxFilterClauses = 50;
inline constexpr size_t kMaxOrderKeys = 5;

struct FilterClause {
  enum class Kind { kMetric, kParam, kTag, kAttribute };
  Kind kind = Kind::kAttribute;
  // Metric/param/tag key as written (unquoted), or the canonical attribute name.
  std::string key;
  // One of "=", "!=", "<", "<=", ">", ">=".
  std::string op;
  // Metrics: the number. Params/tags/string attributes: the string (status lowercased).
  // start_time/end_time: integer milliseconds UTC held exactly in the double (RFC 3339 text is
  // converted at parse time).
  std::variant<double, std::string> value;

  friend bool operator==(const FilterClause&, const FilterClause&) = default;
};

struct OrderKey {
  FilterClause::Kind kind = FilterClause::Kind::kAttribute;
  std::string key;
  bool descending = false;

  friend bool operator==(const OrderKey&, const OrderKey&) = default;
};

// Errors: InvalidArgument "filter: <what> at position N[, found '...']" (N is the 1-based
// character position), with one FieldError {"filter", "<what> at position N..."}.
[[nodiscard]] Result<std::vector<FilterClause>> ParseRunFilter(std::string_view text);

// Errors: InvalidArgument "order_by: ..." as above, FieldError field "order_by".
[[nodiscard]] Result<std::vector<OrderKey>> ParseRunOrderBy(std::string_view text);

// A piece of SQL plus the values for its `?` placeholders, in order of appearance.
struct SqlFragment {
  std::string sql;
  std::vector<storage::Value> params;
};

// WHERE conditions joined by AND (empty sql when there are no clauses), referencing the runs
// table as alias `r`. Metric/param/tag clauses become EXISTS subqueries on latest_metrics /
// run_params / run_tags, so a run without the key never matches — including for `!=`:
// `params.depth != '6'` means "the run has param depth with a value other than '6'" (MLflow
// semantics). Likewise `end_time` comparisons never match a run that has no end time.
// The clauses must come from ParseRunFilter (unvalidated input is a programmer error).
[[nodiscard]] SqlFragment FilterToSql(const std::vector<FilterClause>& clauses);

// The ORDER BY list (without the words ORDER BY). Runs missing a key sort last in both
// directions (NULLS LAST), and the list always ends with the deterministic tiebreak
// `r.created_at DESC, r.run_id DESC`, which alone is the default for no keys.
// When combining with FilterToSql, concatenate the params in the order the fragments appear in
// the final statement (WHERE before ORDER BY).
[[nodiscard]] SqlFragment OrderByToSql(const std::vector<OrderKey>& keys);

}  // namespace cairn::tracking
