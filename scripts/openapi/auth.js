// Identity and access (issue 11): /api/v1/auth. Paths match src/auth/auth_routes.cc. These routes
// exist only when authentication is required; with it off every one of them is 404.
module.exports = (h) => {
  const A = "/api/v1/auth";
  const role = { enum: ["viewer", "editor", "approver", "admin"] };
  const nullTime = { type: ["string", "null"], format: "date-time" };
  const nullStr = { type: ["string", "null"] };
  const name = h.P("name", "User name");
  const id = h.P("id", "Token id (UUID)");
  const noStore = { "Cache-Control": { description: "no-store", schema: { type: "string" } } };
  const setCookie = { "Set-Cookie": { description: "cairn_session (HttpOnly, SameSite=Strict, Secure when configured) and cairn_csrf (readable by the console, echoed in X-CSRF-Token)", schema: { type: "string" } } };
  return {
    paths: {
      [`${A}/login`]: {
        post: { summary: "Sign in to the console: sets the session and CSRF cookies (rate-limited per user and per address: 429 with Retry-After). Like every /api/v1/auth route, 404 when authentication is off", operationId: "login", requestBody: h.body(h.ref("LoginRequest")), responses: { 200: { description: "Signed in", headers: { ...setCookie, ...noStore }, content: h.json(h.ref("Me")) }, ...h.errs(400, 401, 404, 415, 429) } },
      },
      [`${A}/logout`]: {
        post: { summary: "Sign out: ends the session and clears the cookies", operationId: "logout", responses: { 204: { description: "Signed out", headers: setCookie }, ...h.errs(401, 403, 404) } },
      },
      [`${A}/me`]: {
        get: { summary: "The caller (404 when authentication is off: the identity is then X-Cairn-User)", operationId: "getMe", responses: { ...h.ok(200, "The caller", h.ref("Me")), ...h.errs(401, 404) } },
      },
      [`${A}/me/password`]: {
        put: { summary: "Change one's own password (ends one's sessions)", operationId: "changeOwnPassword", requestBody: h.body(h.ref("PasswordChange")), responses: { 204: { description: "Changed" }, ...h.errs(400, 401, 403, 415) } },
      },
      [`${A}/users`]: {
        get: { summary: "List users, newest first", operationId: "listUsers", parameters: [...h.listParams], responses: { ...h.ok(200, "Page", h.page("User")), ...h.errs(400, 401, 403) } },
        post: { summary: "Create a user", operationId: "createUser", requestBody: h.body(h.ref("UserCreate")), responses: { ...h.ok(201, "Created", h.ref("User")), ...h.errs(400, 401, 403, 409, 415) } },
      },
      [`${A}/users/{name}`]: {
        get: { summary: "One user", operationId: "getUser", parameters: [name], responses: { ...h.ok(200, "User", h.ref("User")), ...h.errs(401, 403, 404) } },
        patch: { summary: "Change display name, role or disabled (disabling ends the user's sessions; the last enabled admin cannot be demoted or disabled: 409)", operationId: "patchUser", parameters: [name, h.ifMatch], requestBody: h.body(h.ref("UserPatch")), responses: { ...h.ok(200, "Updated", h.ref("User")), ...h.errs(400, 401, 403, 404, 409, 412, 415) } },
      },
      [`${A}/users/{name}/password`]: {
        put: { summary: "Reset a user's password (ends their sessions)", operationId: "setUserPassword", parameters: [name], requestBody: h.body(h.ref("PasswordReset")), responses: { 204: { description: "Set" }, ...h.errs(400, 401, 403, 404, 415) } },
      },
      [`${A}/tokens`]: {
        get: { summary: "List API tokens: one's own, or (admins) anyone's", operationId: "listTokens", parameters: [h.Q("user", "Owner (admins only for others)"), h.Q("include_revoked", "true to include revoked tokens", { type: "boolean" }), ...h.listParams], responses: { ...h.ok(200, "Page", h.page("Token")), ...h.errs(400, 401, 403) } },
        post: { summary: "Create an API token; the secret is in the answer only (role at most the owner's and the caller's)", operationId: "createToken", requestBody: h.body(h.ref("TokenCreate")), responses: { 201: { description: "Created; `token` holds the secret, shown once", headers: noStore, content: h.json(h.ref("CreatedToken")) }, ...h.errs(400, 401, 403, 404, 409, 415) } },
      },
      [`${A}/tokens/{id}`]: {
        get: { summary: "One token (others' tokens are 404 to non-admins)", operationId: "getToken", parameters: [id], responses: { ...h.ok(200, "Token", h.ref("Token")), ...h.errs(401, 404) } },
        delete: { summary: "Revoke a token (idempotent; effective at once on this server, within the credential cache TTL on others)", operationId: "revokeToken", parameters: [id], responses: { ...h.ok(200, "Revoked", h.ref("Token")), ...h.errs(401, 404) } },
      },
    },
    schemas: {
      LoginRequest: { type: "object", additionalProperties: false, required: ["user", "password"], properties: { user: { type: "string" }, password: { type: "string", format: "password" } } },
      Me: { type: "object", properties: { name: { type: "string" }, display_name: { type: "string" }, role: { ...role, description: "The role the caller acts with now" }, user_role: role, auth_method: { enum: ["token", "session"] }, token_id: nullStr, session_expires_at: { type: "string", format: "date-time", description: "Login answer only" } } },
      User: { type: "object", properties: { name: { type: "string" }, display_name: { type: "string" }, role, disabled: { type: "boolean" }, created_by: { type: "string" }, created_at: h.time, updated_at: h.time, revision: { type: "integer" } } },
      UserCreate: { type: "object", additionalProperties: false, required: ["name", "role", "password"], properties: { name: { type: "string", pattern: "^[A-Za-z0-9][A-Za-z0-9._@+-]{0,127}$", description: "Stored lower-cased" }, display_name: { type: "string", maxLength: 200 }, role, password: { type: "string", format: "password", minLength: 12, maxLength: 1024 } } },
      UserPatch: { type: "object", additionalProperties: false, properties: { display_name: { type: "string", maxLength: 200 }, role, disabled: { type: "boolean" } } },
      PasswordReset: { type: "object", additionalProperties: false, required: ["password"], properties: { password: { type: "string", format: "password", minLength: 12, maxLength: 1024 } } },
      PasswordChange: { type: "object", additionalProperties: false, required: ["current_password", "new_password"], properties: { current_password: { type: "string", format: "password" }, new_password: { type: "string", format: "password", minLength: 12, maxLength: 1024 } } },
      Token: { type: "object", properties: { id: { type: "string", format: "uuid" }, name: { type: "string" }, user: { type: "string" }, role, prefix: { type: "string", description: "The first characters of the secret" }, created_by: { type: "string" }, created_at: h.time, expires_at: nullTime, last_used_at: { ...nullTime, description: "Refreshed at most once a minute" }, revoked_at: nullTime, revoked_by: nullStr } },
      TokenCreate: { type: "object", additionalProperties: false, required: ["name"], properties: { name: { type: "string", pattern: "^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$" }, user: { type: "string", description: "Owner; default the caller (others: admins only)" }, role: { ...role, description: "Default: the most the caller may grant" }, expires_in: { type: "string", description: "Duration such as 90d, 12h, 30m, or 'never'; default 90d", examples: ["90d"] }, expires_at: h.time } },
      CreatedToken: { allOf: [h.ref("Token"), { type: "object", required: ["token"], properties: { token: { type: "string", description: "cairn_ + 43 base64url characters; shown only here" } } }] },
    },
  };
};
