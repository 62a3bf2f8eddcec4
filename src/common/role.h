// Roles of identity and access (issue 11), ordered so that each includes the ones before it:
// viewer (reads) < editor (writes) < approver (governance gates) < admin (users, tokens,
// settings). Pure values and functions; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace cairn {

enum class Role : uint8_t { kViewer = 1, kEditor = 2, kApprover = 3, kAdmin = 4 };

// "viewer", "editor", "approver", "admin".
[[nodiscard]] std::string_view RoleName(Role role);
// The role named exactly (lower case); nullopt for anything else.
[[nodiscard]] std::optional<Role> ParseRole(std::string_view name);
// True when `have` includes `need`.
[[nodiscard]] constexpr bool RoleIncludes(Role have, Role need) { return have >= need; }
[[nodiscard]] constexpr Role MinRole(Role a, Role b) { return a < b ? a : b; }
[[nodiscard]] constexpr Role MaxRole(Role a, Role b) { return a < b ? b : a; }

}  // namespace cairn
