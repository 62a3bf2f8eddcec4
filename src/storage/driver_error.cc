#include "storage/driver_error.h"

#include <string>

#include "common/log.h"

namespace cairn::storage {

std::string_view GenericDriverMessage(StatusCode code) {
  switch (code) {
    case StatusCode::kAlreadyExists:
      return "a resource with the same unique key already exists";
    case StatusCode::kFailedPrecondition:
      return "the change conflicts with related stored data";
    case StatusCode::kUnavailable:
      return "the database is busy or unreachable; retry the request";
    default:
      return "storage error";
  }
}

Status DriverError(StatusCode code, std::string_view backend, std::string_view context,
                   std::string_view driver_message) {
  std::string line = "storage ";
  line.append(backend);
  line.append(": ");
  line.append(context);
  line.append(": ");
  line.append(driver_message);
  if (code == StatusCode::kAlreadyExists || code == StatusCode::kFailedPrecondition) {
    log::Info(line);
  } else {
    log::Error(line);
  }
  return Status(code, std::string(GenericDriverMessage(code)));
}

}  // namespace cairn::storage
