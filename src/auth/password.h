// Password hashing with scrypt (RFC 7914) through OpenSSL 3's EVP_KDF "SCRYPT" (OpenSSL 3.0 has
// no Argon2). A hash is stored with its parameters and salt, PHC-style:
//   $scrypt$ln=15,r=8,p=3$<salt, base64url>$<32-byte key, base64url>
// so parameters can be raised later without invalidating stored hashes. The defaults are one of
// OWASP's equivalent scrypt settings (N=2^15, r=8, p=3): 32 MiB and about 0.4 s of CPU per hash
// on the development VM (PasswordHasher.DefaultCost prints the figure). At most
// `max_concurrent` hashes run at once (memory stays bounded) and at most `max_waiting` wait for a
// turn; beyond that a hash is refused (Unavailable) instead of queueing worker threads behind a
// flood of sign-ins.
//
// Stored parameters are bounded when parsed (ln 10..20, r 1..32, p 1..16), so a tampered row
// cannot make a verification allocate without limit.
//
// Thread safety: thread-safe.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "common/status.h"

struct evp_kdf_st;  // OpenSSL's EVP_KDF

namespace cairn::auth {

struct ScryptParams {
  int log2_n = 15;  // N = 2^15
  int r = 8;
  int p = 3;
  friend bool operator==(const ScryptParams&, const ScryptParams&) = default;
};

inline constexpr size_t kMinPasswordLength = 12;
inline constexpr size_t kMaxPasswordLength = 1024;

// The parts of an encoded hash; nullopt for anything malformed or out of bounds.
struct ParsedHash {
  ScryptParams params;
  std::string salt;  // raw bytes
  std::string key;   // raw bytes
};
[[nodiscard]] std::optional<ParsedHash> ParseScryptHash(std::string_view encoded);

class PasswordHasher {
 public:
  explicit PasswordHasher(ScryptParams params = {}, int max_concurrent = 2, int max_waiting = 16);
  ~PasswordHasher();
  PasswordHasher(const PasswordHasher&) = delete;
  PasswordHasher& operator=(const PasswordHasher&) = delete;

  // A new salted hash. Errors: Unavailable when too many hashes wait; Internal when OpenSSL
  // fails.
  [[nodiscard]] Result<std::string> Hash(std::string_view password) const;
  // Whether `password` matches `encoded` (compared in constant time); false for a malformed
  // hash, after spending the same work as a real check. Errors: Unavailable when too many
  // hashes wait; Internal when OpenSSL fails.
  [[nodiscard]] Result<bool> Verify(std::string_view password, std::string_view encoded) const;
  // Spends the time of one verification without a stored hash (logins for unknown users).
  // Errors: as Verify.
  [[nodiscard]] Status VerifyDummy(std::string_view password) const;

  const ScryptParams& params() const { return params_; }

 private:
  // Derives `out_len` bytes into `out`, holding one of the concurrency slots. Errors:
  // Unavailable (too many waiting), Internal.
  Status Derive(std::string_view password, std::string_view salt, const ScryptParams& params,
                size_t out_len, std::string& out) const;

  ScryptParams params_;
  int max_concurrent_;
  int max_waiting_;
  std::string dummy_hash_;
  struct KdfFree {
    void operator()(evp_kdf_st* kdf) const;
  };
  std::unique_ptr<evp_kdf_st, KdfFree> kdf_;  // fetched once
  mutable std::mutex mu_;
  mutable std::condition_variable cv_;
  mutable int running_ = 0;
  mutable int waiting_ = 0;
};

}  // namespace cairn::auth
