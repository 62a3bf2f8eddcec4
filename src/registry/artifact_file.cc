#include "registry/artifact_file.h"

#include <openssl/evp.h>

#include <array>
#include <fstream>
#include <memory>

namespace cairn::registry {

Result<ScannedFile> ScanFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Internal("cannot open uploaded file");
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  if (!ctx || EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr) != 1)
    return Internal("sha256 init failed");
  ScannedFile out;
  std::array<char, 64 * 1024> buf{};
  while (in) {
    in.read(buf.data(), buf.size());
    const std::streamsize n = in.gcount();
    if (n <= 0) break;
    if (EVP_DigestUpdate(ctx.get(), buf.data(), static_cast<size_t>(n)) != 1)
      return Internal("sha256 update failed");
    if (out.head.size() < kArtifactHeadBytes)
      out.head.append(buf.data(),
                      std::min(static_cast<size_t>(n), kArtifactHeadBytes - out.head.size()));
    out.size_bytes += n;
  }
  if (in.bad()) return Internal("cannot read uploaded file");
  std::array<unsigned char, EVP_MAX_MD_SIZE> md{};
  unsigned int len = 0;
  if (EVP_DigestFinal_ex(ctx.get(), md.data(), &len) != 1) return Internal("sha256 final failed");
  static constexpr char kHex[] = "0123456789abcdef";
  out.sha256.reserve(len * 2);
  for (unsigned int i = 0; i < len; ++i) {
    out.sha256.push_back(kHex[md[i] >> 4]);
    out.sha256.push_back(kHex[md[i] & 15]);
  }
  return out;
}

}  // namespace cairn::registry
