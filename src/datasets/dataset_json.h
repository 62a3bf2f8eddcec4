// Dataset JSON: API representations (SPEC §3) and the stored profile codec.
// Pure functions, thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "datasets/types.h"

namespace cairn::datasets {

// Profiles as stored in datasets.profile (numeric throughout) and back. Decoding tolerates
// missing members (zero values).
[[nodiscard]] std::string ProfilesToStoredText(const std::vector<ColumnProfile>& profiles);
[[nodiscard]] std::vector<ColumnProfile> ProfilesFromStoredText(const std::string& text);

// {"id","name","description","source_type","table_name","schema":{col:type},"columns":[...],
//  "row_count","size_bytes","stored_bytes","sha256","tags","created_by","created_at",
//  "updated_at","revision"} plus "profile":{col:{...}} when `with_profile`. Timestamp columns
// render min/max/mean/quantiles as RFC 3339 strings (std and histogram edges stay in ms).
[[nodiscard]] std::string DatasetToJson(const Dataset& d, bool with_profile);
[[nodiscard]] std::string DatasetPageToJson(const DatasetPage& page);
// PATCH body {"description","tags"}: unknown fields and wrong types are 400.
[[nodiscard]] Result<DatasetPatch> ParseDatasetPatch(std::string_view body);
// {"dataset_id","columns":[...],"offset","limit","total","rows":[{col: value|null}]}
[[nodiscard]] std::string DatasetRowsToJson(const std::string& id, const DatasetRows& rows,
                                            int64_t limit);

}  // namespace cairn::datasets
