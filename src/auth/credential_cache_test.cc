#include "auth/credential_cache.h"

#include <gtest/gtest.h>

namespace cairn::auth {
namespace {

CachedCredential Entry(std::string id, std::string user, int64_t at) {
  CachedCredential c;
  c.id = std::move(id);
  c.user_name = std::move(user);
  c.fetched_at = at;
  return c;
}

TEST(CredentialCache, EntriesLiveForTheTtl) {
  CredentialCache cache(1000, 10);
  cache.Put("d1", Entry("t1", "alice", 0));
  EXPECT_TRUE(cache.Get("d1", 999).has_value());
  EXPECT_FALSE(cache.Get("d1", 1000).has_value());
  EXPECT_FALSE(cache.Get("d2", 0).has_value());
}

TEST(CredentialCache, ZeroTtlCachesNothing) {
  CredentialCache cache(0, 10);
  cache.Put("d1", Entry("t1", "alice", 0));
  EXPECT_FALSE(cache.Get("d1", 0).has_value());
}

TEST(CredentialCache, EraseIfEvictsMatches) {
  CredentialCache cache(1000, 10);
  cache.Put("d1", Entry("t1", "alice", 0));
  cache.Put("d2", Entry("t2", "bob", 0));
  cache.EraseIf([](const CachedCredential& c) { return c.user_name == "alice"; });
  EXPECT_FALSE(cache.Get("d1", 1).has_value());
  EXPECT_TRUE(cache.Get("d2", 1).has_value());
}

TEST(CredentialCache, SizeIsBounded) {
  CredentialCache cache(1'000'000, 4);
  for (int i = 0; i < 100; ++i) cache.Put("d" + std::to_string(i), Entry("t", "u", i));
  int present = 0;
  for (int i = 0; i < 100; ++i) present += cache.Get("d" + std::to_string(i), 100).has_value();
  EXPECT_LE(present, 4);
  EXPECT_TRUE(cache.Get("d99", 100).has_value());
}

TEST(CredentialCache, SetLastSeenOnlyMovesForward) {
  CredentialCache cache(1000, 10);
  cache.Put("d1", Entry("t1", "alice", 0));
  cache.SetLastSeen("d1", 50);
  cache.SetLastSeen("d1", 10);
  EXPECT_EQ(cache.Get("d1", 1)->last_seen_at, 50);
}

}  // namespace
}  // namespace cairn::auth
