#include "mlflow/search_filter.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdlib>
#include <set>

#include "mlflow/python_repr.h"
#include "mlflow/search_common.h"
#include "mlflow/sql_grouping.h"

namespace cairn::mlflow {

std::string_view ComparatorText(Comparator c) {
  switch (c) {
    case Comparator::kEq:
      return "=";
    case Comparator::kNe:
      return "!=";
    case Comparator::kLt:
      return "<";
    case Comparator::kLe:
      return "<=";
    case Comparator::kGt:
      return ">";
    case Comparator::kGe:
      return ">=";
    case Comparator::kLike:
      return "LIKE";
    case Comparator::kILike:
      return "ILIKE";
    case Comparator::kIn:
      return "IN";
    case Comparator::kNotIn:
      return "NOT IN";
  }
  return "=";
}

namespace {

using sqlparse::GroupKind;
using sqlparse::Node;
using sqlparse::TokenType;

const std::vector<std::string> kIdentifiers = {"metric", "parameter", "tag", "attribute",
                                               "dataset"};
const std::vector<std::string> kEntityTypesShort = {"attribute", "tag", "tags"};

const std::vector<std::string> kRunSearchAttributes = {
    "artifact_uri", "end_time", "run_id",  "run_name", "start_time", "status",
    "user_id",      "created",  "Created", "run name", "Run name",   "Run Name"};
const std::vector<std::string> kRunNumericAttributes = {"start_time", "end_time", "created",
                                                        "Created"};
const std::vector<std::string> kDatasetAttributes = {"name", "digest", "context"};
const std::vector<std::string> kExperimentSearchAttributes = {"name", "creation_time",
                                                              "last_update_time"};
const std::vector<std::string> kExperimentNumericAttributes = {"creation_time", "last_update_time"};
const std::vector<std::string> kModelVersionSearchAttributes = {"name", "version_number", "run_id",
                                                                "source_path"};
const std::vector<std::string> kModelVersionNumericAttributes = {
    "version_number", "creation_timestamp", "last_updated_timestamp"};

const std::vector<std::string> kMetricComparators = {">", ">=", "!=", "=", "<", "<="};
const std::vector<std::string> kParamComparators = {"!=", "=", "LIKE", "ILIKE"};
const std::vector<std::string> kStringAttributeComparators = {"!=",    "=",  "LIKE",
                                                              "ILIKE", "IN", "NOT IN"};
const std::vector<std::string> kModelVersionStringComparators = {"!=", "=", "LIKE", "ILIKE", "IN"};

bool Contains(const std::vector<std::string>& set, std::string_view v) {
  return std::find(set.begin(), set.end(), v) != set.end();
}

std::string Upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

Status Invalid(std::string message) { return InvalidArgument(std::move(message)); }

struct Parsed {
  std::string type;
  std::string key;
};

// SearchUtils._valid_entity_type
Result<std::string> ValidEntityType(std::string_view entity_type) {
  const std::string trimmed = search::TrimBackticks(entity_type);
  if (trimmed == "metric" || trimmed == "metrics") return std::string("metric");
  if (trimmed == "parameter" || trimmed == "parameters" || trimmed == "param" ||
      trimmed == "params") {
    return std::string("parameter");
  }
  if (trimmed == "tag" || trimmed == "tags") return std::string("tag");
  if (trimmed == "attribute" || trimmed == "attr" || trimmed == "attributes" || trimmed == "run") {
    return std::string("attribute");
  }
  if (trimmed == "dataset" || trimmed == "datasets") return std::string("dataset");
  return Invalid("Invalid entity type '" + trimmed + "'. Valid values are " +
                 py::ListRepr(kIdentifiers));
}

}  // namespace

namespace search {

std::string TrimBackticks(std::string_view s) {
  if (s.size() >= 2 && s.front() == '`' && s.back() == '`') {
    return std::string(s.substr(1, s.size() - 2));
  }
  return std::string(s);
}

bool IsQuoted(std::string_view s, char q) {
  return s.size() >= 2 && s.front() == q && s.back() == q;
}

std::string StripQuotes(std::string_view s) {
  if (IsQuoted(s, '\'') || IsQuoted(s, '"')) return std::string(s.substr(1, s.size() - 2));
  return std::string(s);
}

Result<Identifier> RunsIdentifier(std::string_view identifier,
                                  const std::vector<std::string>& valid_attributes) {
  std::string entity_type = "attribute";
  std::string_view key = identifier;
  const size_t dot = identifier.find('.');
  std::string type;
  if (dot == std::string_view::npos) {
    type = "attribute";
  } else {
    ASSIGN_OR_RETURN(type, ValidEntityType(identifier.substr(0, dot)));
    key = identifier.substr(dot + 1);
  }
  std::string k = TrimBackticks(StripQuotes(key));
  if (type == "attribute" && !Contains(valid_attributes, k)) {
    return Invalid("Invalid attribute key '" + k + "' specified. Valid keys are '" +
                   py::SetRepr(valid_attributes) + "'");
  }
  if (type == "dataset" && !Contains(kDatasetAttributes, k)) {
    return Invalid("Invalid dataset key '" + k + "' specified. Valid keys are '" +
                   py::SetRepr(kDatasetAttributes) + "'");
  }
  return Identifier{type, k};
}

Result<Identifier> ShortIdentifier(std::string_view identifier,
                                   const std::vector<std::string>& valid_attributes,
                                   bool check_key_before_strip) {
  std::string type;
  std::string_view key = identifier;
  const size_t dot = identifier.find('.');
  if (dot == std::string_view::npos) {
    type = "attribute";
  } else {
    const std::string entity(identifier.substr(0, dot));
    key = identifier.substr(dot + 1);
    if (!Contains(kEntityTypesShort, entity)) {
      return Invalid("Invalid entity type '" + entity + "'. Valid entity types are " +
                     py::TupleRepr(kEntityTypesShort));
    }
    type = (entity == "tag" || entity == "tags") ? "tag" : "attribute";
  }
  if (check_key_before_strip && type == "attribute" && !Contains(valid_attributes, key)) {
    return Invalid("Invalid attribute key '" + std::string(key) + "' specified. Valid keys are '" +
                   py::SetRepr(valid_attributes) + "'");
  }
  std::string k = TrimBackticks(StripQuotes(key));
  if (!check_key_before_strip && type == "attribute" && !Contains(valid_attributes, k)) {
    return Invalid("Invalid attribute key '" + k + "' specified. Valid keys are '" +
                   py::SetRepr(valid_attributes) + "'");
  }
  return Identifier{type, k};
}

}  // namespace search

namespace {

// Decodes one or more adjacent Python single/double-quoted string literals (ast.literal_eval
// of a string token). nullopt on a syntax error.
std::optional<std::string> PythonStringLiterals(std::string_view s) {
  std::string out;
  size_t i = 0;
  bool any = false;
  auto hex = [&](size_t at, int n) -> std::optional<unsigned> {
    if (at + static_cast<size_t>(n) > s.size()) return std::nullopt;
    unsigned v = 0;
    for (int k = 0; k < n; ++k) {
      const char c = s[at + static_cast<size_t>(k)];
      v <<= 4;
      if (c >= '0' && c <= '9') {
        v |= static_cast<unsigned>(c - '0');
      } else if (c >= 'a' && c <= 'f') {
        v |= static_cast<unsigned>(c - 'a' + 10);
      } else if (c >= 'A' && c <= 'F') {
        v |= static_cast<unsigned>(c - 'A' + 10);
      } else {
        return std::nullopt;
      }
    }
    return v;
  };
  auto utf8 = [&](unsigned cp) {
    if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      out += static_cast<char>(0xC0 | (cp >> 6));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      out += static_cast<char>(0xE0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (cp >> 18));
      out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    }
  };
  while (i < s.size()) {
    const char q = s[i];
    if (q != '\'' && q != '"') return std::nullopt;
    any = true;
    ++i;
    bool closed = false;
    while (i < s.size()) {
      const char c = s[i];
      if (c == q) {
        ++i;
        closed = true;
        break;
      }
      if (c == '\n') return std::nullopt;
      if (c != '\\') {
        out += c;
        ++i;
        continue;
      }
      if (i + 1 >= s.size()) return std::nullopt;
      const char e = s[i + 1];
      i += 2;
      switch (e) {
        case '\\':
          out += '\\';
          break;
        case '\'':
          out += '\'';
          break;
        case '"':
          out += '"';
          break;
        case 'a':
          out += '\a';
          break;
        case 'b':
          out += '\b';
          break;
        case 'f':
          out += '\f';
          break;
        case 'n':
          out += '\n';
          break;
        case 'r':
          out += '\r';
          break;
        case 't':
          out += '\t';
          break;
        case 'v':
          out += '\v';
          break;
        case '\n':
          break;
        case 'x': {
          auto v = hex(i, 2);
          if (!v) return std::nullopt;
          utf8(*v);
          i += 2;
          break;
        }
        case 'u':
        case 'U': {
          const int n = e == 'u' ? 4 : 8;
          auto v = hex(i, n);
          if (!v || *v > 0x10FFFF) return std::nullopt;
          utf8(*v);
          i += static_cast<size_t>(n);
          break;
        }
        default:
          if (e >= '0' && e <= '7') {
            unsigned v = static_cast<unsigned>(e - '0');
            for (int k = 0; k < 2 && i < s.size() && s[i] >= '0' && s[i] <= '7'; ++k, ++i) {
              v = v * 8 + static_cast<unsigned>(s[i] - '0');
            }
            utf8(v);
          } else {
            out += '\\';  // unknown escapes stay as written
            out += e;
          }
      }
    }
    if (!closed) return std::nullopt;
  }
  if (!any) return std::nullopt;
  return out;
}

class FilterParser {
 public:
  FilterParser(SearchGrammar grammar, std::string_view text) : g_(grammar), s_(text) {}

  Result<std::vector<FilterClause>> Run() {
    if (s_.empty()) return std::vector<FilterClause>{};
    if (s_.size() > kMaxSearchTextLength) {
      return Invalid("Filter string is too long (" + std::to_string(s_.size()) +
                     " bytes; at most " + std::to_string(kMaxSearchTextLength) + ")");
    }
    auto statements = sqlparse::Parse(s_);
    if (!statements) return Invalid("Error on parsing filter '" + std::string(s_) + "'");
    if (statements->empty()) {
      return Invalid("Invalid filter '" + std::string(s_) + "'. Could not be parsed.");
    }
    if (statements->size() > 1) {
      return Invalid("Search filter contained multiple expression '" + std::string(s_) +
                     "'. Provide AND-ed expression list.");
    }
    const sqlparse::Statement& stmt = statements->front();
    std::vector<std::string> invalid;
    for (const Node& t : stmt) {
      if (t.kind == GroupKind::kComparison || t.is_whitespace()) continue;
      if (t.kind == GroupKind::kLeaf && t.type == TokenType::kKeyword &&
          Upper(t.text(s_)) == "AND") {
        continue;
      }
      invalid.emplace_back(t.text(s_));
    }
    if (!invalid.empty()) {
      std::string msg = "Invalid clause(s) in filter string: ";
      for (size_t i = 0; i < invalid.size(); ++i) {
        if (i) msg += ", ";
        msg += g_ == SearchGrammar::kRuns ? "'" + invalid[i] + "'" : invalid[i];
      }
      return Invalid(msg);
    }
    std::vector<FilterClause> clauses;
    for (const Node& t : stmt) {
      if (t.kind != GroupKind::kComparison) continue;
      ASSIGN_OR_RETURN(FilterClause c, Comparison(t));
      clauses.push_back(std::move(c));
    }
    for (FilterClause& c : clauses) RETURN_IF_ERROR(Validate(c));
    return clauses;
  }

 private:
  Result<FilterClause> Comparison(const Node& comparison) {
    std::vector<const Node*> parts;
    for (const Node& n : comparison.children) {
      if (!n.is_whitespace()) parts.push_back(&n);
    }
    const std::string base = "Invalid comparison clause";
    if (parts.size() != 3) {
      return Invalid(base + ". Expected 3 tokens found " + std::to_string(parts.size()));
    }
    if (parts[0]->kind != GroupKind::kIdentifier) {
      return Invalid(base + ". Expected 'Identifier' found '" + std::string(parts[0]->text(s_)) +
                     "'");
    }
    FilterClause c;
    const std::string_view left = parts[0]->text(s_);
    search::Identifier id;
    switch (g_) {
      case SearchGrammar::kRuns: {
        ASSIGN_OR_RETURN(id, search::RunsIdentifier(left, kRunSearchAttributes));
        break;
      }
      case SearchGrammar::kExperiments: {
        ASSIGN_OR_RETURN(id, search::ShortIdentifier(left, kExperimentSearchAttributes, false));
        break;
      }
      case SearchGrammar::kRegisteredModels: {
        ASSIGN_OR_RETURN(id, search::ShortIdentifier(left, {"name"}, true));
        break;
      }
      case SearchGrammar::kModelVersions: {
        ASSIGN_OR_RETURN(id, search::ShortIdentifier(left, kModelVersionSearchAttributes, true));
        break;
      }
    }
    c.type = id.type;
    c.key = id.key;
    const std::string_view comparator = parts[1]->text(s_);
    const bool registry =
        g_ == SearchGrammar::kRegisteredModels || g_ == SearchGrammar::kModelVersions;
    c.comparator = registry ? Upper(comparator) : std::string(comparator);
    RETURN_IF_ERROR(registry ? RegistryValue(c, *parts[2]) : TrackingValue(c, *parts[2]));
    return c;
  }

  // SearchUtils._strip_quotes(value, expect_quoted_value=True)
  Result<std::string> QuotedValue(std::string_view v) {
    if (search::IsQuoted(v, '\'') || search::IsQuoted(v, '"')) {
      return std::string(v.substr(1, v.size() - 2));
    }
    return Invalid(
        "Parameter value is either not quoted or unidentified quote types used for string value " +
        std::string(v) + ". Use either single or double quotes.");
  }

  static bool IsNumberToken(const Node& t) {
    return t.kind == GroupKind::kLeaf &&
           (t.type == TokenType::kInteger || t.type == TokenType::kFloat);
  }
  static bool IsStringish(const Node& t) {
    return (t.kind == GroupKind::kLeaf && t.type == TokenType::kStringSingle) ||
           t.kind == GroupKind::kIdentifier;
  }

  // SearchUtils._get_value (runs and experiments)
  Status TrackingValue(FilterClause& c, const Node& token) {
    const std::string_view v = token.text(s_);
    const std::vector<std::string>& numeric =
        g_ == SearchGrammar::kRuns ? kRunNumericAttributes : kExperimentNumericAttributes;
    if (c.type == "metric") {
      if (!IsNumberToken(token)) {
        return Invalid("Expected numeric value type for metric. Found " + std::string(v));
      }
      c.value = std::string(v);
      c.number = std::strtod(std::string(v).c_str(), nullptr);
      return Status::Ok();
    }
    if (c.type == "parameter" || c.type == "tag") {
      if (IsStringish(token)) {
        ASSIGN_OR_RETURN(std::string s, QuotedValue(v));
        c.value = std::move(s);
        return Status::Ok();
      }
      return Invalid("Expected a quoted string value for " + c.type +
                     " (e.g. 'my-value'). Got value " + std::string(v));
    }
    if (c.type == "attribute") {
      if (Contains(numeric, c.key)) {
        if (!IsNumberToken(token)) {
          return Invalid("Expected numeric value type for numeric attribute: " + c.key +
                         ". Found " + std::string(v));
        }
        c.value = std::string(v);
        c.number = std::strtod(std::string(v).c_str(), nullptr);
        return Status::Ok();
      }
      if (IsStringish(token)) {
        ASSIGN_OR_RETURN(std::string s, QuotedValue(v));
        c.value = std::move(s);
        return Status::Ok();
      }
      if (token.kind == GroupKind::kParenthesis) {
        if (c.key != "run_id") {
          return Invalid(
              "Only the 'run_id' attribute supports comparison with a list of quoted string "
              "values.");
        }
        ASSIGN_OR_RETURN(auto ids, RunIds(token));
        c.value = std::move(ids);
        return Status::Ok();
      }
      return Invalid("Expected a quoted string value for attributes. Got value " + std::string(v));
    }
    // dataset
    if (Contains(kDatasetAttributes, c.key) && IsStringish(token)) {
      ASSIGN_OR_RETURN(std::string s, QuotedValue(v));
      c.value = std::move(s);
      return Status::Ok();
    }
    if (token.kind == GroupKind::kParenthesis) {
      ASSIGN_OR_RETURN(auto ids, RunIds(token));
      c.value = std::move(ids);
      return Status::Ok();
    }
    return Invalid("Expected a quoted string value for dataset attributes. Got value " +
                   std::string(v));
  }

  // SearchModelUtils._get_value / SearchModelVersionUtils._get_value
  Status RegistryValue(FilterClause& c, const Node& token) {
    const std::string_view v = token.text(s_);
    if (c.type == "tag") {
      if (IsStringish(token)) {
        ASSIGN_OR_RETURN(std::string s, QuotedValue(v));
        c.value = std::move(s);
        return Status::Ok();
      }
      return Invalid("Expected a quoted string value for tag (e.g. 'my-value'). Got value " +
                     std::string(v));
    }
    if (IsStringish(token)) {
      ASSIGN_OR_RETURN(std::string s, QuotedValue(v));
      c.value = std::move(s);
      return Status::Ok();
    }
    if (token.kind == GroupKind::kParenthesis) {
      if (c.key != "run_id") {
        return Invalid(
            "Only the 'run_id' attribute supports comparison with a list of quoted string "
            "values.");
      }
      ASSIGN_OR_RETURN(auto ids, RunIds(token));
      c.value = std::move(ids);
      return Status::Ok();
    }
    if (g_ == SearchGrammar::kModelVersions && IsNumberToken(token)) {
      if (!Contains(kModelVersionNumericAttributes, c.key)) {
        return Invalid("Only the '" + py::SetRepr(kModelVersionNumericAttributes) +
                       "' attributes support comparison with numeric values.");
      }
      const std::string text(v);
      c.number = std::strtod(text.c_str(), nullptr);
      if (token.type == TokenType::kInteger) {
        int64_t n = 0;
        auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
        if (ec == std::errc() && p == text.data() + text.size()) {
          c.value = n;
        } else {
          c.value = *c.number;
        }
      } else {
        c.value = *c.number;
      }
      return Status::Ok();
    }
    return Invalid(
        "Expected a quoted string value or a list of quoted string values for attributes. Got "
        "value " +
        std::string(v));
  }

  // SearchUtils._parse_run_ids
  Result<std::vector<std::string>> RunIds(const Node& paren) {
    const std::string ill_formed =
        "While parsing a list in the query, expected a non-empty list of string values, but got "
        "ill-formed list.";
    const std::vector<Node>& all = paren.children;
    std::vector<const Node*> inner;
    for (size_t i = 1; i + 1 < all.size(); ++i) inner.push_back(&all[i]);
    if (inner.empty()) {
      return Invalid(
          "While parsing a list in the query, expected a non-empty list of string values, but got "
          "empty list");
    }
    const bool single = inner.size() == 1 && inner[0]->kind == GroupKind::kLeaf &&
                        inner[0]->type == TokenType::kStringSingle;
    if (!single) {
      if (inner[0]->kind != GroupKind::kIdentifierList) return Invalid(ill_formed);
      for (const Node& t : inner[0]->children) {
        const bool ok = t.kind == GroupKind::kLeaf &&
                        (t.type == TokenType::kStringSingle || t.type == TokenType::kPunctuation ||
                         t.type == TokenType::kWhitespace);
        if (!ok) {
          return Invalid(
              "While parsing a list in the query, expected string value, punctuation, or "
              "whitespace, but got different type in list: " +
              std::string(paren.text(s_)));
        }
      }
    }
    // ast.literal_eval of the parenthesis: a string, or a tuple of strings.
    std::vector<std::string> values;
    if (single) {
      auto v = PythonStringLiterals(inner[0]->text(s_));
      if (!v) return Invalid(ill_formed);
      values.push_back(std::move(*v));
    } else {
      for (const Node& t : inner[0]->children) {
        if (t.type != TokenType::kStringSingle) continue;
        auto v = PythonStringLiterals(t.text(s_));
        if (!v) return Invalid(ill_formed);
        values.push_back(std::move(*v));
      }
    }
    // MLflow drops ids that are not lower case (MySQL's IN is case-insensitive).
    std::vector<std::string> out;
    for (auto& v : values) {
      if (py::IsLower(v)) out.push_back(std::move(v));
    }
    return out;
  }

  static std::optional<Comparator> ToComparator(std::string_view upper) {
    if (upper == "=") return Comparator::kEq;
    if (upper == "!=") return Comparator::kNe;
    if (upper == "<") return Comparator::kLt;
    if (upper == "<=") return Comparator::kLe;
    if (upper == ">") return Comparator::kGt;
    if (upper == ">=") return Comparator::kGe;
    if (upper == "LIKE") return Comparator::kLike;
    if (upper == "ILIKE") return Comparator::kILike;
    if (upper == "IN") return Comparator::kIn;
    if (upper == "NOT IN") return Comparator::kNotIn;
    return std::nullopt;
  }

  // The checks MLflow's SQL stores make before querying.
  Status Validate(FilterClause& c) {
    const std::string upper = Upper(c.comparator);
    auto not_one_of = [&](const std::vector<std::string>& set, bool closing_quote) {
      return Invalid("Invalid comparator '" + (g_ == SearchGrammar::kRuns ? upper : c.comparator) +
                     "' not one of '" + py::SetRepr(set) + (closing_quote ? "'" : ""));
    };
    switch (g_) {
      case SearchGrammar::kRuns: {
        const std::string_view key = CanonicalRunAttribute(c.key);
        if (c.type == "attribute") {
          if (!Contains(kRunNumericAttributes, key)) {
            if (!Contains(kStringAttributeComparators, upper)) {
              return not_one_of(kStringAttributeComparators, true);
            }
          } else if (!Contains(kMetricComparators, upper)) {
            return not_one_of(kStringAttributeComparators, false);
          }
        } else if (c.type == "metric") {
          if (!Contains(kMetricComparators, upper)) return not_one_of(kMetricComparators, false);
        } else if (c.type == "parameter") {
          if (!Contains(kParamComparators, upper)) return not_one_of(kParamComparators, true);
        } else if (c.type == "tag") {
          if (!Contains(kParamComparators, upper)) return not_one_of(kParamComparators, false);
        } else if (c.type == "dataset") {
          if (!Contains(kStringAttributeComparators, upper)) {
            return not_one_of(kStringAttributeComparators, false);
          }
        }
        break;
      }
      case SearchGrammar::kExperiments: {
        const std::string& comp = c.comparator;  // not upper-cased by MLflow here
        if (c.type == "attribute") {
          if (!Contains(kExperimentNumericAttributes, c.key)) {
            if (!Contains(kStringAttributeComparators, comp)) {
              return not_one_of(kStringAttributeComparators, true);
            }
            if (!Contains(kParamComparators, comp)) {
              return Invalid("Invalid comparator for string attribute: " + comp);
            }
          } else if (!Contains(kMetricComparators, comp)) {
            return not_one_of(kStringAttributeComparators, false);
          }
        } else if (!Contains(kParamComparators, comp)) {
          return Invalid("Invalid comparator for tag: " + comp);
        }
        break;
      }
      case SearchGrammar::kRegisteredModels: {
        if (c.type == "attribute") {
          if (c.key != "name") return Invalid("Invalid attribute name: " + c.key);
          if (!Contains(kParamComparators, upper)) {
            return Invalid("Invalid comparator for attribute: " + upper);
          }
        } else if (!Contains(kParamComparators, upper)) {
          return Invalid("Invalid comparator for tag: " + upper);
        }
        break;
      }
      case SearchGrammar::kModelVersions: {
        if (c.type == "attribute") {
          if (!Contains(kModelVersionSearchAttributes, c.key)) {
            return Invalid("Invalid attribute name: " + c.key);
          }
          if (Contains(kModelVersionNumericAttributes, c.key)) {
            if (!Contains(kMetricComparators, upper)) {
              return Invalid("Invalid comparator for attribute " + c.key + ": " + upper);
            }
          } else if (!Contains(kModelVersionStringComparators, upper) ||
                     (upper == "IN" && c.key != "run_id")) {
            return Invalid("Invalid comparator for attribute: " + upper);
          }
        } else if (!Contains(kParamComparators, upper)) {
          return Invalid("Invalid comparator for tag: " + upper);
        }
        break;
      }
    }
    // Every comparator that passed the checks above is one of the ten.
    c.op = ToComparator(upper).value_or(Comparator::kEq);
    return Status::Ok();
  }

  SearchGrammar g_;
  std::string_view s_;
};

}  // namespace

std::string_view CanonicalRunAttribute(std::string_view key) {
  if (key == "created" || key == "Created") return "start_time";
  if (key == "run name" || key == "Run name" || key == "Run Name") return "run_name";
  return key;
}

Result<std::vector<FilterClause>> ParseSearchFilter(SearchGrammar grammar, std::string_view text) {
  return FilterParser(grammar, text).Run();
}

}  // namespace cairn::mlflow
