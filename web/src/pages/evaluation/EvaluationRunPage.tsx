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

export interface SliceGap {
  metric: string;
  gap: number;
  min_slice: string;
  min: number | null;
  max_slice: string;
  max: number | null;
}

// Per-metric gaps between the best and the worst slice, largest first.
export function sliceGaps(r: EvaluationReport): SliceGap[] {
  const g = r.worst_slice_gap as Record<string, Record<string, unknown>> | null | undefined;
  if (!g) return [];
  return Object.entries(g)
    .map(([metric, v]) => ({
      metric,
      gap: typeof v.gap === "number" ? v.gap : 0,
      min_slice: String(v.min_slice ?? ""),
      min: typeof v.min === "number" ? v.min : null,
      max_slice: String(v.max_slice ?? ""),
      max: typeof v.max === "number" ? v.max : null,
    }))
    .sort((a, b) => b.gap - a.gap);
}

function Report({ r }: { r: EvaluationReport }) {
  const slices = slicesOf(r);
  const gaps = sliceGaps(r);
  const worst = gaps[0];
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
          {worst && (
            <p data-testid="worst-gap">
              <strong>Worst gap</strong>: {worst.metric} differs by {fmtNum(worst.gap)} between slice <mark>{worst.min_slice}</mark> ({fmtNum(worst.min)}) and slice{" "}
              <mark>{worst.max_slice}</mark> ({fmtNum(worst.max)}).
            </p>
          )}
          {gaps.length > 1 && (
            <details>
              <summary>Gap per metric</summary>
              <table className="data">
                <thead>
                  <tr>
                    <th>metric</th>
                    <th className="num">gap</th>
                    <th>lowest slice</th>
                    <th>highest slice</th>
                  </tr>
                </thead>
                <tbody>
                  {gaps.map((g) => (
                    <tr key={g.metric}>
                      <th scope="row">{g.metric}</th>
                      <td className="num">{fmtNum(g.gap)}</td>
                      <td>
                        {g.min_slice} ({fmtNum(g.min)})
                      </td>
                      <td>
                        {g.max_slice} ({fmtNum(g.max)})
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </details>
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
                <tr key={s.value}>
                  <th scope="row">
                    {s.value}
                    {worst && (worst.min_slice === s.value || worst.max_slice === s.value) && <span className="badge tone-warn">worst gap</span>}
                  </th>
                  <td className="num">{s.n_rows}</td>
                  {sliceMetrics.map((m) => {
                    const hit = worst && worst.metric === m && (worst.min_slice === s.value || worst.max_slice === s.value);
                    return (
                      <td key={m} className={`num${hit ? " diff-cell" : ""}`}>
                        {fmtNum(s.metrics[m])}
                      </td>
                    );
                  })}
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
