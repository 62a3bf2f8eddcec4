import { describe, expect, it } from "vitest";

import { byteToIndex, segmentByBytes, utf8Length } from "./utf8";

describe("byteToIndex", () => {
  it("maps ASCII one to one", () => {
    expect(byteToIndex("hello", 0)).toBe(0);
    expect(byteToIndex("hello", 3)).toBe(3);
    expect(byteToIndex("hello", 99)).toBe(5);
  });

  it("maps Korean (3 bytes per syllable) to string indices", () => {
    const s = "안녕 user@example.com";
    // "안" = bytes 0..2, "녕" = 3..5, " " = 6, "u" = 7
    expect(byteToIndex(s, 0)).toBe(0);
    expect(byteToIndex(s, 3)).toBe(1);
    expect(byteToIndex(s, 6)).toBe(2);
    expect(byteToIndex(s, 7)).toBe(3);
    // an offset inside a character maps to its start
    expect(byteToIndex(s, 4)).toBe(1);
  });

  it("handles astral characters (4 bytes, 2 UTF-16 units)", () => {
    const s = "a😀b";
    expect(utf8Length(s)).toBe(6);
    expect(byteToIndex(s, 1)).toBe(1);
    expect(byteToIndex(s, 5)).toBe(3);
  });
});

describe("segmentByBytes", () => {
  it("highlights an email after Korean text at the server's byte offsets", () => {
    const body = "고객 이메일: kim@example.com 입니다";
    const enc = new TextEncoder();
    const start = enc.encode("고객 이메일: ").length;
    const end = start + enc.encode("kim@example.com").length;
    const segs = segmentByBytes(body, [{ start, end, rule: "pii.email" }]);
    const marked = segs.filter((s) => s.marks.length > 0).map((s) => s.text);
    expect(marked).toEqual(["kim@example.com"]);
    expect(segs.map((s) => s.text).join("")).toBe(body);
  });

  it("splits overlapping findings and ignores positionless or out-of-range ones", () => {
    const segs = segmentByBytes("abcdef", [
      { start: 0, end: 4, id: 1 },
      { start: 2, end: 6, id: 2 },
      { start: null, end: null, id: 3 },
      { start: 10, end: 12, id: 4 },
    ]);
    expect(segs.map((s) => [s.text, s.marks.map((m) => m.id)])).toEqual([
      ["ab", [1]],
      ["cd", [1, 2]],
      ["ef", [2]],
    ]);
  });

  it("returns the whole text unmarked without findings", () => {
    expect(segmentByBytes("한국어", [])).toEqual([{ text: "한국어", marks: [] }]);
  });
});
