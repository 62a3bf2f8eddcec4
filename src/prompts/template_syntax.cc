#include "prompts/template_syntax.h"

#include <algorithm>
#include <cstdint>

namespace cairn::prompts {
namespace {

bool IsNameStart(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_'; }
bool IsNameChar(char c) { return IsNameStart(c) || (c >= '0' && c <= '9'); }
bool IsBlank(char c) { return c == ' ' || c == '\t'; }

// What starts at `i` in the body.
enum class TokenKind { kText, kEscape, kPlaceholder, kMalformed };
struct Token {
  TokenKind kind = TokenKind::kText;
  size_t end = 0;  // one past the token
  std::string_view name;
  std::string message;
};

// Scans the `{{` at `i`. Every byte is examined at most once per call, and the caller resumes
// at `end`, so the whole parse is linear.
Token ScanBraces(std::string_view s, size_t i) {
  Token t;
  size_t j = i + 2;
  while (j < s.size() && IsBlank(s[j])) ++j;
  const size_t name_start = j;
  if (j < s.size() && IsNameStart(s[j])) {
    while (j < s.size() && IsNameChar(s[j])) ++j;
  }
  const size_t name_end = j;
  while (j < s.size() && IsBlank(s[j])) ++j;
  const bool closed = j + 1 < s.size() && s[j] == '}' && s[j + 1] == '}';
  if (name_end > name_start && closed) {
    if (name_end - name_start > kMaxVariableNameLength) {
      t.kind = TokenKind::kMalformed;
      t.end = j + 2;
      t.message = "placeholder name longer than 64 characters";
      return t;
    }
    t.kind = TokenKind::kPlaceholder;
    t.end = j + 2;
    t.name = s.substr(name_start, name_end - name_start);
    return t;
  }
  t.kind = TokenKind::kMalformed;
  if (name_end == name_start) {
    t.message = j >= s.size() ? "unclosed '{{' at end of body"
                              : "'{{' must be followed by a variable name and '}}'";
  } else {
    t.message = "placeholder '" + std::string(s.substr(name_start, name_end - name_start)) +
                "' is not closed by '}}'";
  }
  // Report up to where scanning stopped (at least the `{{` itself).
  t.end = std::max(j, i + 2);
  return t;
}

Token Next(std::string_view s, size_t i) {
  if (s[i] == '\\' && i + 2 < s.size() && s[i + 1] == '{' && s[i + 2] == '{') {
    return Token{TokenKind::kEscape, i + 3, {}, {}};
  }
  if (s[i] == '{' && i + 1 < s.size() && s[i + 1] == '{') return ScanBraces(s, i);
  return Token{TokenKind::kText, i + 1, {}, {}};
}

}  // namespace

bool IsValidVariableName(std::string_view name) {
  if (name.empty() || name.size() > kMaxVariableNameLength || !IsNameStart(name[0])) return false;
  for (char c : name)
    if (!IsNameChar(c)) return false;
  return true;
}

ParsedBody ParseBody(std::string_view body) {
  ParsedBody out;
  size_t i = 0;
  while (i < body.size()) {
    Token t = Next(body, i);
    if (t.kind == TokenKind::kPlaceholder) {
      out.placeholders.push_back({std::string(t.name), i, t.end});
    } else if (t.kind == TokenKind::kMalformed) {
      out.issues.push_back({i, t.end, std::move(t.message)});
    }
    i = t.end;
  }
  return out;
}

size_t RenderedSize(std::string_view body, const std::map<std::string, std::string>& values) {
  size_t literal = body.size();  // bytes of the body that are copied; never underflows
  size_t inserted = 0;           // bytes of values, saturating
  size_t i = 0;
  while (i < body.size()) {
    Token t = Next(body, i);
    if (t.kind == TokenKind::kEscape) {
      literal -= (t.end - i) - 2;  // `\{{` renders as `{{`
    } else if (t.kind == TokenKind::kPlaceholder) {
      literal -= t.end - i;
      auto it = values.find(std::string(t.name));
      if (it != values.end()) {
        const size_t n = it->second.size();
        inserted = n > SIZE_MAX - inserted ? SIZE_MAX : inserted + n;
      }
    }
    i = t.end;
  }
  return inserted > SIZE_MAX - literal ? SIZE_MAX : literal + inserted;
}

std::string RenderBody(std::string_view body, const std::map<std::string, std::string>& values) {
  std::string out;
  out.reserve(body.size());
  size_t i = 0;
  size_t text_start = 0;
  auto flush = [&](size_t upto) { out.append(body.substr(text_start, upto - text_start)); };
  while (i < body.size()) {
    Token t = Next(body, i);
    switch (t.kind) {
      case TokenKind::kText:
        break;
      case TokenKind::kEscape:
        flush(i);
        out.append("{{");
        text_start = t.end;
        break;
      case TokenKind::kPlaceholder: {
        flush(i);
        auto it = values.find(std::string(t.name));
        if (it != values.end()) out.append(it->second);
        text_start = t.end;
        break;
      }
      case TokenKind::kMalformed:
        break;  // kept verbatim
    }
    i = t.end;
  }
  flush(body.size());
  return out;
}

}  // namespace cairn::prompts
