// MLflow request readers: one JSON object of parameters from a request (the query string of a
// GET, the JSON body otherwise), the typed field readers every MLflow handler uses, and the
// readers of the messages whose decoding is more than a field or two (log-metric, log-inputs,
// log-model, get-history-bulk-interval, the search paging fields). Errors are MLflow's
// INVALID_PARAMETER_VALUE messages ("Missing value for required parameter 'x'. See the API
// docs…"), in the order MLflow's handlers report them. Transport-neutral: the routes pass the
// method, query, content type and body they got; nothing here knows a Cairn domain.
//
// Plain values and pure functions; thread-compatible.
#pragma once

#include <boost/json.hpp>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/json.h"
#include "common/status.h"
#include "mlflow/messages.h"

namespace cairn::mlflow::req {

namespace bj = boost::json;

inline constexpr char kDocsHint[] =
    " See the API docs for more information about request parameters.";

// --- errors, as MLflow's handlers word them

[[nodiscard]] Status Missing(std::string_view field);
[[nodiscard]] Status InvalidValue(std::string_view field, const bj::value& v);

// --- the parameter object

// application/json (any case, parameters after `;` ignored).
[[nodiscard]] bool IsJsonContentType(std::string_view content_type);

// The body's parameters. A content type other than JSON (or none with a non-empty body) is
// refused as MLflow refuses it; a body that is not a JSON object reads as no parameters (MLflow
// then reports the first missing required one). The tree is allocated from `storage` (a request's
// arena: see BodyArenaBytes).
[[nodiscard]] Result<bj::object> BodyParams(std::optional<std::string_view> content_type,
                                            std::string_view body, bj::storage_ptr storage = {});

// The first block of an arena for the tree of a body of `body_bytes`: about what that tree takes.
// A log-batch of 1 000 metrics is some 4 000 nodes; in an arena that lives as long as the tree,
// they cost neither a malloc and a free each nor a walk to destroy them.
[[nodiscard]] size_t BodyArenaBytes(size_t body_bytes);

// The query string's parameters: `k[]=` and `k[0]=` are `k`, a repeated key is an array, and
// `list` (when not empty) is always an array.
[[nodiscard]] bj::object QueryParams(const std::vector<std::pair<std::string, std::string>>& query,
                                     std::string_view list = {});

// --- fields

// Set, not null and not the empty string.
[[nodiscard]] bool Present(const bj::object& o, std::string_view field);
[[nodiscard]] Result<std::string> RequiredString(const bj::object& o, std::string_view field);
[[nodiscard]] Result<std::optional<std::string>> OptionalString(const bj::object& o,
                                                                std::string_view field);
// int64 as a number or decimal text; absent, null and "" are nullopt.
[[nodiscard]] Result<std::optional<int64_t>> OptionalInt64(const bj::object& o,
                                                           std::string_view field);
// run_id, or its older name run_uuid.
[[nodiscard]] Result<std::string> RunIdParam(const bj::object& o);
// A list of strings (a single string counts as a one-item list; absent is empty).
[[nodiscard]] Result<std::vector<std::string>> StringList(const bj::object& o,
                                                          std::string_view field);
// An array of {key, value} (value may be absent or null: ""), in order, duplicates kept.
[[nodiscard]] Result<std::vector<msg::KeyValue>> KeyValues(const bj::object& o,
                                                           std::string_view field);
// The same as a map (a later duplicate key wins); nullopt when absent or empty.
[[nodiscard]] Result<std::optional<json::StringMap>> KeyValueMap(const bj::object& o,
                                                                 std::string_view field);

// --- messages

// MLflow's largest max_results for searches.
inline constexpr int kMaxSearchResults = 50000;

// max_results of a search: default when absent; 1 ≤ n ≤ 50 000.
[[nodiscard]] Result<int> MaxResults(const bj::object& o, int default_value);
// A view type field (view_type, run_view_type): ACTIVE_ONLY when absent.
[[nodiscard]] Result<msg::ViewType> ViewTypeParam(const bj::object& o, std::string_view field);
// page_token as an offset (0 when absent); a negative offset is refused.
[[nodiscard]] Result<int64_t> PageOffset(const bj::object& o);

// runs/log-metric.
struct LogMetric {
  std::string run_id;
  msg::Metric metric;  // value as sent (NaN and ±infinity kept)
};
[[nodiscard]] Result<LogMetric> ReadLogMetric(const bj::object& o);

// runs/log-inputs: datasets with their input tags, in order.
struct LogInputs {
  std::string run_id;
  std::vector<msg::DatasetInput> datasets;
};
[[nodiscard]] Result<LogInputs> ReadLogInputs(const bj::object& o);

// runs/log-model: model_json checked for MLflow's mandatory fields, then written as MLflow's
// Model.from_dict(...).to_dict() dumped by Python's json.dumps (the text MLflow appends to the
// mlflow.log-model.history tag).
struct LogModel {
  std::string run_id;
  std::string model_json;
};
[[nodiscard]] Result<LogModel> ReadLogModel(const bj::object& o);

// Python's json.dumps (default separators, ensure_ascii) of a JSON value, key order kept.
void AppendPythonJson(std::string& out, const bj::value& v);

// metrics/get-history-bulk-interval.
inline constexpr size_t kMaxBulkIntervalRuns = 100;
inline constexpr int64_t kMaxBulkIntervalPerRun = 2500;
struct BulkInterval {
  std::vector<std::string> run_ids;  // at most 100
  std::string metric_key;
  std::optional<int64_t> start_step;  // both or neither, start ≤ end
  std::optional<int64_t> end_step;
  int64_t max_results = kMaxBulkIntervalPerRun;  // 1..2500
};
[[nodiscard]] Result<BulkInterval> ReadBulkInterval(const bj::object& o);

}  // namespace cairn::mlflow::req
