#include "common/principal.h"

namespace cairn {
namespace {

thread_local const Principal* t_current = nullptr;

}  // namespace

std::string_view AuthMethodName(AuthMethod method) {
  switch (method) {
    case AuthMethod::kNone:
      return "none";
    case AuthMethod::kHeader:
      return "header";
    case AuthMethod::kToken:
      return "token";
    case AuthMethod::kSession:
      return "session";
  }
  return "header";
}

const Principal* CurrentPrincipal() { return t_current; }

ScopedPrincipal::ScopedPrincipal(const Principal* principal) : previous_(t_current) {
  t_current = principal;
}

ScopedPrincipal::~ScopedPrincipal() { t_current = previous_; }

}  // namespace cairn
