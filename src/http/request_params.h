// Helpers every route handler uses to read query parameters and conditional-request headers.
// Pure functions over a Request; thread-safe.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include "common/status.h"
#include "http/message.h"

namespace cairn::http {

// The query parameter as an integer; nullopt when absent.
// Errors: InvalidArgument "NAME must be an integer" (field NAME).
Result<std::optional<int64_t>> QueryInt(const Request& req, std::string_view name);

// The query parameter's (decoded) text; nullopt when absent.
std::optional<std::string> QueryString(const Request& req, std::string_view name);

// For lists that are not paged: InvalidArgument naming the first of `names` present in the
// query, with `why` as its message, so that a client asking for a page learns it gets the whole
// list (rather than the parameter being ignored). OK when none is present.
[[nodiscard]] Status RejectQuery(const Request& req, std::initializer_list<std::string_view> names,
                                 std::string_view why);

// The revision an `If-Match` header asks for: `5`, `"5"` or `W/"5"`; nullopt when absent or `*`
// (any revision). Errors: InvalidArgument for anything else (field If-Match).
Result<std::optional<int64_t>> IfMatch(const Request& req);

// Adds `ETag: "<revision>"`.
Response WithETag(Response r, int64_t revision);

}  // namespace cairn::http
