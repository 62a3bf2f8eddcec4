// Field-by-field difference between two feature versions (type, schema constraints, source).
import type { FeatureVersion } from "../../api/types";

export interface DiffRow {
  field: string;
  a: string;
  b: string;
  changed: boolean;
}

function flatten(prefix: string, v: unknown, out: Map<string, string>) {
  if (v !== null && typeof v === "object" && !Array.isArray(v)) {
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) flatten(prefix ? `${prefix}.${k}` : k, x, out);
    return;
  }
  out.set(prefix, v === undefined ? "" : JSON.stringify(v));
}

export function diffVersions(a: FeatureVersion, b: FeatureVersion): DiffRow[] {
  const fa = new Map<string, string>();
  const fb = new Map<string, string>();
  flatten("value_type", a.value_type, fa);
  flatten("value_type", b.value_type, fb);
  flatten("schema", a.schema ?? {}, fa);
  flatten("schema", b.schema ?? {}, fb);
  flatten("source", a.source ?? null, fa);
  flatten("source", b.source ?? null, fb);
  const keys = [...new Set([...fa.keys(), ...fb.keys()])].sort();
  return keys.map((field) => {
    const x = fa.get(field) ?? "";
    const y = fb.get(field) ?? "";
    return { field, a: x, b: y, changed: x !== y };
  });
}
