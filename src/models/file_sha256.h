// Streaming SHA-256 of a file (OpenSSL EVP), for compliance records of model artifacts.
// Thread-safe.
#pragma once

#include <string>

#include "common/status.h"

namespace cairn::models {

// Lowercase hex digest. Errors: NotFound when the file cannot be opened, Internal on a read or
// hashing failure.
Result<std::string> Sha256OfFile(const std::string& path);

}  // namespace cairn::models
