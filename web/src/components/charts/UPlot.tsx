// A uPlot canvas that follows its container's width. `onSelect` receives the x range of a
// drag selection (the selection box is cleared); a double click calls `onReset`.
import "uplot/dist/uPlot.min.css";

import { useEffect, useRef, useState } from "react";
import uPlot from "uplot";

export interface UPlotProps {
  options: Omit<uPlot.Options, "width">;
  data: uPlot.AlignedData;
  onSelect?: (x0: number, x1: number) => void;
  onReset?: () => void;
  onWidth?: (width: number) => void;
  label: string;
}

export function UPlot({ options, data, onSelect, onReset, onWidth, label }: UPlotProps) {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const [width, setWidth] = useState(0);
  const handlers = useRef({ onSelect, onReset });
  handlers.current = { onSelect, onReset };

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const ro = new ResizeObserver((entries) => {
      const w = Math.floor(entries[0]?.contentRect.width ?? 0);
      if (w > 0) setWidth(w);
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  useEffect(() => {
    if (width > 0) onWidth?.(width);
  }, [width, onWidth]);

  // Recreate on option changes (axis, scale type); data updates go through setData.
  useEffect(() => {
    const el = box.current;
    if (!el || width === 0) return;
    const opts: uPlot.Options = {
      ...options,
      width,
      hooks: {
        ...options.hooks,
        setSelect: [
          (u) => {
            if (u.select.width < 3) return;
            const x0 = u.posToVal(u.select.left, "x");
            const x1 = u.posToVal(u.select.left + u.select.width, "x");
            u.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
            handlers.current.onSelect?.(x0, x1);
          },
        ],
      },
      cursor: { ...options.cursor, drag: { x: true, y: false, setScale: false } },
    };
    const u = new uPlot(opts, data, el);
    plot.current = u;
    const dbl = () => handlers.current.onReset?.();
    u.over.addEventListener("dblclick", dbl);
    return () => {
      u.over.removeEventListener("dblclick", dbl);
      u.destroy();
      plot.current = null;
    };
    // Not on data: it is applied below (recreating on every data change would lose the cursor).
  }, [options, width]);

  useEffect(() => {
    plot.current?.setData(data);
  }, [data]);

  return <div ref={box} className="chart" role="img" aria-label={label} />;
}
