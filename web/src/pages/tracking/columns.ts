// Run table columns chosen by the user: `metrics.<key>`, `params.<key>`, `tags.<key>`, or one of
// the run attributes. The same names are the server's order_by keys.
import type { Run } from "../../api/types";

export type ColumnKind = "metrics" | "params" | "tags" | "attributes";

export interface RunColumn {
  id: string; // e.g. "metrics.auc"
  kind: ColumnKind;
  key: string;
}

export const ATTRIBUTE_COLUMNS = ["name", "status", "start_time", "end_time", "created_by"] as const;

export function parseColumn(id: string): RunColumn | null {
  const dot = id.indexOf(".");
  if (dot <= 0) return null;
  const kind = id.slice(0, dot);
  const key = id.slice(dot + 1);
  if (!key) return null;
  if (kind === "metrics" || kind === "params" || kind === "tags" || kind === "attributes") return { id, kind, key };
  return null;
}

export function cellValue(run: Run, c: RunColumn): string | number | null {
  switch (c.kind) {
    case "metrics":
      return run.metrics?.[c.key]?.value ?? null;
    case "params":
      return run.params?.[c.key] ?? null;
    case "tags":
      return run.tags?.[c.key] ?? null;
    case "attributes": {
      const v = (run as Record<string, unknown>)[c.key];
      return typeof v === "string" || typeof v === "number" ? v : null;
    }
  }
}

// Keys present in the loaded runs, per kind, sorted.
export function availableKeys(runs: readonly Run[]): Record<"metrics" | "params" | "tags", string[]> {
  const m = new Set<string>();
  const p = new Set<string>();
  const t = new Set<string>();
  for (const r of runs) {
    for (const k of Object.keys(r.metrics ?? {})) m.add(k);
    for (const k of Object.keys(r.params ?? {})) p.add(k);
    for (const k of Object.keys(r.tags ?? {})) t.add(k);
  }
  const sort = (s: Set<string>) => [...s].sort((a, b) => a.localeCompare(b, undefined, { numeric: true }));
  return { metrics: sort(m), params: sort(p), tags: sort(t) };
}

// order_by text for a column id and direction, and back.
export function orderByFor(id: string, desc: boolean): string {
  return `${id} ${desc ? "DESC" : "ASC"}`;
}

export function parseOrderBy(text: string): { id: string; desc: boolean } | null {
  const m = /^\s*(\S+)(?:\s+(asc|desc))?\s*$/i.exec(text);
  if (!m || !m[1]) return null;
  return { id: m[1], desc: (m[2] ?? "asc").toLowerCase() === "desc" };
}
