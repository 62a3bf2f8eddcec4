// Identifiers: UUIDv4 (lowercase hex with dashes) from OpenSSL's CSPRNG, and the name rule of
// SPEC §1 (1–128 chars of [A-Za-z0-9_.-], starting alphanumeric). Thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace cairn {

std::string NewUuid();
bool IsUuid(std::string_view s);
bool IsValidName(std::string_view s);

}  // namespace cairn
