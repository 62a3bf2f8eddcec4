// Parallel coordinates on a canvas: one vertical axis per param or metric, one line per run.
// Numeric axes are scaled min..max; text values are placed evenly in sorted order.
import { useEffect, useRef, useState } from "react";

import { colorFor } from "../../lib/chart";

export interface PcAxis {
  name: string;
  values: (number | string | null)[]; // one per line
}

export interface PcScale {
  numeric: boolean;
  pos: (v: number | string | null) => number | null; // 0 (bottom) .. 1 (top)
  ticks: { at: number; label: string }[];
}

export function scaleFor(values: readonly (number | string | null)[]): PcScale {
  const present = values.filter((v): v is number | string => v !== null && v !== "");
  const numeric = present.length > 0 && present.every((v) => typeof v === "number" || (v.trim() !== "" && Number.isFinite(Number(v))));
  if (numeric) {
    const nums = present.map(Number);
    const min = Math.min(...nums);
    const max = Math.max(...nums);
    const span = max - min || 1;
    return {
      numeric,
      pos: (v) => (v === null || v === "" ? null : (Number(v) - min) / span),
      ticks: [
        { at: 0, label: String(+min.toPrecision(4)) },
        { at: 1, label: String(+max.toPrecision(4)) },
      ],
    };
  }
  const cats = [...new Set(present.map(String))].sort();
  const step = cats.length > 1 ? 1 / (cats.length - 1) : 0.5;
  return {
    numeric,
    pos: (v) => (v === null ? null : cats.length > 1 ? cats.indexOf(String(v)) * step : 0.5),
    ticks: cats.slice(0, 12).map((c, i) => ({ at: cats.length > 1 ? i * step : 0.5, label: c })),
  };
}

export function ParallelCoords({ axes, lines, label }: { axes: PcAxis[]; lines: string[]; label: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const box = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const ro = new ResizeObserver((e) => setWidth(Math.floor(e[0]?.contentRect.width ?? 0)));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  useEffect(() => {
    const c = ref.current;
    if (!c || width === 0 || axes.length === 0) return;
    const h = 320;
    const dpr = window.devicePixelRatio || 1;
    c.width = width * dpr;
    c.height = h * dpr;
    c.style.width = `${width}px`;
    c.style.height = `${h}px`;
    const g = c.getContext("2d");
    if (!g) return;
    g.scale(dpr, dpr);
    const color = getComputedStyle(c).color;
    const top = 24;
    const bottom = h - 30;
    const left = 60;
    const right = width - 60;
    const xAt = (i: number) => (axes.length === 1 ? (left + right) / 2 : left + ((right - left) * i) / (axes.length - 1));
    const scales = axes.map((a) => scaleFor(a.values));
    g.clearRect(0, 0, width, h);
    g.lineWidth = 1.2;
    lines.forEach((_, li) => {
      g.strokeStyle = colorFor(li);
      g.globalAlpha = lines.length > 30 ? 0.5 : 0.85;
      g.beginPath();
      let drawing = false;
      axes.forEach((a, ai) => {
        const p = scales[ai]?.pos(a.values[li] ?? null);
        if (p === null || p === undefined) {
          drawing = false;
          return;
        }
        const y = bottom - p * (bottom - top);
        if (drawing) g.lineTo(xAt(ai), y);
        else g.moveTo(xAt(ai), y);
        drawing = true;
      });
      g.stroke();
    });
    g.globalAlpha = 1;
    g.strokeStyle = color;
    g.fillStyle = color;
    g.font = "11px system-ui, sans-serif";
    g.textAlign = "center";
    axes.forEach((a, ai) => {
      const x = xAt(ai);
      g.beginPath();
      g.moveTo(x, top);
      g.lineTo(x, bottom);
      g.stroke();
      g.fillText(a.name.length > 22 ? `${a.name.slice(0, 21)}…` : a.name, x, h - 10);
      for (const t of scales[ai]?.ticks ?? []) g.fillText(t.label.length > 14 ? `${t.label.slice(0, 13)}…` : t.label, x, bottom - t.at * (bottom - top) - 4);
    });
  }, [axes, lines, width]);
  return (
    <div ref={box} className="chart">
      <canvas ref={ref} role="img" aria-label={label} />
    </div>
  );
}
