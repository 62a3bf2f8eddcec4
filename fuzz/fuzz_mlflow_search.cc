// Fuzzes the MLflow compatibility parsers (src/mlflow): the four search filter grammars, the
// order_by lists (one item per line), MLflow page tokens, and the log-batch reader on whatever
// parses as JSON. Invariants beyond "no crash, no sanitizer report, no hang": every error is
// InvalidArgument with a message (bad input is never an internal error), parsed clauses carry
// one of MLflow's entity types, and order_by returns one item per input item.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/json.h"
#include "mlflow/messages.h"
#include "mlflow/order_by.h"
#include "mlflow/page_token.h"
#include "mlflow/search_filter.h"

namespace {

void Check(bool condition) {
  if (!condition) __builtin_trap();
}

void CheckError(const cairn::Status& s) {
  Check(s.code() == cairn::StatusCode::kInvalidArgument);
  Check(!s.message().empty());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using cairn::mlflow::SearchGrammar;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  for (SearchGrammar g : {SearchGrammar::kRuns, SearchGrammar::kExperiments,
                          SearchGrammar::kRegisteredModels, SearchGrammar::kModelVersions}) {
    auto filter = cairn::mlflow::ParseSearchFilter(g, text);
    if (filter.ok()) {
      for (const auto& c : *filter) {
        Check(c.type == "metric" || c.type == "parameter" || c.type == "tag" ||
              c.type == "attribute" || c.type == "dataset");
      }
    } else {
      CheckError(filter.status());
    }
    std::vector<std::string> items;
    size_t start = 0;
    while (start <= text.size()) {
      const size_t nl = text.find('\n', start);
      items.emplace_back(text.substr(start, nl == std::string_view::npos ? nl : nl - start));
      if (nl == std::string_view::npos) break;
      start = nl + 1;
    }
    auto order = cairn::mlflow::ParseOrderBy(g, items);
    if (order.ok()) {
      Check(order->size() == items.size());
    } else {
      CheckError(order.status());
    }
  }
  auto offset = cairn::mlflow::DecodeOffsetPageToken(text);
  if (!offset.ok()) CheckError(offset.status());
  if (auto body = cairn::json::Parse(text); body.ok()) {
    auto batch = cairn::mlflow::msg::ReadLogBatch(*body);
    if (batch.ok()) {
      Check(batch->metrics.size() <= cairn::mlflow::msg::kMaxMetricsPerBatch);
      Check(batch->params.size() <= cairn::mlflow::msg::kMaxParamsTagsPerBatch);
    } else {
      CheckError(batch.status());
    }
  }
  return 0;
}
