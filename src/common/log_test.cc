#include "common/log.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <thread>

namespace cairn::log {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

TEST(Log, LinesCarryTheRequestIdOfTheCurrentContext) {
  ::testing::internal::CaptureStderr();
  {
    ScopedRequestId scope("req-123");
    EXPECT_EQ(CurrentRequestId(), "req-123");
    Error("storage: something broke");
  }
  Error("after the request");
  std::string out = ::testing::internal::GetCapturedStderr();
  EXPECT_THAT(out, HasSubstr("ERROR request_id=req-123 storage: something broke\n"));
  EXPECT_THAT(out, HasSubstr("ERROR after the request\n"));
  EXPECT_EQ(CurrentRequestId(), "");
}

TEST(Log, ContextsNestAndRestore) {
  ScopedRequestId outer("outer");
  {
    ScopedRequestId inner("inner");
    EXPECT_EQ(CurrentRequestId(), "inner");
  }
  EXPECT_EQ(CurrentRequestId(), "outer");
}

TEST(Log, OtherThreadsDoNotInheritTheContext) {
  ScopedRequestId scope("mine");
  std::string seen = "unset";
  std::thread([&] { seen = std::string(CurrentRequestId()); }).join();
  EXPECT_EQ(seen, "");
  ::testing::internal::CaptureStderr();
  std::thread([] { Error("from a helper thread"); }).join();
  EXPECT_THAT(::testing::internal::GetCapturedStderr(), Not(HasSubstr("request_id=")));
}

}  // namespace
}  // namespace cairn::log
