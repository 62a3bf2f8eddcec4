// Static UI files: the built web app served from a directory.
//
// Refuses `..` (and anything resolving outside the root, e.g. through a symlink), picks the MIME
// type from the extension, serves index.html for directories, falls back to the root
// index.html for extension-less paths when `spa_fallback` (client-side routes), marks
// index.html `no-cache` and content-hashed assets (`name-<8+ alnum>.ext`) immutable, and serves
// a pre-compressed `<file>.br` or `<file>.gz` (written at build time) when the client's
// Accept-Encoding allows it: the higher q-value wins, Brotli on a tie; `Vary: Accept-Encoding`
// whenever a compressed variant exists. Responses carry file_path; the server streams the file.
// Pure function over the file system, thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "http/message.h"

namespace cairn::http {

// `rel_path` is the path below the root (a leading `/` is ignored), already percent-decoded.
// `accept_encoding` is the request's Accept-Encoding header value (may be empty).
// Returns 200 with file_path set, or a 404 problem.
[[nodiscard]] Response ServeStaticFile(const std::string& root, std::string_view rel_path,
                                       bool spa_fallback, std::string_view accept_encoding = {});

// Convenience: takes Accept-Encoding from the request.
[[nodiscard]] Response ServeStaticFile(const std::string& root, std::string_view rel_path,
                                       bool spa_fallback, const Request& req);

// The weights (RFC 9110 q-values, 0..1) a request's Accept-Encoding gives Brotli and gzip; a
// coding it does not name gets the weight of `*`, else 0. Malformed q-values count as 0.
struct AcceptedEncodings {
  double br = 0;
  double gzip = 0;
};
[[nodiscard]] AcceptedEncodings ParseAcceptEncoding(std::string_view accept_encoding);

// MIME type for a file name by extension; application/octet-stream when unknown.
[[nodiscard]] std::string_view MimeTypeFor(std::string_view file_name);

// True when the file name carries a content hash (`-[A-Za-z0-9]{8,}\.`), e.g. index-3f9a1b2c.js.
[[nodiscard]] bool IsContentHashed(std::string_view file_name);

}  // namespace cairn::http
