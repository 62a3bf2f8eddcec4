// Auth on, in the browser, against a real `cairn serve --auth required`: the login page, a
// refused password, 401 → login → back to where you were, the user menu, role-based disabling
// with the reason, sign out, and a session write carrying the CSRF token. The users are created
// with `cairn user create` on the server's storage, as an operator bootstraps them.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import path from "node:path";
import { after, before, test } from "node:test";

import { apiClient, Checked, launchBrowser, repo, startServer } from "./harness.mjs";

const binary = process.env.CAIRN_BINARY ?? path.join(repo, "build/release/cairn");
let server;
let browser;

const USERS = {
  root: { password: "root-password-1", display_name: "Root Admin", role: "admin" },
  vera: { password: "viewer-password-1", display_name: "Vera Viewer", role: "viewer" },
  ed: { password: "editor-password-1", display_name: "Ed Editor", role: "editor" },
};

// `cairn` on the server's storage directly (the bootstrap path); returns stdout.
function cairnOnStorage(args, input = "") {
  return execFileSync(binary, [...args, "--storage", `sqlite://${server.dir}/cairn.db`, "--password-hash-cost", "10"], { input, encoding: "utf8" });
}

before(async () => {
  server = await startServer({ extra: ["--auth", "required", "--password-hash-cost", "10"] });
  for (const [name, u] of Object.entries(USERS)) {
    cairnOnStorage(["user", "create", name, "--role", u.role, "--display-name", u.display_name, "--password-stdin"], `${u.password}\n`);
  }
  const token = cairnOnStorage(["token", "create", "--user", "root", "--name", "e2e-seed"]).trim();
  assert.match(token, /^cairn_/);
  const api = apiClient(server.url, "ignored", { Authorization: `Bearer ${token}` });
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
