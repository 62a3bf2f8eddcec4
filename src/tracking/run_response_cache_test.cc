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

TEST(PageBodies, KeepsWhatTheStoreSawAndCachesWhatItMakes) {
  RunResponseCache c;
  c.Put("r1", 3, "cached3");
  c.Put("r2", 1, "stale");
  PageBodies page(c);
  EXPECT_FALSE(page.NeedsLoad("r1", 3));
  EXPECT_TRUE(page.NeedsLoad("r2", 2));  // cached at another revision
  EXPECT_TRUE(page.NeedsLoad("r3", 1));  // not cached
  EXPECT_EQ(page.found_bytes(), std::string("cached3").size());
  // A change after the store's read replaces r1's entry; the page keeps the body it saw.
  c.Put("r1", 4, "cached4");
  int made = 0;
  auto make = [&] {
    ++made;
    return std::string("made");
  };
  EXPECT_EQ(*page.Body("r1", 3, make), "cached3");
  EXPECT_EQ(made, 0);
  EXPECT_EQ(*page.Body("r2", 2, make), "made");
  EXPECT_EQ(made, 1);
  ASSERT_NE(c.Get("r2", 2), nullptr);
  EXPECT_EQ(*c.Get("r2", 2), "made");
  EXPECT_EQ(c.Get("r2", 1), nullptr);
}

}  // namespace
}  // namespace cairn::tracking
