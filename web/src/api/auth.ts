// The identity endpoints the console needs, typed by hand (narrower than the generated client's
// types: only what the console reads):
//   POST /api/v1/auth/login {user, password} → session cookie
//   POST /api/v1/auth/logout
//   GET  /api/v1/auth/me → {name, display_name, role}; 404 means the server runs with auth off
import { problemOf, rawFetch } from "./client";

export type Role = "viewer" | "editor" | "approver" | "admin";

export interface Me {
  name: string;
  display_name?: string;
  role: Role;
}

export type MeResult = { mode: "off" } | { mode: "on"; me: Me | null };

const ROLES: readonly Role[] = ["viewer", "editor", "approver", "admin"];

export function parseRole(v: unknown): Role {
  return ROLES.includes(v as Role) ? (v as Role) : "viewer";
}

export async function fetchMe(): Promise<MeResult> {
  const r = await rawFetch("/api/v1/auth/me", { headers: { Accept: "application/json" } });
  if (r.status === 404) return { mode: "off" };
  if (r.status === 401) return { mode: "on", me: null };
  if (!r.ok) throw await problemOf(r);
  const body = (await r.json()) as Record<string, unknown>;
  return {
    mode: "on",
    me: {
      name: String(body.name ?? ""),
      display_name: typeof body.display_name === "string" ? body.display_name : undefined,
      role: parseRole(body.role),
    },
  };
}

export async function login(user: string, password: string): Promise<void> {
  const r = await rawFetch("/api/v1/auth/login", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ user, password }),
  });
  if (!r.ok) throw await problemOf(r);
}

export async function logout(): Promise<void> {
  const r = await rawFetch("/api/v1/auth/logout", { method: "POST" });
  if (!r.ok && r.status !== 401) throw await problemOf(r);
}
