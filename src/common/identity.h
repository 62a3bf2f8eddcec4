// Identity names: who a user, a token's owner or (with authentication off) the X-Cairn-User
// header says the caller is, and the ONE normalisation every comparison of identities uses
// (four-eyes rules: "Alice" and "alice " are the same person).
//
// Accepted names are 1..128 characters of ASCII letters, digits and `.`, `_`, `-`, `@`, `+`,
// starting with a letter or a digit (so e-mail-like names work). Restricting names to this set
// is deliberate: on it Unicode NFKC normalisation is the identity and full case folding is ASCII
// lower-casing, so NormalizeIdentity (trim ASCII spaces and tabs, check the set, lower-case) is
// exactly "trim + case-fold + NFKC" for every name Cairn accepts, with no Unicode tables.
// Everything outside the set (zero-width characters, a BOM, fullwidth letters, controls,
// spaces inside the name, over-long values) is rejected rather than silently mapped.
//
// Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "common/status.h"

namespace cairn {

inline constexpr size_t kMaxIdentityLength = 128;

// True when `name` is already in the accepted set (no trimming; case is not checked).
[[nodiscard]] bool IsValidIdentity(std::string_view name);

// The canonical form of `raw`: surrounding ASCII spaces/tabs trimmed, then lower-cased.
// Errors: InvalidArgument naming the rule when the trimmed text is not an accepted name.
[[nodiscard]] Result<std::string> NormalizeIdentity(std::string_view raw);

// True when both names normalise to the same canonical form. An invalid name equals nothing
// (not even itself), so a malformed identity can never satisfy or dodge a four-eyes rule by
// comparison alone.
[[nodiscard]] bool SameIdentity(std::string_view a, std::string_view b);

// The comparison of four-eyes rules, which must err towards "the same person": true when the
// names are the same identity, and also when either is not an accepted name (a value stored
// before names were normalised) and the two are equal ignoring ASCII case and surrounding blanks.
[[nodiscard]] bool MaybeSamePerson(std::string_view a, std::string_view b);

}  // namespace cairn
