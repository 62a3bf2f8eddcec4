// The one error path of route handlers: a failed parse or service call becomes the RFC 9457
// problem response for the request (http::Problem with the request path as `instance`).
// Pure functions; thread-safe.
#pragma once

#include "common/status.h"
#include "http/message.h"

namespace cairn::http {

// Problem+json for a non-OK status, `instance` = the request's path.
[[nodiscard]] Response Fail(const Status& status, const Request& req);

// The handler's reply for a Result: `ok(value)` when it holds a value, Fail otherwise.
template <typename T, typename OnOk>
[[nodiscard]] Response Reply(const Result<T>& result, const Request& req, OnOk ok) {
  if (!result.ok()) return Fail(result.status(), req);
  return ok(*result);
}

}  // namespace cairn::http
