// The browser-test harness: a real `cairn serve` on an ephemeral port with a temporary database,
// Debian's Chromium through playwright-core (never a downloaded browser), and per-page checks
// (no console error, no unexpected failed request, axe-core: no serious or critical violation,
// a screenshot of every page).
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import { fileURLToPath } from "node:url";

import { chromium } from "playwright-core";

const here = path.dirname(fileURLToPath(import.meta.url));
export const repo = path.resolve(here, "../..");
export const shotsDir = path.resolve(here, "../test-results/screenshots");
const axeSource = fs.readFileSync(path.resolve(here, "../node_modules/axe-core/axe.min.js"), "utf8");

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

const defaultBinary = () => process.env.CAIRN_BINARY ?? path.join(repo, "build/release/cairn");

// The flags of a server with authentication required (a cheap password hash keeps tests fast).
export const AUTH_FLAGS = ["--auth", "required", "--password-hash-cost", "10"];

// Creates users on a server's storage directly, as an operator bootstraps them (`cairn user
// create`, then `cairn token create` for API seeding). `users`: {name: {role, password,
// display_name?}}. Resolves with {name: token}.
export function bootstrapUsers(server, users, { binary = defaultBinary() } = {}) {
  const storage = ["--storage", `sqlite://${server.dir}/cairn.db`, "--password-hash-cost", "10"];
  const tokens = {};
  for (const [name, u] of Object.entries(users)) {
    const display = u.display_name ? ["--display-name", u.display_name] : [];
    execFileSync(binary, ["user", "create", name, "--role", u.role, ...display, "--password-stdin", ...storage], { input: `${u.password}\n`, encoding: "utf8" });
    tokens[name] = execFileSync(binary, ["token", "create", "--user", name, "--name", "e2e-seed", ...storage], { encoding: "utf8" }).trim();
  }
  return tokens;
}

// Starts `cairn serve --port 0` on a fresh data folder; resolves with its base URL.
export async function startServer({ binary = defaultBinary(), extra = [] } = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cairn-e2e-"));
  const child = spawn(binary, ["serve", "--port", "0", "--data-dir", dir, "--storage", `sqlite://${dir}/cairn.db`, "--web-dir", path.join(repo, "web/dist"), "--no-access-log", ...extra], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  const stderr = [];
  child.stderr.on("data", (d) => stderr.push(d));
  const rl = readline.createInterface({ input: child.stdout });
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no listening line; stderr: ${Buffer.concat(stderr)}`)), 15000);
    rl.once("line", (line) => {
      clearTimeout(timer);
      const m = /^listening on (http:\/\/[^\s]+)$/.exec(line.trim());
      if (m) resolve(m[1]);
      else reject(new Error(`unexpected first line: ${line}`));
    });
    child.once("exit", (code) => reject(new Error(`cairn exited with ${code}: ${Buffer.concat(stderr)}`)));
  });
  return {
    url,
    dir,
    async stop() {
      if (child.exitCode === null) {
        child.kill("SIGTERM");
        await new Promise((r) => child.once("exit", r));
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

// A small API client for seeding data, acting as `user` (auth off: X-Cairn-User).
// `defaults` are headers sent with every call (e.g. an Authorization for a server with auth on).
export function apiClient(base, user = "seed", defaults = {}) {
  async function call(method, p, body, headers = {}) {
    const init = { method, headers: { "X-Cairn-User": user, ...defaults, ...headers } };
    if (body !== undefined) {
      if (typeof body === "string" || body instanceof Uint8Array) init.body = body;
      else {
        init.body = JSON.stringify(body);
        init.headers["Content-Type"] = "application/json";
      }
    }
    const r = await fetch(base + p, init);
    const text = await r.text();
    let json = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = text;
    }
    if (!r.ok) throw new Error(`${method} ${p} → ${r.status}: ${text.slice(0, 300)}`);
    return json;
  }
  return {
    as: (other) => apiClient(base, other, defaults),
    get: (p) => call("GET", p),
    post: (p, b, h) => call("POST", p, b ?? {}, h),
    patch: (p, b) => call("PATCH", p, b),
    put: (p, b, h) => call("PUT", p, b, h),
  };
}

export async function launchBrowser() {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "cairn-e2e-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1360, height: 900 },
    // The server's Content-Security-Policy (script-src 'self') forbids inline scripts; axe-core
    // is injected into the page by the tests, so only the test browser bypasses it.
    bypassCSP: true,
  });
  return {
    context,
    async close() {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

// One browser page with the checks every console page must pass. `allow(pattern, status)`
// declares a failed response a step expects (a refusal the test provokes on purpose).
export class Checked {
  constructor(page, base) {
    this.page = page;
    this.base = base;
    this.problems = [];
    this.allowed = [{ re: /\/api\/v1\/auth\/me$/, status: 404 }]; // auth-off detection
    this.axeReports = [];
    this.inflight = 0;
    page.on("request", () => this.inflight++);
    page.on("requestfinished", () => this.inflight--);
    page.on("requestfailed", () => this.inflight--);
    page.on("console", (msg) => {
      if (msg.type() !== "error") return;
      const text = msg.text();
      // Chromium logs every 4xx/5xx fetch as "Failed to load resource": those are judged by
      // the response check below (which knows the expected refusals).
      if (text.startsWith("Failed to load resource")) return;
      this.problems.push(`console error: ${text}`);
    });
    page.on("pageerror", (e) => this.problems.push(`page error: ${e.message}`));
    page.on("requestfailed", (req) => {
      const f = req.failure()?.errorText ?? "";
      if (f.includes("ERR_ABORTED")) return; // superseded query (TanStack cancels), navigation
      this.problems.push(`request failed: ${req.method()} ${req.url()} ${f}`);
    });
    page.on("response", (res) => {
      if (res.status() < 400) return;
      const u = new URL(res.url());
      const ok = this.allowed.some((a) => a.re.test(u.pathname + u.search) && a.status === res.status());
      if (!ok) this.problems.push(`HTTP ${res.status()}: ${res.request().method()} ${u.pathname}${u.search}`);
    });
  }

  allow(re, status) {
    this.allowed.push({ re, status });
  }

  async goto(p) {
    await this.page.goto(this.base + p);
  }

  // Resolves once no request has been in flight for `quietMs` (or after `maxMs`).
  async idle(quietMs = 120, maxMs = 5000) {
    const end = Date.now() + maxMs;
    let quietSince = Date.now();
    while (Date.now() < end) {
      if (this.inflight > 0) quietSince = Date.now();
      else if (Date.now() - quietSince >= quietMs) return;
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  // Screenshot + axe for the page as it is now (once its requests have settled).
  async check(name, { fullPage = true } = {}) {
    await this.idle();
    fs.mkdirSync(shotsDir, { recursive: true });
    await this.page.screenshot({ path: path.join(shotsDir, `${name}.png`), fullPage });
    const has = await this.page.evaluate(() => typeof window.axe !== "undefined");
    if (!has) await this.page.addScriptTag({ content: axeSource });
    const result = await this.page.evaluate(async () => {
      const r = await window.axe.run(document, { resultTypes: ["violations"] });
      return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ")) }));
    });
    const bad = result.filter((v) => v.impact === "serious" || v.impact === "critical");
    this.axeReports.push({ name, violations: result.length, serious: bad.length });
    for (const v of bad) this.problems.push(`axe ${v.impact} on ${name}: ${v.id} (${v.help}) at ${v.nodes.join(", ")}`);
  }

  assertClean() {
    if (this.problems.length > 0) {
      const p = this.problems.splice(0);
      throw new Error(`page problems:\n  ${p.join("\n  ")}`);
    }
  }
}
