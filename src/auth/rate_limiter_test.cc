#include "auth/rate_limiter.h"

#include <gtest/gtest.h>

namespace cairn::auth {
namespace {

TEST(WindowLimiter, BlocksAfterMaxEventsUntilTheWindowEnds) {
  WindowLimiter l({3, 1000, 100});
  EXPECT_EQ(l.BlockedForMs("alice", 0), 0);
  l.Record("alice", 0);
  l.Record("alice", 10);
  EXPECT_EQ(l.BlockedForMs("alice", 20), 0);
  l.Record("alice", 20);
  EXPECT_EQ(l.BlockedForMs("alice", 100), 900);
  EXPECT_EQ(l.BlockedForMs("bob", 100), 0);
  EXPECT_EQ(l.BlockedForMs("alice", 1000), 0);
  l.Record("alice", 1000);  // a new window
  EXPECT_EQ(l.BlockedForMs("alice", 1001), 0);
}

TEST(WindowLimiter, ClearForgetsTheKey) {
  WindowLimiter l({1, 1000, 100});
  l.Record("alice", 0);
  EXPECT_GT(l.BlockedForMs("alice", 1), 0);
  l.Clear("alice");
  EXPECT_EQ(l.BlockedForMs("alice", 1), 0);
}

TEST(WindowLimiter, MemoryIsBounded) {
  WindowLimiter l({1, 1'000'000, 10});
  for (int i = 0; i < 1000; ++i) l.Record("k" + std::to_string(i), i);
  // Only the most recent keys can still be remembered.
  int blocked = 0;
  for (int i = 0; i < 1000; ++i) blocked += l.BlockedForMs("k" + std::to_string(i), 1000) > 0;
  EXPECT_LE(blocked, 10);
  EXPECT_GT(l.BlockedForMs("k999", 1000), 0);
}

TEST(TokenBucket, AdmitsBurstThenRate) {
  TokenBucket b({10, 5, 100});  // 10/s, burst 5
  for (int i = 0; i < 5; ++i) EXPECT_EQ(b.Take("t", 0), 0) << i;
  int64_t wait = b.Take("t", 0);
  EXPECT_GT(wait, 0);
  EXPECT_LE(wait, 100);
  EXPECT_EQ(b.Take("t", 100), 0);  // one token refilled after 100 ms
  EXPECT_GT(b.Take("t", 100), 0);
  EXPECT_EQ(b.Take("other", 100), 0);
}

TEST(TokenBucket, ZeroRateMeansUnlimited) {
  TokenBucket b({0, 0, 100});
  for (int i = 0; i < 10000; ++i) ASSERT_EQ(b.Take("t", 0), 0);
}

}  // namespace
}  // namespace cairn::auth
