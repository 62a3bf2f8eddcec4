// Per-metric zoom windows in the URL: `zoom=<key>:<min>:<max>,...` (keys percent-encoded).
import type { StepWindow } from "../../lib/chart";

export function parseZoom(items: readonly string[]): Record<string, StepWindow> {
  const out: Record<string, StepWindow> = {};
  for (const item of items) {
    const m = /^(.*):(-?\d+):(-?\d+)$/.exec(item);
    if (!m || m[1] === undefined) continue;
    out[decodeURIComponent(m[1])] = { min_step: Number(m[2]), max_step: Number(m[3]) };
  }
  return out;
}

export function formatZoom(z: Record<string, StepWindow | null>): string[] {
  return Object.entries(z)
    .filter((e): e is [string, StepWindow] => e[1] !== null && e[1].min_step !== undefined && e[1].max_step !== undefined)
    .map(([k, w]) => `${encodeURIComponent(k)}:${w.min_step}:${w.max_step}`);
}
