#include "mlflow/error.h"

#include <array>
#include <boost/json.hpp>
#include <utility>

#include "common/json.h"

namespace cairn::mlflow {

namespace {

struct CodeInfo {
  ErrorCode code;
  std::string_view name;
  int status;  // MLflow's ERROR_CODE_TO_HTTP_STATUS, 500 when unlisted
};

constexpr std::array<CodeInfo, 25> kCodes = {{
    {ErrorCode::kInternalError, "INTERNAL_ERROR", 500},
    {ErrorCode::kTemporarilyUnavailable, "TEMPORARILY_UNAVAILABLE", 503},
    {ErrorCode::kIoError, "IO_ERROR", 500},
    {ErrorCode::kBadRequest, "BAD_REQUEST", 400},
    {ErrorCode::kDeadlineExceeded, "DEADLINE_EXCEEDED", 504},
    {ErrorCode::kCancelled, "CANCELLED", 499},
    {ErrorCode::kResourceExhausted, "RESOURCE_EXHAUSTED", 429},
    {ErrorCode::kAborted, "ABORTED", 409},
    {ErrorCode::kNotFound, "NOT_FOUND", 404},
    {ErrorCode::kAlreadyExists, "ALREADY_EXISTS", 409},
    {ErrorCode::kUnauthenticated, "UNAUTHENTICATED", 401},
    {ErrorCode::kInvalidParameterValue, "INVALID_PARAMETER_VALUE", 400},
    {ErrorCode::kEndpointNotFound, "ENDPOINT_NOT_FOUND", 404},
    {ErrorCode::kMalformedRequest, "MALFORMED_REQUEST", 500},
    {ErrorCode::kInvalidState, "INVALID_STATE", 500},
    {ErrorCode::kPermissionDenied, "PERMISSION_DENIED", 403},
    {ErrorCode::kFeatureDisabled, "FEATURE_DISABLED", 500},
    {ErrorCode::kCustomerUnauthorized, "CUSTOMER_UNAUTHORIZED", 401},
    {ErrorCode::kRequestLimitExceeded, "REQUEST_LIMIT_EXCEEDED", 429},
    {ErrorCode::kResourceConflict, "RESOURCE_CONFLICT", 409},
    {ErrorCode::kNotImplemented, "NOT_IMPLEMENTED", 501},
    {ErrorCode::kDataLoss, "DATA_LOSS", 500},
    {ErrorCode::kInvalidStateTransition, "INVALID_STATE_TRANSITION", 500},
    {ErrorCode::kResourceAlreadyExists, "RESOURCE_ALREADY_EXISTS", 400},
    {ErrorCode::kResourceDoesNotExist, "RESOURCE_DOES_NOT_EXIST", 404},
}};

const CodeInfo* Find(ErrorCode code) {
  for (const auto& c : kCodes) {
    if (c.code == code) return &c;
  }
  return nullptr;
}

}  // namespace

std::string_view ErrorCodeName(ErrorCode code) {
  const CodeInfo* c = Find(code);
  return c ? c->name : "INTERNAL_ERROR";
}

std::optional<ErrorCode> ParseErrorCode(std::string_view name) {
  for (const auto& c : kCodes) {
    if (c.name == name) return c.code;
  }
  return std::nullopt;
}

int HttpStatus(ErrorCode code) {
  const CodeInfo* c = Find(code);
  return c ? c->status : 500;
}

std::string Error::ToJson() const {
  boost::json::object o;
  o["error_code"] = ErrorCodeName(code);
  o["message"] = message;
  return json::Serialize(o);
}

Error FromStatus(const Status& status) {
  switch (status.code()) {
    case StatusCode::kInvalidArgument:
    case StatusCode::kResourceExhausted:
      return {ErrorCode::kInvalidParameterValue, status.message()};
    case StatusCode::kNotFound:
      return {ErrorCode::kResourceDoesNotExist, status.message()};
    case StatusCode::kAlreadyExists:
      return {ErrorCode::kResourceAlreadyExists, status.message()};
    case StatusCode::kFailedPrecondition:
      return {ErrorCode::kResourceConflict, status.message()};
    case StatusCode::kAborted:
      return {ErrorCode::kAborted, status.message()};
    case StatusCode::kUnauthenticated:
      return {ErrorCode::kUnauthenticated, status.message()};
    case StatusCode::kPermissionDenied:
      return {ErrorCode::kPermissionDenied, status.message()};
    case StatusCode::kUnsupportedMediaType:
      return {ErrorCode::kBadRequest, status.message()};
    case StatusCode::kMethodNotAllowed:
      return {ErrorCode::kEndpointNotFound, status.message()};
    case StatusCode::kUnavailable:
      return {ErrorCode::kTemporarilyUnavailable, status.message()};
    case StatusCode::kRateLimited:
      return {ErrorCode::kRequestLimitExceeded, status.message()};
    case StatusCode::kOk:
    case StatusCode::kInternal:
      break;
  }
  return {ErrorCode::kInternalError, "internal error"};
}

}  // namespace cairn::mlflow
