#include "common/revision.h"

#include <string>

namespace cairn {

Status CheckIfMatch(std::string_view resource, std::optional<int64_t> if_match, int64_t current) {
  if (!if_match || *if_match == current) return Status::Ok();
  return Aborted(std::string(resource) + " is at revision " + std::to_string(current) + ", not " +
                 std::to_string(*if_match) + " (If-Match)");
}

Status ConcurrentChange(std::string_view resource) {
  return Aborted(std::string(resource) + " was changed concurrently; reload and retry");
}

}  // namespace cairn
