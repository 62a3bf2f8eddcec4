// Drift domain types (SPEC §2 "Drift", §7). Plain structs: no SQL, no HTTP. Event `details` is
// an opaque JSON object text (a free-form map, validated at the edge, stored as is). Times are
// int64 milliseconds UTC. Thread-compatible values.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/page.h"
#include "stats/drift/drift_report.h"

namespace cairn::drift {

enum class Method { kPsi, kKs, kJs, kWasserstein, kChi2 };

[[nodiscard]] std::string_view ToString(Method m);
[[nodiscard]] std::optional<Method> ParseMethod(std::string_view s);
[[nodiscard]] std::optional<stats::Severity> ParseSeverity(std::string_view s);

struct ColumnDrift {
  std::string name;
  bool categorical = false;
  stats::NumericDrift numeric;                // when !categorical
  stats::CategoricalDrift categorical_drift;  // when categorical
  bool drifted() const { return categorical ? categorical_drift.drifted : numeric.drifted; }
  stats::Severity severity() const {
    return categorical ? categorical_drift.severity : numeric.severity;
  }
};

// What a drift computation records with each event it creates (rendered as the event's
// `details` object by the store's codec).
struct ComputedDetails {
  ColumnDrift column;
  std::optional<std::string> reference_dataset_id;
  std::optional<std::string> current_dataset_id;
};

struct DriftEvent {
  std::string id;
  std::string model_name;
  std::optional<int64_t> model_version;
  std::optional<std::string> deployment_id;
  std::string feature;
  Method method = Method::kPsi;
  double score = 0;
  std::optional<double> p_value;
  std::optional<double> threshold;
  stats::Severity severity = stats::Severity::kLow;
  std::optional<int64_t> window_start;
  std::optional<int64_t> window_end;
  // A client-posted details object, validated at the edge and kept as its JSON text: opaque to
  // the service, which only passes it through. Read back for every event.
  std::string details_json = "{}";
  // Set instead by the service for events of a drift computation; the store writes it as the
  // details object.
  std::optional<ComputedDetails> computed;
  std::string created_by;
  int64_t detected_at = 0;
};

// --- requests (validated by DriftService) ---

struct DriftEventCreate {
  std::string model_name;
  std::optional<int64_t> model_version;
  std::optional<std::string> deployment_id;
  std::string feature;
  std::string method;
  double score = 0;
  std::optional<double> p_value;
  std::optional<double> threshold;
  std::optional<std::string> severity;  // default: from the score when method is psi
  std::optional<int64_t> window_start;
  std::optional<int64_t> window_end;
  std::optional<int64_t> detected_at;  // default: now
  std::string details_json = "{}";
};

struct DriftEventListRequest {
  std::optional<std::string> model_name;
  std::optional<std::string> severity;
  std::optional<std::string> since;  // RFC 3339
  std::optional<int64_t> limit;
  std::string page_token;
};

struct DriftEventQuery {
  std::optional<std::string> model_name;
  std::optional<stats::Severity> severity;
  std::optional<int64_t> since;  // detected_at >= since
  int limit = kDefaultPageSize;
  std::string page_token;
};

// One inline column as sent: its kind is decided from its non-null values.
enum class ColumnKind { kEmpty, kNumeric, kCategorical };

struct InlineColumn {
  std::string name;
  ColumnKind kind = ColumnKind::kEmpty;
  std::vector<double> numbers;                      // kNumeric: NaN = missing
  std::vector<std::optional<std::string>> strings;  // kCategorical: nullopt = missing
  int64_t nulls = 0;                                // missing values (all kinds)
};

struct DriftComputeRequest {
  // Dataset variant.
  std::optional<std::string> reference_dataset_id;
  std::optional<std::string> current_dataset_id;
  std::optional<std::vector<std::string>> columns;
  // Inline variant (in request order).
  std::optional<std::vector<InlineColumn>> reference;
  std::optional<std::vector<InlineColumn>> current;
  // Recording.
  std::optional<std::string> model_name;
  std::optional<int64_t> model_version;
  std::optional<std::string> deployment_id;
};

struct DriftComputeResult {
  std::vector<ColumnDrift> columns;  // request / dataset order
  double drift_share = 0;
  bool dataset_drift = false;
  std::vector<std::string> events;  // ids of the recorded drift events
};

}  // namespace cairn::drift
