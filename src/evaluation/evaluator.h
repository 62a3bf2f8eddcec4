// Evaluator: computes one evaluation report from loaded columns (and, for executable models, a
// loaded XGBoost booster). Pure computation: no storage, no HTTP; the service loads the data.
//
// Definitions (SPEC §4, §7):
// - Rows whose label, or whose score/prediction column cell, is missing are excluded and
//   counted in compliance.n_rows_excluded. Model feature cells may be missing (NaN).
// - binary_classification: labels must be 0/1 (numeric column); predicted class = score >=
//   decision_threshold. multiclass_classification: labels and predictions compared as strings
//   (numbers formatted as integers when integral, else in shortest round-trip form; bools as
//   true/false). regression: numeric target and prediction.
// - Executable model: one output per row for binary (P(class 1)) and regression; for
//   multiclass K outputs (softprob: predicted class = index of the max, as a string, first on
//   ties) or 1 output (softmax: the class index).
// - Metrics are computed with src/stats/metrics (sklearn 1.2.1 definitions); the report lists
//   the scenario's `metrics` (all of the task's when empty) in the task's canonical order.
// - Thresholds: `actual op value`; an undefined actual (roc_auc with one class) fails.
//   verdict pass = every threshold passed (vacuously true without thresholds).
// - multiclass: at most `max_classes` distinct classes (labels and predictions together, on the
//   whole data and on every slice); more is InvalidArgument naming the limit. This bounds the
//   K x K confusion matrix (and so the report) and the time and memory of the metrics.
// - Slices: the same metrics on the rows of each distinct slice value (missing → "(missing)");
//   worst_slice_gap[m] = max − min of m over the slices where m is defined. At most 1000
//   distinct slice values (more is an error naming the column).
// - Permutation importance (executable models only): base = primary metric (roc_auc, accuracy,
//   r2) on the evaluated rows; for feature column j, rng = mt19937_64(seed + j); `repeats`
//   times: permute column j (Fisher–Yates driven by the rng; other columns untouched, each
//   repeat from the original data), drop = base − metric(permuted predictions).
//   importance = mean drop, importance_std = population std. A metric undefined on the
//   permuted data counts as a drop of 0.
//
// Errors: InvalidArgument naming the column (wrong type, label not 0/1, no usable rows, model
// output shape), errors of the metric engine and of XGBoost. Thread-compatible (the model's
// Predict is internally serialized).
#pragma once

#include <optional>
#include <vector>

#include "common/status.h"
#include "datasets/dataset_reader.h"
#include "evaluation/types.h"
#include "models/xgboost_model.h"

namespace cairn::evaluation {

struct EvaluationData {
  datasets::ColumnData label;
  std::optional<datasets::ColumnData> prediction;  // score/prediction column (no model)
  std::vector<datasets::ColumnData> features;      // model inputs, in scenario order
  std::optional<datasets::ColumnData> slice;
};

// True for int64, float64 and bool columns.
bool IsNumeric(datasets::ColumnType t);
const char* ColumnTypeName(datasets::ColumnType t);

// Fills everything in Report except compliance (left default).
Result<Report> Evaluate(const Scenario& scenario, const EvaluationData& data,
                        models::XgboostModel* model, int64_t max_classes = kDefaultMaxClasses);

}  // namespace cairn::evaluation
