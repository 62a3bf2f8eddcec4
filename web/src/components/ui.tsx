// Small presentational pieces shared by every page.
import { useId, type ButtonHTMLAttributes, type ReactNode } from "react";

import { useAuth } from "../auth/AuthContext";
import type { Action } from "../auth/roles";

const TONES: Record<string, string> = {
  // run / experiment / evaluation status
  running: "info", completed: "ok", failed: "bad", killed: "muted", active: "ok", archived: "muted",
  queued: "info", pass: "ok", fail: "bad",
  // stages
  none: "muted", staging: "info", production: "ok",
  // deployments
  pending: "muted", validating: "info", deploying: "info", rollback: "warn", terminated: "muted",
  healthy: "ok", degraded: "warn", unhealthy: "bad", unknown: "muted",
  // severities
  low: "muted", medium: "warn", high: "bad", critical: "bad", info: "muted",
  // prompts
  draft: "muted", pending_review: "warn", approved: "ok", rejected: "bad", deprecated: "muted",
  deprecated_feature: "muted",
};

export function Badge({ value, tone }: { value: string | null | undefined; tone?: string }) {
  const v = value ?? "—";
  return <span className={`badge tone-${tone ?? TONES[v] ?? "muted"}`}>{v.replace(/_/g, " ")}</span>;
}

export function Time({ value }: { value: string | null | undefined }) {
  if (!value) return <span className="muted">—</span>;
  const d = new Date(value);
  return (
    <time dateTime={value} title={value}>
      {Number.isNaN(d.getTime()) ? value : d.toLocaleString()}
    </time>
  );
}

export function fmtNum(v: number | null | undefined, digits = 4): string {
  if (v === null || v === undefined || Number.isNaN(v)) return "—";
  if (Number.isInteger(v) && Math.abs(v) < 1e15) return String(v);
  const a = Math.abs(v);
  if (a !== 0 && (a < 1e-3 || a >= 1e6)) return v.toExponential(3);
  return v.toFixed(digits).replace(/\.?0+$/, "");
}

export function fmtBytes(n: number | null | undefined): string {
  if (n === null || n === undefined) return "—";
  const units = ["B", "KB", "MB", "GB", "TB"];
  let v = n;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${i === 0 ? v : v.toFixed(1)} ${units[i]}`;
}

type ButtonProps = ButtonHTMLAttributes<HTMLButtonElement> & {
  action?: Action;
  reason?: string | null; // an extra reason to disable (e.g. "not allowed from this status")
  variant?: "primary" | "danger" | "plain";
};

// A button the caller's role may forbid: disabled, with the reason shown next to it and
// announced to assistive technology.
export function ActionButton({ action, reason, variant = "plain", children, disabled, className, ...rest }: ButtonProps) {
  const auth = useAuth();
  const id = useId();
  const denied = (action ? auth.deny(action) : null) ?? reason ?? null;
  return (
    <span className="action">
      <button
        type="button"
        {...rest}
        className={`btn btn-${variant} ${className ?? ""}`}
        disabled={disabled || denied !== null}
        aria-describedby={denied ? id : rest["aria-describedby"]}
      >
        {children}
      </button>
      {denied && (
        <span id={id} className="reason">
          {denied}
        </span>
      )}
    </span>
  );
}

export function Field({ label, children, hint }: { label: string; children: (id: string) => ReactNode; hint?: ReactNode }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children(id)}
      {hint && <small className="hint">{hint}</small>}
    </div>
  );
}

export function KeyValues({ data, empty = "none" }: { data: Record<string, unknown> | null | undefined; empty?: string }) {
  const entries = Object.entries(data ?? {});
  if (entries.length === 0) return <span className="muted">{empty}</span>;
  return (
    <dl className="kv">
      {entries.map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>{typeof v === "string" ? v : typeof v === "number" ? fmtNum(v) : JSON.stringify(v)}</dd>
        </div>
      ))}
    </dl>
  );
}

export function Tabs<T extends string>({ tabs, value, onChange, label }: { tabs: readonly { id: T; label: string }[]; value: T; onChange: (t: T) => void; label: string }) {
  return (
    <div role="tablist" aria-label={label} className="tabs">
      {tabs.map((t) => (
        <button
          key={t.id}
          role="tab"
          type="button"
          aria-selected={t.id === value}
          tabIndex={t.id === value ? 0 : -1}
          className={t.id === value ? "tab active" : "tab"}
          onClick={() => onChange(t.id)}
          onKeyDown={(e) => {
            const i = tabs.findIndex((x) => x.id === value);
            if (e.key === "ArrowRight" || e.key === "ArrowLeft") {
              const next = tabs[(i + (e.key === "ArrowRight" ? 1 : tabs.length - 1)) % tabs.length];
              if (next) onChange(next.id);
            }
          }}
        >
          {t.label}
        </button>
      ))}
    </div>
  );
}

export function PageHeader({ title, children, subtitle }: { title: ReactNode; children?: ReactNode; subtitle?: ReactNode }) {
  return (
    <header className="page-header">
      <div>
        <h1>{title}</h1>
        {subtitle && <p className="subtitle">{subtitle}</p>}
      </div>
      {children && <div className="page-actions">{children}</div>}
    </header>
  );
}

export function LoadMore({ query }: { query: { hasNextPage: boolean; isFetchingNextPage: boolean; fetchNextPage: () => unknown } }) {
  if (!query.hasNextPage) return null;
  return (
    <button type="button" className="btn btn-plain load-more" disabled={query.isFetchingNextPage} onClick={() => void query.fetchNextPage()}>
      {query.isFetchingNextPage ? "Loading…" : "Load more"}
    </button>
  );
}
