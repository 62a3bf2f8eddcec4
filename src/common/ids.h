// Identifiers: UUIDv4 (lowercase hex with dashes) from OpenSSL's CSPRNG, the name rule of
// SPEC §1 (1–128 chars of [A-Za-z0-9_.-], starting alphanumeric), and the wider rule of
// experiment and registered-model names, which MLflow lets users choose freely
// ("/Users/me/churn", "churn model"). Thread-safe.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace cairn {

std::string NewUuid();
bool IsUuid(std::string_view s);
bool IsValidName(std::string_view s);

inline constexpr size_t kMaxWideNameChars = 256;
// Experiment and registered-model names: 1–256 characters of valid UTF-8 without control
// characters (C0, DEL, C1; so no NUL, tab or newline), and neither "." nor ".." (which no URL
// path segment can carry). Every name valid under IsValidName is valid here.
bool IsValidWideName(std::string_view s);

// A UUID without dashes (MLflow's run-id form, 32 lowercase hex digits) or with them, as the
// canonical dashed UUID; nullopt for anything else. Upper-case hex is not accepted.
std::optional<std::string> CanonicalUuid(std::string_view s);
// The UUID without dashes (MLflow's form of a Cairn run id).
std::string UndashedUuid(std::string_view uuid);

}  // namespace cairn
