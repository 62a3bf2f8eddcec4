// Generates openapi.json: `node scripts/gen-openapi.js > openapi.json`. Edit this file, not the JSON.
const P = (name, desc, schema = { type: "string" }, required = true) => ({ name, in: "path", required, description: desc, schema });
const Q = (name, desc, schema = { type: "string" }) => ({ name, in: "query", required: false, description: desc, schema });
const ref = (n) => ({ $ref: `#/components/schemas/${n}` });
const json = (schema) => ({ "application/json": { schema } });
const problem = (desc) => ({ description: desc, content: { "application/problem+json": { schema: ref("Problem") } } });
const ok = (code, desc, schema) => ({ [code]: { description: desc, content: json(schema) } });
const errs = (...codes) => Object.fromEntries(codes.map((c) => [String(c), { $ref: `#/components/responses/E${c}` }]));
const body = (schema, required = true) => ({ required, content: json(schema) });
const ifMatch = { name: "If-Match", in: "header", required: false, description: "Expected revision; a stale value gives 412.", schema: { type: "string" } };
const listParams = [Q("limit", "Page size (default 50, max 1000)", { type: "integer", minimum: 1, maximum: 1000 }), Q("page_token", "Opaque cursor from next_page_token")];
const page = (item) => ({ type: "object", required: ["items", "next_page_token"], properties: { items: { type: "array", items: ref(item) }, next_page_token: { type: ["string", "null"] } } });
const L = "/api/v1/ml/lifecycle";
const strMap = { type: "object", additionalProperties: { type: "string" } };
const freeMap = { type: "object", additionalProperties: true };
const time = { type: "string", format: "date-time" };

const doc = {
  openapi: "3.1.0",
  info: { title: "Cairn API", version: "0.1.0", description: "Self-hosted MLOps platform: experiment tracking, model registry, deployments and drift, feature store, evaluation harness, prompt governance. Errors are RFC 9457 problem+json. Authentication: `Authorization: Bearer cairn_...` (API tokens) or the console's session cookie (writes then also send `X-CSRF-Token`, the value of the `cairn_csrf` cookie); each operation's `x-required-role` names the least role that may call it (viewer < editor < approver < admin; `public` needs no credentials) and `x-elevated-role` what needs more. Missing or invalid credentials: 401 with `WWW-Authenticate`; a known caller without the role: 403; too many requests per token: 429. With authentication off (the loopback default) the identity is the X-Cairn-User header and every role is granted." },
  servers: [{ url: "/" }],
  paths: {
    "/healthz": { get: { summary: "Liveness", operationId: "healthz", responses: ok(200, "Alive", { type: "object", properties: { status: { type: "string" } } }) } },
    "/readyz": { get: { summary: "Readiness (storage reachable)", operationId: "readyz", responses: { ...ok(200, "Ready", { type: "object", properties: { status: { type: "string" } } }), 503: { description: "Storage unreachable" } } } },
    "/metrics": { get: { summary: "Prometheus metrics", operationId: "metrics", responses: { 200: { description: "Prometheus text exposition format", content: { "text/plain": { schema: { type: "string" } } } } } } },
    "/openapi.json": { get: { summary: "This document", operationId: "openapi", responses: ok(200, "OpenAPI 3.1 document", { type: "object" }) } },
    "/docs": { get: { summary: "Swagger UI (redirects to /docs/index.html)", operationId: "docsRedirect", responses: { 301: { description: "Redirect to /docs/index.html" } } } },
    "/": { get: { summary: "The web console (a single-page app: its pages under /experiments, /models, /deployments, /drift, /features, /datasets, /evaluation, /prompts, /audit answer the same index.html)", operationId: "console", responses: { 200: { description: "index.html", content: { "text/html": {} } }, 503: { description: "The console is not built" } } } },
    "/docs/{file}": { get: { summary: "Swagger UI assets", operationId: "docs", parameters: [P("file", "Asset path; index.html is the UI page", { type: "string" })], responses: { 200: { description: "Asset", content: { "text/html": {} } }, ...errs(404) } } },
    "/api/v1/audit": { get: { summary: "Audit records, newest first", operationId: "listAudit", parameters: [Q("resource", "`type` or `type/id`, e.g. `run/<uuid>`"), Q("actor", "Who made the change"), Q("since", "RFC 3339 time", time), ...listParams], responses: { ...ok(200, "Audit page", page("AuditRecord")), ...errs(400) } } },
    [`${L}/experiments`]: {
      post: { summary: "Create an experiment", operationId: "createExperiment", requestBody: body(ref("ExperimentCreate")), responses: { ...ok(201, "Created", ref("Experiment")), ...errs(400, 409, 413, 415) } },
      get: { summary: "List experiments", operationId: "listExperiments", parameters: [Q("owner", "Owner"), Q("status", "active|completed|archived"), Q("lifecycle", "active (default): not soft-deleted; deleted: soft-deleted only; all", { enum: ["active", "deleted", "all"] }), ...listParams], responses: { ...ok(200, "Page", page("Experiment")), ...errs(400) } },
    },
    [`${L}/experiments/{name}`]: {
      get: { summary: "Experiment detail with run counts and latest runs", operationId: "getExperiment", parameters: [P("name", "Experiment name")], responses: { ...ok(200, "Experiment", ref("ExperimentDetail")), ...errs(404) } },
      patch: { summary: "Update an experiment", operationId: "patchExperiment", parameters: [P("name", "Experiment name"), ifMatch], requestBody: body(ref("ExperimentPatch")), responses: { ...ok(200, "Updated", ref("Experiment")), ...errs(400, 404, 409, 412, 415) } },
      delete: { summary: "Soft-delete an experiment and its runs (lifecycle_stage deleted; hidden from lists unless ?lifecycle=deleted|all; 404 when already deleted)", operationId: "deleteExperiment", parameters: [P("name", "Experiment name"), ifMatch], responses: { ...ok(200, "Deleted", ref("Experiment")), ...errs(400, 404, 412) } },
    },
    [`${L}/experiments/{name}/restore`]: {
      post: { summary: "Restore a soft-deleted experiment and the runs deleted with it (404 when not deleted)", operationId: "restoreExperiment", parameters: [P("name", "Experiment name"), ifMatch], responses: { ...ok(200, "Restored", ref("Experiment")), ...errs(400, 404, 412) } },
    },
    [`${L}/runs`]: {
      post: { summary: "Start a run", operationId: "createRun", requestBody: body(ref("RunCreate")), responses: { ...ok(201, "Created", ref("Run")), ...errs(400, 404, 409, 415) } },
      get: { summary: "List and search runs", operationId: "listRuns", parameters: [Q("experiment_name", "Experiment"), Q("status", "running|completed|failed|killed"), Q("filter", "e.g. metrics.auc > 0.8 and params.depth = '6' and tags.team = 'alpha'"), Q("order_by", "e.g. metrics.auc DESC"), Q("lifecycle", "active (default): not soft-deleted; deleted: soft-deleted only; all", { enum: ["active", "deleted", "all"] }), ...listParams], responses: { ...ok(200, "Page", page("Run")), ...errs(400) } },
    },
    [`${L}/runs/{run_id}`]: {
      get: { summary: "Run detail", operationId: "getRun", parameters: [P("run_id", "Run id (UUID)")], responses: { ...ok(200, "Run", ref("Run")), ...errs(404) } },
      patch: { summary: "Update a run (status, end time, tags, new params)", operationId: "patchRun", parameters: [P("run_id", "Run id (UUID)"), ifMatch], requestBody: body(ref("RunPatch")), responses: { ...ok(200, "Updated", ref("Run")), ...errs(400, 404, 409, 412, 415) } },
      delete: { summary: "Soft-delete a run (lifecycle_stage deleted; idempotent)", operationId: "deleteRun", parameters: [P("run_id", "Run id (UUID)"), ifMatch], responses: { ...ok(200, "Deleted", ref("Run")), ...errs(400, 404, 412) } },
    },
    [`${L}/runs/{run_id}/restore`]: {
      post: { summary: "Restore a soft-deleted run (idempotent)", operationId: "restoreRun", parameters: [P("run_id", "Run id (UUID)"), ifMatch], responses: { ...ok(200, "Restored", ref("Run")), ...errs(400, 404, 412) } },
    },
    [`${L}/runs/{run_id}/metrics`]: {
      post: { summary: "Log a batch of metric points (all or nothing)", operationId: "logMetrics", parameters: [P("run_id", "Run id (UUID)")], requestBody: body(ref("MetricBatch")), responses: { ...ok(200, "Accepted", { type: "object", required: ["accepted"], properties: { accepted: { type: "integer" } } }), ...errs(400, 404, 409, 413, 415) } },
    },
    [`${L}/runs/{run_id}/metrics/{key}`]: {
      get: { summary: "Metric history ordered by step", operationId: "getMetricHistory", parameters: [P("run_id", "Run id (UUID)"), P("key", "Metric key"), Q("min_step", "Lowest step", { type: "integer" }), Q("max_step", "Highest step", { type: "integer" }), Q("max_points", "Downsample to at most this many points, keeping the min/max shape", { type: "integer", minimum: 2 })], responses: { ...ok(200, "History", ref("MetricHistory")), ...errs(400, 404) } },
    },
    [`${L}/runs/{run_id}/artifacts`]: {
      get: { summary: "List a run's artifacts (all of them: not paged; limit or page_token is 400)", operationId: "listArtifacts", parameters: [P("run_id", "Run id (UUID)")], responses: { ...ok(200, "Artifacts", { type: "object", properties: { items: { type: "array", items: ref("Artifact") } } }), ...errs(400, 404) } },
    },
    [`${L}/runs/{run_id}/artifacts/{path}`]: {
      put: { summary: "Upload an artifact (raw bytes, streamed to disk, sha256 recorded)", operationId: "putArtifact", parameters: [P("run_id", "Run id (UUID)"), P("path", "Relative artifact path; may contain '/'")], requestBody: { required: true, content: { "application/octet-stream": { schema: { type: "string", format: "binary" } } } }, responses: { ...ok(201, "Stored", ref("Artifact")), ...errs(400, 404, 409, 413) } },
      get: { summary: "Download an artifact", operationId: "getArtifact", parameters: [P("run_id", "Run id (UUID)"), P("path", "Relative artifact path")], responses: { 200: { description: "The bytes", content: { "application/octet-stream": { schema: { type: "string", format: "binary" } } } }, ...errs(400, 404) } },
    },
  },
  components: {
    securitySchemes: {
      bearerAuth: { type: "http", scheme: "bearer", description: "An API token: cairn_ followed by 43 base64url characters (cairn token create, or POST /api/v1/auth/tokens)" },
      cookieAuth: { type: "apiKey", in: "cookie", name: "cairn_session", description: "The console's session (POST /api/v1/auth/login); writes also need X-CSRF-Token" },
    },
    responses: Object.fromEntries([[400, "Invalid input (errors[] names the fields)"], [401, "Missing, invalid, expired or revoked credentials (WWW-Authenticate: Bearer realm=\"cairn\")"], [403, "The caller's role does not allow this (or a session write without X-CSRF-Token)"], [404, "Not found"], [405, "Method not allowed"], [409, "Conflict"], [412, "Revision mismatch"], [413, "Body too large"], [415, "Unsupported content type"], [429, "Too many requests (Retry-After says when to retry)"], [503, "The server is busy with other heavy computations, or the client disconnected (Retry-After says when to retry)"]].map(([c, d]) => [`E${c}`, problem(d)])),
    schemas: {
      Problem: { type: "object", required: ["type", "title", "status"], properties: { type: { type: "string" }, title: { type: "string" }, status: { type: "integer" }, detail: { type: "string" }, instance: { type: "string" }, code: { type: "string" }, errors: { type: "array", items: { type: "object", properties: { field: { type: "string" }, message: { type: "string" } } } } } },
      ExperimentCreate: { type: "object", additionalProperties: false, required: ["name"], properties: { name: { type: "string", pattern: "^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$" }, description: { type: "string" }, owner: { type: "string" }, tags: strMap } },
      ExperimentPatch: { type: "object", additionalProperties: false, properties: { description: { type: "string" }, owner: { type: "string" }, status: { enum: ["active", "completed", "archived"] }, tags: strMap } },
      Experiment: { type: "object", properties: { name: { type: "string" }, experiment_id: { type: "integer", description: "The MLflow API's experiment id (as decimal text there)" }, lifecycle_stage: { enum: ["active", "deleted"] }, deleted_at: { type: ["string", "null"], format: "date-time" }, description: { type: "string" }, owner: { type: "string" }, status: { enum: ["active", "completed", "archived"] }, tags: strMap, run_count: { type: "integer" }, created_by: { type: "string" }, created_at: time, updated_at: time, revision: { type: "integer" } } },
      ExperimentDetail: { allOf: [ref("Experiment"), { type: "object", properties: { run_counts: { type: "object", additionalProperties: { type: "integer" } }, latest_runs: { type: "array", items: ref("Run") } } }] },
      RunCreate: { type: "object", additionalProperties: false, required: ["experiment_name"], properties: { experiment_name: { type: "string" }, name: { type: "string" }, params: strMap, tags: strMap, source: freeMap, inputs: { type: "array", items: { type: "string" } }, start_time: time } },
      RunPatch: { type: "object", additionalProperties: false, properties: { status: { enum: ["running", "completed", "failed", "killed"] }, end_time: time, tags: strMap, params: strMap } },
      MetricValue: { type: "object", properties: { value: { type: "number" }, step: { type: "integer" }, timestamp: { type: "integer", description: "ms since the Unix epoch" } } },
      Run: { type: "object", properties: { run_id: { type: "string", format: "uuid" }, experiment_name: { type: "string" }, experiment_id: { type: "integer" }, lifecycle_stage: { enum: ["active", "deleted"] }, deleted_at: { type: ["string", "null"], format: "date-time" }, name: { type: "string" }, status: { enum: ["running", "completed", "failed", "killed"] }, params: strMap, metrics: { type: "object", additionalProperties: ref("MetricValue") }, tags: strMap, start_time: time, end_time: { type: ["string", "null"], format: "date-time" }, created_by: { type: "string" }, source: freeMap, inputs: { type: "array", items: { type: "string" } }, artifacts: { type: "array", items: ref("Artifact") }, revision: { type: "integer" } } },
      MetricPoint: { type: "object", additionalProperties: false, required: ["key", "value"], properties: { key: { type: "string" }, value: { type: "number" }, step: { type: "integer", default: 0 }, timestamp: { type: "integer", description: "ms since the Unix epoch; default now" } } },
      MetricBatch: { type: "object", additionalProperties: false, required: ["metrics"], properties: { metrics: { type: "array", minItems: 1, maxItems: 10000, items: ref("MetricPoint") } } },
      MetricHistory: { type: "object", properties: { key: { type: "string" }, items: { type: "array", items: { type: "object", properties: { step: { type: "integer" }, value: { type: "number" }, timestamp: { type: "integer" } } } }, downsampled: { type: "boolean" } } },
      Artifact: { type: "object", properties: { path: { type: "string" }, size_bytes: { type: "integer" }, sha256: { type: "string" } } },
      AuditRecord: { type: "object", properties: { id: { type: "integer" }, at: time, actor: { type: "string" }, action: { type: "string" }, resource_type: { type: "string" }, resource_id: { type: "string" }, summary: freeMap } },
    },
  },
};
// Each domain describes its own paths and schemas in scripts/openapi/<domain>.js:
//   module.exports = (h) => ({ paths: {...}, schemas: {...} });  with h = the helpers above.
const fs = require("fs");
const path = require("path");
const dir = path.join(__dirname, "openapi");
const helpers = { P, Q, ref, json, problem, ok, errs, body, ifMatch, listParams, page, strMap, freeMap, time };
for (const f of fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith(".js")).sort() : []) {
  const part = require(path.join(dir, f))(helpers);
  Object.assign(doc.paths, part.paths || {});
  Object.assign(doc.components.schemas, part.schemas || {});
}
// One tag per domain (Swagger UI groups by tag; the console's generated client follows them).
const domains = [
  ["mlflow", "MLflow 2.x REST compatibility (/api/2.0/mlflow and /ajax-api/2.0/mlflow)", (p) => /^\/(ajax-)?api\/2\.0\/mlflow(-artifacts)?\//.test(p)],
  ["platform", "Health, metrics, this document, the API docs and the web console", (p) => !p.startsWith("/api/")],
  ["audit", "The audit log", (p) => p.startsWith("/api/v1/audit")],
  ["tracking", "Experiments, runs, metrics and artifacts", (p) => /^\/api\/v1\/ml\/lifecycle\/(experiments|runs)/.test(p)],
  ["registry", "Model versions, promotion checklist, stages, artifacts and compare", (p) => p.startsWith(`${L}/models`)],
  ["deployments", "Deployments and their status machine", (p) => p.startsWith(`${L}/deployments`)],
  ["drift", "Drift events and drift reports", (p) => p.startsWith(`${L}/drift`)],
  ["datasets", "CSV datasets with profiles and row previews", (p) => p.startsWith("/api/v1/features/datasets")],
  ["features", "Feature definitions, versions, values, online and point-in-time lookups", (p) => p.startsWith("/api/v1/features")],
  ["evaluation", "Evaluation scenarios, runs and reports", (p) => p.startsWith("/api/v1/ml/evaluation")],
  ["prompts", "Prompt templates, versions, automatic evaluation, review, labels, usage and rendering", (p) => p.startsWith("/api/v1/prompt-governance")],
  ["identity", "Users, API tokens and console sessions", (p) => p.startsWith("/api/v1/auth")],
];
doc.tags = domains.map(([name, description]) => ({ name, description }));
for (const [p, item] of Object.entries(doc.paths)) {
  const domain = domains.find(([, , match]) => match(p));
  if (!domain) throw new Error(`no tag for ${p}`);
  for (const op of Object.values(item)) if (op && typeof op === "object" && op.responses) op.tags = [domain[0]];
}
// Who may call each operation: the router's own table, exported by src/server/route_roles_test.cc
// to scripts/openapi/route-roles.json (never edited by hand).
doc.security = [{ bearerAuth: [] }, { cookieAuth: [] }];
const roles = JSON.parse(fs.readFileSync(path.join(dir, "route-roles.json"), "utf8"));
for (const [p, item] of Object.entries(doc.paths)) {
  for (const [method, op] of Object.entries(item)) {
    if (!op || typeof op !== "object" || !op.responses) continue;
    const access = roles[`${method} ${p}`];
    if (!access) throw new Error(`route-roles.json has no entry for ${method} ${p}`);
    op["x-required-role"] = access.role;
    if (access.elevated) op["x-elevated-role"] = access.elevated;
    // Heavy computations run on a bounded pool: 503 with Retry-After when it is full.
    if (access.compute) {
      op["x-compute"] = true;
      op.responses["503"] = op.responses["503"] || { $ref: "#/components/responses/E503" };
    }
    if (access.role === "public") {
      op.security = [];
    } else {
      op.responses["401"] = op.responses["401"] || { $ref: "#/components/responses/E401" };
      op.responses["403"] = op.responses["403"] || { $ref: "#/components/responses/E403" };
      op.responses["429"] = op.responses["429"] || { $ref: "#/components/responses/E429" };
    }
  }
}
process.stdout.write(JSON.stringify(doc, null, 2) + "\n");
