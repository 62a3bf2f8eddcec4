// The signed-in principal (auth on) or the acting user (auth off), for the whole console.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { createContext, useContext, useEffect, useMemo, useSyncExternalStore, type ReactNode } from "react";

import { fetchMe, logout as apiLogout, type Me, type Role } from "../api/auth";
import { actingUser, setActingUser, setAuthMode, subscribeSession, type AuthMode } from "../api/session";
import { denyReason, type Action } from "./roles";

export interface Auth {
  mode: AuthMode;
  me: Me | null; // auth on: who is signed in (null: not signed in)
  actingUser: string; // auth off: the X-Cairn-User name ("" = anonymous)
  role: Role | null; // null with auth off (the server decides)
  deny: (action: Action) => string | null;
  setActingUser: (name: string) => void;
  signOut: () => Promise<void>;
  refresh: () => Promise<unknown>;
}

const AuthCtx = createContext<Auth | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const qc = useQueryClient();
  const me = useQuery({ queryKey: ["auth-me"], queryFn: fetchMe, staleTime: Infinity, retry: false });
  const user = useSyncExternalStore(subscribeSession, actingUser, actingUser);
  const mode: AuthMode = me.data ? me.data.mode : "unknown";
  useEffect(() => setAuthMode(mode), [mode]);

  const value = useMemo<Auth>(() => {
    const principal = me.data?.mode === "on" ? me.data.me : null;
    const role = me.data?.mode === "on" ? (principal?.role ?? "viewer") : null;
    return {
      mode,
      me: principal,
      actingUser: user,
      role,
      deny: (action) => denyReason(role, action),
      setActingUser: (name) => {
        setActingUser(name);
        // Cached answers may depend on who asks (e.g. four-eyes refusals): refetch.
        void qc.invalidateQueries();
      },
      signOut: async () => {
        await apiLogout();
        qc.clear();
        await me.refetch();
      },
      refresh: () => me.refetch(),
    };
  }, [me, mode, user, qc]);

  return <AuthCtx.Provider value={value}>{children}</AuthCtx.Provider>;
}

export function useAuth(): Auth {
  const a = useContext(AuthCtx);
  if (!a) throw new Error("useAuth outside AuthProvider");
  return a;
}

// The name writes are attributed to, for display.
export function whoAmI(a: Auth): string {
  if (a.mode === "on") return a.me?.display_name || a.me?.name || "";
  return a.actingUser || "anonymous";
}

// A fixed principal, for component tests.
export function StaticAuthProvider({ value, children }: { value: Partial<Auth> & Pick<Auth, "mode" | "role">; children: ReactNode }) {
  const full: Auth = {
    me: null,
    actingUser: "",
    deny: (action) => denyReason(value.role, action),
    setActingUser: () => undefined,
    signOut: async () => undefined,
    refresh: async () => undefined,
    ...value,
  };
  return <AuthCtx.Provider value={full}>{children}</AuthCtx.Provider>;
}
