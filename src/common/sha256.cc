#include "common/sha256.h"

#include <openssl/evp.h>

#include <algorithm>
#include <cstdio>
#include <vector>

namespace cairn {
namespace {

constexpr size_t kChunkBytes = 1 << 16;
constexpr char kHex[] = "0123456789abcdef";

std::string ToHex(std::string_view raw) {
  std::string out;
  out.reserve(raw.size() * 2);
  for (unsigned char c : raw) {
    out.push_back(kHex[c >> 4]);
    out.push_back(kHex[c & 15]);
  }
  return out;
}

struct FileCloser {
  void operator()(std::FILE* f) const { std::fclose(f); }
};

}  // namespace

struct Sha256::Ctx {
  EVP_MD_CTX* md = nullptr;
  ~Ctx() { EVP_MD_CTX_free(md); }
};

Sha256::Sha256() : ctx_(std::make_unique<Ctx>()) {
  ctx_->md = EVP_MD_CTX_new();
  ok_ = ctx_->md != nullptr && EVP_DigestInit_ex(ctx_->md, EVP_sha256(), nullptr) == 1;
}

Sha256::~Sha256() = default;

void Sha256::Update(const void* data, size_t size) {
  if (ok_ && size > 0) ok_ = EVP_DigestUpdate(ctx_->md, data, size) == 1;
}

Result<std::string> Sha256::FinishRaw() {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (!ok_ || EVP_DigestFinal_ex(ctx_->md, md, &len) != 1) {
    ok_ = false;
    return Internal("sha256 failed");
  }
  ok_ = false;  // spent
  return std::string(reinterpret_cast<const char*>(md), len);
}

Result<std::string> Sha256::FinishHex() {
  ASSIGN_OR_RETURN(std::string raw, FinishRaw());
  return ToHex(raw);
}

std::string Sha256Hex(std::string_view data) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  // EVP_Digest over memory only fails when OpenSSL cannot allocate; an empty digest then
  // compares unequal to every real one.
  if (EVP_Digest(data.data(), data.size(), md, &len, EVP_sha256(), nullptr) != 1) return "";
  return ToHex(std::string_view(reinterpret_cast<const char*>(md), len));
}

Result<FileDigest> Sha256File(const std::string& path, size_t head_bytes) {
  std::unique_ptr<std::FILE, FileCloser> f(std::fopen(path.c_str(), "rb"));
  if (!f) return NotFound("cannot open file");
  Sha256 hash;
  std::vector<char> buf(kChunkBytes);  // heap: worker stacks may be small
  FileDigest d;
  for (;;) {
    const size_t n = std::fread(buf.data(), 1, buf.size(), f.get());
    if (n > 0) {
      hash.Update(buf.data(), n);
      if (d.head.size() < head_bytes)
        d.head.append(buf.data(), std::min(n, head_bytes - d.head.size()));
      d.size_bytes += static_cast<int64_t>(n);
    }
    if (n < buf.size()) {
      if (std::ferror(f.get())) return Internal("cannot read file");
      break;
    }
  }
  ASSIGN_OR_RETURN(d.sha256, hash.FinishHex());
  return d;
}

}  // namespace cairn
