// Streaming SHA-256 of a file (OpenSSL EVP), reading in fixed-size chunks. Thread-safe.
#pragma once

#include <cstdint>
#include <string>

#include "common/status.h"

namespace cairn::tracking {

struct FileDigest {
  int64_t size_bytes = 0;
  std::string sha256;  // lowercase hex
};

// Errors: Internal when the file cannot be read or hashing fails.
Result<FileDigest> Sha256File(const std::string& path);

}  // namespace cairn::tracking
