#include "mlflow/error.h"

#include <gtest/gtest.h>

namespace cairn::mlflow {
namespace {

TEST(MlflowError, StatusesAreMlflows) {
  EXPECT_EQ(HttpStatus(ErrorCode::kInvalidParameterValue), 400);
  EXPECT_EQ(HttpStatus(ErrorCode::kResourceAlreadyExists), 400);
  EXPECT_EQ(HttpStatus(ErrorCode::kResourceDoesNotExist), 404);
  EXPECT_EQ(HttpStatus(ErrorCode::kEndpointNotFound), 404);
  EXPECT_EQ(HttpStatus(ErrorCode::kBadRequest), 400);
  EXPECT_EQ(HttpStatus(ErrorCode::kPermissionDenied), 403);
  EXPECT_EQ(HttpStatus(ErrorCode::kUnauthenticated), 401);
  EXPECT_EQ(HttpStatus(ErrorCode::kResourceConflict), 409);
  EXPECT_EQ(HttpStatus(ErrorCode::kNotImplemented), 501);
  EXPECT_EQ(HttpStatus(ErrorCode::kInvalidState), 500);
  EXPECT_EQ(HttpStatus(ErrorCode::kInvalidStateTransition), 500);
  EXPECT_EQ(HttpStatus(ErrorCode::kRequestLimitExceeded), 429);
}

TEST(MlflowError, NamesRoundTrip) {
  for (auto code : {ErrorCode::kInternalError, ErrorCode::kInvalidParameterValue,
                    ErrorCode::kResourceDoesNotExist, ErrorCode::kResourceAlreadyExists,
                    ErrorCode::kNotImplemented, ErrorCode::kResourceConflict}) {
    auto parsed = ParseErrorCode(ErrorCodeName(code));
    ASSERT_TRUE(parsed.has_value());
    EXPECT_EQ(*parsed, code);
  }
  EXPECT_FALSE(ParseErrorCode("NOPE").has_value());
}

TEST(MlflowError, JsonShape) {
  Error e{ErrorCode::kResourceDoesNotExist, "Run with id=x not found"};
  EXPECT_EQ(e.ToJson(),
            R"({"error_code":"RESOURCE_DOES_NOT_EXIST","message":"Run with id=x not found"})");
  EXPECT_EQ(e.http_status(), 404);
}

TEST(MlflowError, FromStatusNeverLeaksInternalMessages) {
  EXPECT_EQ(FromStatus(InvalidArgument("bad")).code, ErrorCode::kInvalidParameterValue);
  EXPECT_EQ(FromStatus(NotFound("gone")).code, ErrorCode::kResourceDoesNotExist);
  EXPECT_EQ(FromStatus(AlreadyExists("dup")).code, ErrorCode::kResourceAlreadyExists);
  EXPECT_EQ(FromStatus(FailedPrecondition("checklist")).code, ErrorCode::kResourceConflict);
  EXPECT_EQ(FromStatus(FailedPrecondition("checklist")).message, "checklist");
  EXPECT_EQ(FromStatus(ResourceExhausted("too big")).http_status(), 400);
  const Error internal = FromStatus(Internal("SELECT * FROM runs failed"));
  EXPECT_EQ(internal.code, ErrorCode::kInternalError);
  EXPECT_EQ(internal.message.find("SELECT"), std::string::npos);
}

}  // namespace
}  // namespace cairn::mlflow
