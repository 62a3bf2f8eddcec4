#include "common/page.h"

#include "common/validation.h"

namespace cairn {

Result<int> PageLimit(std::optional<int64_t> requested) {
  if (!requested) return kDefaultPageSize;
  if (*requested < 1 || *requested > kMaxPageSize) {
    return validation::FieldInvalid("limit",
                                    "must be between 1 and " + std::to_string(kMaxPageSize));
  }
  return static_cast<int>(*requested);
}

}  // namespace cairn
