#include "common/identity.h"

namespace cairn {
namespace {

bool IsAlnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

bool IsNameChar(char c) {
  return IsAlnum(c) || c == '.' || c == '_' || c == '-' || c == '@' || c == '+';
}

std::string_view TrimBlanks(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

bool IsValidIdentity(std::string_view name) {
  if (name.empty() || name.size() > kMaxIdentityLength || !IsAlnum(name.front())) return false;
  for (char c : name) {
    if (!IsNameChar(c)) return false;
  }
  return true;
}

Result<std::string> NormalizeIdentity(std::string_view raw) {
  std::string_view name = TrimBlanks(raw);
  if (!IsValidIdentity(name)) {
    return InvalidArgument(
        "must be 1-128 characters of ASCII letters, digits and . _ - @ +, starting with a letter "
        "or digit");
  }
  std::string out(name);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + ('a' - 'A'));
  }
  return out;
}

bool SameIdentity(std::string_view a, std::string_view b) {
  auto na = NormalizeIdentity(a);
  auto nb = NormalizeIdentity(b);
  return na.ok() && nb.ok() && *na == *nb;
}

bool MaybeSamePerson(std::string_view a, std::string_view b) {
  if (SameIdentity(a, b)) return true;
  std::string_view ta = TrimBlanks(a);
  std::string_view tb = TrimBlanks(b);
  if (ta.size() != tb.size()) return false;
  for (size_t i = 0; i < ta.size(); ++i) {
    char x = ta[i], y = tb[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x + ('a' - 'A'));
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y + ('a' - 'A'));
    if (x != y) return false;
  }
  return true;
}

}  // namespace cairn
