// Auth on, in the browser: the login page, 401 → login → back to where you were, the user menu,
// role-based disabling with the reason, sign out. The server does not have identity yet
// (issue 11), so its three endpoints are answered here by Playwright from the contract
// (POST /api/v1/auth/login {user,password} → session; GET /api/v1/auth/me → {name,
// display_name, role}; POST /api/v1/auth/logout); every other request reaches the real server.
// When the identity work lands, drop the routes and create the users with `cairn user create`.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { apiClient, Checked, launchBrowser, startServer } from "./harness.mjs";

let server;
let browser;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const api = apiClient(server.url, "alice");
  await api.post("/api/v1/ml/lifecycle/models", { model_name: "fraud", metrics: { auc: 0.8 } });
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const USERS = { vera: { password: "viewer-pw", display_name: "Vera Viewer", role: "viewer" }, ed: { password: "editor-pw", display_name: "Ed Editor", role: "editor" } };

async function simulateIdentity(page) {
  const state = { user: null, csrfSeen: [] };
  const problem = (status, detail) => ({ status, contentType: "application/problem+json", body: JSON.stringify({ type: "about:blank", title: "Unauthorized", status, detail }) });
  await page.route("**/api/v1/auth/me", (route) => {
    if (!state.user) return route.fulfill(problem(401, "sign in first"));
    const u = USERS[state.user];
    return route.fulfill({ status: 200, contentType: "application/json", body: JSON.stringify({ name: state.user, display_name: u.display_name, role: u.role }) });
  });
  await page.route("**/api/v1/auth/login", (route) => {
    const body = JSON.parse(route.request().postData() ?? "{}");
    const u = USERS[body.user];
    if (!u || u.password !== body.password) return route.fulfill(problem(401, "unknown user or wrong password"));
    state.user = body.user;
    return route.fulfill({ status: 204, headers: { "Set-Cookie": "cairn_csrf=csrf-token-1; Path=/; SameSite=Strict" } });
  });
  await page.route("**/api/v1/auth/logout", (route) => {
    state.user = null;
    return route.fulfill({ status: 204 });
  });
  // Writes carry the double-submit token (and no X-Cairn-User) once signed in.
  page.on("request", (r) => {
    if (r.method() !== "GET" && r.url().includes("/api/v1/ml/")) state.csrfSeen.push({ csrf: r.headers()["x-csrf-token"] ?? null, user: r.headers()["x-cairn-user"] ?? null });
  });
  return state;
}

test("auth on (identity endpoints simulated): 401 → login → back, user menu, viewer sees disabled actions with the reason, sign out", async () => {
  const page = await browser.context.newPage();
  const c = new Checked(page, server.url);
  c.allow(/\/api\/v1\/auth\/(me|login)$/, 401);
  const state = await simulateIdentity(page);

  await c.goto("/models/fraud/versions/1?tab=checklist");
  await page.waitForURL(/\/login\?next=%2Fmodels%2Ffraud%2Fversions%2F1%3Ftab%3Dchecklist$/);
  await page.getByLabel("User").fill("vera");
  await page.getByLabel("Password").fill("wrong");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("alert").filter({ hasText: "unknown user or wrong password" }).waitFor();
  await c.check("login-refused");
  await page.getByLabel("Password").fill("viewer-pw");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/models\/fraud\/versions\/1\?tab=checklist$/);

  // The user menu, and a viewer's disabled actions with the reason.
  await page.getByRole("button", { name: /Vera Viewer/ }).click();
  await page.getByText("Role: viewer").waitFor();
  await c.check("user-menu", { fullPage: false });
  await page.keyboard.press("Escape");
  const tick = page.getByTestId("check-data_validated").getByRole("button", { name: "Tick data_validated" });
  assert.equal(await tick.isDisabled(), true);
  await page.getByTestId("check-data_validated").getByText("needs the editor role (you are viewer)").waitFor();
  assert.equal(await page.getByRole("button", { name: "Move to staging" }).isDisabled(), true);
  await c.check("model-version-as-viewer");

  // Sign out, sign in as an editor: ticking works and the write carries the CSRF token.
  await page.getByRole("button", { name: /Vera Viewer/ }).click();
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL(/\/login/);
  await page.getByLabel("User").fill("ed");
  await page.getByLabel("Password").fill("editor-pw");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((u) => !u.pathname.startsWith("/login"));
  await c.goto("/models/fraud/versions/1");
  await page.getByTestId("check-data_validated").getByRole("button", { name: "Tick data_validated" }).click();
  await page.getByTestId("check-data_validated").getByRole("button", { name: "Untick data_validated" }).waitFor();
  const signoff = page.getByTestId("check-owner_signoff").getByRole("button", { name: "Tick owner_signoff" });
  assert.equal(await signoff.isDisabled(), true, "sign-off needs the approver role");
  const last = state.csrfSeen.at(-1);
  assert.deepEqual(last, { csrf: "csrf-token-1", user: null });
  await c.check("model-version-as-editor");
  c.assertClean();
  await page.close();
});
