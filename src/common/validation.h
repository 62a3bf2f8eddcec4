// Request validation shared by every service: field errors, the one message format of every
// 400, and the common rules (names, lengths, string maps, enumerations).
//
// Every 400 is InvalidArgument with `errors[]` (one FieldError per problem) and the detail
//   "request validation failed: <field> <message>"            (one error)
//   "request validation failed: <field> <message> (and N more)" (N + 1 errors)
// Collect problems in FieldErrors and turn them into one Status with Invalid. Pure functions and
// values; thread-compatible.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace cairn::validation {

// SPEC §1 name rule, as the message of a field error.
inline constexpr char kNameRule[] =
    "must be 1-128 characters of [A-Za-z0-9_.-], starting alphanumeric";
// The wider rule of experiment and registered-model names (IsValidWideName).
inline constexpr char kWideNameRule[] =
    "must be 1-256 characters of UTF-8 without control characters, and not '.' or '..'";

// What a field containing U+0000 is told (json::Parse refuses it in every string of a request
// body; CheckNoNul for text that arrives otherwise, e.g. CSV headers and query parameters).
inline constexpr char kNoNulRule[] = "must not contain NUL (U+0000)";

// InvalidArgument carrying `errors` with the one detail format; OK when `errors` is empty.
[[nodiscard]] Status Invalid(std::vector<FieldError> errors);
// One field error as a Status.
[[nodiscard]] Status FieldInvalid(std::string field, std::string message);

// Limits of a free-form string map (tags, params, source...).
struct MapLimits {
  size_t max_entries = 1000;
  size_t max_key_length = 250;
  size_t max_value_length = 8000;
};

// The field errors of one request, collected so that a client sees every problem at once.
using FieldErrors = std::vector<FieldError>;

// `value` contains no U+0000 byte.
void CheckNoNul(FieldErrors& errors, std::string_view field, std::string_view value);
// `value` follows the SPEC §1 name rule.
void CheckName(FieldErrors& errors, std::string_view field, std::string_view value);
// At most `max_length` bytes (and at least one when `required_non_empty`).
void CheckLength(FieldErrors& errors, std::string_view field, std::string_view value,
                 size_t max_length, bool required_non_empty = false);
// Entry count, key length (1..max_key_length) and value length; a long value is reported on
// `<field>.<key>`.
void CheckMap(FieldErrors& errors, std::string_view field,
              const std::map<std::string, std::string>& map, const MapLimits& limits = {});
void CheckMap(FieldErrors& errors, std::string_view field,
              const std::optional<std::map<std::string, std::string>>& map,
              const MapLimits& limits = {});
// Parses an enumeration value with `parse` (returning std::optional<E>); records
// "must be one of <allowed>" when it does not parse.
template <typename Parse>
auto ParseEnum(FieldErrors& errors, std::string_view field, std::string_view value, Parse parse,
               std::string_view allowed) -> decltype(parse(value)) {
  auto parsed = parse(value);
  if (!parsed) errors.push_back({std::string(field), "must be one of " + std::string(allowed)});
  return parsed;
}

}  // namespace cairn::validation
