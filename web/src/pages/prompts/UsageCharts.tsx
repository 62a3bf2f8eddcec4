// Usage of one version: the server's summary, and count / success rate / latency p50 and p95
// over time computed from the recent events it returns (at most 100).
import { useMemo } from "react";
import type uPlot from "uplot";

import { useUsage } from "../../api/hooks/prompts";
import type { PromptUsageSummary } from "../../api/types";
import { UPlot } from "../../components/charts/UPlot";
import { Empty, ErrorBox, Loading } from "../../components/DataState";
import { fmtNum } from "../../components/ui";
import { colorFor } from "../../lib/chart";

export interface UsageBucket {
  t: number; // bucket start, seconds
  count: number;
  successRate: number | null;
  p50: number | null;
  p95: number | null;
}

function percentile(sorted: number[], q: number): number | null {
  if (sorted.length === 0) return null;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return (sorted[lo] as number) + ((sorted[hi] as number) - (sorted[lo] as number)) * (pos - lo);
}

// Buckets events by time: hourly when they span less than three days, daily otherwise.
export function bucketUsage(events: PromptUsageSummary["recent"]): UsageBucket[] {
  const ev = (events ?? []).map((e) => ({ t: Date.parse(e.at ?? ""), ok: e.success ?? false, ms: e.latency_ms ?? 0 })).filter((e) => Number.isFinite(e.t));
  if (ev.length === 0) return [];
  const min = Math.min(...ev.map((e) => e.t));
  const max = Math.max(...ev.map((e) => e.t));
  const size = max - min < 3 * 86_400_000 ? 3_600_000 : 86_400_000;
  const groups = new Map<number, typeof ev>();
  for (const e of ev) {
    const k = Math.floor(e.t / size) * size;
    groups.set(k, [...(groups.get(k) ?? []), e]);
  }
  return [...groups.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([k, g]) => {
      const lat = g.map((e) => e.ms).sort((a, b) => a - b);
      return { t: k / 1000, count: g.length, successRate: g.filter((e) => e.ok).length / g.length, p50: percentile(lat, 0.5), p95: percentile(lat, 0.95) };
    });
}

function Chart({ buckets, series, label }: { buckets: UsageBucket[]; series: { name: string; get: (b: UsageBucket) => number | null }[]; label: string }) {
  const data = useMemo<uPlot.AlignedData>(() => [buckets.map((b) => b.t), ...series.map((s) => buckets.map(s.get))], [buckets, series]);
  const options = useMemo<Omit<uPlot.Options, "width">>(
    () => ({
      height: 160,
      // One bucket alone would stretch the axis over years: keep an hour either side.
      scales: { x: { time: true, range: (_u, min, max) => (max - min < 3600 ? [min - 3600, max + 3600] : [min, max]) } },
      axes: [{ stroke: "currentColor" }, { stroke: "currentColor", size: 50 }],
      series: [{ label: "time" }, ...series.map((s, i) => ({ label: s.name, stroke: colorFor(i), width: 1.5, points: { show: true, size: 5 } }))],
    }),
    [series],
  );
  return <UPlot options={options} data={data} label={label} />;
}

const COUNT = [{ name: "uses", get: (b: UsageBucket) => b.count }];
const SUCCESS = [{ name: "success rate", get: (b: UsageBucket) => b.successRate }];
const LATENCY = [
  { name: "p50 ms", get: (b: UsageBucket) => b.p50 },
  { name: "p95 ms", get: (b: UsageBucket) => b.p95 },
];

export function UsageCharts({ templateId, version }: { templateId: string; version: number }) {
  const q = useUsage(templateId, version);
  const buckets = useMemo(() => bucketUsage(q.data?.recent), [q.data]);
  if (q.isPending) return <Loading />;
  if (q.isError) return <ErrorBox error={q.error} />;
  const u = q.data;
  if ((u.count ?? 0) === 0) return <Empty>No recorded use of v{version} yet.</Empty>;
  return (
    <div className="stack">
      <dl className="kv panel">
        <div>
          <dt>uses</dt>
          <dd>{u.count}</dd>
        </div>
        <div>
          <dt>success rate</dt>
          <dd>{fmtNum(u.success_rate)}</dd>
        </div>
        <div>
          <dt>latency p50 / p95</dt>
          <dd>
            {fmtNum(u.latency_ms?.p50)} / {fmtNum(u.latency_ms?.p95)} ms
          </dd>
        </div>
        <div>
          <dt>tokens in / out</dt>
          <dd>
            {u.input_tokens} / {u.output_tokens}
          </dd>
        </div>
        <div>
          <dt>cost</dt>
          <dd>${fmtNum(u.cost_usd)}</dd>
        </div>
      </dl>
      <p className="hint">Over time, from the latest {(u.recent ?? []).length} uses:</p>
      <div className="grid">
        <div className="panel">
          <h3>Count</h3>
          <Chart buckets={buckets} series={COUNT} label="Uses over time" />
        </div>
        <div className="panel">
          <h3>Success rate</h3>
          <Chart buckets={buckets} series={SUCCESS} label="Success rate over time" />
        </div>
        <div className="panel">
          <h3>Latency</h3>
          <Chart buckets={buckets} series={LATENCY} label="Latency p50 and p95 over time" />
        </div>
      </div>
    </div>
  );
}
