// Reading API replies for tables: tolerant accessors over Boost.JSON values (a missing field is
// "-", never an error) and conversions of command-line values into JSON.
// Pure functions; thread-safe.
#pragma once

#include <boost/json.hpp>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cli/output.h"

namespace cairn::cli {

namespace bj = boost::json;

// The member of an object, or nullptr (also when `v` is not an object).
const bj::value* Field(const bj::value& v, std::string_view key);
// A nested member by dotted path ("metrics.auc.value").
const bj::value* Path(const bj::value& v, std::string_view dotted);

// Cell text for any value: strings raw, numbers compact, booleans, "-" for null or missing,
// compact JSON for arrays and objects.
std::string ValueText(const bj::value* v);
std::string Text(const bj::value& v, std::string_view key);
// An RFC 3339 field shown as "YYYY-MM-DD HH:MM:SS".
std::string TimeText(const bj::value& v, std::string_view key);
// A string map as "k=v, k2=v2" ("-" when empty).
std::string MapText(const bj::value& v, std::string_view key);
// A cell coloured by its value (status words).
Cell StatusCell(const bj::value& v, std::string_view key);

std::optional<int64_t> IntField(const bj::value& v, std::string_view key);
std::optional<double> NumberField(const bj::value& v, std::string_view key);
std::string StringField(const bj::value& v, std::string_view key);

// The "items" array of a page (an empty array when absent).
const bj::array& Items(const bj::value& page);

// "a,b,c" -> {"a", "b", "c"}.
std::vector<std::string> SplitList(std::string_view s);

bj::object ToObject(const std::map<std::string, std::string>& m);

// A command-line value as JSON: integers and finite numbers become numbers, true/false booleans,
// null null; anything else stays a string.
bj::value GuessJson(std::string_view text);

}  // namespace cairn::cli
