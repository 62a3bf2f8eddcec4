#include "tracking/file_digest.h"

#include <openssl/evp.h>

#include <array>
#include <cstdio>
#include <memory>
#include <vector>

namespace cairn::tracking {
namespace {
constexpr size_t kChunkBytes = 1 << 16;

struct FileCloser {
  void operator()(std::FILE* f) const { std::fclose(f); }
};
struct MdCtxFree {
  void operator()(EVP_MD_CTX* c) const { EVP_MD_CTX_free(c); }
};
}  // namespace

Result<FileDigest> Sha256File(const std::string& path) {
  std::unique_ptr<std::FILE, FileCloser> f(std::fopen(path.c_str(), "rb"));
  if (!f) return Internal("cannot open uploaded file");
  std::unique_ptr<EVP_MD_CTX, MdCtxFree> ctx(EVP_MD_CTX_new());
  if (!ctx || EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr) != 1)
    return Internal("sha256 init failed");
  std::vector<unsigned char> buf(kChunkBytes);  // heap: worker stacks may be small
  FileDigest d;
  for (;;) {
    size_t n = std::fread(buf.data(), 1, buf.size(), f.get());
    if (n > 0) {
      if (EVP_DigestUpdate(ctx.get(), buf.data(), n) != 1) return Internal("sha256 failed");
      d.size_bytes += static_cast<int64_t>(n);
    }
    if (n < buf.size()) {
      if (std::ferror(f.get())) return Internal("cannot read uploaded file");
      break;
    }
  }
  std::array<unsigned char, EVP_MAX_MD_SIZE> md;
  unsigned int len = 0;
  if (EVP_DigestFinal_ex(ctx.get(), md.data(), &len) != 1) return Internal("sha256 failed");
  static constexpr char kHex[] = "0123456789abcdef";
  d.sha256.reserve(len * 2);
  for (unsigned int i = 0; i < len; ++i) {
    d.sha256.push_back(kHex[md[i] >> 4]);
    d.sha256.push_back(kHex[md[i] & 15]);
  }
  return d;
}

}  // namespace cairn::tracking
