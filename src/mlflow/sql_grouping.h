// A reimplementation of the part of sqlparse 0.4.2 that MLflow 2.12.2's search parsers sit on.
//
// MLflow does not define its filter language by a grammar: it runs the text through sqlparse
// (a SQL tokenizer plus heuristic grouping) and then inspects the token tree. To accept and
// reject exactly what MLflow accepts and rejects, and to word errors the same way ("Invalid
// clause(s) in filter string: 'OR'"), Cairn reproduces that tree: sqlparse's lexer rules in
// their order, statement splitting at `;`, and the grouping passes that can fire on a filter
// (parentheses, functions, dotted names, identifiers, ASC/DESC, arithmetic operations,
// comparisons, aliases and comma lists). Passes that only matter for full SQL (CASE, WHERE,
// typecasts, typed literals, AS, assignments, VALUES) are left out; on text that needs them
// the parse differs from sqlparse's only in how an already invalid filter is worded.
//
// Non-ASCII bytes count as word characters but never start a name. Nesting deeper than
// kMaxNesting parentheses is refused (sqlparse would hit Python's recursion limit there).
//
// Pure functions over the caller's text; nodes refer to it by byte offsets. Thread-safe.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

namespace cairn::mlflow::sqlparse {

inline constexpr int kMaxNesting = 100;

// sqlparse token types that this code distinguishes (leaf tokens only).
enum class TokenType {
  kWhitespace,
  kNewline,
  kComment,
  kName,
  kPlaceholder,
  kBuiltin,  // Name.Builtin (e.g. TEXT, INT)
  kKeyword,
  kKeywordDml,
  kKeywordDdl,
  kKeywordCte,
  kKeywordOrder,  // ASC, DESC
  kInteger,
  kFloat,
  kHexadecimal,
  kStringSingle,  // '...'
  kStringSymbol,  // "..."
  kPunctuation,
  kComparison,  // Operator.Comparison: = != < <= > >= LIKE ILIKE IN NOT IN ...
  kOperator,
  kWildcard,
  kAssignment,
  kCommand,
  kLiteral,
  kError,
};

enum class GroupKind {
  kLeaf,
  kParenthesis,
  kFunction,
  kIdentifier,
  kOperation,
  kComparison,
  kIdentifierList,
};

struct Node {
  GroupKind kind = GroupKind::kLeaf;
  TokenType type = TokenType::kError;  // meaningful for leaves only
  size_t begin = 0;                    // byte span in the parsed text
  size_t end = 0;
  std::vector<Node> children;  // groups only

  bool is_group() const { return kind != GroupKind::kLeaf; }
  bool is_whitespace() const {
    return kind == GroupKind::kLeaf &&
           (type == TokenType::kWhitespace || type == TokenType::kNewline);
  }
  bool is_keyword() const;
  bool is_number() const;  // Number and its subtypes
  std::string_view text(std::string_view source) const { return source.substr(begin, end - begin); }
};

using Statement = std::vector<Node>;

// sqlparse.parse(text): the grouped statements (whitespace-only statements dropped).
// nullopt when parentheses nest deeper than kMaxNesting.
[[nodiscard]] std::optional<std::vector<Statement>> Parse(std::string_view text);

// The lexer alone (exposed for tests): sqlparse's token stream for `text`.
[[nodiscard]] std::vector<Node> Tokenize(std::string_view text);

}  // namespace cairn::mlflow::sqlparse
