import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import type { ApiError } from "./errors";

type Call = { url: string; method: string; headers: Headers };
let calls: Call[] = [];
let reply: () => Response;

beforeEach(() => {
  calls = [];
  vi.resetModules();
  vi.stubGlobal("fetch", async (input: Request | string, init?: RequestInit) => {
    const req = input instanceof Request ? input : new Request(new URL(String(input), "http://cairn.test"), init);
    calls.push({ url: req.url, method: req.method, headers: req.headers });
    return reply();
  });
  document.cookie = "cairn_csrf=; expires=Thu, 01 Jan 1970 00:00:00 GMT";
  localStorage.clear();
});

afterEach(() => vi.unstubAllGlobals());

const json = (status: number, body: unknown, type = "application/json") => new Response(JSON.stringify(body), { status, headers: { "Content-Type": type } });

async function load() {
  const session = await import("./session");
  const client = await import("./client");
  const errors = await import("./errors");
  return { ...session, ...client, ...errors };
}

describe("the typed client", () => {
  it("sends the acting user with auth off, and the CSRF cookie on writes", async () => {
    const m = await load();
    m.setAuthMode("off");
    m.setActingUser("alice");
    document.cookie = "cairn_csrf=tok123";
    reply = () => json(201, { name: "e" });
    await m.unwrap(m.api.POST("/api/v1/ml/lifecycle/experiments", { baseUrl: "http://cairn.test", body: { name: "e" } }));
    expect(calls[0]?.headers.get("X-Cairn-User")).toBe("alice");
    expect(calls[0]?.headers.get("X-CSRF-Token")).toBe("tok123");
    reply = () => json(200, { items: [], next_page_token: null });
    await m.unwrap(m.api.GET("/api/v1/ml/lifecycle/experiments", { baseUrl: "http://cairn.test" }));
    expect(calls[1]?.headers.get("X-CSRF-Token")).toBeNull();
  });

  it("never sends X-Cairn-User with auth on", async () => {
    const m = await load();
    m.setActingUser("mallory");
    m.setAuthMode("on");
    reply = () => json(200, { items: [], next_page_token: null });
    await m.unwrap(m.api.GET("/api/v1/audit", { baseUrl: "http://cairn.test" }));
    expect(calls[0]?.headers.get("X-Cairn-User")).toBeNull();
  });

  it("turns problem+json into an ApiError with the detail verbatim", async () => {
    const m = await load();
    reply = () => json(409, { type: "t", title: "Conflict", status: 409, detail: "required checklist items not done: owner_signoff", code: "failed_precondition" }, "application/problem+json");
    const err = await m.unwrap(m.api.GET("/api/v1/audit", { baseUrl: "http://cairn.test" })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(m.ApiError);
    expect((err as ApiError).status).toBe(409);
    expect((err as ApiError).message).toBe("required checklist items not done: owner_signoff");
    expect((err as ApiError).problem.code).toBe("failed_precondition");
  });

  it("hands a 401 to the login redirect", async () => {
    const m = await load();
    const onUnauth = vi.fn();
    m.setUnauthenticatedHandler(onUnauth);
    reply = () => json(401, { status: 401, detail: "sign in" }, "application/problem+json");
    await m.unwrap(m.api.GET("/api/v1/audit", { baseUrl: "http://cairn.test" })).catch(() => undefined);
    expect(onUnauth).toHaveBeenCalledTimes(1);
  });
});

describe("auth mode detection", () => {
  it("reads 404 at /api/v1/auth/me as auth off, a principal as auth on", async () => {
    const { fetchMe } = await import("./auth");
    reply = () => json(404, { status: 404, detail: "no resource at this path" }, "application/problem+json");
    expect(await fetchMe()).toEqual({ mode: "off" });
    reply = () => json(200, { name: "bob", display_name: "Bob", role: "approver" });
    expect(await fetchMe()).toEqual({ mode: "on", me: { name: "bob", display_name: "Bob", role: "approver" } });
    reply = () => json(401, { status: 401 }, "application/problem+json");
    expect(await fetchMe()).toEqual({ mode: "on", me: null });
  });
});
