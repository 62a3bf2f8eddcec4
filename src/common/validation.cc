#include "common/validation.h"

#include <utility>

#include "common/ids.h"

namespace cairn::validation {

Status Invalid(std::vector<FieldError> errors) {
  if (errors.empty()) return Status::Ok();
  std::string msg =
      "request validation failed: " + errors.front().field + " " + errors.front().message;
  if (errors.size() > 1) msg += " (and " + std::to_string(errors.size() - 1) + " more)";
  return InvalidArgument(std::move(msg), std::move(errors));
}

Status FieldInvalid(std::string field, std::string message) {
  return Invalid({FieldError{std::move(field), std::move(message)}});
}

void CheckNoNul(FieldErrors& errors, std::string_view field, std::string_view value) {
  if (value.find('\0') != std::string_view::npos)
    errors.push_back({std::string(field), kNoNulRule});
}

void CheckName(FieldErrors& errors, std::string_view field, std::string_view value) {
  if (!IsValidName(value)) errors.push_back({std::string(field), kNameRule});
}

void CheckLength(FieldErrors& errors, std::string_view field, std::string_view value,
                 size_t max_length, bool required_non_empty) {
  if (required_non_empty && value.empty()) {
    errors.push_back({std::string(field), "must not be empty"});
  } else if (value.size() > max_length) {
    errors.push_back(
        {std::string(field), "must be at most " + std::to_string(max_length) + " characters"});
  }
}

void CheckMap(FieldErrors& errors, std::string_view field,
              const std::map<std::string, std::string>& map, const MapLimits& limits) {
  if (map.size() > limits.max_entries) {
    errors.push_back({std::string(field),
                      "must have at most " + std::to_string(limits.max_entries) + " entries"});
    return;
  }
  for (const auto& [k, v] : map) {
    if (k.empty() || k.size() > limits.max_key_length) {
      errors.push_back(
          {std::string(field),
           "keys must be 1 to " + std::to_string(limits.max_key_length) + " characters"});
    } else if (v.size() > limits.max_value_length) {
      errors.push_back(
          {std::string(field) + "." + k,
           "must be at most " + std::to_string(limits.max_value_length) + " characters"});
    }
  }
}

void CheckMap(FieldErrors& errors, std::string_view field,
              const std::optional<std::map<std::string, std::string>>& map,
              const MapLimits& limits) {
  if (map) CheckMap(errors, field, *map, limits);
}

}  // namespace cairn::validation
