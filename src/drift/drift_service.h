// DriftService: drift events and drift computation (SPEC §2 "Drift", §7).
//
// Validation and orchestration; no SQL, no HTTP; the statistics are stats::ComputeNumericDrift /
// ComputeCategoricalDrift. Decisions:
// - Events: model_name follows the name rule; model_version >= 1; deployment_id a UUID; feature
//   1..256 chars; score finite; p_value in [0, 1]; window_start <= window_end; severity
//   defaults, for method psi only, to the PSI band of the score (required otherwise).
// - References: with ModelReferences wired (the composition root does), the model, the model
//   version and the deployment an event or a computation names must exist (404 naming which),
//   checked in the transaction that stores the events; a computation checks them first as
//   well, so a bad reference is refused before any work and whether or not a column drifts.
// - Compute, inline variant: each column's kind comes from its non-null values (all numbers →
//   numeric, all strings → categorical; the JSON layer rejects mixed columns naming them); the
//   reference and current kinds must agree; a column with no values on one side is
//   InvalidArgument. Without `columns`, both sides must hold the same column names; with it,
//   each listed column must be on both sides.
// - Compute, dataset variant: through datasets::DatasetReader (null → Unavailable "datasets not
//   available"); unknown dataset ids are NotFound; `columns` defaults to every column the two
//   datasets share (in reference order); a string column is categorical, every other type
//   numeric; kinds must agree.
// - At most DriftOptions::max_columns columns. Drift flags, severity and dataset drift follow
//   DriftOptions::rule (SPEC §7 defaults).
// - With model_name, each drifted column becomes one event (method psi, score = PSI, threshold
//   = rule.psi_threshold, p_value = the KS or chi-square p-value, details = the column's other
//   statistics), all written with their audit records in one transaction; ids in `events`.
//
// Thread safety: thread-safe (immutable options; the store and the reader are thread-safe).
#pragma once

#include <memory>

#include "common/clock.h"
#include "common/status.h"
#include "datasets/dataset_reader.h"
#include "drift/drift_store.h"
#include "drift/model_references.h"
#include "drift/types.h"
#include "stats/drift/drift_report.h"

namespace cairn::drift {

// Configuration (TOML section [drift] in the server configuration).
struct DriftOptions {
  stats::DriftRule rule;      // SPEC §7 defaults
  size_t max_columns = 1000;  // per compute request
};

class DriftService {
 public:
  // `datasets` may be null (dataset-id requests then answer Unavailable); it must outlive the
  // service.
  DriftService(std::unique_ptr<DriftStore> store, datasets::DatasetReader* datasets,
               DriftOptions options = {}, const Clock& clock = Clock::System());

  // Registers the references check (not owned; must outlive the service). Call before serving.
  void SetModelReferences(ModelReferences* references) { references_ = references; }

  // Errors: InvalidArgument, NotFound (model, version, deployment).
  Result<DriftEvent> CreateEvent(const DriftEventCreate& request, const std::string& actor);
  // Errors: InvalidArgument (severity, since, limit, page token).
  Result<Page<DriftEvent>> ListEvents(const DriftEventListRequest& request);
  // Errors: InvalidArgument (shape, columns, kinds, empty samples, ±Inf), NotFound (dataset,
  // model, version, deployment), Unavailable (no dataset reader).
  Result<DriftComputeResult> Compute(const DriftComputeRequest& request, const std::string& actor);

 private:
  std::unique_ptr<DriftStore> store_;
  // The references check for `ref` (empty without ModelReferences).
  storage::TxStep CheckStep(ModelReference ref) const;

  datasets::DatasetReader* datasets_;
  ModelReferences* references_ = nullptr;
  DriftOptions options_;
  const Clock& clock_;
};

}  // namespace cairn::drift
