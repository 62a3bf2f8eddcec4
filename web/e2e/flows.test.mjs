// Full flows per domain in a real Chromium against a real `cairn serve` with authentication
// required: alice and bob (approvers) are bootstrapped with `cairn user create`, sign in
// on the login page, and seed data through the API with their own tokens. CAIRN_E2E_AUTH=off runs
// the same flows on a server without authentication (the acting user then comes from the
// settings menu, sent as X-Cairn-User). `newPage` and `signIn` are the only places that differ.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";

import { apiClient, AUTH_FLAGS, bootstrapUsers, Checked, launchBrowser, repo, startServer } from "./harness.mjs";

// The reference data beside the repository (an XGBoost classifier and its evaluation set).
const testdata = process.env.CAIRN_TESTDATA_DIR ?? path.resolve(repo, "../shared/testdata");
const classifier = path.join(testdata, "xgboost/classifier");

let server;
let browser;
let api;
let authHeaders = {}; // alice's credential for plain fetches
const L = "/api/v1/ml/lifecycle";
const AUTH = process.env.CAIRN_E2E_AUTH !== "off";
const USERS = {
  // Both may approve, so the four-eyes refusals (the author approving her own prompt) are the
  // server's, not the role check's; the role-based disabling is covered in auth.test.mjs.
  alice: { role: "approver", password: "alice-password-1" },
  bob: { role: "approver", password: "bob-password-1" },
};

before(async () => {
  server = await startServer({ extra: AUTH ? AUTH_FLAGS : [] });
  browser = await launchBrowser();
  if (AUTH) {
    const tokens = bootstrapUsers(server, USERS);
    authHeaders = { Authorization: `Bearer ${tokens.alice}` };
  }
  api = apiClient(server.url, "alice", authHeaders);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function newPage(user = "alice") {
  const page = await browser.context.newPage();
  const c = new Checked(page, server.url);
  if (AUTH) {
    // Pages share the browser context's cookies: each test starts signed out.
    await browser.context.clearCookies();
    guardSignedIn(c);
    await signIn(c, user);
    return c;
  }
  await page.addInitScript((u) => {
    if (!sessionStorage.getItem("e2e-user-set")) {
      localStorage.setItem("cairn.actingUser", u);
      sessionStorage.setItem("e2e-user-set", "1");
    }
  }, user);
  return c;
}

// With auth on, a request may be refused 401 only while nobody is signed in on the page (that is
// what sends the console to the login page); assertClean also fails on any 401 while signed in.
function guardSignedIn(c) {
  c.allow(/\/api\/v1\//, 401);
  c.signedIn = false;
  const refused = [];
  c.page.on("response", (r) => {
    if (c.signedIn && r.status() === 401) refused.push(new URL(r.url()).pathname);
  });
  const clean = c.assertClean.bind(c);
  c.assertClean = () => {
    assert.deepEqual(refused, [], "no request is refused 401 while signed in");
    clean();
  };
}

// Becomes `user` for the next actions, staying on the same page: sign out and sign in again on
// the login page with auth on; the settings menu with auth off.
async function signIn(c, user) {
  const { page } = c;
  if (AUTH) {
    const here = page.url().startsWith(server.url) ? new URL(page.url()) : null;
    const next = here && !here.pathname.startsWith("/login") ? here.pathname + here.search : "/";
    if (c.signedIn) {
      c.signedIn = false;
      await page.getByRole("button", { name: /^(alice|bob) / }).click();
      await page.getByRole("button", { name: "Sign out" }).click();
      await page.waitForURL(/\/login/);
    }
    await c.goto(`/login?next=${encodeURIComponent(next)}`);
    await page.getByLabel("User").fill(user);
    await page.getByLabel("Password").fill(USERS[user].password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL((u) => !u.pathname.startsWith("/login"));
    await page.getByRole("button", { name: new RegExp(`^${user} `) }).waitFor();
    c.signedIn = true;
    return;
  }
  await page.getByRole("button", { name: /^Acting as/ }).click();
  await page.getByLabel("Acting user").fill(user);
  await page.getByRole("button", { name: "Save" }).click();
  await page.getByTestId("acting-user").filter({ hasText: user }).waitFor();
}

test("tracking: create an experiment, log metrics through the API, chart and zoom, filter errors, compare two runs", async () => {
  const c = await newPage();
  const { page } = c;
  await c.goto("/experiments");
  await page.getByRole("button", { name: "New experiment" }).first().click();
  const form = page.getByRole("form", { name: "New experiment" });
  await form.getByLabel("Name", { exact: true }).fill("churn");
  await form.getByLabel("Owner").fill("alice");
  await form.getByRole("button", { name: "Create", exact: true }).click();
  await page.getByRole("link", { name: "churn" }).waitFor();
  await c.check("experiments");

  const runs = [];
  for (const [i, lr] of ["0.1", "0.01"].entries()) {
    const r = await api.post(`${L}/runs`, { experiment_name: "churn", name: `run-${i}`, params: { lr, depth: String(4 + i) }, tags: { team: "alpha" } });
    const points = [];
    for (let s = 0; s < 500; s++) {
      points.push({ key: "loss", value: Math.exp(-s / (80 + 40 * i)) + 0.01 * Math.sin(s), step: s, timestamp: 1_700_000_000_000 + s * 1000 });
      points.push({ key: "auc", value: 0.5 + 0.45 * (1 - Math.exp(-s / 100)) - 0.02 * i, step: s, timestamp: 1_700_000_000_000 + s * 1000 });
    }
    await api.post(`${L}/runs/${r.run_id}/metrics`, { metrics: points });
    await api.put(`${L}/runs/${r.run_id}/artifacts/report/summary.json`, JSON.stringify({ run: i, ok: true }), { "Content-Type": "application/octet-stream" });
    await api.put(`${L}/runs/${r.run_id}/artifacts/data/sample.csv`, "a,b\n1,2\n3,4\n", { "Content-Type": "application/octet-stream" });
    runs.push(r);
  }

  await page.getByRole("link", { name: "churn" }).click();
  await page.getByRole("region", { name: "Runs of churn" }).getByRole("link", { name: "run-0" }).waitFor();
  await c.check("experiment-runs");

  // Sort by a metric column header: the server orders (order_by), the URL keeps it.
  await page.getByRole("button", { name: "auc", exact: true }).click();
  await page.waitForURL(/order=metrics\.auc\+DESC|order=metrics.auc%20DESC/);
  const firstRun = page.getByRole("region", { name: "Runs of churn" }).locator('tbody tr[data-index="0"] a');
  await firstRun.filter({ hasText: "run-0" }).waitFor();
  await page.getByRole("button", { name: /^auc/ }).click();
  await firstRun.filter({ hasText: "run-1" }).waitFor();

  // A bad filter: the server's detail verbatim, a caret at the position it names.
  c.allow(/\/runs\?.*filter=/, 400);
  const filter = page.getByLabel("Filter runs");
  await filter.fill("metrics.loss >> 1");
  await filter.press("Enter");
  await page.getByRole("alert").filter({ hasText: "at position 14" }).waitFor();
  assert.equal(await page.getByTestId("filter-caret").textContent(), `${" ".repeat(13)}^`);
  await c.check("experiment-filter-error");
  await filter.fill("params.lr = '0.1'");
  await filter.press("Enter");
  await page.getByRole("region", { name: "Runs of churn" }).getByRole("link", { name: "run-0" }).waitFor();
  // run-0 was listed before the filter too: wait for the filtered answer to replace the list.
  await page.getByRole("region", { name: "Runs of churn" }).getByRole("link", { name: "run-1" }).waitFor({ state: "detached" });
  assert.equal(await page.getByRole("region", { name: "Runs of churn" }).getByRole("link", { name: "run-1" }).count(), 0);
  assert.match(page.url(), /filter=params\.lr/);

  // Run page: metrics charts, then zoom by dragging, which refetches a finer window.
  await c.goto(`/runs/${runs[0].run_id}?tab=metrics`);
  const chart = page.getByTestId("chart-loss");
  await chart.locator('[data-ready="1"]').or(chart.and(page.locator('[data-ready="1"]'))).first().waitFor();
  await c.check("run-metrics");
  const over = chart.locator(".u-over");
  const box = await over.boundingBox();
  const refetch = page.waitForRequest((r) => /metrics\/loss\?.*min_step=\d+.*max_step=\d+/.test(r.url()));
  await page.mouse.move(box.x + box.width * 0.25, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.5, box.y + box.height / 2, { steps: 5 });
  await page.mouse.up();
  const req = await refetch;
  const u = new URL(req.url());
  const minStep = Number(u.searchParams.get("min_step"));
  const maxStep = Number(u.searchParams.get("max_step"));
  assert.ok(minStep > 50 && maxStep < 300 && maxStep > minStep, `window ${minStep}..${maxStep}`);
  assert.ok(Number(u.searchParams.get("max_points")) >= 64);
  await page.waitForURL(/zoom=loss/);
  await c.check("run-metrics-zoomed");

  // Time axis, log scale and smoothing are view state in the URL too.
  // The checkbox is controlled by the URL, which the router updates in a transition: click,
  // then wait for the URL, rather than check(), which reads the box back at once.
  await page.getByLabel("X axis").selectOption("time");
  await page.getByLabel("log scale").click();
  await page.getByRole("slider", { name: /smoothing/ }).fill("0.6");
  await page.waitForURL((u) => u.searchParams.get("axis") === "time" && u.searchParams.get("log") === "1" && u.searchParams.get("smooth") === "0.6");
  assert.ok(await page.getByLabel("log scale").isChecked());
  await chart.and(page.locator('[data-ready="1"]')).waitFor();
  await c.check("run-metrics-time-log-smoothed");

  await c.goto(`/runs/${runs[0].run_id}?tab=artifacts&artifact=report%2Fsummary.json`);
  await page.getByText('"ok": true').waitFor();
  await c.check("run-artifacts");
  await c.goto(`/runs/${runs[0].run_id}`);
  await page.getByRole("heading", { name: "Params" }).waitFor();
  await c.check("run-overview");

  // Select both runs in the table, then compare.
  await c.goto("/experiments/churn");
  // The selection lives in the URL: wait for each click to land there.
  for (const name of ["run-0", "run-1"]) {
    await page.getByLabel(`Select run ${name}`).click();
    await page.locator(`input[aria-label="Select run ${name}"]:checked`).waitFor();
  }
  await page.getByRole("link", { name: "Compare 2 selected" }).click();
  await page.getByTestId("chart-loss").waitFor();
  await c.check("compare-charts");
  await page.getByRole("tab", { name: "Diff table" }).click();
  await page.getByRole("rowheader", { name: /params\.lr/ }).waitFor();
  assert.equal(await page.locator("tr.differs").count() >= 2, true);
  await c.check("compare-diff");
  await page.getByRole("tab", { name: "Parallel coordinates" }).click();
  await page.getByRole("img", { name: /Parallel coordinates/ }).waitFor();
  await c.check("compare-parallel");
  await page.getByRole("tab", { name: "Scatter" }).click();
  await page.getByRole("img", { name: /against/ }).waitFor();
  await c.check("compare-scatter");
  c.assertClean();
  await page.close();
});

test("registry: register, tick the checklist as two people, promote refused then allowed, deploy, walk the status machine", async () => {
  const c = await newPage("alice");
  const { page } = c;
  const run = await api.post(`${L}/runs`, { experiment_name: "churn", name: "for-model", params: { lr: "0.2" } });
  await api.post(`${L}/runs/${run.run_id}/metrics`, { metrics: [{ key: "auc", value: 0.91, step: 1 }] });
  await c.goto("/models");
  await page.getByRole("button", { name: "Register version" }).click();
  const reg = page.getByRole("form", { name: "Register a model version" });
  await reg.getByLabel("Model name").fill("churn-model");
  await reg.getByLabel("Source run id").fill(run.run_id);
  await reg.getByRole("button", { name: "Register", exact: true }).click();
  await page.waitForURL(/\/models\/churn-model\/versions\/1/);
  await page.getByTestId("check-data_validated").waitFor();
  await c.check("model-version-checklist");

  // Promote with the checklist open: the server's refusal, verbatim.
  c.allow(/\/models\/churn-model\/1$/, 409);
  await signIn(c, "bob");
  await page.getByLabel("Move to").selectOption("production");
  await page.getByRole("button", { name: "Promote to production" }).click();
  await page.getByRole("alert").filter({ hasText: "required checklist items not done" }).waitFor();
  const refusal = await page.getByRole("alert").filter({ hasText: "required checklist items not done" }).textContent();
  assert.match(refusal, /evaluation_passed, data_validated, bias_reviewed, owner_signoff/);
  await c.check("model-version-promote-refused");

  // The editor ticks the data and evaluation items; the approver signs off.
  await signIn(c, "alice");
  for (const key of ["evaluation_passed", "data_validated"]) {
    const row = page.getByTestId(`check-${key}`);
    await row.getByLabel(`Note for ${key}`).fill(`${key} checked by alice`);
    await row.getByRole("button", { name: `Tick ${key}` }).click();
    await row.getByRole("button", { name: `Untick ${key}` }).waitFor();
  }
  // Untick and tick again, with a note: who and when are shown.
  await page.getByTestId("check-data_validated").getByRole("button", { name: "Untick data_validated" }).click();
  await page.getByTestId("check-data_validated").getByRole("button", { name: "Tick data_validated" }).click();
  await page.getByTestId("check-data_validated").getByRole("button", { name: "Untick data_validated" }).waitFor();
  await signIn(c, "bob");
  for (const key of ["bias_reviewed", "owner_signoff"]) {
    await page.getByTestId(`check-${key}`).getByRole("button", { name: `Tick ${key}` }).click();
    await page.getByTestId(`check-${key}`).getByRole("button", { name: `Untick ${key}` }).waitFor();
  }
  assert.match(await page.getByTestId("check-owner_signoff").textContent(), /ticked by bob/);
  await page.getByLabel("Move to").selectOption("production");
  await page.getByRole("button", { name: "Promote to production" }).click();
  await page.locator(".page-header .badge", { hasText: "production" }).waitFor();
  await c.check("model-version-promoted");
  await page.getByRole("tab", { name: "Stage history" }).click();
  await page.getByRole("list").locator("li", { hasText: "by bob" }).first().waitFor();
  await c.check("model-version-history");
  await page.getByRole("tab", { name: "Lineage" }).click();
  await page.getByRole("link", { name: run.run_id }).waitFor();
  await c.check("model-version-lineage");

  // Deploy (production: by someone other than the registrar) and walk the machine.
  await c.goto("/deployments/new?model_name=churn-model&model_version=1");
  await page.getByLabel("Environment").selectOption("production");
  await page.getByLabel("Endpoint path").fill("/serve/churn");
  await page.getByRole("button", { name: "Create deployment" }).click();
  await page.waitForURL(/\/deployments\/[0-9a-f-]{36}$/);
  for (const next of ["validating", "deploying", "active"]) {
    await page.getByRole("button", { name: `Move to ${next}` }).click();
    await page.locator(".page-header .badge", { hasText: next }).first().waitFor();
  }
  // Only the allowed transitions are offered from active.
  const offered = await page.getByRole("group", { name: "Allowed transitions" }).getByRole("button").allTextContents();
  assert.deepEqual(offered, ["Move to rollback", "Terminate"]);
  await page.getByRole("list", { name: "Status timeline" }).locator("li", { hasText: "active" }).first().waitFor();
  await c.check("deployment-detail");
  await c.goto("/deployments?environment=production");
  await page.getByRole("link", { name: "/serve/churn" }).waitFor();
  await c.check("deployments");

  // Compare two versions.
  await api.post(`${L}/models`, { model_name: "churn-model", metrics: { auc: 0.93 }, params: { lr: "0.05" } });
  await c.goto("/models/churn-model/compare?versions=1,2");
  await page.getByText("★").first().waitFor();
  await c.check("model-compare");
  await c.goto("/models/churn-model");
  await c.check("model");
  await c.goto("/models");
  await c.check("models");
  c.assertClean();
  await page.close();
});

const CSV_REF = ["x,c,label,score"];
const CSV_CUR = ["x,c,label,score"];
for (let i = 0; i < 400; i++) {
  CSV_REF.push(`${(Math.sin(i) * 10).toFixed(3)},${["a", "b", "c"][i % 3]},${i % 2},${(0.3 + 0.4 * (i % 2) + 0.1 * Math.sin(i)).toFixed(4)}`);
  CSV_CUR.push(`${(Math.sin(i) * 10 + 6).toFixed(3)},${["a", "b", "b", "c"][i % 4]},${i % 2},${(0.35 + 0.3 * (i % 2) + 0.1 * Math.cos(i)).toFixed(4)}`);
}

async function uploadCsv(page, name, text) {
  const form = page.getByRole("form", { name: "Upload a CSV dataset" });
  await form.getByLabel("CSV file (header row, UTF-8)").setInputFiles({ name: `${name}.csv`, mimeType: "text/csv", buffer: Buffer.from(text) });
  await form.getByLabel("Name", { exact: true }).fill(name);
  await form.getByRole("button", { name: "Upload" }).click();
}

test("datasets and drift: upload CSVs with progress, see the profile and rows, a refused file's line, a drift report", async () => {
  const c = await newPage();
  const { page } = c;
  await c.goto("/datasets");
  c.allow(/\/features\/datasets\?name=broken/, 400);
  await uploadCsv(page, "broken", 'x,c\n1,a\n2,"b\n');
  await page.getByRole("alert").filter({ hasText: "line 4, column 2" }).waitFor();
  await c.check("datasets-upload-error");
  await uploadCsv(page, "reference", CSV_REF.join("\n") + "\n");
  await page.waitForURL(/\/datasets\/[0-9a-f-]{36}$/);
  await page.getByTestId("profile-x").waitFor();
  await c.check("dataset-profile");
  await page.getByRole("tab", { name: "Rows" }).click();
  await page.getByText("rows 1–50 of 400").waitFor();
  await page.getByRole("button", { name: "Next" }).click();
  await page.getByText("rows 51–100 of 400").waitFor();
  assert.match(page.url(), /offset=50/);
  await c.check("dataset-rows");
  await c.goto("/datasets");
  await uploadCsv(page, "current", CSV_CUR.join("\n") + "\n");
  await page.waitForURL(/\/datasets\/[0-9a-f-]{36}$/);
  await c.goto("/datasets");
  await page.getByRole("link", { name: "current" }).waitFor();
  await c.check("datasets");

  await c.goto("/drift/new");
  const ds = await api.get("/api/v1/features/datasets");
  const id = (n) => ds.items.find((d) => d.name === n).id;
  await page.getByLabel("Reference dataset").selectOption(id("reference"));
  await page.getByLabel("Current dataset").selectOption(id("current"));
  await page.getByLabel("Columns").fill("x, c");
  await page.getByLabel("Record events for model").fill("churn-model");
  await page.getByRole("button", { name: "Run drift report" }).click();
  await page.getByTestId("drift-summary").waitFor();
  assert.match(await page.getByTestId("drift-summary").textContent(), /Drift share \d+/);
  await page.getByRole("img", { name: /Histogram of x/ }).waitFor();
  await c.check("drift-report");
  await c.goto("/drift?model_name=churn-model");
  await page.getByRole("cell", { name: "x", exact: true }).first().waitFor();
  await c.check("drift-events");
  c.assertClean();
  await page.close();
});

test("evaluation: create a scenario with the column pickers, evaluate, read the report", async () => {
  const c = await newPage();
  const { page } = c;
  const ds = await api.get("/api/v1/features/datasets?name=reference");
  const datasetId = ds.items[0].id;
  await c.goto(`/evaluation/scenarios/new?dataset=${datasetId}`);
  await page.getByLabel("Name", { exact: true }).fill("churn-offline");
  await page.getByLabel("Label column").selectOption("label");
  await page.getByLabel("Score column (P(class 1))").selectOption("score");
  await page.getByLabel("Slice column").selectOption("c");
  await page.getByLabel("Metric").fill("roc_auc");
  await page.getByLabel("Value").fill("0.8");
  await c.check("scenario-new");
  await page.getByRole("button", { name: "Create scenario" }).click();
  await page.waitForURL(/\/evaluation\/scenarios\/churn-offline$/);
  await page.getByRole("button", { name: "Start evaluation" }).click();
  await page.waitForURL(/\/evaluation\/runs\/[0-9a-f-]{36}$/);
  await page.getByTestId("verdict").waitFor();
  await page.getByRole("table", { name: /Confusion matrix/ }).waitFor();
  await page.getByTestId("worst-gap").waitFor();
  await c.check("evaluation-report");
  await c.goto("/evaluation/scenarios/churn-offline");
  await page.getByRole("heading", { name: "Runs of this scenario" }).waitFor();
  await c.check("scenario");
  await c.goto("/evaluation?tab=runs");
  await c.check("evaluation-runs");
  await c.goto("/evaluation");
  await c.check("evaluation");
  c.assertClean();
  await page.close();
});

test("evaluation with an executable model: artifact upload with progress, a queued run followed live, permutation importance", { skip: !fs.existsSync(path.join(classifier, "model.json")) && "no reference XGBoost model beside the repository" }, async () => {
  const c = await newPage();
  const { page } = c;
  await api.post(`${L}/models`, { model_name: "xgb-clf", description: "reference classifier" });
  await c.goto("/models/xgb-clf/versions/1?tab=artifact");
  await page.getByLabel("Model file", { exact: true }).setInputFiles(path.join(classifier, "model.json"));
  await page.getByLabel("Format").selectOption("xgboost-json");
  await page.getByRole("button", { name: "Upload" }).click();
  await page.getByText("sha256").waitFor();
  await c.check("model-version-artifact");
  const csv = fs.readFileSync(path.join(classifier, "eval.csv"));
  const ds = await api.post("/api/v1/features/datasets?name=xgb-eval", csv, { "Content-Type": "text/csv" });
  await api.post("/api/v1/ml/evaluation/scenarios", {
    name: "xgb-offline",
    task_type: "binary_classification",
    dataset_id: ds.id,
    label_column: "label",
    model_name: "xgb-clf",
    version: 1,
    feature_columns: Array.from({ length: 8 }, (_, j) => `f${j}`),
    importance_repeats: 2,
    thresholds: { roc_auc: { op: ">=", value: 0.8 } },
  });
  await c.goto("/evaluation/scenarios/xgb-offline");
  await page.getByRole("button", { name: "Start evaluation" }).click();
  await page.waitForURL(/\/evaluation\/runs\/[0-9a-f-]{36}$/);
  await page.getByTestId("verdict").waitFor({ timeout: 60_000 });
  await page.getByRole("list", { name: "Permutation importance per feature" }).waitFor();
  assert.equal(await page.getByRole("list", { name: "Permutation importance per feature" }).getByRole("listitem").count(), 8);
  await c.check("evaluation-report-model");
  c.assertClean();
  await page.close();
});

test("prompts: draft with Korean text, findings highlighted at byte offsets, fix, submit, approve as a second user, label, render, usage", async () => {
  const c = await newPage("alice");
  const { page } = c;
  await c.goto("/prompts/new");
  await page.getByLabel("Name", { exact: true }).fill("support-reply");
  const body = page.getByLabel(/Template body/);
  await body.fill("안녕하세요 {{customer}}님, 문의는 kim@example.com 으로 보내 주세요.");
  // The email comes after Korean text (3 bytes per syllable): the mark must cover it exactly.
  const mark = page.getByTestId("highlighted").locator("mark.finding", { hasText: "kim@example.com" });
  await mark.waitFor();
  assert.equal(await mark.textContent(), "kim@example.com");
  await page.getByRole("button", { name: "Add variable" }).click();
  await page.getByLabel("name", { exact: true }).fill("customer");
  await c.check("prompt-new-findings");
  await page.getByRole("button", { name: "Create template" }).click();
  await page.waitForURL(/\/prompts\/[0-9a-f-]{36}\?tab=editor/);
  // Fix the finding, save, submit.
  await page.getByLabel(/Template body/).fill("안녕하세요 {{customer}}님, 문의는 고객센터로 보내 주세요.");
  await page.getByTestId("highlighted").locator('mark[data-rule~="pii.email"]').waitFor({ state: "detached" });
  await page.getByTestId("evaluate-state").filter({ hasText: "up to date" }).waitFor();
  await page.getByRole("button", { name: "Save draft v1" }).click();
  await page.getByRole("button", { name: "Submit v1 for review" }).click();
  await page.getByRole("tab", { name: "Versions" }).click();
  await page.getByRole("cell", { name: "pending review" }).waitFor();
  await c.check("prompt-versions");

  // The author cannot approve; a second person can.
  c.allow(/\/1\/approve$/, 403);
  await c.goto("/prompts/review");
  await page.getByRole("button", { name: "Approve v1" }).click();
  await page.getByRole("alert").waitFor();
  await c.check("prompt-review-refused");
  await signIn(c, "bob");
  await page.getByRole("button", { name: "Approve v1" }).click();
  await page.getByText("Nothing waits for review.").waitFor();
  await c.check("prompt-review-queue");

  const t = (await api.get("/api/v1/prompt-governance/templates")).items.find((x) => x.name === "support-reply");
  await c.goto(`/prompts/${t.id}?tab=labels`);
  await page.getByRole("button", { name: "Set label" }).click();
  await page.getByRole("rowheader", { name: "production" }).waitFor();
  await c.check("prompt-labels");
  await page.getByRole("tab", { name: "Render" }).click();
  await page.getByLabel("customer *").fill("김민준");
  await page.getByRole("button", { name: "Render" }).click();
  await page.getByTestId("rendered").filter({ hasText: "안녕하세요 김민준님" }).waitFor();
  await c.check("prompt-render");

  // A second version, the diff, and usage charts.
  await api.post(`/api/v1/prompt-governance/templates/${t.id}/versions`, { body: "안녕하세요 {{customer}}님,\n답변 드립니다.", variables: [{ name: "customer", required: true }] });
  for (let i = 0; i < 30; i++) {
    await api.post(`/api/v1/prompt-governance/templates/${t.id}/1/usage`, { app: "helpdesk", latency_ms: 100 + i * 7, input_tokens: 50, output_tokens: 80, cost_usd: 0.001, success: i % 7 !== 0 });
  }
  await c.goto(`/prompts/${t.id}?tab=diff&a=1&b=2`);
  await page.locator(".diff .add").first().waitFor();
  await c.check("prompt-diff");
  await c.goto(`/prompts/${t.id}?tab=usage&v=1`);
  await page.getByRole("img", { name: "Latency p50 and p95 over time" }).waitFor();
  await c.check("prompt-usage");
  await c.goto(`/prompts/${t.id}?tab=editor&v=2`);
  await page.getByRole("button", { name: "Save draft v2" }).waitFor();
  await c.check("prompt-editor");
  // Reject with a comment (required: the button says so until one is typed).
  await api.post(`/api/v1/prompt-governance/templates/${t.id}/2/submit`);
  await c.goto("/prompts/review");
  const reject = page.getByRole("button", { name: "Reject v2" });
  assert.equal(await reject.isDisabled(), true);
  await page.getByLabel("Review comment for v2").fill("tone is too curt");
  await reject.click();
  await page.getByText("Nothing waits for review.").waitFor();
  await c.goto(`/prompts/${t.id}?v=2`);
  await page.getByText("“tone is too curt”").waitFor();
  await c.check("prompt-version-rejected");
  await c.goto("/prompts");
  await c.check("prompts");
  c.assertClean();
  await page.close();
});

test("features, audit, home, not found: pages render with their filters in the URL; keyboard reaches actions", async () => {
  const c = await newPage();
  const { page } = c;
  await c.goto("/features/new");
  await page.getByLabel("Name", { exact: true }).fill("price_mean_7d");
  await page.getByLabel("Entity").fill("symbol");
  await page.getByLabel("Min").fill("0");
  await page.getByRole("button", { name: "Create feature" }).click();
  await page.waitForURL(/\/features\/price_mean_7d$/);
  await api.post("/api/v1/features/price_mean_7d/versions", { schema: { nullable: false, min: 0, max: 1000 }, changelog: "bounded" });
  await c.goto("/features/price_mean_7d?tab=diff&a=1&b=2");
  await page.getByRole("rowheader", { name: /schema\.max/ }).waitFor();
  await c.check("feature-diff");
  await c.goto("/features/price_mean_7d?tab=versions");
  await c.check("feature-versions");
  await c.goto("/features?entity=symbol");
  await page.getByRole("link", { name: "price_mean_7d" }).waitFor();
  await c.check("features");
  await c.goto("/audit?actor=bob");
  await page.getByRole("cell", { name: "bob" }).first().waitFor();
  assert.equal(await page.getByRole("cell", { name: "alice", exact: true }).count(), 0);
  await c.check("audit");
  await c.goto("/");
  await page.getByRole("navigation", { name: "Counts per domain" }).waitFor();
  await page.getByRole("heading", { name: "Open drift alerts" }).waitFor();
  await page.locator(".panel", { hasText: "Open drift alerts" }).getByText("critical").first().waitFor();
  await page.getByRole("heading", { name: "Recent activity" }).waitFor();
  await c.check("home");
  // Error states show the server's problem detail verbatim.
  const missing = "00000000-0000-4000-8000-000000000000";
  const detail = await fetch(`${server.url}${L}/runs/${missing}`, { headers: authHeaders }).then((r) => r.json()).then((p) => p.detail);
  c.allow(new RegExp(`/runs/${missing}$`), 404);
  await c.goto(`/runs/${missing}`);
  assert.equal(await page.getByRole("alert").locator(".detail").textContent(), detail);
  await c.check("error-run-not-found");
  await c.goto("/login?next=%2Faudit");
  await page.getByText(AUTH ? "Signed in as" : "Authentication is off on this server").waitFor();
  await c.check(AUTH ? "login-signed-in" : "login-auth-off");
  await c.goto("/deployments/new");
  await c.check("deployment-new");
  await c.goto("/evaluation/scenarios/new");
  await c.check("scenario-new-empty");
  await c.goto("/prompts/review");
  await c.check("prompt-review-empty");
  await c.goto("/");
  if (AUTH) {
    await page.getByRole("button", { name: /^alice / }).click();
    await page.getByText("Role: approver").waitFor();
    await c.check("user-menu", { fullPage: false });
  } else {
    await page.getByRole("button", { name: /^Acting as/ }).click();
    await page.getByLabel("Acting user").waitFor();
    await c.check("settings-menu", { fullPage: false });
  }
  await page.keyboard.press("Escape");
  await c.goto("/nowhere");
  await page.getByRole("heading", { name: "Page not found" }).waitFor();
  await c.check("not-found");

  // Keyboard only: Tab to "New experiment", Enter opens the form, type, Enter submits.
  await c.goto("/experiments");
  let reached = false;
  for (let i = 0; i < 40 && !reached; i++) {
    await page.keyboard.press("Tab");
    reached = await page.evaluate(() => document.activeElement?.textContent?.trim() === "New experiment");
  }
  assert.ok(reached, "New experiment is reachable with Tab");
  await page.keyboard.press("Enter");
  await page.getByRole("form", { name: "New experiment" }).getByLabel("Name", { exact: true }).focus();
  await page.keyboard.type("keyboard-exp");
  await page.keyboard.press("Enter");
  await page.getByRole("link", { name: "keyboard-exp" }).waitFor();
  c.assertClean();

  // Dark theme (prefers-color-scheme) passes the same checks.
  await page.emulateMedia({ colorScheme: "dark" });
  await c.goto("/");
  await page.getByRole("heading", { name: "Recent activity" }).waitFor();
  await c.check("home-dark");
  await c.goto("/experiments/churn");
  await page.getByRole("region", { name: "Runs of churn" }).waitFor();
  await c.check("experiment-runs-dark");
  c.assertClean();
  await page.close();
});
