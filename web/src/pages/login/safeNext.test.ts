import { describe, expect, it } from "vitest";

import { safeNext } from "./LoginPage";

describe("the return address after sign-in", () => {
  it("keeps same-origin paths with their query", () => {
    expect(safeNext("/experiments/churn?filter=metrics.auc%20%3E%200.8")).toBe("/experiments/churn?filter=metrics.auc%20%3E%200.8");
  });

  it("refuses other origins and loops", () => {
    for (const bad of [null, "", "https://evil.example/", "//evil.example/x", "/login?next=/", "javascript:alert(1)"]) expect(safeNext(bad)).toBe("/");
  });
});
