#include "auth/credentials.h"

namespace cairn::auth {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool IEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i] >= 'A' && a[i] <= 'Z' ? static_cast<char>(a[i] + 32) : a[i];
    char y = b[i] >= 'A' && b[i] <= 'Z' ? static_cast<char>(b[i] + 32) : b[i];
    if (x != y) return false;
  }
  return true;
}

PresentedCredentials Malformed() { return {PresentedCredentials::Kind::kMalformed, {}}; }

// RFC 6750 §2.1: "Bearer" 1*SP token68.
PresentedCredentials ParseAuthorization(std::string_view value) {
  value = Trim(value);
  size_t space = value.find(' ');
  if (space == std::string_view::npos || !IEquals(value.substr(0, space), "bearer")) {
    return Malformed();
  }
  std::string_view token = Trim(value.substr(space + 1));
  if (token.empty() || token.find_first_of(" \t,") != std::string_view::npos) return Malformed();
  return {PresentedCredentials::Kind::kBearer, token};
}

}  // namespace

PresentedCredentials ParseCredentials(
    const std::vector<std::pair<std::string, std::string>>& headers) {
  const std::string* authorization = nullptr;
  std::string_view session;
  int sessions = 0;
  for (const auto& [name, value] : headers) {
    if (name == "authorization") {
      if (authorization != nullptr) return Malformed();
      authorization = &value;
    } else if (name == "cookie") {
      std::string_view rest = value;
      while (!rest.empty()) {
        size_t semi = rest.find(';');
        std::string_view pair = Trim(rest.substr(0, semi));
        rest = semi == std::string_view::npos ? std::string_view() : rest.substr(semi + 1);
        size_t eq = pair.find('=');
        if (eq == std::string_view::npos || Trim(pair.substr(0, eq)) != kSessionCookie) continue;
        std::string_view v = Trim(pair.substr(eq + 1));
        if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
        session = v;
        ++sessions;
      }
    }
  }
  if (authorization != nullptr) return ParseAuthorization(*authorization);
  if (sessions > 1) return Malformed();
  if (sessions == 1) {
    if (session.empty()) return Malformed();
    return {PresentedCredentials::Kind::kSession, session};
  }
  return {};
}

}  // namespace cairn::auth
