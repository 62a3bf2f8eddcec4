// SHA-256 (OpenSSL EVP): one-shot over memory, streaming over pieces, and over a file read in
// fixed-size chunks (artifact uploads, dataset files, model files for compliance records).
// Digests are lowercase hex. Sha256 is thread-compatible (one per stream); the free functions
// are thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "common/status.h"

namespace cairn {

class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;

  void Update(const void* data, size_t size);
  void Update(std::string_view data) { Update(data.data(), data.size()); }
  // The digest of everything passed to Update; the object is spent afterwards.
  // Errors: Internal when OpenSSL failed at any step.
  [[nodiscard]] Result<std::string> FinishHex();
  // The raw 32-byte digest. Errors as FinishHex.
  [[nodiscard]] Result<std::string> FinishRaw();

 private:
  struct Ctx;
  std::unique_ptr<Ctx> ctx_;
  bool ok_ = true;
};

// Lowercase hex digest of `data`.
[[nodiscard]] std::string Sha256Hex(std::string_view data);

struct FileDigest {
  int64_t size_bytes = 0;
  std::string sha256;  // lowercase hex
  std::string head;    // the first min(size, head_bytes) bytes
};

// Streams the file at `path` through SHA-256, keeping its first `head_bytes` bytes.
// Errors: NotFound when the file cannot be opened, Internal on a read or hashing failure.
// Messages name no path (they may reach logs of other domains).
[[nodiscard]] Result<FileDigest> Sha256File(const std::string& path, size_t head_bytes = 0);

}  // namespace cairn
