#include "http/identity.h"

namespace cairn::http {

bool IsValidActor(std::string_view name) {
  if (name.empty() || name.size() > kMaxActorLength) return false;
  if (name.front() == ' ' || name.back() == ' ') return false;
  for (char c : name) {
    if (c < 0x20 || c > 0x7E) return false;
  }
  return true;
}

std::string ActorFor(const Request& req) {
  auto user = req.Header("x-cairn-user");
  if (user && IsValidActor(*user)) return std::string(*user);
  return std::string(kAnonymousActor);
}

}  // namespace cairn::http
