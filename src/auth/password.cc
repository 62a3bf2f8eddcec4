#include "auth/password.h"

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/kdf.h>
#include <openssl/params.h>
#include <openssl/rand.h>

#include <charconv>
#include <vector>

#include "auth/secrets.h"

namespace cairn::auth {
namespace {

constexpr std::string_view kScheme = "$scrypt$";
constexpr size_t kSaltBytes = 16;
constexpr size_t kKeyBytes = 32;
constexpr int kMinLog2N = 10;
constexpr int kMaxLog2N = 20;
constexpr int kMaxR = 32;
constexpr int kMaxP = 16;

int DecodeChar(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '-') return 62;
  if (c == '_') return 63;
  return -1;
}

std::optional<std::string> FromBase64Url(std::string_view s) {
  if (s.size() % 4 == 1) return std::nullopt;
  std::string out;
  out.reserve(s.size() * 3 / 4);
  uint32_t acc = 0;
  int bits = 0;
  for (char c : s) {
    int v = DecodeChar(c);
    if (v < 0) return std::nullopt;
    acc = (acc << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((acc >> bits) & 0xFF));
    }
  }
  return out;
}

std::optional<int> ParseParam(std::string_view part, std::string_view name, int lo, int hi) {
  if (part.substr(0, name.size()) != name || part.size() <= name.size() ||
      part[name.size()] != '=') {
    return std::nullopt;
  }
  std::string_view digits = part.substr(name.size() + 1);
  int v = 0;
  auto [p, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), v);
  if (ec != std::errc() || p != digits.data() + digits.size() || v < lo || v > hi) {
    return std::nullopt;
  }
  return v;
}

std::string Encode(const ScryptParams& params, std::string_view salt, std::string_view key) {
  return std::string(kScheme) + "ln=" + std::to_string(params.log2_n) +
         ",r=" + std::to_string(params.r) + ",p=" + std::to_string(params.p) + "$" +
         Base64Url(salt) + "$" + Base64Url(key);
}

}  // namespace

std::optional<ParsedHash> ParseScryptHash(std::string_view encoded) {
  if (encoded.substr(0, kScheme.size()) != kScheme) return std::nullopt;
  std::string_view rest = encoded.substr(kScheme.size());
  size_t d1 = rest.find('$');
  if (d1 == std::string_view::npos) return std::nullopt;
  size_t d2 = rest.find('$', d1 + 1);
  if (d2 == std::string_view::npos || rest.find('$', d2 + 1) != std::string_view::npos) {
    return std::nullopt;
  }
  std::string_view params = rest.substr(0, d1);
  size_t c1 = params.find(',');
  size_t c2 = c1 == std::string_view::npos ? c1 : params.find(',', c1 + 1);
  if (c2 == std::string_view::npos) return std::nullopt;
  auto ln = ParseParam(params.substr(0, c1), "ln", kMinLog2N, kMaxLog2N);
  auto r = ParseParam(params.substr(c1 + 1, c2 - c1 - 1), "r", 1, kMaxR);
  auto p = ParseParam(params.substr(c2 + 1), "p", 1, kMaxP);
  if (!ln || !r || !p) return std::nullopt;
  auto salt = FromBase64Url(rest.substr(d1 + 1, d2 - d1 - 1));
  auto key = FromBase64Url(rest.substr(d2 + 1));
  if (!salt || !key || salt->size() < 8 || salt->size() > 64 || key->size() != kKeyBytes) {
    return std::nullopt;
  }
  return ParsedHash{{*ln, *r, *p}, std::move(*salt), std::move(*key)};
}

void PasswordHasher::KdfFree::operator()(evp_kdf_st* kdf) const { EVP_KDF_free(kdf); }

PasswordHasher::PasswordHasher(ScryptParams params, int max_concurrent, int max_waiting)
    : params_(params),
      max_concurrent_(max_concurrent < 1 ? 1 : max_concurrent),
      max_waiting_(max_waiting < 0 ? 0 : max_waiting),
      kdf_(EVP_KDF_fetch(nullptr, "SCRYPT", nullptr)) {
  // The dummy hash has this hasher's parameters, so an unknown user costs what a known one does.
  std::string salt(kSaltBytes, '\0');
  std::string key;
  if (Derive("cairn-dummy-password", salt, params_, kKeyBytes, key).ok()) {
    dummy_hash_ = Encode(params_, salt, key);
  }
}

PasswordHasher::~PasswordHasher() = default;

Status PasswordHasher::Derive(std::string_view password, std::string_view salt,
                              const ScryptParams& params, size_t out_len, std::string& out) const {
  if (!kdf_) return Internal("OpenSSL has no SCRYPT key derivation");
  {
    std::unique_lock lock(mu_);
    if (running_ >= max_concurrent_) {
      if (waiting_ >= max_waiting_) return Unavailable("too many password checks in progress");
      ++waiting_;
      cv_.wait(lock, [this] { return running_ < max_concurrent_; });
      --waiting_;
    }
    ++running_;
  }
  uint64_t n = uint64_t{1} << params.log2_n;
  uint32_t r = static_cast<uint32_t>(params.r);
  uint32_t p = static_cast<uint32_t>(params.p);
  // scrypt needs 128·r·N bytes for V plus 256·r·p for B; OpenSSL's default cap is 32 MiB.
  uint64_t maxmem = 128 * uint64_t{r} * n + 256 * uint64_t{r} * p + (1u << 20);
  // OSSL_PARAM wants non-const pointers; the KDF only reads them.
  static char empty_password[1] = {0};
  void* pw =
      password.empty() ? static_cast<void*>(empty_password) : const_cast<char*>(password.data());
  void* sl = const_cast<char*>(salt.data());
  OSSL_PARAM ossl[] = {
      OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_PASSWORD, pw, password.size()),
      OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT, sl, salt.size()),
      OSSL_PARAM_construct_uint64(OSSL_KDF_PARAM_SCRYPT_N, &n),
      OSSL_PARAM_construct_uint32(OSSL_KDF_PARAM_SCRYPT_R, &r),
      OSSL_PARAM_construct_uint32(OSSL_KDF_PARAM_SCRYPT_P, &p),
      OSSL_PARAM_construct_uint64(OSSL_KDF_PARAM_SCRYPT_MAXMEM, &maxmem),
      OSSL_PARAM_construct_end()};
  out.assign(out_len, '\0');
  EVP_KDF_CTX* ctx = EVP_KDF_CTX_new(kdf_.get());
  bool ok = ctx != nullptr && EVP_KDF_derive(ctx, reinterpret_cast<unsigned char*>(out.data()),
                                             out.size(), ossl) == 1;
  EVP_KDF_CTX_free(ctx);
  {
    std::lock_guard lock(mu_);
    --running_;
  }
  cv_.notify_one();
  if (!ok) return Internal("scrypt key derivation failed");
  return Status::Ok();
}

Result<std::string> PasswordHasher::Hash(std::string_view password) const {
  unsigned char salt[kSaltBytes];
  if (RAND_bytes(salt, sizeof(salt)) != 1) return Internal("random number generator failed");
  std::string salt_bytes(reinterpret_cast<const char*>(salt), sizeof(salt));
  std::string key;
  RETURN_IF_ERROR(Derive(password, salt_bytes, params_, kKeyBytes, key));
  return Encode(params_, salt_bytes, key);
}

Result<bool> PasswordHasher::Verify(std::string_view password, std::string_view encoded) const {
  auto parsed = ParseScryptHash(encoded);
  if (!parsed) {
    RETURN_IF_ERROR(VerifyDummy(password));
    return false;
  }
  std::string key;
  RETURN_IF_ERROR(Derive(password, parsed->salt, parsed->params, parsed->key.size(), key));
  bool same = CRYPTO_memcmp(key.data(), parsed->key.data(), key.size()) == 0;
  OPENSSL_cleanse(key.data(), key.size());
  return same;
}

Status PasswordHasher::VerifyDummy(std::string_view password) const {
  auto parsed = ParseScryptHash(dummy_hash_);
  if (!parsed) return Internal("no dummy hash");
  std::string key;
  return Derive(password, parsed->salt, parsed->params, parsed->key.size(), key);
}

}  // namespace cairn::auth
