import { useState } from "react";
import { Link, useParams } from "react-router";

import { useAudit } from "../../api/hooks/audit";
import { useDeployment, usePatchDeployment, useTerminateDeployment } from "../../api/hooks/registry";
import type { Deployment } from "../../api/types";
import { Empty, ErrorBox, Loading } from "../../components/DataState";
import { ActionButton, Badge, fmtNum, KeyValues, PageHeader, Time } from "../../components/ui";
import { isTerminal, nextStatuses } from "./machine";

const HEALTH = ["unknown", "healthy", "degraded", "unhealthy"] as const;

function Timeline({ d }: { d: Deployment }) {
  const audit = useAudit({ resource: `deployment/${d.id}` }, 200);
  if (audit.isPending) return <Loading />;
  if (audit.isError) return <ErrorBox error={audit.error} />;
  const records = [...(audit.data.pages.flatMap((p) => p.items ?? []) ?? [])].reverse();
  if (records.length === 0) return <Empty>No history.</Empty>;
  return (
    <ol className="timeline" aria-label="Status timeline">
      {records.map((r) => {
        const sm = r.summary ?? {};
        const to = typeof sm.to === "string" ? sm.to : typeof sm.status === "string" ? sm.status : null;
        const from = typeof sm.from === "string" ? sm.from : null;
        return (
          <li key={r.id}>
            <code>{r.action}</code> {from && to ? (
              <>
                <Badge value={from} /> → <Badge value={to} />
              </>
            ) : to ? (
              <Badge value={to} />
            ) : null}{" "}
            by <strong>{r.actor}</strong> <Time value={r.at} />
            {typeof sm.changed === "string" && <span className="muted"> ({sm.changed})</span>}
          </li>
        );
      })}
    </ol>
  );
}

export function DeploymentPage() {
  const id = useParams().id ?? "";
  const q = useDeployment(id);
  const patch = usePatchDeployment(id);
  const terminate = useTerminateDeployment(id);
  const [health, setHealth] = useState<(typeof HEALTH)[number] | "">("");
  if (q.isPending) return <Loading />;
  if (q.isError) return <ErrorBox error={q.error} />;
  const d = q.data;
  const next = nextStatuses(d.status).filter((s) => s !== "terminated");
  const prodAction = d.environment === "production" ? "deployments.production" : "deployments.write";
  const m = d.metrics;
  return (
    <section>
      <PageHeader
        title={
          <>
            <Link to="/deployments">Deployments</Link> / {d.endpoint || d.id}
          </>
        }
        subtitle={
          <>
            <Link to={`/models/${encodeURIComponent(d.model_name ?? "")}/versions/${d.model_version}`}>
              {d.model_name} v{d.model_version}
            </Link>{" "}
            · {d.environment} · created by {d.created_by} <Time value={d.created_at} />
          </>
        }
      >
        <Badge value={d.status} />
        <Badge value={d.health_status} />
      </PageHeader>
      <div className="grid-2">
        <div className="stack">
          <div className="panel stack">
            <h2>Status</h2>
            {isTerminal(d.status) ? (
              <p className="muted">{d.status} is terminal: no further transition.</p>
            ) : (
              <div className="row" role="group" aria-label="Allowed transitions">
                {next.map((s) => (
                  <ActionButton key={s} variant="primary" action={prodAction} disabled={patch.isPending} onClick={() => patch.mutate({ body: { status: s }, revision: d.revision })}>
                    Move to {s}
                  </ActionButton>
                ))}
                <ActionButton variant="danger" action={prodAction} disabled={terminate.isPending} onClick={() => terminate.mutate()}>
                  Terminate
                </ActionButton>
              </div>
            )}
            {patch.isError && <ErrorBox error={patch.error} title="Refused" />}
            {terminate.isError && <ErrorBox error={terminate.error} title="Refused" />}
            <h3>Timeline</h3>
            <Timeline d={d} />
          </div>
        </div>
        <div className="stack">
          <div className="panel">
            <h2>Health and metrics</h2>
            <div className="row">
              <label htmlFor="health">Report health</label>
              <select id="health" value={health} onChange={(e) => setHealth(e.target.value as typeof health)}>
                <option value="">choose…</option>
                {HEALTH.map((h) => (
                  <option key={h}>{h}</option>
                ))}
              </select>
              <ActionButton action={prodAction} disabled={!health || patch.isPending} onClick={() => health && patch.mutate({ body: { health_status: health }, revision: d.revision })}>
                Set health
              </ActionButton>
            </div>
            <dl className="kv">
              <div>
                <dt>requests</dt>
                <dd>{fmtNum(m?.request_count)}</dd>
              </div>
              <div>
                <dt>errors</dt>
                <dd>
                  {fmtNum(m?.error_count)} ({fmtNum(m?.error_rate)})
                </dd>
              </div>
              <div>
                <dt>latency p50 / p95 / p99</dt>
                <dd>
                  {fmtNum(m?.latency_p50_ms)} / {fmtNum(m?.latency_p95_ms)} / {fmtNum(m?.latency_p99_ms)} ms
                </dd>
              </div>
              <div>
                <dt>requests/s</dt>
                <dd>{fmtNum(m?.requests_per_second)}</dd>
              </div>
              <div>
                <dt>deployed</dt>
                <dd>
                  <Time value={d.deployed_at} />
                </dd>
              </div>
            </dl>
          </div>
          <div className="panel">
            <h2>Config</h2>
            <KeyValues data={{ ...(d.config ?? {}), autoscaling: d.config?.autoscaling ?? "off" } as Record<string, unknown>} />
          </div>
        </div>
      </div>
    </section>
  );
}
