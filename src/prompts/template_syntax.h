// Template syntax: `{{ name }}` placeholders in a prompt body, parsed and rendered in one linear
// pass (no regular expressions, no recursion).
//
// Grammar: `{{`, optional spaces/tabs, a variable name ([A-Za-z_][A-Za-z0-9_]{0,63}), optional
// spaces/tabs, `}}`. `\{{` is an escaped literal `{{` (rendered without the backslash). Any
// other `{{` is malformed (reported with its byte range; rendered verbatim). A lone `}}` is
// ordinary text (JSON examples in prompts are common).
//
// Rendering inserts each value literally and never re-scans it, so a value containing
// `{{other}}` stays as that text (no template injection).
//
// Pure functions, thread-safe.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace cairn::prompts {

inline constexpr size_t kMaxVariableNameLength = 64;

struct Placeholder {
  std::string name;
  size_t start = 0;  // byte offset of `{{`
  size_t end = 0;    // byte offset just past `}}`
};

struct SyntaxIssue {
  size_t start = 0;
  size_t end = 0;
  std::string message;
};

struct ParsedBody {
  std::vector<Placeholder> placeholders;  // in order of appearance (names may repeat)
  std::vector<SyntaxIssue> issues;
};

[[nodiscard]] bool IsValidVariableName(std::string_view name);
[[nodiscard]] ParsedBody ParseBody(std::string_view body);
// Replaces each well-formed placeholder with values.at(name) when present, else with "".
// Callers resolve defaults and required variables first.
[[nodiscard]] std::string RenderBody(std::string_view body,
                                     const std::map<std::string, std::string>& values);
// RenderBody(body, values).size(), computed without rendering (linear in the body; saturates at
// SIZE_MAX), so callers can refuse an oversized render before allocating it.
[[nodiscard]] size_t RenderedSize(std::string_view body,
                                  const std::map<std::string, std::string>& values);

}  // namespace cairn::prompts
