// Opaque page tokens: base64url (no padding) of a small cursor text chosen by the store.
// Clients must pass tokens back unchanged. Pure functions, thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace cairn::tracking {

[[nodiscard]] std::string EncodePageToken(std::string_view cursor);
// nullopt when `token` is not valid base64url.
[[nodiscard]] std::optional<std::string> DecodePageToken(std::string_view token);

}  // namespace cairn::tracking
