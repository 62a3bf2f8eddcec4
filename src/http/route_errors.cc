#include "http/route_errors.h"

namespace cairn::http {

Response Fail(const Status& status, const Request& req) { return Problem(status, req.path); }

}  // namespace cairn::http
