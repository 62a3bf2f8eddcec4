#include "storage/postgres/placeholders.h"

#include <cctype>

namespace cairn::storage {
namespace {

// Length of a dollar-quote tag starting at sql[i] == '$' ("$$" or "$tag$"), or 0 if none.
size_t DollarTagLength(std::string_view sql, size_t i) {
  // Inside an identifier (`a$b`) a dollar sign is an ordinary character.
  if (i > 0 && (std::isalnum(static_cast<unsigned char>(sql[i - 1])) != 0 || sql[i - 1] == '_')) {
    return 0;
  }
  size_t j = i + 1;
  while (j < sql.size() &&
         (std::isalnum(static_cast<unsigned char>(sql[j])) != 0 || sql[j] == '_')) {
    ++j;
  }
  if (j < sql.size() && sql[j] == '$') {
    // "$1" is a positional parameter, not a tag: tags do not start with a digit.
    if (j > i + 1 && std::isdigit(static_cast<unsigned char>(sql[i + 1])) != 0) return 0;
    return j - i + 1;
  }
  return 0;
}

}  // namespace

RewrittenSql RewritePlaceholders(std::string_view sql) {
  RewrittenSql out;
  out.sql.reserve(sql.size() + 16);
  size_t i = 0;
  while (i < sql.size()) {
    const char c = sql[i];
    if (c == '\'' || c == '"') {
      // Quoted literal or identifier; a doubled quote is an escaped quote and stays inside.
      size_t j = i + 1;
      while (j < sql.size()) {
        if (sql[j] == c) {
          if (j + 1 < sql.size() && sql[j + 1] == c) {
            j += 2;
            continue;
          }
          break;
        }
        ++j;
      }
      size_t end = j < sql.size() ? j + 1 : sql.size();
      out.sql.append(sql.substr(i, end - i));
      i = end;
    } else if (c == '-' && i + 1 < sql.size() && sql[i + 1] == '-') {
      size_t end = sql.find('\n', i);
      end = end == std::string_view::npos ? sql.size() : end;
      out.sql.append(sql.substr(i, end - i));
      i = end;
    } else if (c == '/' && i + 1 < sql.size() && sql[i + 1] == '*') {
      size_t end = sql.find("*/", i + 2);
      end = end == std::string_view::npos ? sql.size() : end + 2;
      out.sql.append(sql.substr(i, end - i));
      i = end;
    } else if (size_t tag = c == '$' ? DollarTagLength(sql, i) : 0; tag > 0) {
      size_t close = sql.find(sql.substr(i, tag), i + tag);
      size_t end = close == std::string_view::npos ? sql.size() : close + tag;
      out.sql.append(sql.substr(i, end - i));
      i = end;
    } else if (c == '?') {
      out.sql += '$';
      out.sql += std::to_string(++out.placeholders);
      ++i;
    } else {
      out.sql += c;
      ++i;
    }
  }
  return out;
}

}  // namespace cairn::storage
