// Audit records -> JSON (`at` as RFC 3339, `summary` as the stored object).
#pragma once

#include <string>

#include "audit/types.h"

namespace cairn::audit {

[[nodiscard]] std::string RecordPageToJson(const RecordPage& page);

}  // namespace cairn::audit
