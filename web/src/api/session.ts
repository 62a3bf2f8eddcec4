// Who the console acts as, and the identity headers every request carries.
//
// Auth off (the server answers 404 at /api/v1/auth/me): the acting user chosen in the settings
// menu is sent as `X-Cairn-User`. Auth on: the session cookie authenticates; cookie-
// authenticated writes echo the readable `cairn_csrf` cookie in `X-CSRF-Token` (double
// submit). A 401 anywhere hands control to the registered handler (back to the login page).

const USER_KEY = "cairn.actingUser";
const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export type AuthMode = "unknown" | "off" | "on";

interface SessionState {
  mode: AuthMode;
  actingUser: string;
  onUnauthenticated: (() => void) | null;
}

function storedUser(): string {
  try {
    return globalThis.localStorage?.getItem(USER_KEY) ?? "";
  } catch {
    return "";
  }
}

const state: SessionState = { mode: "unknown", actingUser: storedUser(), onUnauthenticated: null };
const listeners = new Set<() => void>();

export function subscribeSession(fn: () => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

function notify() {
  for (const fn of listeners) fn();
}

export function authMode(): AuthMode {
  return state.mode;
}

export function setAuthMode(mode: AuthMode) {
  if (state.mode === mode) return;
  state.mode = mode;
  notify();
}

export function actingUser(): string {
  return state.actingUser;
}

export function setActingUser(name: string) {
  state.actingUser = name.trim();
  try {
    if (state.actingUser) globalThis.localStorage?.setItem(USER_KEY, state.actingUser);
    else globalThis.localStorage?.removeItem(USER_KEY);
  } catch {
    // Private mode: the choice lasts for this page only.
  }
  notify();
}

export function setUnauthenticatedHandler(fn: (() => void) | null) {
  state.onUnauthenticated = fn;
}

export function handleUnauthenticated() {
  state.onUnauthenticated?.();
}

export function readCookie(name: string): string | null {
  const all = globalThis.document?.cookie ?? "";
  for (const part of all.split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return null;
}

// Headers identifying the caller for one request.
export function identityHeaders(method: string): Record<string, string> {
  const h: Record<string, string> = {};
  if (state.mode !== "on" && state.actingUser) h["X-Cairn-User"] = state.actingUser;
  if (UNSAFE.has(method.toUpperCase())) {
    const csrf = readCookie("cairn_csrf");
    if (csrf) h["X-CSRF-Token"] = csrf;
  }
  return h;
}
