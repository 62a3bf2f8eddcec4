// MLflow's page tokens: base64 (standard alphabet, padded) of the JSON `{"offset": N}`.
//
// Clients treat tokens as opaque, so Cairn may hand out its own keyset cursors; these functions
// exist so that Cairn decodes a token exactly as MLflow 2.12.2 does (SearchUtils.
// parse_start_offset_from_page_token: the same accepted inputs and the same error messages) and
// can issue tokens in the same shape. Decoding follows Python: non-alphabet characters are
// skipped, padding must be right, the offset may be a number or a numeric string, and a
// falsy offset (0, "", missing) is an error. Where Python raises something that is not an
// MlflowException (a JSON list instead of an object, an offset that is a list), Cairn returns
// "Invalid page token, parsed value=..." instead of MLflow's 500. A negative offset decodes as
// MLflow decodes it; callers reject or clamp it.
// Pure functions, thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/status.h"

namespace cairn::mlflow {

[[nodiscard]] std::string EncodeOffsetPageToken(int64_t offset);

// Empty token → 0. Errors: InvalidArgument with MLflow's message.
[[nodiscard]] Result<int64_t> DecodeOffsetPageToken(std::string_view token);

// Python's base64.b64decode(s) (validate=False). Exposed for tests.
[[nodiscard]] Result<std::string> PythonBase64Decode(std::string_view s);

}  // namespace cairn::mlflow
