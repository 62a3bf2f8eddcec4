// Auth on, in the browser, against a real `cairn serve --auth required`: the login page, a
// refused password, 401 → login → back to where you were, the user menu, role-based disabling
// with the reason, sign out, and a session write carrying the CSRF token. The users are created
// with `cairn user create` on the server's storage, as an operator bootstraps them.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { apiClient, AUTH_FLAGS, bootstrapUsers, Checked, launchBrowser, startServer } from "./harness.mjs";

let server;
let browser;

const USERS = {
  root: { password: "root-password-1", display_name: "Root Admin", role: "admin" },
  vera: { password: "viewer-password-1", display_name: "Vera Viewer", role: "viewer" },
  ed: { password: "editor-password-1", display_name: "Ed Editor", role: "editor" },
};

before(async () => {
  server = await startServer({ extra: AUTH_FLAGS });
  const tokens = bootstrapUsers(server, USERS);
  assert.match(tokens.root, /^cairn_/);
  const api = apiClient(server.url, "ignored", { Authorization: `Bearer ${tokens.root}` });
  await api.post("/api/v1/ml/lifecycle/models", { model_name: "fraud", metrics: { auc: 0.8 } });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test("auth on (real server): 401 → login → back, user menu, viewer sees disabled actions with the reason, sign out", async () => {
  const page = await browser.context.newPage();
  const c = new Checked(page, server.url);
  // Pages start their requests without waiting for the identity probe, so before signing in
  // any API call may be refused 401 (that is what sends the console to the login page); once
  // signed in, none may be.
  c.allow(/\/api\/v1\//, 401);
  let signedIn = false;
  const refusedWhileSignedIn = [];
  page.on("response", (r) => {
    if (signedIn && r.status() === 401) refusedWhileSignedIn.push(r.url());
  });
  // Writes carry the double-submit token (and no X-Cairn-User) once signed in.
  const writes = [];
  page.on("request", (r) => {
    if (r.method() !== "GET" && r.url().includes("/api/v1/ml/")) writes.push({ csrf: r.headers()["x-csrf-token"] ?? null, user: r.headers()["x-cairn-user"] ?? null });
  });

  await c.goto("/models/fraud/versions/1?tab=checklist");
  await page.waitForURL(/\/login\?next=%2Fmodels%2Ffraud%2Fversions%2F1%3Ftab%3Dchecklist$/);
  await page.getByLabel("User").fill("vera");
  await page.getByLabel("Password").fill("wrong");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("alert").filter({ hasText: "invalid user name or password" }).waitFor();
  await c.check("login-refused");
  await page.getByLabel("Password").fill(USERS.vera.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/models\/fraud\/versions\/1\?tab=checklist$/);
  signedIn = true;

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
  signedIn = false;
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL(/\/login/);
  await page.getByLabel("User").fill("ed");
  await page.getByLabel("Password").fill(USERS.ed.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((u) => !u.pathname.startsWith("/login"));
  signedIn = true;
  await c.goto("/models/fraud/versions/1");
  await page.getByTestId("check-data_validated").getByRole("button", { name: "Tick data_validated" }).click();
  await page.getByTestId("check-data_validated").getByRole("button", { name: "Untick data_validated" }).waitFor();
  const signoff = page.getByTestId("check-owner_signoff").getByRole("button", { name: "Tick owner_signoff" });
  assert.equal(await signoff.isDisabled(), true, "sign-off needs the approver role");
  const csrf = (await browser.context.cookies(server.url)).find((k) => k.name === "cairn_csrf");
  assert.ok(csrf?.value, "the session set its CSRF cookie");
  assert.deepEqual(writes.at(-1), { csrf: csrf.value, user: null });
  const audit = await (await fetch(`${server.url}/api/v1/audit?limit=5`, { headers: { Cookie: (await browser.context.cookies(server.url)).map((k) => `${k.name}=${k.value}`).join("; ") } })).json();
  assert.ok(audit.items.some((e) => e.actor === "ed"), "the tick is audited as the signed-in user");
  await c.check("model-version-as-editor");
  assert.deepEqual(refusedWhileSignedIn, [], "no request is refused once signed in");
  c.assertClean();
  await page.close();
});

test("auth off (the loopback default): no sign-in, the acting user from the settings menu is who writes", async () => {
  const open = await startServer();
  const page = await browser.context.newPage();
  try {
    const c = new Checked(page, open.url);
    await c.goto("/login?next=%2Fexperiments");
    await page.getByText("Authentication is off on this server").waitFor();
    await c.check("login-auth-off");
    await c.goto("/experiments");
    await page.getByRole("button", { name: /^Acting as/ }).click();
    await page.getByLabel("Acting user").fill("dana");
    await c.check("settings-menu", { fullPage: false });
    await page.getByRole("button", { name: "Save" }).click();
    await page.getByTestId("acting-user").filter({ hasText: "dana" }).waitFor();
    await page.getByRole("button", { name: "New experiment" }).first().click();
    const form = page.getByRole("form", { name: "New experiment" });
    await form.getByLabel("Name", { exact: true }).fill("open-exp");
    await form.getByRole("button", { name: "Create", exact: true }).click();
    await page.getByRole("link", { name: "open-exp" }).waitFor();
    const audit = await apiClient(open.url).get("/api/v1/audit?limit=5");
    assert.ok(audit.items.some((e) => e.actor === "dana"), "the write is attributed to the acting user (X-Cairn-User)");
    c.assertClean();
  } finally {
    await page.close();
    await open.stop();
  }
});
