// Evaluation harness (SPEC §4) under /api/v1/ml/evaluation.
module.exports = (h) => {
  const E = "/api/v1/ml/evaluation";
  const { P, Q, ref, ok, errs, body, ifMatch, listParams, page, strMap, time } = h;
  const num = { type: "number" };
  const int = { type: "integer" };
  const str = { type: "string" };
  const nullable = (t) => ({ type: [t, "null"] });
  const task = { enum: ["binary_classification", "multiclass_classification", "regression"] };
  const runStatus = { enum: ["queued", "running", "completed", "failed"] };
  const metricNames = "binary: accuracy, precision, recall, f1, roc_auc, log_loss, brier; multiclass: accuracy, precision_macro, recall_macro, f1_macro, f1_weighted; regression: rmse, mae, r2, mape";
  const threshold = { type: "object", additionalProperties: false, required: ["op", "value"], properties: { op: { enum: [">=", ">", "<=", "<", "=="] }, value: num } };
  const metricMap = { type: "object", additionalProperties: nullable("number"), description: "metric → value (null when undefined, e.g. roc_auc with one class)" };
  const scenarioFields = {
    description: str,
    task_type: task,
    dataset_id: { type: "string", description: "A dataset of the feature store (/api/v1/features/datasets)" },
    label_column: { type: "string", description: "binary: numeric 0/1; multiclass: any type (compared as strings); regression: numeric" },
    score_column: { type: "string", description: "binary only: numeric P(class 1) in the dataset" },
    prediction_column: { type: "string", description: "multiclass/regression: predictions in the dataset" },
    model_name: { type: "string", description: "Model to execute instead of a prediction column (artifact format xgboost-json)" },
    version: { type: "integer", minimum: 1 },
    feature_columns: { type: "array", items: str, description: "Numeric model inputs in the model's feature order; missing cells → NaN" },
    metrics: { type: "array", items: str, description: `Metrics to report (default all of the task's). ${metricNames}` },
    thresholds: { type: "object", additionalProperties: threshold, description: "metric → {op, value}; the verdict passes when every threshold passes" },
    slice_column: { type: "string", description: "Per-slice metrics and worst-slice gaps for each value of this column" },
    decision_threshold: { type: "number", minimum: 0, maximum: 1, default: 0.5, description: "binary: predicted class = score >= this" },
    importance_repeats: { type: "integer", minimum: 0, maximum: 50, default: 5, description: "Permutation importance repeats (0 disables)" },
    importance_seed: { type: "integer", default: 1 },
    tags: strMap,
  };
  const nullableFields = (o) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, ["score_column", "prediction_column", "model_name", "slice_column"].includes(k) ? { ...v, type: ["string", "null"] } : v]));
  const runId = P("run_id", "Evaluation run id (UUID)");
  return {
    paths: {
      [`${E}/scenarios`]: {
        post: { summary: "Create an evaluation scenario (dataset, columns and model are validated)", operationId: "createScenario", requestBody: body(ref("ScenarioCreate")), responses: { ...ok(201, "Created", ref("Scenario")), ...errs(400, 404, 409, 413, 415) } },
        get: { summary: "List scenarios, newest first", operationId: "listScenarios", parameters: [Q("task_type", "binary_classification|multiclass_classification|regression"), Q("dataset_id", "Dataset id"), ...listParams], responses: { ...ok(200, "Page", page("Scenario")), ...errs(400) } },
      },
      [`${E}/scenarios/{name}`]: {
        get: { summary: "Scenario detail", operationId: "getScenario", parameters: [P("name", "Scenario name")], responses: { ...ok(200, "Scenario", ref("Scenario")), ...errs(404) } },
        patch: { summary: "Update a scenario (re-validated; null clears an optional field)", operationId: "patchScenario", parameters: [P("name", "Scenario name"), ifMatch], requestBody: body(ref("ScenarioPatch")), responses: { ...ok(200, "Updated", ref("Scenario")), ...errs(400, 404, 409, 412, 415) } },
      },
      [`${E}/runs`]: {
        post: { summary: "Evaluate a scenario. Runs without model execution over fewer than 50 000 rows complete inline (201); others are queued as background jobs (202)", operationId: "createEvaluationRun", requestBody: body(ref("EvaluationRunCreate")), responses: { ...ok(201, "Completed (or failed) inline", ref("EvaluationRun")), ...ok(202, "Queued", ref("EvaluationRun")), ...errs(400, 404, 409, 415) } },
        get: { summary: "List evaluation runs, newest first", operationId: "listEvaluationRuns", parameters: [Q("scenario_name", "Scenario"), Q("status", "queued|running|completed|failed"), ...listParams], responses: { ...ok(200, "Page", page("EvaluationRun")), ...errs(400) } },
      },
      [`${E}/runs/{run_id}`]: {
        get: { summary: "Evaluation run status", operationId: "getEvaluationRun", parameters: [runId], responses: { ...ok(200, "Run", ref("EvaluationRun")), ...errs(404) } },
      },
      [`${E}/runs/{run_id}/report`]: {
        get: { summary: "Evaluation report (results null until the run completes)", operationId: "getEvaluationReport", parameters: [runId], responses: { ...ok(200, "Report", ref("EvaluationReport")), ...errs(404) } },
      },
    },
    schemas: {
      ScenarioCreate: { type: "object", additionalProperties: false, required: ["name", "task_type", "dataset_id", "label_column"], properties: { name: { type: "string", pattern: "^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$" }, ...scenarioFields } },
      ScenarioPatch: { type: "object", additionalProperties: false, properties: nullableFields(scenarioFields) },
      Scenario: { type: "object", properties: { name: str, ...nullableFields(scenarioFields), created_by: str, updated_by: str, created_at: time, updated_at: time, revision: int } },
      EvaluationRunCreate: { type: "object", additionalProperties: false, required: ["scenario_name"], properties: { scenario_name: str, model_name: { type: "string", description: "Execute this model version instead of the scenario's prediction source" }, version: { type: "integer", minimum: 1 } } },
      EvaluationRun: { type: "object", properties: { run_id: { type: "string", format: "uuid" }, scenario_name: str, scenario_revision: int, model_name: nullable("string"), version: nullable("integer"), status: runStatus, verdict: { enum: ["pass", "fail", null] }, failure_reason: nullable("string"), n_rows: nullable("integer"), created_by: str, created_at: time, started_at: { type: ["string", "null"], format: "date-time" }, finished_at: { type: ["string", "null"], format: "date-time" }, revision: int } },
      EvaluationReport: {
        type: "object",
        required: ["run_id", "scenario_name", "status", "verdict", "n_rows", "metrics", "confusion_matrix", "thresholds", "slices", "worst_slice_gap", "explainability", "compliance"],
        properties: {
          run_id: str, scenario_name: str, status: runStatus, verdict: { enum: ["pass", "fail", null] }, n_rows: nullable("integer"),
          metrics: metricMap,
          confusion_matrix: { type: ["object", "null"], properties: { labels: { type: "array", items: { type: ["string", "integer"] } }, matrix: { type: "array", items: { type: "array", items: int } } }, description: "rows = true class, columns = predicted class" },
          thresholds: { type: "array", items: { type: "object", properties: { metric: str, op: str, value: num, actual: nullable("number"), passed: { type: "boolean" } } } },
          slices: { type: ["object", "null"], additionalProperties: { type: "object", properties: { n_rows: int, metrics: metricMap } }, description: "slice value → metrics; missing values form the slice \"(missing)\"" },
          worst_slice_gap: { type: ["object", "null"], additionalProperties: { type: "object", properties: { gap: num, max_slice: str, max: num, min_slice: str, min: num } }, description: "metric → max − min over the slices where it is defined" },
          explainability: { type: ["object", "null"], properties: { permutation_importance: { type: "object", additionalProperties: num, description: "feature → mean drop of the primary metric (roc_auc, accuracy, r2) when the column is permuted" }, permutation_importance_std: { type: "object", additionalProperties: num }, metric: str, repeats: int, seed: int } },
          compliance: { type: ["object", "null"], properties: { dataset_id: str, dataset_sha256: str, model_name: nullable("string"), model_version: nullable("integer"), model_format: nullable("string"), model_sha256: nullable("string"), scenario_revision: int, evaluator_version: str, run_by: str, requested_at: time, started_at: time, completed_at: time, decision_threshold: num, n_rows_excluded: int, evaluation_passed_ticked: { type: "boolean" } } },
          failure_reason: nullable("string"),
        },
      },
    },
  };
};
