// Prompt governance (SPEC §5): /api/v1/prompt-governance. Paths match src/prompts/prompt_routes.cc.
module.exports = (h) => {
  const G = "/api/v1/prompt-governance";
  const id = h.P("id", "Template id (UUID)");
  const version = h.P("version", "Version number (1, 2, ...)", { type: "integer", minimum: 1 });
  const label = h.P("label", "Label name, e.g. production", { type: "string", pattern: "^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$" });
  const status = { enum: ["draft", "pending_review", "approved", "rejected", "deprecated"] };
  const severity = { enum: ["info", "low", "medium", "high", "critical"] };
  const nullStr = { type: ["string", "null"] };
  const nullTime = { type: ["string", "null"], format: "date-time" };
  const review = (action, summary, codes) => ({
    post: {
      summary,
      operationId: `${action}PromptVersion`,
      parameters: [id, version, h.ifMatch],
      requestBody: h.body(h.ref("PromptReview"), false),
      responses: { ...h.ok(200, "The version after the transition", h.ref("PromptVersion")), ...h.errs(...codes) },
    },
  });
  return {
    paths: {
      [`${G}/templates`]: {
        post: { summary: "Create a template and its version 1 (draft); owner = caller", operationId: "createPromptTemplate", requestBody: h.body(h.ref("PromptTemplateCreate")), responses: { ...h.ok(201, "Created", h.ref("PromptTemplate")), ...h.errs(400, 409, 413, 415) } },
        get: { summary: "List templates, newest first (versions without bodies)", operationId: "listPromptTemplates", parameters: [h.Q("status", "Templates having a version in this status", status), h.Q("owner", "Owner (creating actor)"), h.Q("tag", "`key` (has the tag) or `key=value` / `key:value`"), ...h.listParams], responses: { ...h.ok(200, "Page", h.page("PromptTemplate")), ...h.errs(400) } },
      },
      [`${G}/templates/{id}`]: {
        get: { summary: "Template with all versions and labels", operationId: "getPromptTemplate", parameters: [id], responses: { ...h.ok(200, "Template", h.ref("PromptTemplate")), ...h.errs(404) } },
        patch: { summary: "Update description and tags (tags replace the whole map)", operationId: "patchPromptTemplate", parameters: [id, h.ifMatch], requestBody: h.body({ type: "object", additionalProperties: false, properties: { description: { type: "string" }, tags: h.strMap } }), responses: { ...h.ok(200, "Updated", h.ref("PromptTemplate")), ...h.errs(400, 404, 409, 412, 415) } },
      },
      [`${G}/templates/{id}/versions`]: {
        post: { summary: "Create a new draft version", operationId: "createPromptVersion", parameters: [id], requestBody: h.body(h.ref("PromptVersionCreate")), responses: { ...h.ok(201, "Created", h.ref("PromptVersion")), ...h.errs(400, 404, 413, 415) } },
      },
      [`${G}/templates/{id}/versions/{version}`]: {
        get: { summary: "One version", operationId: "getPromptVersion", parameters: [id, version], responses: { ...h.ok(200, "Version", h.ref("PromptVersion")), ...h.errs(400, 404) } },
        patch: { summary: "Edit a draft version (other statuses are immutable: 409)", operationId: "patchPromptVersion", parameters: [id, version, h.ifMatch], requestBody: h.body(h.ref("PromptVersionPatch")), responses: { ...h.ok(200, "Updated", h.ref("PromptVersion")), ...h.errs(400, 404, 409, 412, 415) } },
      },
      [`${G}/evaluate`]: {
        post: { summary: "Automatic evaluation of a stored version ({template_id, version}; recorded on drafts) or of an inline {body, variables}", description: "Injection, PII, secret and banned-term rules match the body after Unicode normalisation (NFKC; zero-width, bidi and other format characters removed; tag characters read as ASCII), so fullwidth or invisibly split text does not hide them. Every PII category (email, phone, card passing Luhn, Korean RRN with a valid checksum) and every secret shape is blocking: passed is false and submit answers 409.", operationId: "evaluatePrompt", requestBody: h.body(h.ref("PromptEvaluateRequest")), responses: { ...h.ok(200, "Evaluation", h.ref("PromptEvaluation")), ...h.errs(400, 404, 409, 415) } },
      },
      [`${G}/rules`]: {
        get: { summary: "The evaluation rule catalogue (ids, categories, severities, weights) and the configured budget", operationId: "listPromptRules", responses: h.ok(200, "Rules", { type: "object", properties: { items: { type: "array", items: { type: "object", properties: { id: { type: "string" }, category: { type: "string" }, severity, weight: { type: "integer" }, description: { type: "string" } } } }, token_budget: { type: "integer" }, banned_terms_count: { type: "integer" }, passing_score: { type: "integer", description: "An evaluation with a lower score fails" }, blocking_severities: { type: "array", items: severity, description: "A finding of one of these severities fails the evaluation" }, normalization: { type: "string", description: "How the body is normalised before the pattern rules match it" }, position_unit: { const: "byte" } } }) },
      },
      [`${G}/templates/{id}/{version}/submit`]: review("submit", "draft → pending_review; runs the evaluation on the exact body and fails (409, errors[] lists blocking findings) unless it passes", [400, 404, 409, 412, 415]),
      [`${G}/templates/{id}/{version}/approve`]: review("approve", "pending_review → approved; the approver must be neither the author, the submitter nor an editor (403)", [400, 403, 404, 409, 412, 415]),
      [`${G}/templates/{id}/{version}/reject`]: review("reject", "pending_review → rejected; comment required", [400, 404, 409, 412, 415]),
      [`${G}/templates/{id}/{version}/deprecate`]: review("deprecate", "approved → deprecated; refused (409) while a label points at the version", [400, 404, 409, 412, 415]),
      [`${G}/templates/{id}/labels/{label}`]: {
        put: { summary: "Point a label at an approved version (moves it atomically; If-Match names the label's revision)", operationId: "putPromptLabel", parameters: [id, label, h.ifMatch], requestBody: h.body({ type: "object", additionalProperties: false, required: ["version"], properties: { version: { type: "integer", minimum: 1 } } }), responses: { ...h.ok(200, "Label", h.ref("PromptLabel")), ...h.errs(400, 404, 409, 412, 415) } },
        delete: { summary: "Remove a label", operationId: "deletePromptLabel", parameters: [id, label], responses: { 204: { description: "Removed" }, ...h.errs(404) } },
      },
      [`${G}/templates/{id}/{version}/usage`]: {
        post: { summary: "Log one use of an approved version (409 otherwise)", operationId: "logPromptUsage", parameters: [id, version], requestBody: h.body(h.ref("PromptUsageCreate")), responses: { ...h.ok(201, "Logged", h.ref("PromptUsageEvent")), ...h.errs(400, 404, 409, 415) } },
        get: { summary: "Usage summary with exact latency percentiles", operationId: "getPromptUsage", parameters: [id, version, h.Q("since", "RFC 3339 time (inclusive)", h.time), h.Q("recent", "Number of newest events to include (0-100, default 20)", { type: "integer", minimum: 0, maximum: 100 })], responses: { ...h.ok(200, "Summary", h.ref("PromptUsageSummary")), ...h.errs(400, 404) } },
      },
      [`${G}/templates/{id}/render`]: {
        post: { summary: "Render an approved version by label or version; values are inserted literally", operationId: "renderPrompt", parameters: [id], requestBody: h.body(h.ref("PromptRenderRequest")), responses: { ...h.ok(200, "Rendered text", { type: "object", properties: { text: { type: "string" }, version: { type: "integer" }, label: nullStr } }), ...h.errs(400, 404, 409, 415) } },
      },
    },
    schemas: {
      PromptVariable: { type: "object", additionalProperties: false, required: ["name"], properties: { name: { type: "string", pattern: "^[A-Za-z_][A-Za-z0-9_]{0,63}$" }, description: { type: "string" }, required: { type: "boolean", default: false }, default: nullStr } },
      PromptTemplateCreate: { type: "object", additionalProperties: false, required: ["name", "body"], properties: { name: { type: "string", pattern: "^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$" }, description: { type: "string" }, tags: h.strMap, body: { type: "string", description: "Text with {{variable}} placeholders; \\{{ is a literal {{" }, variables: { type: "array", items: h.ref("PromptVariable") }, model_hint: { type: "string" }, parameters: h.freeMap } },
      PromptVersionCreate: { type: "object", additionalProperties: false, required: ["body"], properties: { body: { type: "string" }, variables: { type: "array", items: h.ref("PromptVariable") }, model_hint: { type: "string" }, parameters: h.freeMap } },
      PromptVersionPatch: { type: "object", additionalProperties: false, properties: { body: { type: "string" }, variables: { type: "array", items: h.ref("PromptVariable") }, model_hint: { type: "string" }, parameters: h.freeMap } },
      PromptReview: { type: "object", additionalProperties: false, properties: { comment: { type: "string", description: "Required to reject" } } },
      PromptFinding: { type: "object", properties: { rule: { type: "string", examples: ["pii.email"] }, category: { type: "string" }, severity, message: { type: "string" }, start: { type: ["integer", "null"], description: "Byte offset into the body as sent (the pattern rules match an NFKC copy without format characters; the range covers what they removed inside the match)" }, end: { type: ["integer", "null"], description: "Byte offset (exclusive)" } } },
      PromptEvaluation: { type: "object", properties: { passed: { type: "boolean", description: "false iff a high or critical finding (every PII and secret rule is one) or a score below 50" }, score: { type: "integer", minimum: 0, maximum: 100, description: "100 − Σ weights (info 0, low 5, medium 15, high 40, critical 100), floor 0" }, findings: { type: "array", items: h.ref("PromptFinding") }, findings_total: { type: "integer" }, truncated: { type: "boolean" }, body_sha256: { type: "string" }, body_bytes: { type: "integer" }, body_chars: { type: "integer" }, estimated_tokens: { type: "integer" }, token_budget: { type: "integer" }, position_unit: { const: "byte" }, evaluated_at: nullTime, evaluated_by: nullStr } },
      PromptEvaluateRequest: { type: "object", additionalProperties: false, properties: { template_id: { type: "string", format: "uuid" }, version: { type: "integer" }, body: { type: "string" }, variables: { type: "array", items: h.ref("PromptVariable") } } },
      PromptVersion: { type: "object", properties: { template_id: { type: "string", format: "uuid" }, version: { type: "integer" }, status, body: { type: "string" }, body_sha256: { type: "string" }, variables: { type: "array", items: h.ref("PromptVariable") }, model_hint: { type: "string" }, parameters: h.freeMap, evaluation: { oneOf: [h.ref("PromptEvaluation"), { type: "null" }] }, created_by: { type: "string" }, created_at: h.time, submitted_by: nullStr, submitted_at: nullTime, reviewed_by: nullStr, reviewed_at: nullTime, review_comment: nullStr, edited_by: { type: "array", items: { type: "string" } }, labels: { type: "array", items: { type: "string" } }, updated_at: h.time, revision: { type: "integer" } } },
      PromptTemplate: { type: "object", properties: { id: { type: "string", format: "uuid" }, name: { type: "string" }, description: { type: "string" }, owner: { type: "string" }, tags: h.strMap, latest_version: { type: "integer" }, labels: { type: "object", additionalProperties: { type: "integer" } }, versions: { type: "array", items: h.ref("PromptVersion") }, created_by: { type: "string" }, created_at: h.time, updated_at: h.time, revision: { type: "integer" } } },
      PromptLabel: { type: "object", properties: { template_id: { type: "string" }, label: { type: "string" }, version: { type: "integer" }, revision: { type: "integer", description: "The label's own revision: 1 when created, +1 per move" } } },
      PromptUsageCreate: { type: "object", additionalProperties: false, required: ["app", "latency_ms"], properties: { app: { type: "string" }, latency_ms: { type: "number", minimum: 0 }, input_tokens: { type: "integer", minimum: 0 }, output_tokens: { type: "integer", minimum: 0 }, cost_usd: { type: "number", minimum: 0 }, success: { type: "boolean", default: true }, error: { type: "string" } } },
      PromptUsageEvent: { type: "object", properties: { app: { type: "string" }, latency_ms: { type: "number" }, input_tokens: { type: "integer" }, output_tokens: { type: "integer" }, cost_usd: { type: "number" }, success: { type: "boolean" }, error: nullStr, logged_by: { type: "string" }, at: h.time } },
      PromptUsageSummary: { type: "object", properties: { count: { type: "integer" }, success_rate: { type: ["number", "null"] }, latency_ms: { type: "object", properties: { p50: { type: ["number", "null"] }, p95: { type: ["number", "null"] } } }, input_tokens: { type: "integer" }, output_tokens: { type: "integer" }, cost_usd: { type: "number" }, since: nullTime, recent: { type: "array", items: h.ref("PromptUsageEvent") } } },
      PromptRenderRequest: { type: "object", additionalProperties: false, properties: { label: { type: "string" }, version: { type: "integer" }, variables: { type: "object", additionalProperties: { type: ["string", "number", "boolean"] } } } },
    },
  };
};
