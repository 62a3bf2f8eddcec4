// The prompt evaluator reports finding positions as UTF-8 byte offsets; JavaScript strings are
// indexed in UTF-16 code units. These helpers convert between the two.

// UTF-8 length of the code point starting at UTF-16 index i of s, and its UTF-16 width.
function codePointAt(s: string, i: number): { bytes: number; units: number } {
  const cp = s.codePointAt(i) ?? 0;
  const units = cp > 0xffff ? 2 : 1;
  const bytes = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  return { bytes, units };
}

// UTF-16 index of a UTF-8 byte offset. An offset inside a multi-byte character maps to the
// start of that character; offsets past the end clamp to s.length.
export function byteToIndex(s: string, byteOffset: number): number {
  let bytes = 0;
  let i = 0;
  while (i < s.length) {
    const { bytes: b, units } = codePointAt(s, i);
    if (bytes + b > byteOffset) return i;
    bytes += b;
    i += units;
  }
  return s.length;
}

export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; ) {
    const { bytes, units } = codePointAt(s, i);
    n += bytes;
    i += units;
  }
  return n;
}

export interface Span {
  start: number; // UTF-8 byte offsets, end exclusive
  end: number;
}

export interface Segment<T> {
  text: string;
  marks: T[]; // the spans covering this piece of text
}

// Splits `s` into pieces at every span boundary (spans may overlap); each piece lists the
// spans that cover it. Spans with no position (null) or out of range are ignored.
export function segmentByBytes<T extends { start?: number | null; end?: number | null }>(s: string, spans: readonly T[]): Segment<T>[] {
  const total = utf8Length(s);
  const valid = spans.filter(
    (f): f is T & Span => typeof f.start === "number" && typeof f.end === "number" && f.start >= 0 && f.end > f.start && f.start < total,
  );
  const cuts = new Set<number>([0, s.length]);
  const ranges = valid.map((f) => {
    const a = byteToIndex(s, f.start);
    const b = Math.max(a, byteToIndex(s, Math.min(f.end, total)));
    cuts.add(a);
    cuts.add(b);
    return { a, b, f };
  });
  const points = [...cuts].sort((x, y) => x - y);
  const out: Segment<T>[] = [];
  for (let k = 0; k + 1 < points.length; k++) {
    const a = points[k] as number;
    const b = points[k + 1] as number;
    if (b <= a) continue;
    out.push({ text: s.slice(a, b), marks: ranges.filter((r) => r.a <= a && r.b >= b).map((r) => r.f) });
  }
  return out;
}
