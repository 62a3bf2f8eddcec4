// Fuzzes the MLflow request readers (src/mlflow/request.h, messages.h): the parameter object of
// a request and every message reader the MLflow routes use. The input is a request body sent as
// application/json, or, when it starts with '?', a query string (`k=v&k=v`, not percent-decoded:
// the router has done that) read as a GET's parameters, or, when it starts with '!', a content
// type line followed by a body. Invariants beyond "no crash, no sanitizer report, no hang":
// every error is InvalidArgument with a message (bad input is never an internal error) and what
// a reader accepts is within MLflow's limits.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "mlflow/messages.h"
#include "mlflow/request.h"

namespace {

namespace bj = boost::json;
namespace req = cairn::mlflow::req;
namespace msg = cairn::mlflow::msg;

void Check(bool condition) {
  if (!condition) __builtin_trap();
}

void CheckError(const cairn::Status& s) {
  Check(s.code() == cairn::StatusCode::kInvalidArgument);
  Check(!s.message().empty());
}

template <typename T>
void Expect(const cairn::Result<T>& r) {
  if (!r.ok()) CheckError(r.status());
}

std::vector<std::pair<std::string, std::string>> SplitQuery(std::string_view q) {
  std::vector<std::pair<std::string, std::string>> out;
  size_t start = 0;
  while (start <= q.size()) {
    size_t amp = q.find('&', start);
    if (amp == std::string_view::npos) amp = q.size();
    const std::string_view item = q.substr(start, amp - start);
    const size_t eq = item.find('=');
    if (eq == std::string_view::npos) {
      out.emplace_back(std::string(item), "");
    } else {
      out.emplace_back(std::string(item.substr(0, eq)), std::string(item.substr(eq + 1)));
    }
    start = amp + 1;
  }
  return out;
}

void ReadEverything(const bj::object& o) {
  for (std::string_view f : {"run_id", "experiment_id", "name", "key", "value", "filter",
                             "metric_key", "model_json", "path", "experiment_name"}) {
    Expect(req::RequiredString(o, f));
    Expect(req::OptionalString(o, f));
  }
  for (std::string_view f : {"start_time", "end_time", "timestamp", "step", "max_results"})
    Expect(req::OptionalInt64(o, f));
  Expect(req::RunIdParam(o));
  for (std::string_view f : {"experiment_ids", "order_by", "run_ids", "stages"})
    Expect(req::StringList(o, f));
  Expect(req::KeyValues(o, "tags"));
  Expect(req::KeyValueMap(o, "tags"));
  if (auto n = req::MaxResults(o, 1000); n.ok()) {
    Check(*n >= 1 && *n <= req::kMaxSearchResults);
  } else {
    CheckError(n.status());
  }
  Expect(req::ViewTypeParam(o, "view_type"));
  Expect(req::ViewTypeParam(o, "run_view_type"));
  if (auto offset = req::PageOffset(o); offset.ok()) {
    Check(*offset >= 0);
  } else {
    CheckError(offset.status());
  }
  if (auto m = req::ReadLogMetric(o); m.ok()) {
    Check(!m->run_id.empty() && !m->metric.key.empty());
  } else {
    CheckError(m.status());
  }
  Expect(req::ReadLogInputs(o));
  if (auto m = req::ReadLogModel(o); m.ok()) {
    Check(m->model_json.size() > 2 && m->model_json.front() == '{' && m->model_json.back() == '}');
  } else {
    CheckError(m.status());
  }
  if (auto q = req::ReadBulkInterval(o); q.ok()) {
    Check(q->run_ids.size() <= req::kMaxBulkIntervalRuns);
    Check(q->max_results >= 1 && q->max_results <= req::kMaxBulkIntervalPerRun);
    Check(q->start_step.has_value() == q->end_step.has_value());
    Check(!q->start_step || *q->start_step <= *q->end_step);
  } else {
    CheckError(q.status());
  }
  if (auto batch = msg::ReadLogBatch(bj::value(o)); batch.ok()) {
    Check(batch->metrics.size() <= msg::kMaxMetricsPerBatch);
    Check(batch->params.size() <= msg::kMaxParamsTagsPerBatch);
    Check(batch->tags.size() <= msg::kMaxParamsTagsPerBatch);
  } else {
    CheckError(batch.status());
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  if (!text.empty() && text.front() == '?') {
    ReadEverything(req::QueryParams(SplitQuery(text.substr(1)), "order_by"));
    ReadEverything(req::QueryParams(SplitQuery(text.substr(1))));
    return 0;
  }
  std::optional<std::string_view> content_type = "application/json";
  std::string_view body = text;
  if (!text.empty() && text.front() == '!') {
    const size_t nl = text.find('\n');
    content_type = text.substr(1, nl == std::string_view::npos ? nl : nl - 1);
    body = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    if (content_type->empty()) content_type.reset();
  }
  auto params = req::BodyParams(content_type, body);
  if (!params.ok()) {
    CheckError(params.status());
    return 0;
  }
  ReadEverything(*params);
  return 0;
}
