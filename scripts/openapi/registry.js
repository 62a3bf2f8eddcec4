// Model registry, deployments and drift (SPEC §2) under /api/v1/ml/lifecycle.
module.exports = (h) => {
  const L = "/api/v1/ml/lifecycle";
  const { P, Q, ref, ok, errs, body, ifMatch, listParams, page, strMap, freeMap, time } = h;
  const num = { type: "number" };
  const int = { type: "integer" };
  const str = { type: "string" };
  const nullable = (t) => ({ type: [t, "null"] });
  const model = P("model_name", "Model name");
  const version = P("version", "Version number (1, 2, 3 ...)", { type: "integer", minimum: 1 });
  const alias = P("alias", "Alias name (e.g. champion)");
  const stage = { enum: ["none", "staging", "production", "archived"] };
  const depStatus = { enum: ["pending", "validating", "deploying", "active", "failed", "rollback", "terminated"] };
  const env = { enum: ["development", "staging", "production"] };
  const health = { enum: ["unknown", "healthy", "degraded", "unhealthy"] };
  const severity = { enum: ["low", "medium", "high", "critical"] };
  const method = { enum: ["psi", "ks", "js", "wasserstein", "chi2"] };
  const perVersion = (t) => ({ type: "object", description: "keyed by version number", additionalProperties: t });
  const column = { type: "array", items: { type: ["number", "string", "null"] }, description: "numbers → numeric, strings → categorical, null → missing; mixing numbers and strings is 400" };
  return {
    paths: {
      [`${L}/models`]: {
        post: { summary: "Register the next version of a model (copies a run's latest metrics and params when run_id is given)", operationId: "registerModelVersion", requestBody: body(ref("ModelVersionCreate")), responses: { ...ok(201, "Registered", ref("ModelVersion")), ...errs(400, 404, 415) } },
        get: { summary: "List model versions, newest first", operationId: "listModelVersions", parameters: [Q("model_name", "Model name"), Q("stage", "none|staging|production|archived"), ...listParams], responses: { ...ok(200, "Page", page("ModelVersion")), ...errs(400) } },
      },
      [`${L}/models/{model_name}`]: {
        get: { summary: "A model with all its versions (newest first; not paged: limit or page_token is 400, page versions with GET /models?model_name=)", operationId: "getModel", parameters: [model], responses: { ...ok(200, "Model", ref("Model")), ...errs(400, 404) } },
      },
      [`${L}/models/{model_name}/compare`]: {
        post: { summary: "Compare versions: metric values, best version, deltas against the first listed version, differing params", operationId: "compareModelVersions", parameters: [model], requestBody: body(ref("CompareRequest")), responses: { ...ok(200, "Comparison", ref("Comparison")), ...errs(400, 404, 415) } },
      },
      [`${L}/models/{model_name}/{version}`]: {
        get: { summary: "Model version detail", operationId: "getModelVersion", parameters: [model, version], responses: { ...ok(200, "Version", ref("ModelVersion")), ...errs(404) } },
        patch: { summary: "Tick/untick checklist items, change stage (production needs every required item; archives the previous production version), description, tags", operationId: "patchModelVersion", parameters: [model, version, ifMatch], requestBody: body(ref("ModelVersionPatch")), responses: { ...ok(200, "Updated", ref("ModelVersion")), ...errs(400, 404, 409, 412, 415) } },
      },
      [`${L}/models/{model_name}/{version}/artifact`]: {
        put: { summary: "Upload the model file (raw bytes, streamed to disk, sha256 recorded, write-once)", operationId: "putModelArtifact", parameters: [model, version, Q("format", "xgboost-json|onnx|other; detected when absent", { enum: ["xgboost-json", "onnx", "other"] }), Q("filename", "Stored file name (default model.json/model.onnx/model.bin)")], requestBody: { required: true, content: { "application/octet-stream": { schema: { type: "string", format: "binary" } } } }, responses: { ...ok(201, "Stored", ref("ModelVersion")), ...errs(400, 404, 409, 413) } },
        get: { summary: "Download the model file", operationId: "getModelArtifact", parameters: [model, version], responses: { 200: { description: "The bytes (X-Content-SHA256 header)", content: { "application/octet-stream": { schema: { type: "string", format: "binary" } } } }, ...errs(404) } },
      },
      [`${L}/models/{model_name}/aliases/{alias}`]: {
        put: { summary: "Point an alias (MLflow's rule: [A-Za-z0-9_-], at most 255, not latest or v<digits>) at a version, moving it if it names another", operationId: "putModelAlias", parameters: [model, alias], requestBody: body(ref("ModelAliasPut")), responses: { ...ok(200, "The version the alias now names", ref("ModelVersion")), ...errs(400, 404, 415) } },
        get: { summary: "The version an alias names", operationId: "getModelAlias", parameters: [model, alias], responses: { ...ok(200, "Version", ref("ModelVersion")), ...errs(400, 404) } },
        delete: { summary: "Remove an alias (an unknown alias of an existing model is 204 too)", operationId: "deleteModelAlias", parameters: [model, alias], responses: { 204: { description: "Removed" }, ...errs(400, 404) } },
      },
      [`${L}/deployments`]: {
        post: { summary: "Create a deployment (pending)", operationId: "createDeployment", requestBody: body(ref("DeploymentCreate")), responses: { ...ok(201, "Created", ref("Deployment")), ...errs(400, 404, 409, 415) } },
        get: { summary: "List deployments, newest first", operationId: "listDeployments", parameters: [Q("model_name", "Model name"), Q("environment", "development|staging|production"), Q("status", "Deployment status"), ...listParams], responses: { ...ok(200, "Page", page("Deployment")), ...errs(400) } },
      },
      [`${L}/deployments/{id}`]: {
        get: { summary: "Deployment detail", operationId: "getDeployment", parameters: [P("id", "Deployment id (UUID)")], responses: { ...ok(200, "Deployment", ref("Deployment")), ...errs(404) } },
        patch: { summary: "Status (validated by the state machine), health, metrics, config", operationId: "patchDeployment", parameters: [P("id", "Deployment id (UUID)"), ifMatch], requestBody: body(ref("DeploymentPatch")), responses: { ...ok(200, "Updated", ref("Deployment")), ...errs(400, 404, 409, 412, 415) } },
        delete: { summary: "Terminate (kept for history)", operationId: "deleteDeployment", parameters: [P("id", "Deployment id (UUID)"), ifMatch], responses: { ...ok(200, "Terminated", ref("Deployment")), ...errs(404, 409, 412) } },
      },
      [`${L}/drift-events`]: {
        post: { summary: "Record a drift event", operationId: "createDriftEvent", requestBody: body(ref("DriftEventCreate")), responses: { ...ok(201, "Recorded", ref("DriftEvent")), ...errs(400, 404, 415) } },
        get: { summary: "List drift events, newest first", operationId: "listDriftEvents", parameters: [Q("model_name", "Model name"), Q("severity", "low|medium|high|critical"), Q("since", "RFC 3339; detected_at >= since", time), ...listParams], responses: { ...ok(200, "Page", page("DriftEvent")), ...errs(400) } },
      },
      [`${L}/drift/compute`]: {
        post: { summary: "Per-column drift (KS, PSI, JS, Wasserstein; chi-square for categorical) between a reference and a current sample; with model_name, drifted columns are recorded as events", operationId: "computeDrift", requestBody: body(ref("DriftComputeRequest")), responses: { ...ok(200, "Report", ref("DriftReport")), ...errs(400, 404, 413, 415), 503: { description: "Datasets not available" } } },
      },
    },
    schemas: {
      ModelVersionCreate: { type: "object", additionalProperties: false, required: ["model_name"], properties: { model_name: str, run_id: { type: "string", format: "uuid" }, description: str, tags: strMap, params: strMap, metrics: { type: "object", additionalProperties: num } } },
      ChecklistItem: { type: "object", properties: { key: str, description: str, required: { type: "boolean" }, done: { type: "boolean" }, done_by: nullable("string"), done_at: { type: ["string", "null"], format: "date-time" }, note: str } },
      ModelArtifact: { type: "object", properties: { format: { enum: ["xgboost-json", "onnx", "other"] }, path: str, size_bytes: int, sha256: str } },
      ModelVersion: { type: "object", properties: { model_name: str, version: int, run_id: nullable("string"), description: str, stage, metrics: { type: "object", additionalProperties: num }, params: strMap, tags: strMap, artifact: { oneOf: [ref("ModelArtifact"), { type: "null" }] }, checklist: { type: "array", items: ref("ChecklistItem") }, aliases: { type: "array", items: str, description: "the model's aliases naming this version, sorted" }, created_by: str, updated_by: str, created_at: time, updated_at: time, revision: int } },
      ModelVersionPatch: { type: "object", additionalProperties: false, properties: { description: str, stage, tags: strMap, checklist: { type: "array", items: { type: "object", additionalProperties: false, required: ["key", "done"], properties: { key: str, done: { type: "boolean" }, note: str } } } } },
      Model: { type: "object", properties: { model_name: str, latest_version: int, production_version: nullable("integer"), aliases: { type: "object", additionalProperties: int, description: "alias -> version" }, created_at: time, updated_at: time, versions: { type: "array", items: ref("ModelVersion") } } },
      ModelAliasPut: { type: "object", additionalProperties: false, required: ["version"], properties: { version: { type: "integer", minimum: 1 } } },
      CompareRequest: { type: "object", additionalProperties: false, required: ["versions"], properties: { versions: { type: "array", minItems: 1, maxItems: 100, items: int }, metrics: { type: "array", items: str } } },
      Comparison: { type: "object", properties: { model_name: str, versions: { type: "array", items: int }, metrics: { type: "object", additionalProperties: { type: "object", properties: { higher_is_better: { type: "boolean" }, values: perVersion(nullable("number")), best_version: nullable("integer"), deltas: perVersion(nullable("number")) } } }, params_diff: { type: "object", additionalProperties: perVersion(nullable("string")) } } },
      Autoscaling: { type: "object", additionalProperties: false, required: ["min_replicas", "max_replicas", "target_rps"], properties: { min_replicas: { type: "integer", minimum: 1 }, max_replicas: { type: "integer", minimum: 1 }, target_rps: { type: "number", exclusiveMinimum: 0 } } },
      EndpointConfig: { type: "object", additionalProperties: false, properties: { replicas: { type: "integer", minimum: 1, default: 1 }, traffic_percent: { type: "number", minimum: 0, maximum: 100, default: 100 }, timeout_ms: { type: "integer", minimum: 1, default: 30000 }, max_batch_size: { type: "integer", minimum: 1, default: 1 }, autoscaling: { oneOf: [ref("Autoscaling"), { type: "null" }] } } },
      DeploymentMetrics: { type: "object", additionalProperties: false, properties: { request_count: int, error_count: int, error_rate: { type: "number", minimum: 0, maximum: 1 }, latency_p50_ms: num, latency_p95_ms: num, latency_p99_ms: num, requests_per_second: num } },
      DeploymentCreate: { type: "object", additionalProperties: false, required: ["model_name", "model_version", "environment"], properties: { model_name: str, model_version: { type: "integer", minimum: 1 }, environment: env, endpoint: str, config: ref("EndpointConfig") } },
      DeploymentPatch: { type: "object", additionalProperties: false, properties: { status: depStatus, health_status: health, metrics: ref("DeploymentMetrics"), config: ref("EndpointConfig") } },
      Deployment: { type: "object", properties: { id: { type: "string", format: "uuid" }, model_name: str, model_version: int, status: depStatus, environment: env, endpoint: str, config: ref("EndpointConfig"), health_status: health, metrics: ref("DeploymentMetrics"), created_by: str, updated_by: str, deployed_at: { type: ["string", "null"], format: "date-time" }, created_at: time, updated_at: time, revision: int } },
      DriftEventCreate: { type: "object", additionalProperties: false, required: ["model_name", "feature", "method", "score"], properties: { model_name: str, model_version: int, deployment_id: { type: "string", format: "uuid" }, feature: str, method, score: num, p_value: num, threshold: num, severity: { ...severity, description: "default for method psi: the PSI band of score" }, window_start: time, window_end: time, detected_at: time, details: freeMap } },
      DriftEvent: { type: "object", properties: { id: { type: "string", format: "uuid" }, model_name: str, model_version: nullable("integer"), deployment_id: nullable("string"), feature: str, method, score: num, p_value: nullable("number"), threshold: nullable("number"), severity, window_start: { type: ["string", "null"], format: "date-time" }, window_end: { type: ["string", "null"], format: "date-time" }, details: freeMap, created_by: str, detected_at: time } },
      DriftComputeRequest: { type: "object", additionalProperties: false, properties: { reference_dataset_id: str, current_dataset_id: str, columns: { type: "array", items: str }, reference: { type: "object", additionalProperties: column }, current: { type: "object", additionalProperties: column }, model_name: str, model_version: int, deployment_id: { type: "string", format: "uuid" } } },
      DriftColumn: { type: "object", properties: { type: { enum: ["numeric", "categorical"] }, n_reference: int, n_current: int, missing_reference: int, missing_current: int, ks: { type: "object", properties: { statistic: num, p_value: num } }, chi2: { type: "object", properties: { statistic: num, p_value: num, dof: int } }, psi: num, js: num, wasserstein: num, drifted: { type: "boolean" }, severity, histogram: { type: "object", properties: { edges: { type: "array", items: num }, categories: { type: "array", items: str }, reference: { type: "array", items: int }, current: { type: "array", items: int } } } } },
      DriftReport: { type: "object", properties: { columns: { type: "object", additionalProperties: ref("DriftColumn") }, drift_share: num, dataset_drift: { type: "boolean" }, events: { type: "array", items: { type: "string", format: "uuid" } } } },
    },
  };
};
