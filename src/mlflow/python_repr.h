// Python's repr() of the few value kinds MLflow puts into its error messages (strings, bytes,
// lists and sets of strings, JSON-like values), so Cairn can word errors exactly as MLflow does.
// Sets are written in sorted order: Python's own order depends on the interpreter's hash seed,
// so no client can rely on it. Pure functions, thread-safe.
#pragma once

#include <boost/json/value.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace cairn::mlflow::py {

// repr(str): single quotes unless the text contains ' and no ", escapes as CPython does.
[[nodiscard]] std::string Repr(std::string_view text);
// repr(bytes): b'...'.
[[nodiscard]] std::string BytesRepr(std::string_view bytes);
// repr(list of str): ['a', 'b'].
[[nodiscard]] std::string ListRepr(const std::vector<std::string>& items);
// repr(set of str), sorted: {'a', 'b'}.
[[nodiscard]] std::string SetRepr(std::vector<std::string> items);
// repr(tuple of str): ('a', 'b').
[[nodiscard]] std::string TupleRepr(const std::vector<std::string>& items);
// repr() of what json.loads would return for `v` (dict, list, str, int, float, bool, None).
[[nodiscard]] std::string JsonRepr(const boost::json::value& v);
// str() of the same (differs from repr only for strings, which are written bare).
[[nodiscard]] std::string JsonStr(const boost::json::value& v);

// Python's str.strip() (ASCII whitespace).
[[nodiscard]] std::string_view Strip(std::string_view s);
// Python's str.islower(): at least one cased character and no upper-case one (ASCII letters;
// other characters count as uncased).
[[nodiscard]] bool IsLower(std::string_view s);

// Replaces each Python set literal `{'a', 'b'}` in `message` by its sorted form, so messages
// from MLflow (hash-seed order) and from Cairn (sorted) compare equal.
[[nodiscard]] std::string CanonicalizeSets(std::string_view message);

}  // namespace cairn::mlflow::py
