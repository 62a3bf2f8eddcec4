// Drift types <-> JSON (SPEC §2 "Drift"). Request parsers are strict: unknown fields and wrong
// types are InvalidArgument with one FieldError each; `details` is a free-form object.
// ParseDriftComputeRequest decides each inline column's kind from its non-null values (numbers
// → numeric, strings → categorical, null → missing) and rejects a column mixing numbers and
// strings (or holding booleans, objects, arrays), naming it (`reference.<column>`).
//
// Thread safety: all functions are thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "common/status.h"
#include "drift/types.h"

namespace cairn::drift {

Result<DriftEventCreate> ParseDriftEventCreate(std::string_view body);
Result<DriftComputeRequest> ParseDriftComputeRequest(std::string_view body);

[[nodiscard]] std::string DriftEventToJson(const DriftEvent& e);
[[nodiscard]] std::string DriftEventPageToJson(const Page<DriftEvent>& page);
[[nodiscard]] std::string DriftComputeResultToJson(const DriftComputeResult& r);

}  // namespace cairn::drift
