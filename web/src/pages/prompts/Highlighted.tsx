// The prompt body with each evaluation finding marked at its position. The server's offsets
// are UTF-8 bytes; segmentByBytes maps them onto the string.
import type { PromptFinding } from "../../api/types";
import { segmentByBytes } from "../../lib/utf8";

const RANK: Record<string, number> = { info: 0, low: 1, medium: 2, high: 3, critical: 4 };

export function Highlighted({ body, findings, label = "Body with findings highlighted" }: { body: string; findings: readonly PromptFinding[]; label?: string }) {
  const segments = segmentByBytes(body, findings);
  return (
    <div className="highlighted" role="document" aria-label={label} data-testid="highlighted">
      {segments.map((s, i) => {
        if (s.marks.length === 0) return <span key={i}>{s.text}</span>;
        const worst = s.marks.reduce((a, b) => ((RANK[b.severity ?? "info"] ?? 0) > (RANK[a.severity ?? "info"] ?? 0) ? b : a));
        return (
          <mark key={i} className={`finding sev-${worst.severity}`} title={s.marks.map((m) => `${m.rule}: ${m.message}`).join("\n")} data-rule={s.marks.map((m) => m.rule).join(" ")}>
            {s.text}
          </mark>
        );
      })}
    </div>
  );
}

export function FindingsList({ findings }: { findings: readonly PromptFinding[] }) {
  if (findings.length === 0) return <p className="muted">No findings.</p>;
  return (
    <ul className="findings" aria-label="Findings">
      {findings.map((f, i) => (
        <li key={i}>
          <span className={`badge tone-${f.severity === "high" || f.severity === "critical" ? "bad" : f.severity === "medium" ? "warn" : "muted"}`}>{f.severity}</span> <code>{f.rule}</code> {f.message}
          {typeof f.start === "number" ? <span className="muted"> (bytes {f.start}–{f.end})</span> : null}
        </li>
      ))}
    </ul>
  );
}
