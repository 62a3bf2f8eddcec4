// The figures of issue 13 item 5, measured in Chromium against a real server: 10 000 runs × 20
// metric columns (time to the first row, rows in the DOM while scrolling to the end), a
// 1 000 000-point metric (time to a drawn chart), the JavaScript the first page loads.
// Figures are printed and written to test-results/figures.json; timings are reported, not
// asserted (the machine is shared), except the structural limits.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";

import { apiClient, Checked, launchBrowser, startServer } from "./harness.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const L = "/api/v1/ml/lifecycle";
const RUNS = Number(process.env.CAIRN_E2E_RUNS ?? 10_000);
const METRICS = 20;
const POINTS = Number(process.env.CAIRN_E2E_POINTS ?? 1_000_000);
const figures = {};
let server;
let browser;
let api;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  api = apiClient(server.url, "perf");
});

after(async () => {
  fs.mkdirSync(path.resolve(here, "../test-results"), { recursive: true });
  fs.writeFileSync(path.resolve(here, "../test-results/figures.json"), JSON.stringify(figures, null, 2) + "\n");
  console.log(`figures: ${JSON.stringify(figures)}`);
  await browser?.close();
  await server?.stop();
});

async function pool(n, concurrency, fn) {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < n) await fn(next++);
    }),
  );
}

test(`${RUNS} runs × ${METRICS} metric columns: first rows fast, never more than a screenful rendered`, async () => {
  const t0 = Date.now();
  await api.post(`${L}/experiments`, { name: "big" });
  await pool(RUNS, 16, async (i) => {
    const r = await api.post(`${L}/runs`, { experiment_name: "big", name: `r${i}`, params: { seed: String(i % 97) } });
    const metrics = Array.from({ length: METRICS }, (_, k) => ({ key: `m${String(k).padStart(2, "0")}`, value: Math.sin(i * (k + 1)) + k, step: 0 }));
    await api.post(`${L}/runs/${r.run_id}/metrics`, { metrics });
  });
  figures.seed_runs_seconds = (Date.now() - t0) / 1000;

  const page = await browser.context.newPage();
  const c = new Checked(page, server.url);
  // Records, from navigation start, when the first run row appears and the most rows ever in
  // the DOM at once.
  await page.addInitScript(() => {
    const w = window;
    w.__maxRows = 0;
    new MutationObserver(() => {
      const n = document.querySelectorAll("tbody tr[data-index]").length;
      if (n > 0 && w.__firstRow === undefined) w.__firstRow = performance.now();
      if (n > w.__maxRows) w.__maxRows = n;
    }).observe(document, { childList: true, subtree: true });
  });
  const cols = Array.from({ length: METRICS }, (_, k) => `metrics.m${String(k).padStart(2, "0")}`).join(",");
  await c.goto(`/experiments/big?cols=${cols}`);
  await page.locator('tbody tr[data-index="0"]').waitFor();
  figures.runs_first_row_ms = Math.round(await page.evaluate(() => window.__firstRow));
  const region = page.getByRole("region", { name: "Runs of big" });
  const geometry = await region.evaluate((el) => {
    const row = el.querySelector("tbody tr[data-index]");
    return { height: el.clientHeight, row: row ? row.getBoundingClientRect().height : 31 };
  });
  // Rows that fit in the viewport.
  const screenful = Math.ceil(geometry.height / geometry.row);
  assert.equal(await page.locator("thead th").count(), 5 + METRICS);

  // Scroll a screen at a time through the first pages, then jump to the end until every page
  // has loaded (each jump brings the next server page).
  const t1 = Date.now();
  for (let i = 0; i < 60; i++) {
    await region.evaluate((el) => {
      el.scrollTop += el.clientHeight;
    });
    await page.waitForTimeout(10);
  }
  for (let i = 0; i < 2000; i++) {
    const state = await region.evaluate((el) => {
      el.scrollTop = el.scrollHeight;
      return { atEnd: el.scrollTop + el.clientHeight >= el.scrollHeight - 2, loaded: el.querySelector('[data-testid="runs-loaded"]')?.textContent ?? "" };
    });
    if (state.atEnd && state.loaded.startsWith(`${RUNS.toLocaleString("en-US")} runs loaded`) && !state.loaded.includes("more")) break;
    await page.waitForTimeout(20);
  }
  // The virtualizer renders the rows for a scroll position on its next frame, and the last page
  // may have arrived after the final jump: scroll to the end once more and wait for the row.
  await region.evaluate((el) => {
    el.scrollTop = el.scrollHeight;
  });
  const lastRow = page.locator(`tbody tr[data-index="${RUNS - 1}"]`);
  await lastRow.waitFor({ timeout: 10_000 }).catch(() => {});
  figures.scroll_to_end_seconds = (Date.now() - t1) / 1000;
  assert.equal(await lastRow.count(), 1, "the last run is rendered at the end");
  figures.rows_in_dom_max = await page.evaluate(() => window.__maxRows);
  figures.rows_per_screen = screenful;
  const overscan = 3;
  // A screenful, a partly visible row at each edge, and the overscan on both sides.
  const bound = screenful + 2 + 2 * overscan;
  figures.rows_in_dom_bound = bound;
  assert.ok(figures.rows_in_dom_max <= bound, `at most a screenful (${screenful}) + 2 partial rows + overscan; saw ${figures.rows_in_dom_max}`);
  await c.check("perf-10k-runs-end", { fullPage: false });
  c.assertClean();
  await page.close();
});

test(`a ${POINTS}-point metric charts fast, downsampled to the plot's width`, async () => {
  await api.post(`${L}/experiments`, { name: "long" });
  const run = await api.post(`${L}/runs`, { experiment_name: "long", name: "million" });
  const t0 = Date.now();
  const BATCH = 10_000;
  await pool(Math.ceil(POINTS / BATCH), 4, async (b) => {
    const metrics = [];
    for (let s = b * BATCH; s < Math.min(POINTS, (b + 1) * BATCH); s++) metrics.push({ key: "loss", value: 1 / (1 + s / 1000) + 0.05 * Math.sin(s / 50), step: s, timestamp: 1_700_000_000_000 + s });
    await api.post(`${L}/runs/${run.run_id}/metrics`, { metrics });
  });
  figures.seed_points_seconds = (Date.now() - t0) / 1000;

  const page = await browser.context.newPage();
  const c = new Checked(page, server.url);
  await page.addInitScript(() => {
    new MutationObserver(() => {
      if (window.__chartReady === undefined && document.querySelector('[data-testid="chart-loss"][data-ready="1"] canvas')) window.__chartReady = performance.now();
    }).observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ["data-ready"] });
  });
  const history = page.waitForResponse((r) => /\/metrics\/loss\?/.test(r.url()));
  await c.goto(`/runs/${run.run_id}?tab=metrics&keys=loss`);
  const res = await history;
  await page.locator('[data-testid="chart-loss"][data-ready="1"]').waitFor();
  figures.million_points_chart_ms = Math.round(await page.evaluate(() => window.__chartReady));
  const u = new URL(res.url());
  figures.million_points_max_points = Number(u.searchParams.get("max_points"));
  figures.million_points_drawn = Number(await page.getByTestId("chart-loss").getAttribute("data-points"));
  const timing = await page.evaluate(() => performance.getEntriesByType("resource").filter((e) => e.name.includes("/metrics/loss?")).map((e) => Math.round(e.responseEnd - e.requestStart))[0]);
  figures.million_points_request_ms = timing;
  assert.ok(figures.million_points_drawn <= figures.million_points_max_points, "no more points than the plot is wide");
  await c.check("perf-million-points", { fullPage: false });
  c.assertClean();
  await page.close();
});

test("initial JavaScript of the first page", async () => {
  const page = await browser.context.newPage();
  const c = new Checked(page, server.url);
  await c.goto("/");
  await page.getByRole("heading", { name: "Overview" }).waitFor();
  const js = await page.evaluate(() =>
    performance
      .getEntriesByType("resource")
      .filter((e) => e.name.endsWith(".js"))
      .map((e) => ({ name: e.name.split("/").pop(), transfer: e.encodedBodySize, size: e.decodedBodySize })),
  );
  const entry = js.filter((j) => j.name.startsWith("index-"));
  figures.initial_js_entry_br_kb = +(entry.reduce((s, j) => s + j.transfer, 0) / 1024).toFixed(1);
  figures.first_page_js_br_kb = +(js.reduce((s, j) => s + j.transfer, 0) / 1024).toFixed(1);
  figures.first_page_js_files = js.length;
  c.assertClean();
  await page.close();
});
