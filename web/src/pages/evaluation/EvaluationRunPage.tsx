import { Link, useParams } from "react-router";

import { useEvaluationReport, useEvaluationRun } from "../../api/hooks/evaluation";
import type { EvaluationReport } from "../../api/types";
import { BarList, Heatmap } from "../../components/charts/simple";
import { Empty, ErrorBox, Loading } from "../../components/DataState";
import { Badge, fmtNum, KeyValues, PageHeader, Time } from "../../components/ui";

interface SliceRow {
  value: string;
  n_rows: number | null;
  metrics: Record<string, number | null>;
}

function slicesOf(r: EvaluationReport): SliceRow[] {
  const s = r.slices as Record<string, { n_rows?: number; metrics?: Record<string, number | null> }> | null | undefined;
  if (!s) return [];
  return Object.entries(s).map(([value, v]) => ({ value, n_rows: v.n_rows ?? null, metrics: v.metrics ?? {} }));
}

// The worst-slice gap names a metric and the slices at both ends (the shape is the server's).
function worstGap(r: EvaluationReport): { text: string; slices: Set<string> } | null {
  const g = r.worst_slice_gap as Record<string, unknown> | null | undefined;
  if (!g) return null;
  const slices = new Set<string>();
  for (const k of ["worst_slice", "best_slice", "min_slice", "max_slice"]) if (typeof g[k] === "string") slices.add(g[k] as string);
  const parts = Object.entries(g).map(([k, v]) => `${k}: ${typeof v === "number" ? fmtNum(v) : String(v)}`);
  return { text: parts.join(" · "), slices };
}

function Report({ r }: { r: EvaluationReport }) {
  const slices = slicesOf(r);
  const gap = worstGap(r);
  const sliceMetrics = [...new Set(slices.flatMap((s) => Object.keys(s.metrics)))];
  const imp = r.explainability?.permutation_importance ?? null;
  const impItems = imp ? Object.entries(imp).sort((a, b) => b[1] - a[1]).map(([name, value]) => ({ name, value })) : [];
  return (
    <>
      <div className="row panel" data-testid="verdict">
        <span>Verdict</span>
        <Badge value={r.verdict || "—"} />
        <span className="muted">{r.n_rows?.toLocaleString()} rows</span>
      </div>
      <div className="grid">
        <div className="panel">
          <h2>Thresholds</h2>
          {(r.thresholds ?? []).length === 0 ? (
            <Empty>No thresholds: the verdict is pass.</Empty>
          ) : (
            <table className="data">
              <thead>
                <tr>
                  <th>metric</th>
                  <th>rule</th>
                  <th className="num">actual</th>
                  <th>result</th>
                </tr>
              </thead>
              <tbody>
                {(r.thresholds ?? []).map((t) => (
                  <tr key={t.metric}>
                    <th scope="row">{t.metric}</th>
                    <td>
                      {t.op} {t.value}
                    </td>
                    <td className="num">{fmtNum(t.actual)}</td>
                    <td>
                      <Badge value={t.passed ? "pass" : "fail"} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
        <div className="panel">
          <h2>Metrics</h2>
          <KeyValues data={r.metrics as Record<string, unknown>} />
        </div>
        {r.confusion_matrix && (r.confusion_matrix.matrix ?? []).length > 0 && (
          <div className="panel">
            <h2>Confusion matrix</h2>
            <Heatmap labels={r.confusion_matrix.labels ?? []} matrix={r.confusion_matrix.matrix ?? []} caption="Confusion matrix: rows are actual classes, columns predicted" />
          </div>
        )}
        {impItems.length > 0 && (
          <div className="panel">
            <h2>Permutation importance</h2>
            <p className="hint">
              Drop in {r.explainability?.metric} when a feature is shuffled ({r.explainability?.repeats} repeats, seed {r.explainability?.seed}).
            </p>
            <BarList label="Permutation importance per feature" items={impItems} />
          </div>
        )}
      </div>
      {slices.length > 0 && (
        <div className="panel">
          <h2>Slices</h2>
          {gap && (
            <p>
              <strong>Worst gap</strong> — {gap.text}
            </p>
          )}
          <table className="data">
            <thead>
              <tr>
                <th>slice</th>
                <th className="num">rows</th>
                {sliceMetrics.map((m) => (
                  <th key={m} className="num">
                    {m}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {slices.map((s) => (
                <tr key={s.value} className={gap?.slices.has(s.value) ? "diff-cell" : undefined}>
                  <th scope="row">
                    {s.value}
                    {gap?.slices.has(s.value) && <span className="badge tone-warn"> worst gap</span>}
                  </th>
                  <td className="num">{s.n_rows}</td>
                  {sliceMetrics.map((m) => (
                    <td key={m} className="num">
                      {fmtNum(s.metrics[m])}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div className="panel">
        <h2>Compliance</h2>
        <KeyValues data={r.compliance as Record<string, unknown>} />
      </div>
    </>
  );
}

export function EvaluationRunPage() {
  const runId = useParams().runId ?? "";
  const run = useEvaluationRun(runId);
  const done = run.data?.status === "completed" || run.data?.status === "failed";
  const report = useEvaluationReport(runId, done);
  if (run.isPending) return <Loading />;
  if (run.isError) return <ErrorBox error={run.error} />;
  const r = run.data;
  return (
    <section>
      <PageHeader
        title={
          <>
            <Link to="/evaluation?tab=runs">Evaluation</Link> / run {runId.slice(0, 8)}
          </>
        }
        subtitle={
          <>
            <Link to={`/evaluation/scenarios/${encodeURIComponent(r.scenario_name ?? "")}`}>{r.scenario_name}</Link> (revision {r.scenario_revision})
            {r.model_name ? ` · ${r.model_name} v${r.version}` : ""} · by {r.created_by} <Time value={r.created_at} />
          </>
        }
      >
        <span role="status" aria-live="polite">
          <Badge value={r.status} />
        </span>
      </PageHeader>
      {!done && <Loading what={`The run is ${r.status}; following it live`} />}
      {r.status === "failed" && <ErrorBox error={new Error(r.failure_reason ?? "the evaluation failed")} title="Evaluation failed" />}
      {done && (report.isPending ? <Loading what="Loading report" /> : report.isError ? <ErrorBox error={report.error} /> : <Report r={report.data} />)}
    </section>
  );
}
