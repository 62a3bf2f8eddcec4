import { useMemo } from "react";
import { Link } from "react-router";

import { useRuns } from "../../api/hooks/tracking";
import type { Run } from "../../api/types";
import { ChartControls, MetricChart, type ChartSettings } from "../../components/charts/MetricChart";
import { ParallelCoords } from "../../components/charts/ParallelCoords";
import { Scatter } from "../../components/charts/simple";
import { Empty, ErrorBox, Loading } from "../../components/DataState";
import { fmtNum, PageHeader, Tabs } from "../../components/ui";
import { chartControlsPatch } from "../../lib/chart";
import { bool, list, oneOf, str, useUrlState } from "../../lib/urlState";
import { availableKeys, cellValue, parseColumn } from "./columns";
import { formatZoom, parseZoom } from "./zoom";

const MAX_RUNS = 100;
const TABS = [
  { id: "charts", label: "Metric histories" },
  { id: "parallel", label: "Parallel coordinates" },
  { id: "scatter", label: "Scatter" },
  { id: "diff", label: "Diff table" },
] as const;

const schema = {
  runs: list,
  tab: oneOf(["charts", "parallel", "scatter", "diff"] as const, "charts"),
  axis: oneOf(["step", "time"] as const, "step"),
  log: bool(false),
  smooth: str("0"),
  zoom: list,
  keys: list,
  axes: list,
  x: str(),
  y: str(),
  only: bool(false),
};

function label(r: Run) {
  return r.name || (r.run_id ?? "").slice(0, 8);
}

function numeric(v: string | number | null): number | null {
  if (v === null) return null;
  const n = typeof v === "number" ? v : Number(v);
  return Number.isFinite(n) && String(v).trim() !== "" ? n : null;
}

function DiffTable({ runs, onlyDiff }: { runs: Run[]; onlyDiff: boolean }) {
  const keys = availableKeys(runs);
  const rows = [...keys.params.map((k) => `params.${k}`), ...keys.metrics.map((k) => `metrics.${k}`), ...keys.tags.map((k) => `tags.${k}`)];
  const shown = rows
    .map((id) => {
      const col = parseColumn(id);
      const values = runs.map((r) => (col ? cellValue(r, col) : null));
      const distinct = new Set(values.map((v) => (v === null ? "∅" : String(v))));
      return { id, values, differs: distinct.size > 1 };
    })
    .filter((r) => !onlyDiff || r.differs);
  if (shown.length === 0) return <Empty>{onlyDiff ? "These runs have the same params, metrics and tags." : "These runs have no params, metrics or tags."}</Empty>;
  return (
    <div className="table-wrap" tabIndex={0} style={{ maxHeight: "70vh" }}>
      <table className="data">
        <thead>
          <tr>
            <th>key</th>
            {runs.map((r) => (
              <th key={r.run_id}>
                <Link to={`/runs/${r.run_id}`}>{label(r)}</Link>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {shown.map((row) => (
            <tr key={row.id} className={row.differs ? "differs" : undefined}>
              <th scope="row">
                {row.id}
                {row.differs && <span className="sr-only"> (differs)</span>}
              </th>
              {row.values.map((v, i) => (
                <td key={i} className={row.differs ? "diff-cell" : undefined}>
                  {typeof v === "number" ? fmtNum(v) : (v ?? "—")}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function ComparePage() {
  const [s, set] = useUrlState(schema);
  const ids = s.runs.slice(0, MAX_RUNS);
  const q = useRuns(ids);
  const runs = useMemo(() => q.data ?? [], [q.data]);
  const keys = useMemo(() => availableKeys(runs), [runs]);
  const settings: ChartSettings = { axis: s.axis, log: s.log, smoothing: Math.min(0.99, Math.max(0, Number(s.smooth) || 0)) };
  const zoom = useMemo(() => parseZoom(s.zoom), [s.zoom]);
  const refs = useMemo(() => runs.map((r) => ({ id: r.run_id ?? "", label: label(r) })), [runs]);
  const allAxes = [...keys.params.map((k) => `params.${k}`), ...keys.metrics.map((k) => `metrics.${k}`)];
  const axes = s.axes.length > 0 ? s.axes.filter((a) => allAxes.includes(a)) : allAxes.slice(0, 8);
  const pcAxes = useMemo(
    () =>
      axes.map((id) => {
        const col = parseColumn(id);
        return { name: id, values: runs.map((r) => (col ? cellValue(r, col) : null)) };
      }),
    [axes, runs],
  );
  const xId = s.x || allAxes[0] || "";
  const yId = s.y || allAxes[1] || allAxes[0] || "";
  const scatter = useMemo(() => {
    const cx = parseColumn(xId);
    const cy = parseColumn(yId);
    if (!cx || !cy) return [];
    return runs
      .map((r) => ({ x: numeric(cellValue(r, cx)), y: numeric(cellValue(r, cy)), name: label(r) }))
      .filter((p): p is { x: number; y: number; name: string } => p.x !== null && p.y !== null);
  }, [runs, xId, yId]);
  const metricKeys = s.keys.length > 0 ? s.keys.filter((k) => keys.metrics.includes(k)) : keys.metrics;

  return (
    <section>
      <PageHeader title={`Compare ${ids.length} runs`} subtitle={s.runs.length > MAX_RUNS ? `Only the first ${MAX_RUNS} runs are compared.` : undefined} />
      {ids.length === 0 ? (
        <Empty>Select runs in an experiment's table, then choose Compare.</Empty>
      ) : q.isPending ? (
        <Loading what="Loading runs" />
      ) : q.isError ? (
        <ErrorBox error={q.error} />
      ) : (
        <>
          <p className="row">
            {runs.map((r) => (
              <Link key={r.run_id} to={`/runs/${r.run_id}`} className="badge tone-info">
                {label(r)}
              </Link>
            ))}
          </p>
          <Tabs label="Comparison views" tabs={TABS} value={s.tab} onChange={(tab) => set({ tab })} />
          {s.tab === "charts" && (
            <>
              <ChartControls settings={settings} onChange={(c) => set(chartControlsPatch(c))} />
              {keys.metrics.length === 0 ? (
                <Empty>These runs have no metrics.</Empty>
              ) : (
                <div className="grid-2">
                  {metricKeys.map((k) => (
                    <div className="panel" key={k}>
                      <MetricChart metricKey={k} runs={refs} settings={settings} window={zoom[k] ?? null} onWindow={(w) => set({ zoom: formatZoom({ ...zoom, [k]: w }) })} />
                    </div>
                  ))}
                </div>
              )}
            </>
          )}
          {s.tab === "parallel" && (
            <div className="panel">
              <details>
                <summary>Axes ({axes.length})</summary>
                {allAxes.map((a) => (
                  <label key={a} style={{ marginRight: 12 }}>
                    <input type="checkbox" checked={axes.includes(a)} onChange={() => set({ axes: axes.includes(a) ? axes.filter((x) => x !== a) : [...axes, a] })} /> {a}
                  </label>
                ))}
              </details>
              {axes.length === 0 ? <Empty>No params or metrics to draw.</Empty> : <ParallelCoords axes={pcAxes} lines={refs.map((r) => r.label)} label={`Parallel coordinates over ${axes.join(", ")}`} />}
            </div>
          )}
          {s.tab === "scatter" && (
            <div className="panel">
              <div className="filters">
                <label>
                  X{" "}
                  <select value={xId} onChange={(e) => set({ x: e.target.value })}>
                    {allAxes.map((a) => (
                      <option key={a}>{a}</option>
                    ))}
                  </select>
                </label>
                <label>
                  Y{" "}
                  <select value={yId} onChange={(e) => set({ y: e.target.value })}>
                    {allAxes.map((a) => (
                      <option key={a}>{a}</option>
                    ))}
                  </select>
                </label>
              </div>
              {scatter.length === 0 ? <Empty>No run has numeric values for both axes.</Empty> : <Scatter points={scatter} xLabel={xId} yLabel={yId} label={`${yId} against ${xId}`} />}
            </div>
          )}
          {s.tab === "diff" && (
            <>
              <label className="row" style={{ marginBottom: 8 }}>
                <input type="checkbox" checked={s.only} onChange={(e) => set({ only: e.target.checked })} /> only rows that differ
              </label>
              <DiffTable runs={runs} onlyDiff={s.only} />
            </>
          )}
        </>
      )}
    </section>
  );
}
