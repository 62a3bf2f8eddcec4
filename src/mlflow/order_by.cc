#include "mlflow/order_by.h"

#include <algorithm>
#include <cctype>
#include <optional>
#include <set>
#include <utility>

#include "mlflow/python_repr.h"
#include "mlflow/search_common.h"
#include "mlflow/sql_grouping.h"

namespace cairn::mlflow {

namespace {

using sqlparse::GroupKind;
using sqlparse::Node;
using sqlparse::TokenType;

const std::vector<std::string> kRunOrderAttributes = {"artifact_uri", "end_time",   "run_id",
                                                      "run_name",     "start_time", "status",
                                                      "user_id",      "created",    "Created"};
const std::vector<std::string> kExperimentOrderAttributes = {"name", "experiment_id",
                                                             "creation_time", "last_update_time"};
const std::vector<std::string> kModelVersionOrderAttributes = {
    "name", "version_number", "creation_timestamp", "last_updated_timestamp"};

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

Status Invalid(std::string message) { return InvalidArgument(std::move(message)); }

// shlex.split(s) in POSIX mode without comments. nullopt on an unclosed quote.
std::optional<std::vector<std::string>> ShlexSplit(std::string_view s) {
  std::vector<std::string> out;
  std::string word;
  bool in_word = false;
  size_t i = 0;
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (i < s.size()) {
    const char c = s[i];
    if (space(c)) {
      if (in_word) {
        out.push_back(std::move(word));
        word.clear();
        in_word = false;
      }
      ++i;
    } else if (c == '\\') {
      in_word = true;
      if (i + 1 >= s.size()) return std::nullopt;  // "No escaped character"
      word += s[i + 1];
      i += 2;
    } else if (c == '\'') {
      in_word = true;
      const size_t close = s.find('\'', i + 1);
      if (close == std::string_view::npos) return std::nullopt;
      word.append(s.substr(i + 1, close - i - 1));
      i = close + 1;
    } else if (c == '"') {
      in_word = true;
      ++i;
      bool closed = false;
      while (i < s.size()) {
        if (s[i] == '"') {
          closed = true;
          ++i;
          break;
        }
        if (s[i] == '\\' && i + 1 < s.size() && (s[i + 1] == '"' || s[i + 1] == '\\')) {
          word += s[i + 1];
          i += 2;
          continue;
        }
        word += s[i++];
      }
      if (!closed) return std::nullopt;
    } else {
      in_word = true;
      word += c;
      ++i;
    }
  }
  if (in_word) out.push_back(std::move(word));
  return out;
}

bool IsTimestampKeyword(const Node& n, std::string_view s) {
  return n.kind == GroupKind::kLeaf && n.type == TokenType::kKeyword &&
         Lower(n.text(s)) == "timestamp";
}

// SearchUtils._parse_order_by_string: (key text, ascending).
Result<std::pair<std::string, bool>> ParseOrderByString(std::string_view order_by) {
  if (order_by.size() > kMaxSearchTextLength) {
    return Invalid("order_by clause is too long (" + std::to_string(order_by.size()) +
                   " bytes; at most " + std::to_string(kMaxSearchTextLength) + ")");
  }
  const std::string quoted = "'" + std::string(order_by) + "'";
  auto statements = sqlparse::Parse(order_by);
  if (!statements) return Invalid("Error on parsing order_by clause " + quoted);
  if (statements->size() != 1) {
    return Invalid("Invalid order_by clause " + quoted + ". Could not be parsed.");
  }
  const sqlparse::Statement& tokens = statements->front();
  std::string token_value;
  if (tokens.size() == 1 && tokens[0].kind == GroupKind::kIdentifier) {
    token_value = std::string(tokens[0].text(order_by));
  } else if (tokens.size() == 1 && IsTimestampKeyword(tokens[0], order_by)) {
    token_value = "timestamp";
  } else if (IsTimestampKeyword(tokens[0], order_by) &&
             std::all_of(tokens.begin() + 1, tokens.end() - 1,
                         [](const Node& n) { return n.is_whitespace(); }) &&
             tokens.back().kind == GroupKind::kLeaf &&
             tokens.back().type == TokenType::kKeywordOrder) {
    token_value = "timestamp " + std::string(tokens.back().text(order_by));
  } else {
    return Invalid("Invalid order_by clause " + quoted + ". Could not be parsed.");
  }
  std::string replaced = token_value;
  std::replace(replaced.begin(), replaced.end(), '`', '"');
  auto parts = ShlexSplit(replaced);
  if (!parts || parts->size() > 2) {
    return Invalid("Invalid order_by clause " + quoted + ". Could not be parsed.");
  }
  bool ascending = true;
  if (parts->size() == 2) {
    const std::string dir = Lower((*parts)[1]);
    if (dir != "asc" && dir != "desc") {
      return Invalid("Invalid ordering key in order_by clause " + quoted + ".");
    }
    ascending = dir == "asc";
    token_value = (*parts)[0];
  }
  return std::pair{token_value, ascending};
}

Status Duplicate(const std::vector<std::string>& items) {
  return Invalid("`order_by` contains duplicate fields: " + py::ListRepr(items));
}

}  // namespace

Result<std::vector<OrderByItem>> ParseOrderBy(SearchGrammar grammar,
                                              const std::vector<std::string>& items) {
  std::vector<OrderByItem> out;
  std::set<std::pair<std::string, std::string>> seen;
  for (const std::string& item : items) {
    ASSIGN_OR_RETURN(auto parsed, ParseOrderByString(item));
    const std::string_view token = py::Strip(parsed.first);
    OrderByItem o;
    o.ascending = parsed.second;
    switch (grammar) {
      case SearchGrammar::kRuns: {
        ASSIGN_OR_RETURN(search::Identifier id, search::RunsIdentifier(token, kRunOrderAttributes));
        if (id.type == "dataset") return Invalid("Invalid identifier type 'dataset'");
        o.type = id.type;
        o.key = id.key;
        const std::string key(CanonicalRunAttribute(o.key));  // MLflow translates every key
        if (!seen.insert({o.type, key}).second) return Duplicate(items);
        break;
      }
      case SearchGrammar::kExperiments: {
        ASSIGN_OR_RETURN(search::Identifier id,
                         search::ShortIdentifier(token, kExperimentOrderAttributes, false));
        if (id.type != "attribute") return Invalid("Invalid order_by entity: " + id.type);
        o.type = id.type;
        o.key = id.key;
        break;
      }
      case SearchGrammar::kRegisteredModels: {
        if (token != "name" && token != "timestamp" && token != "last_updated_timestamp") {
          return Invalid("Invalid order by key '" + std::string(token) +
                         "' specified. Valid keys are '" + py::SetRepr({"name", "timestamp"}) +
                         "'");
        }
        o.type = "attribute";
        o.key = std::string(token);
        const std::string field = token == "name" ? "name" : "last_updated_time";
        if (!seen.insert({"", field}).second) return Duplicate(items);
        break;
      }
      case SearchGrammar::kModelVersions: {
        ASSIGN_OR_RETURN(search::Identifier id,
                         search::ShortIdentifier(token, kModelVersionOrderAttributes, false));
        if (std::find(kModelVersionOrderAttributes.begin(), kModelVersionOrderAttributes.end(),
                      id.key) == kModelVersionOrderAttributes.end()) {
          return Invalid("Invalid order by key '" + id.key + "' specified. Valid keys are " +
                         py::SetRepr(kModelVersionOrderAttributes));
        }
        o.type = id.type;
        o.key = id.key;
        if (!seen.insert({"", id.key}).second) return Duplicate(items);
        break;
      }
    }
    out.push_back(std::move(o));
  }
  return out;
}

}  // namespace cairn::mlflow
