#include "tracking/run_filter.h"

#include <array>
#include <cassert>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <optional>
#include <system_error>
#include <utility>

#include "common/time.h"

namespace cairn::tracking {
namespace {

using Kind = FilterClause::Kind;

constexpr size_t kMaxKeyLength = 250;   // MLflow's limit for metric/param/tag keys
constexpr size_t kMaxFoundLength = 32;  // bytes of user text echoed in an error message
// Integers up to 2^53 are exact in a double; times beyond that are not meaningful anyway.
constexpr double kMaxExactInteger = 9007199254740992.0;

enum class AttrType { kStatus, kText, kTime };

struct Attribute {
  std::string_view name;
  AttrType type;
};

constexpr std::array<Attribute, 7> kAttributes = {{
    {"status", AttrType::kStatus},
    {"name", AttrType::kText},
    {"start_time", AttrType::kTime},
    {"end_time", AttrType::kTime},
    {"run_id", AttrType::kText},
    {"created_by", AttrType::kText},
    {"experiment_name", AttrType::kText},
}};

constexpr std::array<std::string_view, 4> kStatuses = {"running", "completed", "failed", "killed"};

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsWordChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || IsDigit(c) || c == '_';
}
bool IsKeyChar(char c) { return IsWordChar(c) || c == '.' || c == '-' || c == '/'; }
bool IsOpChar(char c) { return c == '=' || c == '!' || c == '<' || c == '>'; }

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// Byte offset of the first invalid UTF-8 sequence or disallowed control character, if any.
std::optional<size_t> FindInvalidByte(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      if ((c < 0x20 && !IsSpace(static_cast<char>(c))) || c == 0x7F) return i;
      ++i;
      continue;
    }
    size_t len;
    uint32_t cp;
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
      cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      cp = c & 0x07;
    } else {
      return i;
    }
    if (i + len > s.size()) return i;
    for (size_t k = 1; k < len; ++k) {
      const auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (cc & 0x3F);
    }
    // Overlong forms, UTF-16 surrogates and code points above U+10FFFF.
    if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF))
      return i;
    i += len;
  }
  return std::nullopt;
}

// Truncates to at most kMaxFoundLength bytes without splitting a UTF-8 sequence.
std::string Shorten(std::string_view s) {
  if (s.size() <= kMaxFoundLength) return std::string(s);
  size_t n = kMaxFoundLength;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  return std::string(s.substr(0, n)) + "...";
}

std::string Display(Kind kind, const std::string& key) {
  switch (kind) {
    case Kind::kMetric:
      return "metrics." + key;
    case Kind::kParam:
      return "params." + key;
    case Kind::kTag:
      return "tags." + key;
    case Kind::kDataset:
      return "datasets." + key;
    case Kind::kAttribute:
      return key;
  }
  return key;
}

struct Identifier {
  Kind kind;
  std::string key;
  AttrType attr_type = AttrType::kText;  // attributes only
};

// A cursor over the (validated) text that produces positioned InvalidArgument errors.
class Parser {
 public:
  Parser(std::string_view text, std::string_view field) : text_(text), field_(field) {}

  bool AtEnd() const { return pos_ >= text_.size(); }
  char Peek() const { return AtEnd() ? '\0' : text_[pos_]; }
  size_t pos() const { return pos_; }

  void Advance() { ++pos_; }

  void SkipSpace() {
    while (!AtEnd() && IsSpace(text_[pos_])) ++pos_;
  }

  Status Error(size_t at, std::string_view what) const { return MakeError(at, what, ""); }
  Status ErrorFound(size_t at, std::string_view what) const {
    return MakeError(at, what, ", found " + Describe(at));
  }
  Status ErrorFoundText(size_t at, std::string_view what, std::string_view found) const {
    return MakeError(at, what, ", found '" + Shorten(found) + "'");
  }
  Status PlainError(std::string_view what) const {
    return InvalidArgument(std::string(field_) + ": " + std::string(what),
                           {{std::string(field_), std::string(what)}});
  }

  // Reads a run of characters satisfying `pred`.
  template <typename Pred>
  std::string_view Take(Pred pred) {
    const size_t start = pos_;
    while (!AtEnd() && pred(text_[pos_])) ++pos_;
    return text_.substr(start, pos_ - start);
  }

  Result<Identifier> ParseIdentifier() {
    const size_t start = pos_;
    if (AtEnd() || !IsWordChar(Peek())) {
      return ErrorFound(start,
                        "expected an identifier (metrics.KEY, params.KEY, tags.KEY or an "
                        "attribute)");
    }
    const std::string word = Lower(Take(IsWordChar));
    if (Peek() != '.') return LookUpAttribute(word, start);

    Identifier id;
    if (word == "metrics" || word == "metric") {
      id.kind = Kind::kMetric;
    } else if (word == "params" || word == "param") {
      id.kind = Kind::kParam;
    } else if (word == "tags" || word == "tag") {
      id.kind = Kind::kTag;
    } else if (word == "attributes" || word == "attribute" || word == "attr") {
      id.kind = Kind::kAttribute;
    } else {
      return Error(start, "unknown identifier type '" + Shorten(word) +
                              "' (expected metrics, params, tags or attributes)");
    }
    ++pos_;  // the dot
    const size_t key_start = pos_;
    std::string key;
    if (Peek() == '`' || Peek() == '"') {
      auto quoted = ParseQuoted("unterminated quoted key");
      if (!quoted.ok()) return quoted.status();
      key = std::move(*quoted);
      if (key.empty()) return Error(key_start, "empty key");
    } else {
      key = std::string(Take(IsKeyChar));
      if (key.empty()) return ErrorFound(key_start, "expected a key after '" + word + ".'");
    }
    if (key.size() > kMaxKeyLength) {
      return Error(key_start, "key longer than " + std::to_string(kMaxKeyLength) + " characters");
    }
    if (id.kind == Kind::kAttribute) return LookUpAttribute(key, key_start);
    id.key = std::move(key);
    return id;
  }

  // Reads a string quoted with the current character; a doubled quote stands for itself.
  Result<std::string> ParseQuoted(std::string_view unterminated_message) {
    const size_t start = pos_;
    const char quote = text_[pos_++];
    std::string out;
    while (true) {
      if (AtEnd()) return Error(start, unterminated_message);
      const char c = text_[pos_++];
      if (c == quote) {
        if (Peek() != quote) return out;
        ++pos_;
      }
      out.push_back(c);
    }
  }

  // Reads one of the six comparison operators.
  Result<std::string> ParseOperator() {
    const size_t start = pos_;
    const std::string op(Take(IsOpChar));
    if (op == "=" || op == "!=" || op == "<" || op == "<=" || op == ">" || op == ">=") return op;
    return ErrorFound(start, "expected a comparison operator");
  }

  Result<std::variant<double, std::string>> ParseLiteral() {
    const size_t start = pos_;
    const char c = Peek();
    if (c == '\'' || c == '"') {
      auto s = ParseQuoted("unterminated string");
      if (!s.ok()) return s.status();
      return std::variant<double, std::string>(std::move(*s));
    }
    if (!(IsDigit(c) || c == '-' || c == '+' || c == '.')) {
      return ErrorFound(start, "expected a number or a quoted string");
    }
    // [+-]? (digits [. digits*] | . digits) ([eE] [+-]? digits)?
    if (c == '-' || c == '+') ++pos_;
    const size_t int_digits = Take(IsDigit).size();
    size_t frac_digits = 0;
    if (Peek() == '.') {
      ++pos_;
      frac_digits = Take(IsDigit).size();
    }
    bool ok = int_digits + frac_digits > 0;
    if (ok && (Peek() == 'e' || Peek() == 'E')) {
      ++pos_;
      if (Peek() == '-' || Peek() == '+') ++pos_;
      ok = !Take(IsDigit).empty();
    }
    if (!ok || (!AtEnd() && IsKeyChar(Peek()))) {
      if (int_digits + frac_digits == 0) {
        return ErrorFound(start, "expected a number or a quoted string");
      }
      return ErrorFound(start, "malformed number");
    }
    std::string_view digits = text_.substr(start, pos_ - start);
    if (digits.front() == '+') digits.remove_prefix(1);  // from_chars rejects a leading '+'
    double value = 0;
    const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    if (ec != std::errc() || end != digits.data() + digits.size() || !std::isfinite(value)) {
      return Error(start, "number out of range");
    }
    return std::variant<double, std::string>(value);
  }

  // Consumes the word AND (any case) when it is next; leaves the cursor unchanged otherwise.
  bool TakeAnd() {
    const size_t start = pos_;
    if (Lower(Take(IsWordChar)) == "and") return true;
    pos_ = start;
    return false;
  }

 private:
  Result<Identifier> LookUpAttribute(std::string_view name, size_t at) const {
    std::string lowered = Lower(name);
    if (lowered == "run_name") lowered = "name";
    for (const Attribute& a : kAttributes) {
      if (a.name == lowered) return Identifier{Kind::kAttribute, std::string(a.name), a.type};
    }
    return Error(at, "unknown attribute '" + Shorten(name) + "'");
  }

  // The token at `at`, quoted, or "end of input".
  std::string Describe(size_t at) const {
    if (at >= text_.size()) return "end of input";
    const char c = text_[at];
    size_t end = at + 1;
    auto extend = [&](auto pred) {
      while (end < text_.size() && pred(text_[end])) ++end;
    };
    if (IsKeyChar(c) || c == '+') {
      extend(IsKeyChar);
    } else if (IsOpChar(c)) {
      extend(IsOpChar);
    } else {
      extend([](char cc) { return (static_cast<unsigned char>(cc) & 0xC0) == 0x80; });
    }
    return "'" + Shorten(text_.substr(at, end - at)) + "'";
  }

  // 1-based character (code point) position of byte offset `at`.
  size_t CharPosition(size_t at) const {
    size_t n = 1;
    for (size_t i = 0; i < at && i < text_.size(); ++i) {
      if ((static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80) ++n;
    }
    return n;
  }

  Status MakeError(size_t at, std::string_view what, const std::string& suffix) const {
    std::string detail =
        std::string(what) + " at position " + std::to_string(CharPosition(at)) + suffix;
    return InvalidArgument(std::string(field_) + ": " + detail, {{std::string(field_), detail}});
  }

  std::string_view text_;
  std::string_view field_;
  size_t pos_ = 0;
};

// Shared checks of both entry points; nullopt when the text is usable.
std::optional<Status> CheckText(const Parser& p, std::string_view text) {
  if (text.size() > kMaxFilterLength) {
    return p.PlainError("longer than " + std::to_string(kMaxFilterLength) + " characters");
  }
  if (auto bad = FindInvalidByte(text)) {
    return p.Error(*bad, "invalid UTF-8 or control character");
  }
  return std::nullopt;
}

bool IsEquality(const std::string& op) { return op == "=" || op == "!="; }

// Type rules of one clause; `op_at`/`value_at` are byte offsets for error positions.
Result<FilterClause> CheckClause(const Parser& p, Identifier id, std::string op, size_t op_at,
                                 std::variant<double, std::string> value, size_t value_at) {
  const std::string name = Display(id.kind, id.key);
  const bool is_number = std::holds_alternative<double>(value);
  const bool text_valued = id.kind == Kind::kParam || id.kind == Kind::kTag ||
                           (id.kind == Kind::kAttribute && id.attr_type != AttrType::kTime);
  if (text_valued && !IsEquality(op)) {
    return p.Error(op_at, name + " supports only = and !=");
  }
  if (id.kind == Kind::kMetric && !is_number) {
    return p.Error(value_at, name + " must be compared with a number");
  }
  if (text_valued && is_number) {
    return p.Error(value_at, name + " must be compared with a quoted string");
  }
  if (id.kind == Kind::kAttribute && id.attr_type == AttrType::kStatus) {
    std::string status = Lower(std::get<std::string>(value));
    bool known = false;
    for (std::string_view s : kStatuses) known = known || s == status;
    if (!known) {
      return p.ErrorFoundText(value_at, "status must be one of running, completed, failed, killed",
                              std::get<std::string>(value));
    }
    value = std::move(status);
  }
  if (id.kind == Kind::kAttribute && id.attr_type == AttrType::kTime) {
    if (is_number) {
      const double ms = std::get<double>(value);
      if (ms != std::floor(ms) || std::fabs(ms) > kMaxExactInteger) {
        return p.Error(value_at, name + " must be integer milliseconds or an RFC 3339 string");
      }
    } else {
      const std::string& text = std::get<std::string>(value);
      std::optional<int64_t> ms = ParseRfc3339(text);
      if (!ms) {
        return p.ErrorFoundText(value_at, name + " must be an RFC 3339 time", text);
      }
      value = static_cast<double>(*ms);
    }
  }
  FilterClause clause{id.kind, std::move(id.key), std::move(op), 0.0};
  if (std::holds_alternative<double>(value)) {
    clause.value = std::get<double>(value);
  } else {
    clause.value = std::move(std::get<std::string>(value));
  }
  return clause;
}

std::string_view SqlOperator(const std::string& op) {
  if (op == "!=") return "<>";
  return op;
}

// Correlated subquery selecting the run's value for a metric/param/tag key, up to the value
// column (callers append a condition or use it as a scalar).
std::string_view KeyedSubquery(Kind kind) {
  switch (kind) {
    case Kind::kMetric:
      return "latest_metrics m WHERE m.run_id = r.run_id AND m.key = ?";
    case Kind::kParam:
      return "run_params p WHERE p.run_id = r.run_id AND p.key = ?";
    case Kind::kTag:
      return "run_tags t WHERE t.run_id = r.run_id AND t.key = ?";
    case Kind::kAttribute:
    case Kind::kDataset:
      break;
  }
  return "";
}

std::string_view ValueColumn(Kind kind) {
  switch (kind) {
    case Kind::kMetric:
      return "m.value";
    case Kind::kParam:
      return "p.value";
    case Kind::kTag:
      return "t.value";
    case Kind::kAttribute:
    case Kind::kDataset:
      break;
  }
  return "";
}

constexpr char kExperimentIdOfRun[] =
    "(SELECT e.experiment_id FROM experiments e WHERE e.name = r.experiment_name)";

// Attribute names are validated by the parser; map them to columns from a fixed list so that
// no caller-provided text can ever reach the SQL.
constexpr std::array<std::pair<std::string_view, std::string_view>, 10> kColumns = {{
    {"status", "r.status"},
    {"name", "r.name"},
    {"start_time", "r.start_time"},
    {"end_time", "r.end_time"},
    {"run_id", "r.run_id"},
    {"created_by", "r.created_by"},
    {"experiment_name", "r.experiment_name"},
    {"mlflow_run_id", "REPLACE(r.run_id, '-', '')"},
    {"artifact_uri",
     "('mlflow-artifacts:/' || CAST((SELECT e.experiment_id FROM experiments e WHERE e.name = "
     "r.experiment_name) AS TEXT) || '/' || REPLACE(r.run_id, '-', '') || '/artifacts')"},
    {"experiment_id", kExperimentIdOfRun},
}};

std::string_view AttributeColumn(const std::string& name) {
  for (const auto& [attr, column] : kColumns) {
    if (attr == name) return column;
  }
  // The parsers and the MLflow translation only produce the names above.
  assert(false && "unknown attribute reached SQL generation");
  return "r.run_id";
}

std::string_view DatasetColumn(const std::string& field) {
  if (field == "digest") return "d.digest";
  if (field == "context") return "d.context";
  // The MLflow translation only produces name, digest and context.
  assert(field == "name" && "unknown dataset field reached SQL generation");
  return "d.name";
}

// `<expr> <op> <value>` for string values and lists: LIKE with an explicit escape character (the
// same on both backends), ILIKE as a LIKE of lower-cased text, IN / NOT IN with one placeholder
// per item (an empty IN matches nothing, an empty NOT IN everything).
void AppendStringCondition(SqlFragment& out, std::string_view expr, const FilterClause& c) {
  if (c.op == "IN" || c.op == "NOT IN") {
    const auto& items = std::get<std::vector<std::string>>(c.value);
    if (items.empty()) {
      out.sql += c.op == "IN" ? "1 = 0" : "1 = 1";
      return;
    }
    out.sql += expr;
    out.sql += c.op == "IN" ? " IN (" : " NOT IN (";
    for (size_t i = 0; i < items.size(); ++i) {
      out.sql += i ? ", ?" : "?";
      out.params.emplace_back(items[i]);
    }
    out.sql += ")";
    return;
  }
  const std::string& text = std::get<std::string>(c.value);
  if (c.op == "ILIKE") {
    out.sql += "LOWER(";
    out.sql += expr;
    out.sql += ") LIKE LOWER(?) ESCAPE '\\'";
  } else if (c.op == "LIKE") {
    out.sql += expr;
    out.sql += " LIKE ? ESCAPE '\\'";
  } else {
    out.sql += expr;
    out.sql += ' ';
    out.sql += SqlOperator(c.op);
    out.sql += " ?";
  }
  out.params.emplace_back(text);
}

}  // namespace

Result<std::vector<FilterClause>> ParseRunFilter(std::string_view text) {
  Parser p(text, "filter");
  if (auto bad = CheckText(p, text)) return *bad;
  std::vector<FilterClause> clauses;
  p.SkipSpace();
  if (p.AtEnd()) return clauses;
  while (true) {
    if (clauses.size() == kMaxFilterClauses) {
      return p.Error(p.pos(),
                     "too many clauses (maximum " + std::to_string(kMaxFilterClauses) + ")");
    }
    ASSIGN_OR_RETURN(Identifier id, p.ParseIdentifier());
    p.SkipSpace();
    const size_t op_at = p.pos();
    ASSIGN_OR_RETURN(std::string op, p.ParseOperator());
    p.SkipSpace();
    const size_t value_at = p.pos();
    ASSIGN_OR_RETURN(auto value, p.ParseLiteral());
    ASSIGN_OR_RETURN(FilterClause clause, CheckClause(p, std::move(id), std::move(op), op_at,
                                                      std::move(value), value_at));
    clauses.push_back(std::move(clause));
    p.SkipSpace();
    if (p.AtEnd()) return clauses;
    const size_t and_at = p.pos();
    if (!p.TakeAnd()) return p.ErrorFound(and_at, "expected AND or end of filter");
    p.SkipSpace();
  }
}

Result<std::vector<OrderKey>> ParseRunOrderBy(std::string_view text) {
  Parser p(text, "order_by");
  if (auto bad = CheckText(p, text)) return *bad;
  std::vector<OrderKey> keys;
  p.SkipSpace();
  if (p.AtEnd()) return keys;
  while (true) {
    if (keys.size() == kMaxOrderKeys) {
      return p.Error(p.pos(), "too many keys (maximum " + std::to_string(kMaxOrderKeys) + ")");
    }
    ASSIGN_OR_RETURN(Identifier id, p.ParseIdentifier());
    OrderKey key{id.kind, std::move(id.key), false};
    p.SkipSpace();
    if (!p.AtEnd() && p.Peek() != ',') {
      const size_t dir_at = p.pos();
      const std::string dir = Lower(p.Take(IsWordChar));
      if (dir == "desc") {
        key.descending = true;
      } else if (dir != "asc") {
        return p.Error(dir_at, "expected ASC or DESC");
      }
      p.SkipSpace();
    }
    keys.push_back(std::move(key));
    if (p.AtEnd()) return keys;
    if (p.Peek() != ',') return p.ErrorFound(p.pos(), "expected ',' or end of order_by");
    p.Advance();  // the comma
    p.SkipSpace();
  }
}

bool IsSearchAttribute(std::string_view name) {
  for (const auto& [attr, column] : kColumns) {
    if (attr == name) return true;
  }
  return false;
}

std::optional<size_t> DrivingMetricClause(const std::vector<FilterClause>& clauses,
                                          const std::vector<OrderKey>& keys) {
  if (keys.empty() || keys.front().kind != Kind::kMetric) return std::nullopt;
  for (size_t i = 0; i < clauses.size(); ++i) {
    const FilterClause& c = clauses[i];
    if (c.kind == Kind::kMetric && c.key == keys.front().key &&
        (c.op == "=" || c.op == "<" || c.op == "<=" || c.op == ">" || c.op == ">="))
      return i;
  }
  return std::nullopt;
}

SqlFragment FilterToSql(const std::vector<FilterClause>& clauses, std::optional<size_t> driving) {
  SqlFragment out;
  for (size_t i = 0; i < clauses.size(); ++i) {
    const FilterClause& c = clauses[i];
    if (!out.sql.empty()) out.sql += " AND ";
    const std::string_view op = SqlOperator(c.op);
    if (driving == i) {
      out.sql += "om.is_nan = 0 AND om.value ";
      out.sql += op;
      out.sql += " ?";
      out.params.emplace_back(std::get<double>(c.value));
      continue;
    }
    if (c.kind == Kind::kAttribute) {
      if (std::holds_alternative<double>(c.value)) {
        out.sql += AttributeColumn(c.key);
        out.sql += ' ';
        out.sql += op;
        out.sql += " ?";
        // Times are integer milliseconds (held exactly in the double).
        out.params.emplace_back(static_cast<int64_t>(std::get<double>(c.value)));
      } else {
        AppendStringCondition(out, AttributeColumn(c.key), c);
      }
      continue;
    }
    if (c.kind == Kind::kDataset) {
      out.sql += "EXISTS (SELECT 1 FROM run_inputs d WHERE d.run_id = r.run_id AND ";
      AppendStringCondition(out, DatasetColumn(c.key), c);
      out.sql += ")";
      continue;
    }
    out.sql += "EXISTS (SELECT 1 FROM ";
    out.sql += KeyedSubquery(c.kind);
    out.params.emplace_back(c.key);
    out.sql += " AND ";
    if (c.kind == Kind::kMetric) {
      // A NaN (stored as 0 with is_nan = 1) differs from every number and orders with none.
      out.sql += c.op == "!=" ? "(m.is_nan = 1 OR m.value <> ?)" : "m.is_nan = 0 AND m.value ";
      if (c.op != "!=") {
        out.sql += op;
        out.sql += " ?";
      }
      out.params.emplace_back(std::get<double>(c.value));
    } else {
      AppendStringCondition(out, ValueColumn(c.kind), c);
    }
    out.sql += ")";
  }
  return out;
}

SqlFragment OrderByToSql(const std::vector<OrderKey>& keys, bool mlflow_style, bool driving) {
  SqlFragment out;
  bool orders_by_start_time = false;
  for (const OrderKey& k : keys) {
    if (driving && &k == &keys.front()) {
      // Never NULL (DrivingMetricClause), so no NULLS clause: the index order is the order.
      out.sql += k.descending ? "om.value DESC, " : "om.value ASC, ";
      continue;
    }
    if (k.kind == Kind::kAttribute) {
      out.sql += AttributeColumn(k.key);
      orders_by_start_time = orders_by_start_time || k.key == "start_time";
    } else if (k.kind == Kind::kMetric) {
      out.sql +=
          "(SELECT CASE WHEN m.is_nan = 1 THEN NULL ELSE m.value END FROM latest_metrics m "
          "WHERE m.run_id = r.run_id AND m.key = ?)";
      out.params.emplace_back(k.key);
    } else {
      out.sql += "(SELECT ";
      out.sql += ValueColumn(k.kind);
      out.sql += " FROM ";
      out.sql += KeyedSubquery(k.kind);
      out.sql += ")";
      out.params.emplace_back(k.key);
    }
    out.sql += k.descending ? " DESC NULLS LAST, " : " ASC NULLS LAST, ";
  }
  if (mlflow_style) {
    if (!orders_by_start_time) out.sql += "r.start_time DESC, ";
    out.sql += "r.run_id ASC";
  } else {
    out.sql += "r.created_at DESC, r.run_id DESC";
  }
  return out;
}

}  // namespace cairn::tracking
