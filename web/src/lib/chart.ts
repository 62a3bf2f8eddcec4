// Pure helpers behind the metric charts: the window to fetch, smoothing, series alignment.

export interface Point {
  step: number;
  value: number;
  timestamp: number;
}

export interface StepWindow {
  min_step?: number;
  max_step?: number;
}

// Points to ask the server for: one per horizontal pixel of the plot, in buckets of 64 so a
// small resize does not refetch. At least 64, at most 4096.
export function pointsForWidth(width: number): number {
  const w = Math.max(64, Math.min(4096, Math.round(width)));
  return Math.ceil(w / 64) * 64;
}

// The step range covered by a horizontal selection [x0, x1] of the plot. On the step axis the
// selection is in steps; on the time axis it is in seconds and is mapped through the loaded
// points (the steps of the points whose time falls inside). Null when nothing is selected.
export function selectionToWindow(points: readonly Point[], axis: "step" | "time", x0: number, x1: number): StepWindow | null {
  const lo = Math.min(x0, x1);
  const hi = Math.max(x0, x1);
  if (!(hi > lo)) return null;
  if (axis === "step") {
    const a = Math.ceil(lo);
    const b = Math.floor(hi);
    if (b < a) return { min_step: Math.floor(lo), max_step: Math.ceil(hi) };
    return { min_step: a, max_step: b };
  }
  let min = Infinity;
  let max = -Infinity;
  for (const p of points) {
    const t = p.timestamp / 1000;
    if (t >= lo && t <= hi) {
      if (p.step < min) min = p.step;
      if (p.step > max) max = p.step;
    }
  }
  if (min === Infinity) return null;
  return { min_step: min, max_step: max };
}

// TensorBoard-style exponential moving average with debiasing; weight in [0, 1).
export function smooth(values: readonly (number | null)[], weight: number): (number | null)[] {
  if (!(weight > 0)) return values.slice();
  const w = Math.min(weight, 0.999);
  let last = 0;
  let n = 0;
  return values.map((v) => {
    if (v === null || !Number.isFinite(v)) return null;
    last = last * w + (1 - w) * v;
    n++;
    return last / (1 - Math.pow(w, n));
  });
}

// Values a log axis can draw: non-positive values become gaps.
export function forLog(values: readonly (number | null)[]): (number | null)[] {
  return values.map((v) => (v !== null && v > 0 ? v : null));
}

// Aligns several (x, y) series on the union of their x values (sorted), with null where a
// series has no point: the data layout uPlot expects.
export function alignSeries(series: readonly { x: readonly number[]; y: readonly (number | null)[] }[]): [number[], ...(number | null)[][]] {
  const xs = [...new Set(series.flatMap((s) => s.x))].sort((a, b) => a - b);
  const index = new Map(xs.map((x, i) => [x, i]));
  const ys = series.map((s) => {
    const out: (number | null)[] = new Array<number | null>(xs.length).fill(null);
    s.x.forEach((x, i) => {
      const at = index.get(x);
      if (at !== undefined) out[at] = s.y[i] ?? null;
    });
    return out;
  });
  return [xs, ...ys];
}

export const PALETTE = ["#2f6fd6", "#d9582b", "#2e9a55", "#9b4fd1", "#c9a227", "#17a2b8", "#d6336c", "#6c757d", "#8c564b", "#1f3b73"];

export function colorFor(i: number): string {
  return PALETTE[i % PALETTE.length] as string;
}

// The URL-state patch for a change from the chart controls: only the fields the control changed,
// so a second quick change does not write back the first one's old value.
export function chartControlsPatch(c: { axis?: "step" | "time"; log?: boolean; smoothing?: number }): { axis?: "step" | "time"; log?: boolean; smooth?: string } {
  const patch: { axis?: "step" | "time"; log?: boolean; smooth?: string } = {};
  if (c.axis !== undefined) patch.axis = c.axis;
  if (c.log !== undefined) patch.log = c.log;
  if (c.smoothing !== undefined) patch.smooth = String(c.smoothing);
  return patch;
}
