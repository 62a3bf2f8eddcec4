// SQL LIKE matching in C++, with the semantics the stores give LIKE in SQL (see the SQLite
// driver): `%` matches any run of characters, `_` exactly one, `\` makes the next character
// literal; case-sensitive unless `ignore_case` (ASCII letters compared lower-cased, as ILIKE /
// LOWER() LIKE LOWER() do on SQLite). For filters on values stored as JSON text (tags), which
// the SQL cannot reach portably. Characters are bytes, except that `_` consumes one whole UTF-8
// sequence. Linear memory, O(|text|·|pattern|) time worst case. Pure function, thread-safe.
#pragma once

#include <string_view>

namespace cairn {

[[nodiscard]] bool LikeMatch(std::string_view text, std::string_view pattern,
                             bool ignore_case = false);

}  // namespace cairn
