import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "react-router";

import { api, unwrap } from "../../api/client";
import { useAudit } from "../../api/hooks/audit";
import { useDriftEvents, useModelVersions } from "../../api/hooks/registry";
import { useTemplates } from "../../api/hooks/prompts";
import { Empty, ErrorBox, Loading, QueryState } from "../../components/DataState";
import { Badge, PageHeader, Time } from "../../components/ui";
import { AuditTable } from "../audit/AuditPage";

const COUNT_PAGE = 100;
const ALERT_DAYS = 7;

// The API has no count endpoints: each count is one page of up to 100 items ("100+" beyond).
function useCounts() {
  return useQuery({
    queryKey: ["home-counts"],
    queryFn: async () => {
      const q = { query: { limit: COUNT_PAGE } };
      const [exp, models, deps, drift, feats, ds, scen, prompts] = await Promise.all([
        unwrap(api.GET("/api/v1/ml/lifecycle/experiments", { params: q })),
        unwrap(api.GET("/api/v1/ml/lifecycle/models", { params: q })),
        unwrap(api.GET("/api/v1/ml/lifecycle/deployments", { params: { query: { limit: COUNT_PAGE, status: "active" } } })),
        unwrap(api.GET("/api/v1/ml/lifecycle/drift-events", { params: q })),
        unwrap(api.GET("/api/v1/features", { params: q })),
        unwrap(api.GET("/api/v1/features/datasets", { params: q })),
        unwrap(api.GET("/api/v1/ml/evaluation/scenarios", { params: q })),
        unwrap(api.GET("/api/v1/prompt-governance/templates", { params: q })),
      ]);
      const n = (p: { items?: unknown[]; next_page_token?: string | null }) => `${p.items?.length ?? 0}${p.next_page_token ? "+" : ""}`;
      const runs = (exp.items ?? []).reduce((s, e) => s + (e.run_count ?? 0), 0);
      return [
        { label: "Experiments", value: n(exp), to: "/experiments" },
        { label: "Runs", value: `${runs}${exp.next_page_token ? "+" : ""}`, to: "/experiments" },
        { label: "Model versions", value: n(models), to: "/models" },
        { label: "Active deployments", value: n(deps), to: "/deployments?status=active" },
        { label: "Drift events", value: n(drift), to: "/drift" },
        { label: "Features", value: n(feats), to: "/features" },
        { label: "Datasets", value: n(ds), to: "/datasets" },
        { label: "Scenarios", value: n(scen), to: "/evaluation" },
        { label: "Prompt templates", value: n(prompts), to: "/prompts" },
      ];
    },
  });
}

export function HomePage() {
  const counts = useCounts();
  // Fixed for the page's life (a new value each render would be a new query each render).
  const [since] = useState(() => new Date(Date.now() - ALERT_DAYS * 86_400_000).toISOString());
  const drift = useDriftEvents({ since });
  const review = useTemplates({ status: "pending_review" });
  const production = useModelVersions({ stage: "production" });
  const audit = useAudit({}, 15);
  const alerts = (drift.data?.pages[0]?.items ?? []).filter((e) => e.severity === "high" || e.severity === "critical");

  return (
    <section>
      <PageHeader title="Overview" />
      {counts.isPending ? (
        <Loading />
      ) : counts.isError ? (
        <ErrorBox error={counts.error} />
      ) : (
        <nav className="cards" aria-label="Counts per domain">
          {counts.data.map((c) => (
            <Link key={c.label} to={c.to} className="card">
              <span className="n">{c.value}</span>
              <span className="l">{c.label}</span>
            </Link>
          ))}
        </nav>
      )}
      <div className="grid">
        <div className="panel">
          <h2>Open drift alerts</h2>
          <p className="hint">High or critical, last {ALERT_DAYS} days.</p>
          {drift.isPending ? (
            <Loading />
          ) : drift.isError ? (
            <ErrorBox error={drift.error} />
          ) : alerts.length === 0 ? (
            <Empty>No high or critical drift.</Empty>
          ) : (
            <ul>
              {alerts.slice(0, 8).map((e) => (
                <li key={e.id}>
                  <Badge value={e.severity} /> <Link to={`/drift?model_name=${encodeURIComponent(e.model_name ?? "")}`}>{e.model_name}</Link> · {e.feature} ({e.method}{" "}
                  {e.score?.toFixed(3)}) · <Time value={e.detected_at} />
                </li>
              ))}
            </ul>
          )}
        </div>
        <div className="panel">
          <h2>Prompts waiting for review</h2>
          <QueryState query={review} empty={(d) => (d.pages[0]?.items ?? []).length === 0} emptyText="Nothing waits for review.">
            {(d) => (
              <ul>
                {(d.pages[0]?.items ?? []).slice(0, 8).map((t) => (
                  <li key={t.id}>
                    <Link to={`/prompts/${t.id}`}>{t.name}</Link> <span className="muted">by {t.owner}</span>
                  </li>
                ))}
                <li>
                  <Link to="/prompts/review">Open the review queue</Link>
                </li>
              </ul>
            )}
          </QueryState>
        </div>
        <div className="panel">
          <h2>Production models</h2>
          <QueryState query={production} empty={(d) => (d.pages[0]?.items ?? []).length === 0} emptyText="No model version is in production.">
            {(d) => (
              <ul>
                {(d.pages[0]?.items ?? []).slice(0, 8).map((m) => (
                  <li key={`${m.model_name}/${m.version}`}>
                    <Link to={`/models/${encodeURIComponent(m.model_name ?? "")}/versions/${m.version}`}>
                      {m.model_name} v{m.version}
                    </Link>{" "}
                    <span className="muted">
                      since <Time value={m.updated_at} />
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </QueryState>
        </div>
      </div>
      <h2>Recent activity</h2>
      <QueryState query={audit} empty={(d) => (d.pages[0]?.items ?? []).length === 0} emptyText="No activity yet.">
        {(d) => <AuditTable records={d.pages[0]?.items ?? []} />}
      </QueryState>
      <p>
        <Link to="/audit">Full audit log</Link>
      </p>
    </section>
  );
}
