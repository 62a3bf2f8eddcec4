// One metric's history on canvas. The server downsamples to the plot's pixel width
// (max_points); zooming (drag) refetches the selected step window at full resolution for that
// width; double click goes back to the whole history.
import { useQueries } from "@tanstack/react-query";
import { useCallback, useMemo, useState } from "react";
import type uPlot from "uplot";

import { fetchMetricHistory } from "../../api/hooks/tracking";
import { alignSeries, colorFor, forLog, pointsForWidth, selectionToWindow, smooth, type Point, type StepWindow } from "../../lib/chart";
import { ErrorBox, Loading } from "../DataState";
import { UPlot } from "./UPlot";

export interface ChartSettings {
  axis: "step" | "time";
  log: boolean;
  smoothing: number; // 0..0.99
}

export interface MetricChartProps {
  metricKey: string;
  runs: { id: string; label: string }[];
  settings: ChartSettings;
  window: StepWindow | null;
  onWindow: (w: StepWindow | null) => void;
  height?: number;
}

export function MetricChart({ metricKey, runs, settings, window: win, onWindow, height = 220 }: MetricChartProps) {
  const [width, setWidth] = useState(0);
  const maxPoints = pointsForWidth(width || 600);
  const queries = useQueries({
    queries: runs.map((r) => ({
      queryKey: ["metric", r.id, metricKey, { ...win, max_points: maxPoints }],
      enabled: width > 0,
      placeholderData: (prev: unknown) => prev,
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        fetchMetricHistory(r.id, metricKey, { min_step: win?.min_step, max_step: win?.max_step, max_points: maxPoints }, signal),
    })),
  });

  const histories = queries.map((q) => (q.data?.items ?? []) as Point[]);
  const downsampled = queries.some((q) => q.data?.downsampled);
  const points = histories.reduce((n, h) => n + h.length, 0);
  const dataKey = queries.map((q) => q.dataUpdatedAt).join(",");

  // Keyed on the queries' update times, not on the histories array (a new array every render).
  const data = useMemo<uPlot.AlignedData>(() => {
    const series = histories.map((h) => {
      const x = h.map((p) => (settings.axis === "step" ? p.step : p.timestamp / 1000));
      let y: (number | null)[] = h.map((p) => p.value);
      if (settings.smoothing > 0) y = smooth(y, settings.smoothing);
      if (settings.log) y = forLog(y);
      return { x, y };
    });
    if (series.length === 1 && series[0]) return [series[0].x, series[0].y] as uPlot.AlignedData;
    return alignSeries(series) as uPlot.AlignedData;
  }, [dataKey, settings.axis, settings.smoothing, settings.log]);

  const options = useMemo<Omit<uPlot.Options, "width">>(
    () => ({
      height,
      legend: { show: runs.length > 1 || true },
      scales: { x: { time: settings.axis === "time" }, y: { distr: settings.log ? 3 : 1 } },
      axes: [
        { stroke: "currentColor", space: settings.axis === "time" ? 90 : 50, grid: { stroke: "rgba(128,128,128,0.15)" }, ticks: { stroke: "rgba(128,128,128,0.3)" } },
        { stroke: "currentColor", grid: { stroke: "rgba(128,128,128,0.15)" }, ticks: { stroke: "rgba(128,128,128,0.3)" }, size: 60 },
      ],
      series: [
        { label: settings.axis === "step" ? "step" : "time" },
        ...runs.map((r, i) => ({ label: r.label, stroke: colorFor(i), width: 1.5, spanGaps: true, points: { show: false } })),
      ],
    }),
    [height, runs, settings.axis, settings.log],
  );

  const onSelect = useCallback(
    (x0: number, x1: number) => {
      const all = histories.flat();
      const w = selectionToWindow(all, settings.axis, x0, x1);
      if (w) onWindow(w);
    },
    [dataKey, settings.axis, onWindow],
  );

  const error = queries.find((q) => q.isError)?.error;
  const loading = queries.some((q) => q.isPending) && width > 0;
  return (
    <div className="metric-chart" data-testid={`chart-${metricKey}`} data-points={points} data-ready={!loading && points > 0 ? "1" : "0"}>
      <div className="chart-toolbar">
        <strong>{metricKey}</strong>
        <span className="muted">
          {points.toLocaleString()} points{downsampled ? " (downsampled)" : ""}
          {win ? ` · steps ${win.min_step ?? "…"}–${win.max_step ?? "…"}` : ""}
        </span>
        {win && (
          <button type="button" className="btn btn-plain" onClick={() => onWindow(null)}>
            Reset zoom
          </button>
        )}
      </div>
      {error ? <ErrorBox error={error} /> : null}
      {loading && points === 0 ? <Loading what="Loading history" /> : null}
      <UPlot
        options={options}
        data={data}
        onSelect={onSelect}
        onReset={() => onWindow(null)}
        onWidth={setWidth}
        label={`${metricKey} by ${settings.axis}${win ? `, steps ${win.min_step}–${win.max_step}` : ""}`}
      />
    </div>
  );
}

export function ChartControls({ settings, onChange }: { settings: ChartSettings; onChange: (s: Partial<ChartSettings>) => void }) {
  return (
    <div className="row chart-controls" role="group" aria-label="Chart settings">
      <label>
        X axis{" "}
        <select value={settings.axis} onChange={(e) => onChange({ axis: e.target.value === "time" ? "time" : "step" })}>
          <option value="step">step</option>
          <option value="time">time</option>
        </select>
      </label>
      <label>
        <input type="checkbox" checked={settings.log} onChange={(e) => onChange({ log: e.target.checked })} /> log scale
      </label>
      <label>
        smoothing{" "}
        <input
          type="range"
          min={0}
          max={0.99}
          step={0.01}
          value={settings.smoothing}
          onChange={(e) => onChange({ smoothing: Number(e.target.value) })}
          aria-valuetext={settings.smoothing.toFixed(2)}
        />{" "}
        {settings.smoothing.toFixed(2)}
      </label>
      <span className="hint">Drag to zoom (refetches that window), double-click to reset.</span>
    </div>
  );
}
