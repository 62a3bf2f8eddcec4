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
#include <optional>
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
  // kDataset: MLflow's datasets.name / datasets.digest / datasets.context.
  enum class Kind { kMetric, kParam, kTag, kAttribute, kDataset };
  Kind kind = Kind::kAttribute;
  // Metric/param/tag key as written (unquoted), the canonical attribute name, or the dataset
  // field (name, digest, context).
  std::string key;
  // One of "=", "!=", "<", "<=", ">", ">=". The MLflow search (src/mlflow) also builds "LIKE",
  // "ILIKE" (strings; `%` and `_` wildcards, `\` escapes) and "IN", "NOT IN" (string lists).
  std::string op;
  // Metrics: the number. Params/tags/string attributes: the string (status lowercased).
  // start_time/end_time: integer milliseconds UTC held exactly in the double (RFC 3339 text is
  // converted at parse time). IN / NOT IN: the list.
  std::variant<double, std::string, std::vector<std::string>> value;

  friend bool operator==(const FilterClause&, const FilterClause&) = default;
};

// Attributes the native language names (ParseRunFilter) and, further, the ones the MLflow
// search uses: artifact_uri (mlflow-artifacts:/<experiment id>/<run id without dashes>/artifacts),
// mlflow_run_id (the run id without dashes, for LIKE) and experiment_id (order only).
[[nodiscard]] bool IsSearchAttribute(std::string_view name);

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
// table as alias `r`. Metric/param/tag/dataset clauses become EXISTS subqueries on
// latest_metrics / run_params / run_tags / run_inputs, so a run without the key never matches —
// including for `!=`: `params.depth != '6'` means "the run has param depth with a value other
// than '6'" (MLflow semantics). Likewise `end_time` comparisons never match a run that has no end
// time. A NaN metric satisfies only `!=`. LIKE is case-sensitive on both backends (the SQLite
// driver turns case_sensitive_like on), ILIKE compares lower-cased text.
// The clauses must come from ParseRunFilter or the MLflow translation (unvalidated input is a
// programmer error).
// `driving`: see DrivingMetricClause; that clause becomes a condition on the joined `om`.
[[nodiscard]] SqlFragment FilterToSql(const std::vector<FilterClause>& clauses,
                                      std::optional<size_t> driving = std::nullopt);

// The ORDER BY list (without the words ORDER BY). Runs missing a key (or with a NaN metric) sort
// last in both directions (NULLS LAST). The native style ends with the deterministic tiebreak
// `r.created_at DESC, r.run_id DESC`, which alone is the default for no keys; the MLflow style
// ends with `r.start_time DESC` (unless a key orders by start_time) and `r.run_id ASC`.
// When combining with FilterToSql, concatenate the params in the order the fragments appear in
// the final statement (WHERE before ORDER BY).
// `driving`: the first key (a metric) orders by the joined `om.value` (DrivingMetricClause).
[[nodiscard]] SqlFragment OrderByToSql(const std::vector<OrderKey>& keys, bool mlflow_style = false,
                                       bool driving = false);

// A search that filters on a metric and orders by that metric first ("metrics.auc > 0.5 ...
// ORDER BY metrics.auc DESC") can read latest_metrics in order through its (key, value) index,
// or (key, experiment_id, value) when the join also names the experiments, joined as
// `JOIN latest_metrics om ON om.run_id = r.run_id AND om.key = ? [AND om.experiment_id ...]`,
// instead of probing it twice per run and sorting them all. This is the index of the first clause
// on the first order key's metric that only a run with a numeric value satisfies (=, <, <=, >,
// >=), or nullopt. With the join the result is the same rows in the same order: such a clause
// excludes runs without the metric and NaN values, which are the only ones whose order value
// differs from `om.value`.
[[nodiscard]] std::optional<size_t> DrivingMetricClause(const std::vector<FilterClause>& clauses,
                                                        const std::vector<OrderKey>& keys);

}  // namespace cairn::tracking
