#include "http/identity.h"

#include "common/identity.h"
#include "common/validation.h"

namespace cairn::http {

bool IsValidActor(std::string_view name) { return IsValidIdentity(name); }

Result<std::string> HeaderIdentity(const Request& req) {
  const std::string* value = nullptr;
  for (const auto& [name, v] : req.headers) {
    if (name != kIdentityHeader) continue;
    if (value != nullptr) {
      return validation::FieldInvalid("X-Cairn-User", "must be given at most once");
    }
    value = &v;
  }
  if (value == nullptr) return std::string(kAnonymousActor);
  auto normalized = NormalizeIdentity(*value);
  if (!normalized.ok()) {
    // The value itself is not echoed: it may hold anything, including bytes a log cannot show.
    return validation::FieldInvalid("X-Cairn-User", normalized.status().message());
  }
  return std::move(*normalized);
}

std::string ActorFor(const Request& req) {
  if (req.principal) return req.principal->name;
  auto identity = HeaderIdentity(req);
  return identity.ok() ? std::move(*identity) : std::string(kAnonymousActor);
}

}  // namespace cairn::http
