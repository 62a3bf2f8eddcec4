// Registry types <-> JSON (SPEC §2 "Model registry"). Request parsers are strict: unknown fields
// and wrong types are InvalidArgument with one FieldError each; `tags` and `params` are free
// string maps, `metrics` a map of finite numbers. Times are RFC 3339 strings.
//
// Thread safety: all functions are thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "common/status.h"
#include "registry/types.h"

namespace cairn::registry {

Result<VersionCreate> ParseVersionCreate(std::string_view body);
// {"description","stage","tags","checklist":[{"key","done","note"?}]}
Result<VersionPatch> ParseVersionPatch(std::string_view body);
// {"version": n} (PUT /models/{name}/aliases/{alias})
Result<int64_t> ParseAliasPut(std::string_view body);
// {"versions":[1,2],"metrics":["auc"]?}
Result<CompareRequest> ParseCompareRequest(std::string_view body);

[[nodiscard]] std::string VersionToJson(const ModelVersion& v);
[[nodiscard]] std::string VersionPageToJson(const Page<ModelVersion>& page);
[[nodiscard]] std::string ModelToJson(const Model& m);
// {"model_name","versions":[..],"metrics":{name:{"higher_is_better","values":{"<v>":x|null},
//  "best_version":v|null,"deltas":{"<v>":d|null}}},"params_diff":{name:{"<v>":s|null}}}
[[nodiscard]] std::string ComparisonToJson(const Comparison& c);

}  // namespace cairn::registry
