// The one codec for map and list columns: stores keep free-form string maps (tags, params,
// source), number maps (metric snapshots) and string lists (inputs, columns) in a TEXT column as
// JSON. Encoding is the canonical serializer of common/json.h; decoding is lenient by contract —
// the text was written by Encode*, so anything else (never expected) decodes to an empty value
// rather than failing a read. Pure functions; thread-safe; never throw.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace cairn::json {

using StringMap = std::map<std::string, std::string>;
using NumberMap = std::map<std::string, double>;
using StringList = std::vector<std::string>;

[[nodiscard]] std::string EncodeStringMap(const StringMap& m);
[[nodiscard]] StringMap DecodeStringMap(std::string_view text);
[[nodiscard]] std::string EncodeNumberMap(const NumberMap& m);
[[nodiscard]] NumberMap DecodeNumberMap(std::string_view text);
[[nodiscard]] std::string EncodeStringList(const StringList& l);
[[nodiscard]] StringList DecodeStringList(std::string_view text);

}  // namespace cairn::json
