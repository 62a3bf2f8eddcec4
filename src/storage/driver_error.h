// What a storage driver tells a caller when a statement fails. Driver messages name tables,
// constraints, columns and SQL: they are logged (with the request id of the thread's log
// context, see common/log.h) and never returned. Callers get the stable code and one generic,
// product-level message per code, so a store that does not translate a failure itself still
// answers the client honestly without leaking the schema.
//
// Thread safety: pure apart from the log line; thread-safe.
#pragma once

#include <string_view>

#include "common/status.h"

namespace cairn::storage {

// The message every failure with `code` carries.
[[nodiscard]] std::string_view GenericDriverMessage(StatusCode code);

// Logs "storage <backend>: <context>: <driver_message>" (Info for constraint conflicts, which
// stores expect and translate; Error otherwise) and returns Status(code, generic message).
[[nodiscard]] Status DriverError(StatusCode code, std::string_view backend,
                                 std::string_view context, std::string_view driver_message);

}  // namespace cairn::storage
