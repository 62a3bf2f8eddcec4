// Small charts without a time axis: horizontal bars (HTML), a heatmap (a table, so screen
// readers read the numbers), grouped histograms and scatter plots (uPlot canvas).
import { useMemo } from "react";
import uPlot from "uplot";

import { colorFor } from "../../lib/chart";
import { fmtNum } from "../ui";
import { UPlot } from "./UPlot";

export function BarList({ items, label, format = fmtNum }: { items: { name: string; value: number | null; best?: boolean }[]; label: string; format?: (v: number | null) => string }) {
  const max = Math.max(1e-12, ...items.map((i) => Math.abs(i.value ?? 0)));
  return (
    <div className="bars" role="list" aria-label={label}>
      {items.map((i) => (
        <div className="bar-row" role="listitem" key={i.name}>
          <span className={i.best ? "best" : undefined} title={i.name}>
            {i.name}
            {i.best ? " ★" : ""}
          </span>
          <span className="bar-track" aria-hidden="true">
            <span className={`bar-fill${(i.value ?? 0) < 0 ? " neg" : ""}`} style={{ width: `${(Math.abs(i.value ?? 0) / max) * 100}%`, display: "block" }} />
          </span>
          <span className="num">{format(i.value)}</span>
        </div>
      ))}
    </div>
  );
}

export function Heatmap({ labels, matrix, caption }: { labels: readonly (string | number)[]; matrix: readonly (readonly number[])[]; caption: string }) {
  const max = Math.max(1, ...matrix.flat());
  return (
    <table className="data heatmap">
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">actual ↓ / predicted →</th>
          {labels.map((l) => (
            <th scope="col" key={String(l)} className="num">
              {String(l)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {matrix.map((row, i) => (
          <tr key={i}>
            <th scope="row">{String(labels[i] ?? i)}</th>
            {row.map((v, j) => {
              const a = v / max;
              return (
                <td
                  key={j}
                  className="num"
                  // At most 55% blue under the page's own text colour: readable in both themes.
                  style={{ background: `rgba(47, 111, 214, ${(0.04 + a * 0.51).toFixed(3)})` }}
                >
                  {v}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

// Reference vs current counts per bin, overlaid (numeric: bin edges; categorical: category names).
// `bins` name each bin in full (legend); `ticks` (optional) label the axis more briefly.
export function Histogram({ bins, ticks, series, label, height = 180 }: { bins: string[]; ticks?: string[]; series: { label: string; counts: number[] }[]; label: string; height?: number }) {
  const data = useMemo<uPlot.AlignedData>(() => [bins.map((_, i) => i), ...series.map((s) => s.counts.map((c) => c))], [bins, series]);
  const options = useMemo<Omit<uPlot.Options, "width">>(() => {
    const bars = uPlot.paths.bars;
    // At most ~8 labelled ticks; the legend names the hovered bin in full.
    const every = Math.max(1, Math.ceil(bins.length / 8));
    const short = (b: string) => (b.length > 10 ? `${b.slice(0, 9)}…` : b);
    return {
      height,
      scales: {
        x: { time: false, range: (_u, min, max) => [min - 0.6, max + 0.6] },
        y: { range: (_u, _min, max) => [0, Math.max(1, max) * 1.08] },
      },
      axes: [
        {
          stroke: "currentColor",
          grid: { show: false },
          splits: () => bins.map((_, i) => i).filter((i) => i % every === 0),
          values: (_u, splits) => splits.map((v) => short((ticks ?? bins)[v] ?? "")),
        },
        { stroke: "currentColor", grid: { stroke: "rgba(128,128,128,0.15)" }, size: 50 },
      ],
      series: [
        { label: "bin", value: (_u, v) => (v === null || v === undefined ? "--" : (bins[Math.round(v)] ?? "--")) },
        ...series.map((s, i) => ({
          label: s.label,
          stroke: colorFor(i),
          fill: `${colorFor(i)}66`,
          // Overlaid, half transparent: where reference and current differ shows at once.
          paths: bars ? bars({ size: [0.9, 80] }) : undefined,
          points: { show: false },
        })),
      ],
    };
  }, [bins, ticks, series, height]);
  return <UPlot options={options} data={data} label={label} />;
}

export function Scatter({ points, xLabel, yLabel, label }: { points: { x: number; y: number; name: string }[]; xLabel: string; yLabel: string; label: string }) {
  const sorted = useMemo(() => [...points].sort((a, b) => a.x - b.x), [points]);
  const data = useMemo<uPlot.AlignedData>(() => [sorted.map((p) => p.x), sorted.map((p) => p.y)], [sorted]);
  const options = useMemo<Omit<uPlot.Options, "width">>(
    () => ({
      height: 300,
      mode: 1,
      scales: { x: { time: false } },
      axes: [
        { stroke: "currentColor", label: xLabel, grid: { stroke: "rgba(128,128,128,0.15)" } },
        { stroke: "currentColor", label: yLabel, grid: { stroke: "rgba(128,128,128,0.15)" }, size: 60 },
      ],
      series: [{ label: xLabel }, { label: yLabel, stroke: colorFor(0), paths: () => null, points: { show: true, size: 7, fill: colorFor(0) } }],
    }),
    [xLabel, yLabel],
  );
  return <UPlot options={options} data={data} label={label} />;
}
