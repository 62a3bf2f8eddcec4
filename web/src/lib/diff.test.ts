import { describe, expect, it } from "vitest";

import { diffLines } from "./diff";

describe("diffLines", () => {
  it("pairs changed lines and keeps common ones", () => {
    expect(diffLines("a\nb\nc", "a\nB\nc\nd")).toEqual([
      { left: "a", right: "a", kind: "same" },
      { left: "b", right: "B", kind: "change" },
      { left: "c", right: "c", kind: "same" },
      { left: null, right: "d", kind: "add" },
    ]);
  });

  it("reports deletions", () => {
    expect(diffLines("x\ny", "y")).toEqual([
      { left: "x", right: null, kind: "del" },
      { left: "y", right: "y", kind: "same" },
    ]);
  });
});
