import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";

import { ApiError } from "../api/errors";
import { FilterBox, fieldError } from "./FilterBox";

afterEach(cleanup);

const serverError = new ApiError(400, {
  status: 400,
  detail: "filter: expected a comparison operator at position 14, found '>>'",
  errors: [{ field: "filter", message: "expected a comparison operator at position 14, found '>>'" }],
});

describe("FilterBox", () => {
  it("applies the text on Enter", () => {
    const onApply = vi.fn();
    render(<FilterBox value="" onApply={onApply} error={null} />);
    const input = screen.getByLabelText("Filter runs");
    fireEvent.change(input, { target: { value: "metrics.auc > 0.8" } });
    fireEvent.keyDown(input, { key: "Enter" });
    expect(onApply).toHaveBeenCalledWith("metrics.auc > 0.8");
  });

  it("shows the server's detail verbatim and a caret under the position it names", () => {
    render(<FilterBox value="metrics.loss >> 1" onApply={() => undefined} error={serverError} />);
    expect(screen.getByRole("alert").textContent).toBe("filter: expected a comparison operator at position 14, found '>>'");
    const caret = screen.getByTestId("filter-caret");
    expect(caret.textContent).toBe(`${" ".repeat(13)}^`);
    expect(screen.getByLabelText("Filter runs").getAttribute("aria-invalid")).toBe("true");
  });

  it("counts the position in characters, not bytes", () => {
    const err = new ApiError(400, { status: 400, detail: "filter: unexpected '!' at position 12", errors: [{ field: "filter" }] });
    render(<FilterBox value="tags.팀 = 'a' !" onApply={() => undefined} error={err} />);
    expect(screen.getByTestId("filter-caret").textContent).toBe(`${" ".repeat(11)}^`);
  });

  it("ignores errors about other fields", () => {
    expect(fieldError(serverError, "order_by")).toBeNull();
    expect(fieldError(new ApiError(500, { detail: "boom" }), "filter")).toBeNull();
    render(<FilterBox value="x" onApply={() => undefined} error={serverError} field="order_by" label="Order by" />);
    expect(screen.queryByRole("alert")).toBeNull();
  });
});
