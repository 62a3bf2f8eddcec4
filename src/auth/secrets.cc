#include "auth/secrets.h"

#include <openssl/rand.h>
#include <openssl/sha.h>

namespace cairn::auth {
namespace {

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

bool IsBase64UrlChar(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_';
}

bool AllBase64Url(std::string_view s) {
  for (char c : s) {
    if (!IsBase64UrlChar(c)) return false;
  }
  return true;
}

}  // namespace

std::string Base64Url(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() * 4 + 2) / 3);
  size_t i = 0;
  auto at = [&](size_t k) { return static_cast<uint32_t>(static_cast<unsigned char>(bytes[k])); };
  for (; i + 3 <= bytes.size(); i += 3) {
    uint32_t v = (at(i) << 16) | (at(i + 1) << 8) | at(i + 2);
    out.push_back(kAlphabet[(v >> 18) & 63]);
    out.push_back(kAlphabet[(v >> 12) & 63]);
    out.push_back(kAlphabet[(v >> 6) & 63]);
    out.push_back(kAlphabet[v & 63]);
  }
  size_t rest = bytes.size() - i;
  if (rest == 1) {
    uint32_t v = at(i) << 16;
    out.push_back(kAlphabet[(v >> 18) & 63]);
    out.push_back(kAlphabet[(v >> 12) & 63]);
  } else if (rest == 2) {
    uint32_t v = (at(i) << 16) | (at(i + 1) << 8);
    out.push_back(kAlphabet[(v >> 18) & 63]);
    out.push_back(kAlphabet[(v >> 12) & 63]);
    out.push_back(kAlphabet[(v >> 6) & 63]);
  }
  return out;
}

Result<std::string> RandomSecret() {
  unsigned char buf[kSecretBytes];
  if (RAND_bytes(buf, sizeof(buf)) != 1) return Internal("random number generator failed");
  std::string secret = Base64Url(std::string_view(reinterpret_cast<const char*>(buf), sizeof(buf)));
  OPENSSL_cleanse(buf, sizeof(buf));
  return secret;
}

Result<std::string> NewTokenSecret() {
  ASSIGN_OR_RETURN(std::string secret, RandomSecret());
  return std::string(kTokenPrefix) + secret;
}

std::string RawSha256(std::string_view data) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(data.data()), data.size(), digest);
  return std::string(reinterpret_cast<const char*>(digest), sizeof(digest));
}

std::string Hex(std::string_view bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (char c : bytes) {
    auto b = static_cast<unsigned char>(c);
    out.push_back(kHex[b >> 4]);
    out.push_back(kHex[b & 15]);
  }
  return out;
}

bool LooksLikeToken(std::string_view s) {
  return s.size() == kTokenLength && s.substr(0, kTokenPrefix.size()) == kTokenPrefix &&
         AllBase64Url(s.substr(kTokenPrefix.size()));
}

bool LooksLikeSessionSecret(std::string_view s) {
  return s.size() == kSecretChars && AllBase64Url(s);
}

std::string CsrfTokenFor(std::string_view session_secret) {
  std::string input = "cairn-csrf\n";
  input.append(session_secret);
  return Base64Url(RawSha256(input));
}

}  // namespace cairn::auth
