// MLflow 2.x REST compatibility (docs/mlflow-compat.md): the same routes under /api/2.0/mlflow
// and /ajax-api/2.0/mlflow, with MLflow's request and response messages (service.proto) and
// MLflow's error shape {"error_code", "message"} instead of problem+json.
module.exports = (h) => {
  const { ref, json } = h;
  const any = { type: "object", additionalProperties: true };
  const mlflowError = { description: "MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...)", content: json(ref("MlflowError")) };
  const routes = [
    ["post", "experiments/create", "Create an experiment (CreateExperiment)"],
    ["get", "experiments/get", "Get an experiment by id (GetExperiment)"],
    ["get", "experiments/get-by-name", "Get an experiment by name (GetExperimentByName)"],
    ["get", "experiments/search", "Search experiments (SearchExperiments, query string)"],
    ["post", "experiments/search", "Search experiments (SearchExperiments)"],
    ["post", "experiments/update", "Rename an experiment (UpdateExperiment)"],
    ["post", "experiments/delete", "Soft-delete an experiment and its runs (DeleteExperiment)"],
    ["post", "experiments/restore", "Restore a deleted experiment and its runs (RestoreExperiment)"],
    ["post", "experiments/set-experiment-tag", "Set an experiment tag (SetExperimentTag)"],
    ["post", "runs/create", "Create a run (CreateRun)"],
    ["get", "runs/get", "Get a run (GetRun)"],
    ["post", "runs/update", "Update a run's status, end time or name (UpdateRun)"],
    ["post", "runs/delete", "Soft-delete a run (DeleteRun)"],
    ["post", "runs/restore", "Restore a deleted run (RestoreRun)"],
    ["post", "runs/search", "Search runs with MLflow's filter grammar (SearchRuns)"],
    ["post", "runs/log-metric", "Log one metric point (LogMetric)"],
    ["post", "runs/log-parameter", "Log a parameter (LogParam)"],
    ["post", "runs/set-tag", "Set a run tag (SetTag)"],
    ["post", "runs/delete-tag", "Delete a run tag (DeleteTag)"],
    ["post", "runs/log-batch", "Log metrics, params and tags in one request (LogBatch)"],
    ["post", "runs/log-inputs", "Record the datasets a run used (LogInputs)"],
    ["post", "runs/log-model", "Record a logged model in the run's mlflow.log-model.history tag (LogModel)"],
    ["get", "metrics/get-history", "A metric's full history (GetMetricHistory)"],
    ["get", "metrics/get-history-bulk-interval", "A metric's sampled history over several runs (GetMetricHistoryBulkInterval)"],
    ["get", "artifacts/list", "List a run's artifacts under a path (ListArtifacts)"],
    ["post", "registered-models/create", "Create a registered model with no versions (CreateRegisteredModel)"],
    ["get", "registered-models/get", "Get a registered model (GetRegisteredModel)"],
    ["post", "registered-models/alias", "Point an alias at a version, moving it if it exists (SetRegisteredModelAlias)"],
    ["delete", "registered-models/alias", "Delete an alias; an unknown alias is not an error (DeleteRegisteredModelAlias)"],
    ["get", "registered-models/alias", "The version an alias names (GetModelVersionByAlias)"],
    ["post", "registered-models/rename", "Rename a registered model; versions and aliases follow; refused while deployed (RenameRegisteredModel)"],
    ["delete", "registered-models/delete", "Soft-delete a registered model and its versions; refused with a version in production or deployed (DeleteRegisteredModel)"],
    ["delete", "model-versions/delete", "Soft-delete a model version (its number is never reused); refused in production or deployed (DeleteModelVersion)"],
    ["post", "model-versions/create", "Register a model version from a source URI, optionally a run's (CreateModelVersion)"],
    ["get", "model-versions/get", "Get a model version (GetModelVersion)"],
    ["patch", "model-versions/update", "Update a model version's description (UpdateModelVersion)"],
    ["post", "model-versions/set-tag", "Set a model version tag (SetModelVersionTag)"],
    ["delete", "model-versions/delete-tag", "Delete a model version tag (DeleteModelVersionTag)"],
    ["post", "model-versions/transition-stage", "Move a model version to a stage; Production goes through the promotion checklist and four-eyes rule (TransitionModelVersionStage)"],
    ["post", "registered-models/get-latest-versions", "The newest version in each stage (GetLatestVersions)"],
    ["get", "registered-models/get-latest-versions", "The newest version in each stage (GetLatestVersions, query string)"],
    ["patch", "registered-models/update", "Update a registered model's description (UpdateRegisteredModel)"],
    ["post", "registered-models/set-tag", "Set a registered model tag (SetRegisteredModelTag)"],
    ["delete", "registered-models/delete-tag", "Delete a registered model tag (DeleteRegisteredModelTag)"],
    ["get", "registered-models/search", "Search registered models with MLflow's filter grammar (SearchRegisteredModels)"],
    ["get", "model-versions/get-download-uri", "A model version's download URI: its source (GetModelVersionDownloadUri)"],
    ["get", "model-versions/search", "Search model versions with MLflow's filter grammar (SearchModelVersions)"],
  ];
  const paths = {};
  for (const prefix of ["/api/2.0/mlflow", "/ajax-api/2.0/mlflow"]) {
    for (const [method, path, summary] of routes) {
      const p = `${prefix}/${path}`;
      const opId = (prefix.startsWith("/ajax") ? "mlflowAjax_" : "mlflow_") + `${method}_${path}`.replace(/[^A-Za-z0-9]+/g, "_");
      const op = { summary, operationId: opId, responses: { 200: { description: "MLflow's response message", content: json(any) }, 400: mlflowError, 404: mlflowError } };
      if (method !== "get") op.requestBody = { required: false, content: json(any) };
      paths[p] = { ...(paths[p] || {}), [method]: op };
    }
  }
  const A = "/api/2.0/mlflow-artifacts";
  const artPath = { name: "path", in: "path", required: true, description: "<experiment id>/<run id>/artifacts/<artifact path>", schema: { type: "string" } };
  const bytes = { "application/octet-stream": { schema: { type: "string", format: "binary" } } };
  paths[`${A}/artifacts`] = { get: { summary: "List the artifact proxy's directory ?path= (experiments, runs, a run's artifacts)", operationId: "mlflowArtifactsList", parameters: [{ name: "path", in: "query", required: false, description: "Directory", schema: { type: "string" } }], responses: { 200: { description: "Files", content: json(any) }, 400: mlflowError } } };
  paths[`${A}/artifacts/{path}`] = {
    put: { summary: "Upload (or overwrite) a run artifact through the proxy; streamed, sha256 recorded", operationId: "mlflowArtifactsPut", parameters: [artPath], requestBody: { required: true, content: bytes }, responses: { 200: { description: "Stored", content: json(any) }, 400: mlflowError, 404: mlflowError } },
    get: { summary: "Download a run artifact through the proxy", operationId: "mlflowArtifactsGet", parameters: [artPath], responses: { 200: { description: "The bytes", content: bytes }, 400: mlflowError, 404: mlflowError } },
    delete: { summary: "Delete a run artifact, or every artifact under a directory", operationId: "mlflowArtifactsDelete", parameters: [artPath], responses: { 200: { description: "Deleted", content: json(any) }, 400: mlflowError, 404: mlflowError } },
  };
  for (const op of ["create", "complete", "abort"]) {
    paths[`${A}/mpu/${op}/{path}`] = { post: { summary: `Multipart upload ${op}: not supported (501 NOT_IMPLEMENTED, as MLflow's server with a local store)`, operationId: `mlflowMpu_${op}`, parameters: [artPath], requestBody: { required: false, content: json(any) }, responses: { 501: mlflowError, 400: mlflowError } } };
  }
  const text = (d) => ({ 200: { description: d, content: { "text/html": { schema: { type: "string" } } } } });
  paths["/health"] = { get: { summary: "MLflow's health check (answers OK)", operationId: "mlflowHealth", responses: text("OK") } };
  paths["/version"] = { get: { summary: "The MLflow version whose REST API Cairn emulates (2.12.2)", operationId: "mlflowVersion", responses: text("2.12.2") } };
  return {
    paths,
    schemas: {
      MlflowError: { type: "object", required: ["error_code", "message"], properties: { error_code: { type: "string" }, message: { type: "string" } } },
    },
  };
};
