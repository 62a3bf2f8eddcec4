// Reading an uploaded model file once: its size, SHA-256 (OpenSSL EVP, streamed in fixed-size
// chunks) and its first bytes (for format detection). Thread-safe free function.
#pragma once

#include <cstdint>
#include <string>

#include "common/status.h"

namespace cairn::registry {

inline constexpr size_t kArtifactHeadBytes = 1 << 20;

struct ScannedFile {
  int64_t size_bytes = 0;
  std::string sha256;  // lowercase hex
  std::string head;    // the first min(size, kArtifactHeadBytes) bytes
};

// Errors: Internal when the file cannot be read or hashing fails.
Result<ScannedFile> ScanFile(const std::string& path);

}  // namespace cairn::registry
