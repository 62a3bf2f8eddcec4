// View state in the URL: typed search-param hooks, so a reload or a shared link reproduces the
// view. Defaults are not written to the URL.
import { useCallback, useEffect, useMemo, useRef } from "react";
import { useSearchParams } from "react-router";

// Method syntax on purpose: it keeps Codec<string> assignable to Codec<unknown> in a Schema.
export interface Codec<T> {
  parse(raw: string | null): T;
  format(v: T): string | null;
}

export const str = (def = ""): Codec<string> => ({
  parse: (raw) => raw ?? def,
  format: (v) => (v === def ? null : v),
});

export const int = (def: number): Codec<number> => ({
  parse: (raw) => {
    if (raw === null || raw.trim() === "") return def;
    const n = Number(raw);
    return Number.isFinite(n) ? Math.trunc(n) : def;
  },
  format: (v) => (v === def ? null : String(v)),
});

export const optInt: Codec<number | null> = {
  parse: (raw) => {
    if (raw === null || raw.trim() === "") return null;
    const n = Number(raw);
    return Number.isFinite(n) ? Math.trunc(n) : null;
  },
  format: (v) => (v === null ? null : String(v)),
};

export const bool = (def = false): Codec<boolean> => ({
  parse: (raw) => (raw === null ? def : raw === "1" || raw === "true"),
  format: (v) => (v === def ? null : v ? "1" : "0"),
});

// A comma-separated list; items are percent-encoded by URLSearchParams, commas inside items
// are escaped as %2C by encodeURIComponent first.
export const list: Codec<string[]> = {
  parse: (raw) => (raw ? raw.split(",").filter((s) => s !== "").map(decodeURIComponent) : []),
  format: (v) => (v.length === 0 ? null : v.map(encodeURIComponent).join(",")),
};

export function oneOf<T extends string>(values: readonly T[], def: T): Codec<T> {
  return {
    parse: (raw) => (values.includes(raw as T) ? (raw as T) : def),
    format: (v) => (v === def ? null : v),
  };
}

export type Schema = Record<string, Codec<unknown>>;
export type StateOf<S extends Schema> = { [K in keyof S]: S[K] extends Codec<infer T> ? T : never };

export function decodeState<S extends Schema>(schema: S, params: URLSearchParams): StateOf<S> {
  const out: Record<string, unknown> = {};
  for (const [k, codec] of Object.entries(schema)) out[k] = codec.parse(params.get(k));
  return out as StateOf<S>;
}

// Applies a partial update to the params; keys outside the schema are kept.
export function encodeState<S extends Schema>(schema: S, params: URLSearchParams, patch: Partial<StateOf<S>>): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const [k, v] of Object.entries(patch)) {
    const codec = schema[k];
    if (!codec) continue;
    const f = codec.format(v);
    if (f === null) next.delete(k);
    else next.set(k, f);
  }
  return next;
}

export function useUrlState<S extends Schema>(schema: S) {
  const [params, setParams] = useSearchParams();
  const state = useMemo(() => decodeState(schema, params), [schema, params]);
  // The router hands a functional update the params of the last render, not those of a
  // navigation still in flight, so two quick changes (pick an axis, then tick a box) would lose
  // the first. Updates build on the last one asked for until the router renders it.
  const pending = useRef<URLSearchParams | null>(null);
  useEffect(() => {
    pending.current = null;
  }, [params]);
  const update = useCallback(
    (patch: Partial<StateOf<S>>, opts: { replace?: boolean } = {}) => {
      const next = encodeState(schema, pending.current ?? params, patch);
      pending.current = next;
      setParams(next, { replace: opts.replace ?? true });
    },
    [schema, params, setParams],
  );
  return [state, update] as const;
}
