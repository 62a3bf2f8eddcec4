// Feature store JSON: request parsing (strict: unknown fields are 400) and responses (SPEC §3),
// plus the stored-text codecs of schemas and values. Pure functions, thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "features/types.h"

namespace cairn::features {

Result<FeatureCreate> ParseFeatureCreate(std::string_view body);
Result<FeaturePatch> ParseFeaturePatch(std::string_view body);
Result<VersionCreate> ParseVersionCreate(std::string_view body);
// {"rows":[{"entity_key","feature","value","event_time"}]}: errors name rows[i].<field>.
Result<std::vector<ValueRowInput>> ParseValueRows(std::string_view body);
// {"entity_rows":[{"entity_key","event_time"}],"features":[...]}
Result<HistoricalRequest> ParseHistorical(std::string_view body);
Result<MaterializeRequest> ParseMaterialize(std::string_view body);

[[nodiscard]] std::string FeatureToJson(const Feature& f);
[[nodiscard]] std::string FeaturePageToJson(const FeaturePage& page);
[[nodiscard]] std::string VersionToJson(const FeatureVersion& v);
[[nodiscard]] std::string VersionsToJson(const std::vector<FeatureVersion>& versions);
[[nodiscard]] std::string OnlineToJson(const OnlineResult& r);
[[nodiscard]] std::string HistoricalToJson(const HistoricalResult& r);
[[nodiscard]] std::string WrittenToJson(int64_t n);

// Stored codecs.
[[nodiscard]] std::string SchemaToStoredText(const FeatureSchema& s);
[[nodiscard]] FeatureSchema SchemaFromStoredText(const std::string& text);
// The stored JSON text of a (normalised) value, and back. Decoding never throws: text that this
// codec did not write decodes to null.
[[nodiscard]] std::string EncodeStoredValue(const RawValue& v);
[[nodiscard]] RawValue DecodeStoredValue(std::string_view text);

}  // namespace cairn::features
