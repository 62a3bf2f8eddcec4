// Line diff (longest common subsequence) for the side-by-side prompt version view.

export interface DiffLine {
  left: string | null; // null: no line on this side
  right: string | null;
  kind: "same" | "del" | "add" | "change";
}

const MAX_CELLS = 4_000_000; // beyond this, fall back to a positional comparison

export function diffLines(a: string, b: string): DiffLine[] {
  const x = a.split("\n");
  const y = b.split("\n");
  const n = x.length;
  const m = y.length;
  if (n * m > MAX_CELLS) {
    return Array.from({ length: Math.max(n, m) }, (_, i) => {
      const l = x[i] ?? null;
      const r = y[i] ?? null;
      return { left: l, right: r, kind: l === r ? "same" : l === null ? "add" : r === null ? "del" : "change" };
    });
  }
  // lcs[i][j] = LCS length of x[i:] and y[j:]
  const lcs: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    const row = lcs[i] as Uint32Array;
    const below = lcs[i + 1] as Uint32Array;
    for (let j = m - 1; j >= 0; j--) row[j] = x[i] === y[j] ? (below[j + 1] as number) + 1 : Math.max(below[j] as number, row[j + 1] as number);
  }
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && x[i] === y[j]) {
      out.push({ left: x[i] as string, right: y[j] as string, kind: "same" });
      i++;
      j++;
    } else if (i < n && (j >= m || (lcs[i + 1]?.[j] ?? 0) >= (lcs[i]?.[j + 1] ?? 0))) {
      out.push({ left: x[i] as string, right: null, kind: "del" });
      i++;
    } else {
      out.push({ left: null, right: y[j] as string, kind: "add" });
      j++;
    }
  }
  // Pair a deletion directly followed by an addition as one changed line.
  const paired: DiffLine[] = [];
  for (let k = 0; k < out.length; k++) {
    const cur = out[k] as DiffLine;
    const next = out[k + 1];
    if (cur.kind === "del" && next?.kind === "add") {
      paired.push({ left: cur.left, right: next.right, kind: "change" });
      k++;
    } else paired.push(cur);
  }
  return paired;
}
