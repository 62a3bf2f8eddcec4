#include "drift/drift_service.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <set>
#include <utility>

#include "common/cancellation.h"
#include "common/ids.h"
#include "common/time.h"
#include "common/validation.h"

namespace cairn::drift {
namespace {

constexpr size_t kMaxFeatureLength = 256;
using validation::kNameRule;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

Status Check(std::vector<FieldError> errors) { return validation::Invalid(std::move(errors)); }

Status ColumnError(const std::string& column, const std::string& message) {
  return Check({{"columns." + column, message}});
}

// A column's sample, borrowed from the request or a dataset (or owned when synthesized).
struct Sample {
  ColumnKind kind = ColumnKind::kEmpty;
  const std::vector<double>* numbers = nullptr;
  const std::vector<std::optional<std::string>>* strings = nullptr;
  int64_t size = 0;
  std::vector<double> own_numbers;
  std::vector<std::optional<std::string>> own_strings;
};

Sample FromInline(const InlineColumn& c) {
  Sample s;
  s.kind = c.kind;
  s.numbers = &c.numbers;
  s.strings = &c.strings;
  s.size = c.kind == ColumnKind::kNumeric       ? static_cast<int64_t>(c.numbers.size())
           : c.kind == ColumnKind::kCategorical ? static_cast<int64_t>(c.strings.size())
                                                : c.nulls;
  return s;
}

Sample FromDataset(const datasets::ColumnData& c) {
  Sample s;
  s.kind =
      c.type == datasets::ColumnType::kString ? ColumnKind::kCategorical : ColumnKind::kNumeric;
  s.numbers = &c.numbers;
  s.strings = &c.strings;
  s.size = static_cast<int64_t>(c.size());
  return s;
}

// An all-missing sample of the given kind.
void FillMissing(Sample& s, ColumnKind kind) {
  s.kind = kind;
  if (kind == ColumnKind::kNumeric) {
    s.own_numbers.assign(static_cast<size_t>(s.size), kNaN);
    s.numbers = &s.own_numbers;
  } else {
    s.own_strings.assign(static_cast<size_t>(s.size), std::nullopt);
    s.strings = &s.own_strings;
  }
}

std::string_view KindName(ColumnKind k) {
  return k == ColumnKind::kNumeric       ? "numeric"
         : k == ColumnKind::kCategorical ? "categorical"
                                         : "empty";
}

Result<ColumnDrift> ComputeColumn(const std::string& name, Sample ref, Sample cur,
                                  const stats::DriftRule& rule) {
  if (ref.kind == ColumnKind::kEmpty && cur.kind == ColumnKind::kEmpty)
    return ColumnError(name, "has no non-null values on either side");
  if (ref.kind == ColumnKind::kEmpty) FillMissing(ref, cur.kind);
  if (cur.kind == ColumnKind::kEmpty) FillMissing(cur, ref.kind);
  if (ref.kind != cur.kind)
    return ColumnError(name, "is " + std::string(KindName(ref.kind)) + " in the reference but " +
                                 std::string(KindName(cur.kind)) + " in the current sample");
  ColumnDrift out;
  out.name = name;
  if (ref.kind == ColumnKind::kNumeric) {
    auto d = stats::ComputeNumericDrift(*ref.numbers, *cur.numbers, rule);
    if (!d.ok()) return ColumnError(name, d.status().message());
    out.numeric = std::move(*d);
  } else {
    out.categorical = true;
    auto d = stats::ComputeCategoricalDrift(*ref.strings, *cur.strings, rule);
    if (!d.ok()) return ColumnError(name, d.status().message());
    out.categorical_drift = std::move(*d);
  }
  return out;
}

void ValidateRecording(const DriftComputeRequest& req, std::vector<FieldError>& errors) {
  if (req.model_name && !IsValidName(*req.model_name)) errors.push_back({"model_name", kNameRule});
  if (req.model_version && *req.model_version < 1)
    errors.push_back({"model_version", "must be a positive integer"});
  if ((req.model_version || req.deployment_id) && !req.model_name)
    errors.push_back({"model_name", "is required with model_version or deployment_id"});
  if (req.deployment_id && !IsUuid(*req.deployment_id))
    errors.push_back({"deployment_id", "must be a UUID"});
}

}  // namespace

DriftService::DriftService(std::unique_ptr<DriftStore> store, datasets::DatasetReader* datasets,
                           DriftOptions options, const Clock& clock)
    : store_(std::move(store)), datasets_(datasets), options_(options), clock_(clock) {}

Result<DriftEvent> DriftService::CreateEvent(const DriftEventCreate& req,
                                             const std::string& actor) {
  std::vector<FieldError> errors;
  if (!IsValidName(req.model_name)) errors.push_back({"model_name", kNameRule});
  if (req.model_version && *req.model_version < 1)
    errors.push_back({"model_version", "must be a positive integer"});
  if (req.deployment_id && !IsUuid(*req.deployment_id))
    errors.push_back({"deployment_id", "must be a UUID"});
  if (req.feature.empty() || req.feature.size() > kMaxFeatureLength)
    errors.push_back({"feature", "must be 1 to 256 characters"});
  auto method = ParseMethod(req.method);
  if (!method) errors.push_back({"method", "must be one of psi, ks, js, wasserstein, chi2"});
  if (!std::isfinite(req.score)) errors.push_back({"score", "must be a finite number"});
  if (req.p_value && !(*req.p_value >= 0 && *req.p_value <= 1))
    errors.push_back({"p_value", "must be between 0 and 1"});
  if (req.threshold && !std::isfinite(*req.threshold))
    errors.push_back({"threshold", "must be a finite number"});
  if (req.window_start && req.window_end && *req.window_start > *req.window_end)
    errors.push_back({"window_start", "must not be after window_end"});
  std::optional<stats::Severity> severity;
  if (req.severity) {
    severity = ParseSeverity(*req.severity);
    if (!severity) errors.push_back({"severity", "must be one of low, medium, high, critical"});
  } else if (method == Method::kPsi) {
    severity = stats::SeverityFromPsi(req.score, options_.rule);
  } else if (method) {
    errors.push_back({"severity", "is required unless method is psi"});
  }
  RETURN_IF_ERROR(Check(std::move(errors)));
  const int64_t now = clock_.NowMillis();
  DriftEvent e;
  e.id = NewUuid();
  e.model_name = req.model_name;
  e.model_version = req.model_version;
  e.deployment_id = req.deployment_id;
  e.feature = req.feature;
  e.method = *method;
  e.score = req.score;
  e.p_value = req.p_value;
  e.threshold = req.threshold;
  e.severity = *severity;
  e.window_start = req.window_start;
  e.window_end = req.window_end;
  e.details_json = req.details_json;
  e.created_by = actor;
  e.detected_at = req.detected_at.value_or(now);
  audit::Entry a{now,
                 actor,
                 "drift_event.create",
                 "drift_event",
                 e.id,
                 {{"model_name", e.model_name},
                  {"feature", e.feature},
                  {"severity", std::string(stats::SeverityName(e.severity))}}};
  RETURN_IF_ERROR(
      store_->InsertEvents({e}, {a}, CheckStep({e.model_name, e.model_version, e.deployment_id})));
  return e;
}

storage::TxStep DriftService::CheckStep(ModelReference ref) const {
  if (references_ == nullptr) return {};
  return [references = references_, ref = std::move(ref)](storage::Transaction& tx) {
    return references->Check(tx, ref);
  };
}

Result<Page<DriftEvent>> DriftService::ListEvents(const DriftEventListRequest& req) {
  std::vector<FieldError> errors;
  DriftEventQuery q;
  auto limit = PageLimit(req.limit);
  if (limit.ok()) {
    q.limit = *limit;
  } else {
    errors.insert(errors.end(), limit.status().errors().begin(), limit.status().errors().end());
  }
  if (req.model_name && !IsValidName(*req.model_name)) errors.push_back({"model_name", kNameRule});
  if (req.severity) {
    q.severity = ParseSeverity(*req.severity);
    if (!q.severity) errors.push_back({"severity", "must be one of low, medium, high, critical"});
  }
  if (req.since) {
    q.since = ParseRfc3339(*req.since);
    if (!q.since) errors.push_back({"since", "must be an RFC 3339 date-time"});
  }
  RETURN_IF_ERROR(Check(std::move(errors)));
  q.model_name = req.model_name;
  q.page_token = req.page_token;
  return store_->ListEvents(q);
}

Result<DriftComputeResult> DriftService::Compute(const DriftComputeRequest& req,
                                                 const std::string& actor) {
  std::vector<FieldError> errors;
  const bool by_dataset = req.reference_dataset_id || req.current_dataset_id;
  const bool by_inline = req.reference || req.current;
  if (by_dataset && by_inline)
    errors.push_back({"reference", "send either dataset ids or inline columns, not both"});
  if (!by_dataset && !by_inline)
    errors.push_back({"reference",
                      "send reference_dataset_id and current_dataset_id, or "
                      "reference and current columns"});
  if (by_dataset && !req.reference_dataset_id)
    errors.push_back({"reference_dataset_id", "is required with current_dataset_id"});
  if (by_dataset && !req.current_dataset_id)
    errors.push_back({"current_dataset_id", "is required with reference_dataset_id"});
  if (by_inline && !req.reference) errors.push_back({"reference", "is required with current"});
  if (by_inline && !req.current) errors.push_back({"current", "is required with reference"});
  if (req.columns) {
    if (req.columns->empty()) errors.push_back({"columns", "must not be empty"});
    std::set<std::string> seen;
    for (const auto& c : *req.columns)
      if (!seen.insert(c).second) errors.push_back({"columns", "'" + c + "' is listed twice"});
  }
  ValidateRecording(req, errors);
  RETURN_IF_ERROR(Check(std::move(errors)));
  std::optional<storage::TxStep> check;
  if (req.model_name) {
    check = CheckStep({*req.model_name, req.model_version, req.deployment_id});
    RETURN_IF_ERROR(store_->CheckReferences(*check));  // before any work
  }

  DriftComputeResult result;
  if (by_inline) {
    std::map<std::string, const InlineColumn*> ref, cur;
    for (const auto& c : *req.reference) ref[c.name] = &c;
    for (const auto& c : *req.current) cur[c.name] = &c;
    std::vector<std::string> names;
    if (req.columns) {
      for (const auto& n : *req.columns) {
        if (!ref.count(n)) errors.push_back({"reference." + n, "column is missing"});
        if (!cur.count(n)) errors.push_back({"current." + n, "column is missing"});
      }
      names = *req.columns;
    } else {
      for (const auto& c : *req.reference) {
        if (!cur.count(c.name)) errors.push_back({"current." + c.name, "column is missing"});
        names.push_back(c.name);
      }
      for (const auto& c : *req.current)
        if (!ref.count(c.name)) errors.push_back({"reference." + c.name, "column is missing"});
    }
    if (names.empty()) errors.push_back({"reference", "must hold at least one column"});
    if (names.size() > options_.max_columns)
      errors.push_back(
          {"columns", "at most " + std::to_string(options_.max_columns) + " columns per request"});
    RETURN_IF_ERROR(Check(std::move(errors)));
    for (const auto& n : names) {
      if (CancellationRequested()) return Cancelled();
      ASSIGN_OR_RETURN(ColumnDrift d,
                       ComputeColumn(n, FromInline(*ref[n]), FromInline(*cur[n]), options_.rule));
      result.columns.push_back(std::move(d));
    }
  } else {
    if (!datasets_) return Unavailable("datasets not available");
    ASSIGN_OR_RETURN(datasets::DatasetInfo ref_info,
                     datasets_->Describe(*req.reference_dataset_id));
    ASSIGN_OR_RETURN(datasets::DatasetInfo cur_info, datasets_->Describe(*req.current_dataset_id));
    auto has = [](const datasets::DatasetInfo& info, const std::string& n) {
      return std::any_of(info.columns.begin(), info.columns.end(),
                         [&](const auto& c) { return c.first == n; });
    };
    std::vector<std::string> names;
    if (req.columns) {
      for (const auto& n : *req.columns) {
        if (!has(ref_info, n))
          errors.push_back({"columns", "'" + n + "' is not a column of the reference dataset"});
        if (!has(cur_info, n))
          errors.push_back({"columns", "'" + n + "' is not a column of the current dataset"});
      }
      names = *req.columns;
    } else {
      for (const auto& c : ref_info.columns)
        if (has(cur_info, c.first)) names.push_back(c.first);
      if (names.empty()) errors.push_back({"columns", "the two datasets share no column"});
    }
    if (names.size() > options_.max_columns)
      errors.push_back(
          {"columns", "at most " + std::to_string(options_.max_columns) + " columns per request"});
    RETURN_IF_ERROR(Check(std::move(errors)));
    for (const auto& n : names) {
      if (CancellationRequested()) return Cancelled();
      ASSIGN_OR_RETURN(datasets::ColumnData rc, datasets_->ReadColumn(ref_info.id, n));
      ASSIGN_OR_RETURN(datasets::ColumnData cc, datasets_->ReadColumn(cur_info.id, n));
      ASSIGN_OR_RETURN(ColumnDrift d,
                       ComputeColumn(n, FromDataset(rc), FromDataset(cc), options_.rule));
      result.columns.push_back(std::move(d));
    }
  }

  int drifted = 0;
  for (const auto& c : result.columns) drifted += c.drifted() ? 1 : 0;
  const int total = static_cast<int>(result.columns.size());
  result.drift_share = total > 0 ? static_cast<double>(drifted) / total : 0.0;
  result.dataset_drift = stats::DatasetDrifted(drifted, total, options_.rule);

  if (req.model_name) {
    const int64_t now = clock_.NowMillis();
    std::vector<DriftEvent> events;
    std::vector<audit::Entry> audits;
    for (const auto& c : result.columns) {
      if (!c.drifted()) continue;
      DriftEvent e;
      e.id = NewUuid();
      e.model_name = *req.model_name;
      e.model_version = req.model_version;
      e.deployment_id = req.deployment_id;
      e.feature = c.name;
      e.method = Method::kPsi;
      e.score = c.categorical ? c.categorical_drift.psi : c.numeric.psi.psi;
      e.p_value = c.categorical ? c.categorical_drift.chi2.p_value : c.numeric.ks.p_value;
      e.threshold = options_.rule.psi_threshold;
      e.severity = c.severity();
      e.computed = ComputedDetails{c, req.reference_dataset_id, req.current_dataset_id};
      e.created_by = actor;
      e.detected_at = now;
      audits.push_back(audit::Entry{now,
                                    actor,
                                    "drift_event.create",
                                    "drift_event",
                                    e.id,
                                    {{"model_name", e.model_name},
                                     {"feature", e.feature},
                                     {"severity", std::string(stats::SeverityName(e.severity))},
                                     {"source", std::string("drift.compute")}}});
      result.events.push_back(e.id);
      events.push_back(std::move(e));
    }
    // Also with no drifted column: the references are checked where events would be stored.
    RETURN_IF_ERROR(store_->InsertEvents(events, audits, *check));
  }
  return result;
}

}  // namespace cairn::drift
