import { describe, expect, it } from "vitest";

import { denyReason, roleAllows } from "./roles";

describe("roles", () => {
  it("orders viewer < editor < approver < admin", () => {
    expect(roleAllows("viewer", "tracking.write")).toBe(false);
    expect(roleAllows("editor", "tracking.write")).toBe(true);
    expect(roleAllows("editor", "registry.promote")).toBe(false);
    expect(roleAllows("approver", "prompts.review")).toBe(true);
    expect(roleAllows("approver", "admin")).toBe(false);
    expect(roleAllows("admin", "admin")).toBe(true);
  });

  it("lets the server decide with auth off", () => {
    expect(denyReason(null, "registry.promote")).toBeNull();
  });

  it("names the role needed", () => {
    expect(denyReason("viewer", "datasets.write")).toBe("needs the editor role (you are viewer)");
  });
});
