import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";

import type { ChecklistItem } from "../../api/types";
import { StaticAuthProvider } from "../../auth/AuthContext";
import { Checklist } from "./Checklist";

afterEach(cleanup);

const items: ChecklistItem[] = [
  { key: "data_validated", description: "Data validated", required: true, done: false, done_by: null, done_at: null, note: "" },
  { key: "owner_signoff", description: "Owner signed off", required: true, done: true, done_by: "carol", done_at: "2026-01-02T03:04:05.000Z", note: "looks good" },
];

describe("Checklist", () => {
  it("ticks with the note typed, and unticks a done item", () => {
    const onChange = vi.fn();
    render(
      <StaticAuthProvider value={{ mode: "off", role: null }}>
        <Checklist items={items} busy={false} onChange={onChange} />
      </StaticAuthProvider>,
    );
    const row = within(screen.getByTestId("check-data_validated"));
    fireEvent.change(row.getByLabelText("Note for data_validated"), { target: { value: "schema checked" } });
    fireEvent.click(row.getByRole("button", { name: "Tick data_validated" }));
    expect(onChange).toHaveBeenCalledWith("data_validated", true, "schema checked");
    const done = within(screen.getByTestId("check-owner_signoff"));
    expect(done.getByText("carol")).toBeTruthy();
    expect(done.getByText(/looks good/)).toBeTruthy();
    fireEvent.click(done.getByRole("button", { name: "Untick owner_signoff" }));
    expect(onChange).toHaveBeenCalledWith("owner_signoff", false, "");
  });

  it("disables sign-off items for an editor, with the reason", () => {
    render(
      <StaticAuthProvider value={{ mode: "on", role: "editor" }}>
        <Checklist items={items} busy={false} onChange={() => undefined} />
      </StaticAuthProvider>,
    );
    const signoff = within(screen.getByTestId("check-owner_signoff")).getByRole("button");
    expect((signoff as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByText("needs the approver role (you are editor)")).toBeTruthy();
    const tick = within(screen.getByTestId("check-data_validated")).getByRole("button");
    expect((tick as HTMLButtonElement).disabled).toBe(false);
  });

  it("disables everything for a viewer", () => {
    render(
      <StaticAuthProvider value={{ mode: "on", role: "viewer" }}>
        <Checklist items={items} busy={false} onChange={() => undefined} />
      </StaticAuthProvider>,
    );
    for (const b of screen.getAllByRole("button")) expect((b as HTMLButtonElement).disabled).toBe(true);
  });
});
