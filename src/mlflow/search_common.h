// Helpers shared by the MLflow filter and order_by parsers (internal to src/mlflow): MLflow's
// identifier resolution (`metrics.auc`, `tags."a b"`, bare attribute names) and its quote
// handling. Pure functions, thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace cairn::mlflow::search {

struct Identifier {
  std::string type;  // "metric", "parameter", "tag", "attribute", "dataset"
  std::string key;
};

// SearchUtils._trim_backticks / _is_quoted / _strip_quotes (without the expect-quoted error).
[[nodiscard]] std::string TrimBackticks(std::string_view s);
[[nodiscard]] bool IsQuoted(std::string_view s, char q);
[[nodiscard]] std::string StripQuotes(std::string_view s);

// SearchUtils._get_identifier: "<entity>.<key>" or a bare attribute; every entity alias.
[[nodiscard]] Result<Identifier> RunsIdentifier(std::string_view identifier,
                                                const std::vector<std::string>& valid_attributes);
// SearchExperimentsUtils._get_identifier (check_key_before_strip = false) and the registry's
// _get_model_search_identifier (true): entity must be attribute, tag or tags.
[[nodiscard]] Result<Identifier> ShortIdentifier(std::string_view identifier,
                                                 const std::vector<std::string>& valid_attributes,
                                                 bool check_key_before_strip);

}  // namespace cairn::mlflow::search
