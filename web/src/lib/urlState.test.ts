import { describe, expect, it } from "vitest";

import { bool, decodeState, encodeState, int, list, oneOf, optInt, str } from "./urlState";

const schema = {
  filter: str(),
  tab: oneOf(["overview", "metrics"] as const, "overview"),
  offset: int(0),
  log: bool(false),
  cols: list,
  v: optInt,
};

describe("URL state", () => {
  it("round-trips every codec through the query string", () => {
    const state = { filter: "metrics.auc > 0.8 and params.depth = '6'", tab: "metrics" as const, offset: 150, log: true, cols: ["metrics.auc", "params.a,b", "tags.팀"], v: 3 };
    const params = encodeState(schema, new URLSearchParams(), state);
    const reparsed = new URLSearchParams(params.toString());
    expect(decodeState(schema, reparsed)).toEqual(state);
  });

  it("leaves defaults out of the URL and keeps unrelated keys", () => {
    const params = encodeState(schema, new URLSearchParams("other=1&tab=metrics"), { filter: "", tab: "overview", offset: 0, log: false, cols: [], v: null });
    expect(params.toString()).toBe("other=1");
  });

  it("falls back to defaults on junk", () => {
    const s = decodeState(schema, new URLSearchParams("tab=nope&offset=abc&v="));
    expect(s.tab).toBe("overview");
    expect(s.offset).toBe(0);
    expect(s.v).toBeNull();
  });
});
