#include "tracking/run_response_cache.h"

#include <gtest/gtest.h>

namespace cairn::tracking {
namespace {

TEST(RunResponseCache, HitsOnlyTheExactRevision) {
  RunResponseCache c;
  c.Put("r1", 3, "body3");
  ASSERT_NE(c.Get("r1", 3), nullptr);
  EXPECT_EQ(*c.Get("r1", 3), "body3");
  EXPECT_EQ(c.Get("r1", 4), nullptr);
  EXPECT_EQ(c.Get("r2", 3), nullptr);
}

TEST(RunResponseCache, OlderRevisionDoesNotReplaceNewer) {
  RunResponseCache c;
  c.Put("r1", 5, "new");
  c.Put("r1", 4, "old");
  EXPECT_EQ(c.Get("r1", 4), nullptr);
  EXPECT_EQ(*c.Get("r1", 5), "new");
}

TEST(RunResponseCache, StaysBounded) {
  RunResponseCache c(32);
  for (int i = 0; i < 1000; ++i) c.Put("run" + std::to_string(i), 1, "x");
  int hits = 0;
  for (int i = 0; i < 1000; ++i) hits += c.Get("run" + std::to_string(i), 1) != nullptr;
  EXPECT_LE(hits, 32);
  EXPECT_GT(hits, 0);
}

}  // namespace
}  // namespace cairn::tracking
