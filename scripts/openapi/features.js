// Feature store (SPEC §3) under /api/v1/features: features and versions, datasets (CSV upload,
// profiles, preview), values, online and point-in-time (historical) lookups, materialization.
module.exports = (h) => {
  const F = "/api/v1/features";
  const { P, Q, ref, ok, errs, body, ifMatch, listParams, page, strMap, time } = h;
  const int = { type: "integer" };
  const num = { type: "number" };
  const str = { type: "string" };
  const nullable = (t) => ({ type: [t, "null"] });
  const name = P("name", "Feature name (`datasets`, `values`, `online`, `historical` are reserved)");
  const dsId = P("id", "Dataset id (UUID)");
  const valueType = { enum: ["int64", "float64", "string", "bool", "timestamp", "float_vector"] };
  const status = { enum: ["active", "deprecated", "archived"] };
  const colType = { enum: ["int64", "float64", "bool", "timestamp", "string"] };
  const anyValue = { description: "A value of the feature's type: number, string, bool, RFC 3339 string (timestamp), array of numbers (float_vector) or null" };
  const written = { type: "object", required: ["written"], properties: { written: int } };
  return {
    paths: {
      [F]: {
        post: { summary: "Create a feature (version 1)", operationId: "createFeature", requestBody: body(ref("FeatureCreate")), responses: { ...ok(201, "Created", ref("Feature")), ...errs(400, 409, 415) } },
        get: { summary: "List features (latest versions), newest first", operationId: "listFeatures", parameters: [Q("entity", "Entity"), Q("owner", "Owner"), Q("tag", "`key` or `key:value`"), Q("status", "active|deprecated|archived"), Q("q", "Case-insensitive substring of name or description"), ...listParams], responses: { ...ok(200, "Page", page("Feature")), ...errs(400) } },
      },
      [`${F}/{name}`]: {
        get: { summary: "A feature at its latest version, or at ?version=", operationId: "getFeature", parameters: [name, Q("version", "Version number", { type: "integer", minimum: 1 })], responses: { ...ok(200, "Feature", ref("Feature")), ...errs(400, 404) } },
        patch: { summary: "Update metadata (never creates a version)", operationId: "patchFeature", parameters: [name, ifMatch], requestBody: body(ref("FeaturePatch")), responses: { ...ok(200, "Updated", ref("Feature")), ...errs(400, 404, 412, 415) } },
        delete: { summary: "Archive a feature (kept for history)", operationId: "archiveFeature", parameters: [name, ifMatch], responses: { ...ok(200, "Archived", ref("Feature")), ...errs(400, 404, 412) } },
      },
      [`${F}/{name}/versions`]: {
        get: { summary: "All versions, newest first (not paged: limit or page_token is 400)", operationId: "listFeatureVersions", parameters: [name], responses: { ...ok(200, "Versions", page("FeatureVersion")), ...errs(400, 404) } },
        post: { summary: "New version: must change value_type, schema or source; changelog required", operationId: "createFeatureVersion", parameters: [name, ifMatch], requestBody: body(ref("FeatureVersionCreate")), responses: { ...ok(201, "Created", ref("Feature")), ...errs(400, 404, 409, 412, 415) } },
      },
      [`${F}/{name}/versions/{version}`]: {
        get: { summary: "One immutable version", operationId: "getFeatureVersion", parameters: [name, P("version", "Version number", { type: "integer", minimum: 1 })], responses: { ...ok(200, "Version", ref("FeatureVersion")), ...errs(404) } },
      },
      [`${F}/{name}/materialize`]: {
        post: { summary: "Load values from a dataset's entity/timestamp/value columns (all or nothing)", operationId: "materializeFeature", parameters: [name], requestBody: body(ref("MaterializeRequest")), responses: { ...ok(200, "Written", written), ...errs(400, 404, 409, 415) } },
      },
      [`${F}/values`]: {
        post: { summary: "Write feature values (1..10000 rows, all or nothing; equal (feature, key, event_time) = last write wins)", operationId: "writeFeatureValues", requestBody: body(ref("FeatureValueBatch")), responses: { ...ok(200, "Written", written), ...errs(400, 409, 413, 415) } },
      },
      [`${F}/online`]: {
        get: { summary: "Latest value per key and feature", operationId: "getOnlineFeatures", parameters: [Q("entity", "Entity of every feature"), Q("keys", "Comma-separated entity keys (1..1000)"), Q("features", "Comma-separated feature names (1..100)")], responses: { ...ok(200, "Rows in key order", ref("OnlineResponse")), ...errs(400, 404) } },
      },
      [`${F}/historical`]: {
        post: { summary: "Point-in-time join: each feature's latest value with event_time <= the row's", operationId: "getHistoricalFeatures", requestBody: body(ref("HistoricalRequest")), responses: { ...ok(200, "Rows in request order", ref("HistoricalResponse")), ...errs(400, 404, 413, 415) } },
      },
      [`${F}/datasets`]: {
        post: { summary: "Upload a CSV dataset (streamed; RFC 4180; types inferred; profile computed). A bad row is 400 naming line and column, and nothing is stored.", operationId: "uploadDataset", parameters: [Q("name", "Dataset name (required)"), Q("description", "Description")], requestBody: { required: true, content: { "text/csv": { schema: { type: "string" } } } }, responses: { ...ok(201, "Created", ref("Dataset")), ...errs(400, 413, 415) } },
        get: { summary: "List datasets (without profiles), newest first", operationId: "listDatasets", parameters: [Q("name", "Dataset name"), ...listParams], responses: { ...ok(200, "Page", page("Dataset")), ...errs(400) } },
      },
      [`${F}/datasets/{id}`]: {
        get: { summary: "Dataset detail with profile", operationId: "getDataset", parameters: [dsId], responses: { ...ok(200, "Dataset", ref("Dataset")), ...errs(404) } },
        patch: { summary: "Update description and tags (the data, schema and profile are immutable; tags replace the whole map)", operationId: "patchDataset", parameters: [dsId, ifMatch], requestBody: body({ type: "object", additionalProperties: false, properties: { description: { type: "string", maxLength: 8000 }, tags: strMap } }), responses: { ...ok(200, "Updated", ref("Dataset")), ...errs(400, 404, 412, 415) } },
        delete: { summary: "Delete a dataset no feature, scenario or queued or running evaluation run uses (409 naming them)", operationId: "deleteDataset", parameters: [dsId], responses: { 204: { description: "Deleted" }, ...errs(404, 409) } },
      },
      [`${F}/datasets/{id}/rows`]: {
        get: { summary: "Preview rows (paged with offset and limit; page_token is 400)", operationId: "previewDatasetRows", parameters: [dsId, Q("offset", "First row (default 0)", { type: "integer", minimum: 0 }), Q("limit", "Rows (default 100, max 1000)", { type: "integer", minimum: 1, maximum: 1000 })], responses: { ...ok(200, "Rows", ref("DatasetRows")), ...errs(400, 404) } },
      },
    },
    schemas: {
      FeatureSchema: { type: "object", additionalProperties: false, properties: { nullable: { type: "boolean", default: true }, min: num, max: num, allowed: { type: "array", items: { type: ["number", "string", "boolean"] } }, dimension: { type: "integer", minimum: 1, maximum: 65536 } } },
      FeatureSource: { oneOf: [{ type: "object", additionalProperties: false, required: ["dataset_id", "column"], properties: { dataset_id: str, column: str } }, { type: "object", additionalProperties: false, required: ["transformation"], properties: { transformation: str } }, { type: "string", description: "transformation text" }] },
      FeatureCreate: { type: "object", additionalProperties: false, required: ["name", "entity", "value_type"], properties: { name: str, entity: str, value_type: valueType, description: str, owner: str, tags: strMap, status, schema: ref("FeatureSchema"), source: ref("FeatureSource"), changelog: str } },
      FeaturePatch: { type: "object", additionalProperties: false, properties: { description: str, owner: str, tags: strMap, status } },
      FeatureVersionCreate: { type: "object", additionalProperties: false, required: ["changelog"], properties: { value_type: valueType, schema: ref("FeatureSchema"), source: { oneOf: [ref("FeatureSource"), { type: "null" }] }, changelog: str } },
      FeatureVersion: { type: "object", properties: { name: str, version: int, value_type: valueType, schema: ref("FeatureSchema"), source: nullable("object"), changelog: str, created_by: str, created_at: time } },
      Feature: { type: "object", properties: { name: str, version: int, latest_version: int, description: str, entity: str, value_type: valueType, schema: ref("FeatureSchema"), source: nullable("object"), changelog: str, owner: str, tags: strMap, status, created_by: str, created_at: time, updated_by: str, updated_at: time, version_created_at: time, revision: int } },
      FeatureValueRow: { type: "object", additionalProperties: false, required: ["entity_key", "feature", "value", "event_time"], properties: { entity_key: str, feature: str, value: anyValue, event_time: time } },
      FeatureValueBatch: { type: "object", additionalProperties: false, required: ["rows"], properties: { rows: { type: "array", minItems: 1, maxItems: 10000, items: ref("FeatureValueRow") } } },
      OnlineResponse: { type: "object", properties: { entity: str, rows: { type: "array", items: { type: "object", properties: { entity_key: str, values: { type: "object", additionalProperties: anyValue }, event_times: { type: "object", additionalProperties: { type: ["string", "null"], format: "date-time" } } } } } } },
      HistoricalRequest: { type: "object", additionalProperties: false, required: ["entity_rows", "features"], properties: { entity_rows: { type: "array", items: { type: "object", additionalProperties: false, required: ["entity_key", "event_time"], properties: { entity_key: str, event_time: time } } }, features: { type: "array", minItems: 1, maxItems: 100, items: str } } },
      HistoricalResponse: { type: "object", properties: { rows: { type: "array", items: { type: "object", properties: { entity_key: str, event_time: time, values: { type: "object", additionalProperties: anyValue } } } } } },
      MaterializeRequest: { type: "object", additionalProperties: false, required: ["dataset_id", "entity_column", "timestamp_column", "value_column"], properties: { dataset_id: str, entity_column: str, timestamp_column: str, value_column: str } },
      ColumnProfile: { type: "object", properties: { type: colType, count: int, missing: int, distinct: int, distinct_exact: { type: "boolean" }, min: { type: ["number", "string", "null"] }, max: { type: ["number", "string", "null"] }, mean: { type: ["number", "string", "null"] }, std: nullable("number"), quantiles: { type: ["object", "null"], description: "p1 p5 p25 p50 p75 p95 p99 (numpy linear)" }, histogram: { type: ["object", "null"], properties: { edges: { type: "array", items: num }, counts: { type: "array", items: int } } }, top_values: { type: ["array", "null"], items: { type: "object", properties: { value: str, count: int } } }, top_values_exact: { type: "boolean" } } },
      Dataset: { type: "object", properties: { id: { type: "string", format: "uuid" }, name: str, description: str, source_type: str, table_name: str, schema: { type: "object", additionalProperties: colType }, columns: { type: "array", items: { type: "object", properties: { name: str, type: colType } } }, row_count: int, size_bytes: int, stored_bytes: int, sha256: str, tags: strMap, created_by: str, created_at: time, updated_at: time, revision: int, profile: { type: "object", additionalProperties: ref("ColumnProfile") } } },
      DatasetRows: { type: "object", properties: { dataset_id: str, columns: { type: "array", items: str }, offset: int, limit: int, total: int, rows: { type: "array", items: { type: "object", additionalProperties: true } } } },
    },
  };
};
