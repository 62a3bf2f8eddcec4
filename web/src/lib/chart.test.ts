import { describe, expect, it } from "vitest";

import { alignSeries, chartControlsPatch, forLog, pointsForWidth, selectionToWindow, smooth } from "./chart";

describe("pointsForWidth", () => {
  it("asks for about one point per pixel in buckets of 64", () => {
    expect(pointsForWidth(600)).toBe(640);
    expect(pointsForWidth(640)).toBe(640);
    expect(pointsForWidth(641)).toBe(704);
    expect(pointsForWidth(10)).toBe(64);
    expect(pointsForWidth(100000)).toBe(4096);
  });
});

describe("selectionToWindow", () => {
  const pts = [0, 1, 2, 3, 4, 5].map((s) => ({ step: s * 10, value: s, timestamp: 1_000_000 + s * 1000 }));

  it("rounds a step selection inward", () => {
    expect(selectionToWindow(pts, "step", 12.3, 41.9)).toEqual({ min_step: 13, max_step: 41 });
    expect(selectionToWindow(pts, "step", 41.9, 12.3)).toEqual({ min_step: 13, max_step: 41 });
  });

  it("keeps a selection narrower than one step", () => {
    expect(selectionToWindow(pts, "step", 12.2, 12.6)).toEqual({ min_step: 12, max_step: 13 });
  });

  it("maps a time selection to the steps of the points inside it", () => {
    expect(selectionToWindow(pts, "time", 1001.5, 1004.2)).toEqual({ min_step: 20, max_step: 40 });
    expect(selectionToWindow(pts, "time", 2000, 2001)).toBeNull();
  });

  it("ignores an empty selection", () => {
    expect(selectionToWindow(pts, "step", 5, 5)).toBeNull();
  });
});

describe("smooth", () => {
  it("is the identity at weight 0 and debiased otherwise", () => {
    expect(smooth([1, 2, 3], 0)).toEqual([1, 2, 3]);
    const s = smooth([1, 1, 1], 0.9);
    s.forEach((v) => expect(v).toBeCloseTo(1, 12));
    expect(smooth([0, 10], 0.5)[1]).toBeCloseTo((0.5 * 0 * 0.5 + 0.5 * 10) / (1 - 0.25), 12);
  });

  it("keeps gaps", () => {
    expect(smooth([1, null, 3], 0.5)[1]).toBeNull();
  });
});

describe("forLog and alignSeries", () => {
  it("drops non-positive values on a log axis", () => {
    expect(forLog([1, 0, -2, null, 5])).toEqual([1, null, null, null, 5]);
  });

  it("aligns series on the union of x values", () => {
    expect(
      alignSeries([
        { x: [0, 2], y: [1, 3] },
        { x: [1, 2], y: [10, 30] },
      ]),
    ).toEqual([
      [0, 1, 2],
      [1, null, 3],
      [null, 10, 30],
    ]);
  });
});

describe("chartControlsPatch", () => {
  it("carries only the fields the control changed", () => {
    expect(chartControlsPatch({ log: true })).toEqual({ log: true });
    expect(chartControlsPatch({ axis: "time" })).toEqual({ axis: "time" });
    expect(chartControlsPatch({ smoothing: 0.6 })).toEqual({ smooth: "0.6" });
    expect(chartControlsPatch({ log: false, smoothing: 0 })).toEqual({ log: false, smooth: "0" });
  });
});
