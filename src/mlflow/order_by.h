// MLflow's order_by lists ("metrics.auc DESC", "name", "timestamp DESC"), parsed and validated
// as MLflow 2.12.2's server does for each search endpoint:
//
//   runs:               metrics.K / params.K / tags.K / attributes.A (A as in the runs filter,
//                       plus aliases); duplicates (after alias resolution) are an error.
//   experiments:        name, experiment_id, creation_time, last_update_time (attribute. prefix
//                       allowed); duplicates allowed.
//   registered_models:  name, timestamp, last_updated_timestamp (the last two are one field:
//                       listing both is a duplicate).
//   model_versions:     name, version_number, creation_timestamp, last_updated_timestamp.
//
// Each item is "<key> [ASC|DESC]" (case-insensitive direction, ASC when omitted). Defaults when
// the list is empty are the stores' business: runs start_time DESC then run_id; experiments
// creation_time DESC, experiment_id ASC; registered models name ASC; model versions
// last_updated_timestamp DESC, name ASC, version_number DESC — each list also ends with those
// tie-breakers.
//
// Errors are MLflow's messages as InvalidArgument (MLflow raises duplicates as INTERNAL_ERROR;
// Cairn answers INVALID_PARAMETER_VALUE). Pure functions, thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "mlflow/search_filter.h"

namespace cairn::mlflow {

struct OrderByItem {
  std::string type;  // "metric", "parameter", "tag" or "attribute"
  std::string key;   // as MLflow returns it (aliases unresolved)
  bool ascending = true;

  friend bool operator==(const OrderByItem&, const OrderByItem&) = default;
};

[[nodiscard]] Result<std::vector<OrderByItem>> ParseOrderBy(SearchGrammar grammar,
                                                            const std::vector<std::string>& items);

}  // namespace cairn::mlflow
