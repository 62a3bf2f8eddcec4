// MLflow's error model: `{"error_code": "RESOURCE_DOES_NOT_EXIST", "message": "..."}` with the
// HTTP status MLflow's server gives each code (mlflow/exceptions.py ERROR_CODE_TO_HTTP_STATUS;
// codes from mlflow/protos/databricks.proto). The MLflow client branches on error_code
// (get_experiment_by_name → None on RESOURCE_DOES_NOT_EXIST, register_model tolerates
// RESOURCE_ALREADY_EXISTS) and retries 429/500/502/503/504, so Cairn chooses codes with care.
// Plain values, thread-compatible.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "common/status.h"

namespace cairn::mlflow {

// The databricks.proto codes MLflow's server and client use (numbers as in the proto).
enum class ErrorCode {
  kInternalError = 1,
  kTemporarilyUnavailable = 2,
  kIoError = 3,
  kBadRequest = 4,
  kDeadlineExceeded = 7,
  kCancelled = 8,
  kResourceExhausted = 9,
  kAborted = 10,
  kNotFound = 11,
  kAlreadyExists = 12,
  kUnauthenticated = 13,
  kInvalidParameterValue = 1000,
  kEndpointNotFound = 1001,
  kMalformedRequest = 1002,
  kInvalidState = 1003,
  kPermissionDenied = 1004,
  kFeatureDisabled = 1005,
  kCustomerUnauthorized = 1006,
  kRequestLimitExceeded = 1007,
  kResourceConflict = 1008,
  kNotImplemented = 1010,
  kDataLoss = 1011,
  kInvalidStateTransition = 2001,
  kResourceAlreadyExists = 3001,
  kResourceDoesNotExist = 3002,
};

// "RESOURCE_DOES_NOT_EXIST" etc.
[[nodiscard]] std::string_view ErrorCodeName(ErrorCode code);
[[nodiscard]] std::optional<ErrorCode> ParseErrorCode(std::string_view name);

// MLflow's status for a code; 500 for codes its table does not list (as MLflow does).
[[nodiscard]] int HttpStatus(ErrorCode code);

struct Error {
  ErrorCode code = ErrorCode::kInternalError;
  std::string message;

  int http_status() const { return HttpStatus(code); }
  // {"error_code":"...","message":"..."}
  [[nodiscard]] std::string ToJson() const;

  friend bool operator==(const Error&, const Error&) = default;
};

// The MLflow error for a Cairn status (the one place this mapping lives):
//   InvalidArgument, ResourceExhausted (too large) → INVALID_PARAMETER_VALUE (400)
//   NotFound → RESOURCE_DOES_NOT_EXIST (404)   AlreadyExists → RESOURCE_ALREADY_EXISTS (400)
//   FailedPrecondition (state rule, checklist) → INVALID_STATE_TRANSITION would be a 500 in
//     MLflow's table, so → RESOURCE_CONFLICT (409)
//   Aborted (revision race) → ABORTED (409)   Unauthenticated → UNAUTHENTICATED (401)
//   PermissionDenied → PERMISSION_DENIED (403)   UnsupportedMediaType → BAD_REQUEST (400)
//   MethodNotAllowed → ENDPOINT_NOT_FOUND (404)  Unavailable → TEMPORARILY_UNAVAILABLE (503)
//   Internal (and OK, a programmer error) → INTERNAL_ERROR with a generic message (500)
// Messages pass through except for Internal, whose text never leaves the server.
[[nodiscard]] Error FromStatus(const Status& status);

}  // namespace cairn::mlflow
