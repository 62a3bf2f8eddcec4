#include "auth/password.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <ctime>
#include <iostream>
#include <thread>
#include <vector>

namespace cairn::auth {
namespace {

// Low cost for tests; the production default is measured in PasswordHasher.DefaultCost.
constexpr ScryptParams kFast{10, 8, 1};

TEST(PasswordHasher, HashVerifiesAndCarriesItsParameters) {
  PasswordHasher hasher(kFast);
  auto hash = hasher.Hash("correct horse battery");
  ASSERT_TRUE(hash.ok()) << hash.status().ToString();
  EXPECT_EQ(hash->rfind("$scrypt$ln=10,r=8,p=1$", 0), 0u) << *hash;
  EXPECT_TRUE(*hasher.Verify("correct horse battery", *hash));
  EXPECT_FALSE(*hasher.Verify("correct horse batterx", *hash));
  EXPECT_FALSE(*hasher.Verify("", *hash));
  // A fresh salt every time.
  EXPECT_NE(*hash, *hasher.Hash("correct horse battery"));
}

TEST(PasswordHasher, VerifiesHashesMadeWithOtherParameters) {
  PasswordHasher old(ScryptParams{11, 4, 2});
  auto hash = old.Hash("a long enough password");
  ASSERT_TRUE(hash.ok());
  PasswordHasher now(kFast);
  EXPECT_TRUE(*now.Verify("a long enough password", *hash));
}

TEST(PasswordHasher, MatchesTheRfc7914TestVector) {
  // RFC 7914 §12: scrypt("pleaseletmein", "SodiumChloride", N=16384, r=8, p=1) begins
  // 7023bdcb 3afd7348 461c06cd 81fd38eb fda8fbba 904f8e3e a9b543f6 545da1f2.
  const std::string encoded =
      "$scrypt$ln=14,r=8,p=1$U29kaXVtQ2hsb3JpZGU$cCO9yzr9c0hGHAbNgf046_2o-7qQT44-qbVD9lRdofI";
  auto parsed = ParseScryptHash(encoded);
  ASSERT_TRUE(parsed.has_value());
  EXPECT_EQ(parsed->salt, "SodiumChloride");
  EXPECT_EQ(static_cast<unsigned char>(parsed->key[0]), 0x70);
  PasswordHasher hasher(kFast);
  EXPECT_TRUE(*hasher.Verify("pleaseletmein", encoded));
  EXPECT_FALSE(*hasher.Verify("pleaseletmeim", encoded));
}

TEST(ParseScryptHash, RejectsMalformedAndOutOfBoundsHashes) {
  PasswordHasher hasher(kFast);
  std::string good = *hasher.Hash("some password here");
  ASSERT_TRUE(ParseScryptHash(good).has_value());
  const std::string bad[] = {
      "",
      "$scrypt$",
      "$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA",
      "$scrypt$ln=40,r=8,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
      "$scrypt$ln=15,r=999,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
      "$scrypt$ln=15,r=8,p=0$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
      "$scrypt$ln=15,r=8$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
      "$scrypt$ln=15,r=8,p=1$AAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
      "$scrypt$ln=15,r=8,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAA",
      "$scrypt$ln=15,r=8,p=1$AAAAAAAAAAAAAAAAAAAAA!$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
      good + "$extra",
  };
  for (const std::string& h : bad) {
    EXPECT_FALSE(ParseScryptHash(h).has_value()) << h;
    EXPECT_FALSE(*hasher.Verify("some password here", h)) << h;
  }
}

TEST(PasswordHasher, RefusesWhenTooManyHashesWait) {
  // One slot, no waiting room: while a slow hash runs, another is refused at once.
  PasswordHasher hasher(ScryptParams{17, 8, 1}, /*max_concurrent=*/1, /*max_waiting=*/0);
  std::atomic<bool> started{false};
  std::thread slow([&] {
    started = true;
    EXPECT_TRUE(hasher.Hash("a password under load").ok());
  });
  while (!started) std::this_thread::yield();
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  auto refused = hasher.Hash("another password here");
  EXPECT_EQ(refused.status().code(), StatusCode::kUnavailable);
  slow.join();
  EXPECT_TRUE(hasher.Hash("after the slow one").ok());
}

TEST(PasswordHasher, ConcurrentHashesAreBoundedAndCorrect) {
  PasswordHasher hasher(kFast, /*max_concurrent=*/2, /*max_waiting=*/8);
  std::vector<std::thread> threads;
  std::vector<int> ok(8, 0);
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&, i] {
      std::string pw = "password-number-" + std::to_string(i);
      auto h = hasher.Hash(pw);
      ok[i] = h.ok() && *hasher.Verify(pw, *h) && !*hasher.Verify(pw + "x", *h);
    });
  }
  for (auto& t : threads) t.join();
  for (int i = 0; i < 8; ++i) EXPECT_EQ(ok[i], 1) << i;
}

double ThreadCpuMs() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

// Prints the cost of the production parameters, wall and CPU time (no timing assertion).
TEST(PasswordHasher, DefaultCost) {
  PasswordHasher hasher;
  auto wall = std::chrono::steady_clock::now();
  double cpu = ThreadCpuMs();
  auto hash = hasher.Hash("a password to time");
  double hash_cpu = ThreadCpuMs() - cpu;
  double hash_wall =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - wall).count();
  cpu = ThreadCpuMs();
  EXPECT_TRUE(*hasher.Verify("a password to time", *hash));
  double verify_cpu = ThreadCpuMs() - cpu;
  cpu = ThreadCpuMs();
  EXPECT_TRUE(hasher.VerifyDummy("unknown user").ok());
  double dummy_cpu = ThreadCpuMs() - cpu;
  std::cout << "scrypt ln=15 r=8 p=3 (32 MiB): hash " << hash_cpu << " ms CPU (" << hash_wall
            << " ms wall), verify " << verify_cpu << " ms CPU, dummy verify " << dummy_cpu
            << " ms CPU\n";
}

}  // namespace
}  // namespace cairn::auth
