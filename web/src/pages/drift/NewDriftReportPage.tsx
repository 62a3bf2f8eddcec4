import { useMemo, useState } from "react";
import { Link } from "react-router";

import { useDatasets } from "../../api/hooks/features";
import { useDriftCompute } from "../../api/hooks/registry";
import type { DriftColumn } from "../../api/types";
import { Histogram } from "../../components/charts/simple";
import { Empty, ErrorBox, Loading } from "../../components/DataState";
import { ActionButton, Badge, Field, fmtNum, PageHeader } from "../../components/ui";
import { list, str, useUrlState } from "../../lib/urlState";

const schema = { ref: str(), cur: str(), columns: list, model: str() };

function bins(c: DriftColumn): string[] {
  const h = c.histogram;
  if (!h) return [];
  if (h.categories && h.categories.length > 0) return h.categories;
  const e = h.edges ?? [];
  // Bins (−inf,e1], (e1,e2], …, (e_last,+inf).
  const out: string[] = [];
  for (let i = 0; i <= e.length; i++) {
    const lo = i === 0 ? "−∞" : fmtNum(e[i - 1], 3);
    const hi = i === e.length ? "+∞" : fmtNum(e[i], 3);
    out.push(`(${lo}, ${hi}]`);
  }
  return out.slice(0, Math.max((h.reference ?? []).length, (h.current ?? []).length));
}

export function NewDriftReportPage() {
  const [s, set] = useUrlState(schema);
  const datasets = useDatasets();
  const compute = useDriftCompute();
  const [columnsText, setColumnsText] = useState(s.columns.join(", "));
  const all = useMemo(() => datasets.data?.pages.flatMap((p) => p.items ?? []) ?? [], [datasets.data]);
  const report = compute.data;
  const run = () =>
    compute.mutate({
      reference_dataset_id: s.ref,
      current_dataset_id: s.cur,
      columns: s.columns.length > 0 ? s.columns : undefined,
      model_name: s.model || undefined,
    });
  return (
    <section>
      <PageHeader
        title={
          <>
            <Link to="/drift">Drift</Link> / new report
          </>
        }
        subtitle="KS, PSI, Jensen–Shannon and Wasserstein per numeric column; chi-square per categorical column (SPEC §7)."
      />
      <form
        className="panel"
        aria-label="Drift report settings"
        onSubmit={(e) => {
          e.preventDefault();
          run();
        }}
      >
        {datasets.isPending ? (
          <Loading what="Loading datasets" />
        ) : datasets.isError ? (
          <ErrorBox error={datasets.error} />
        ) : all.length < 1 ? (
          <Empty>
            Upload datasets first: <Link to="/datasets">Datasets</Link>.
          </Empty>
        ) : (
          <div className="filters">
            <Field label="Reference dataset">
              {(id) => (
                <select id={id} value={s.ref} onChange={(e) => set({ ref: e.target.value })} required>
                  <option value="">choose…</option>
                  {all.map((d) => (
                    <option key={d.id} value={d.id}>
                      {d.name} ({d.row_count} rows)
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label="Current dataset">
              {(id) => (
                <select id={id} value={s.cur} onChange={(e) => set({ cur: e.target.value })} required>
                  <option value="">choose…</option>
                  {all.map((d) => (
                    <option key={d.id} value={d.id}>
                      {d.name} ({d.row_count} rows)
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label="Columns" hint="comma-separated; empty = all shared columns">
              {(id) => (
                <input
                  id={id}
                  value={columnsText}
                  onChange={(e) => setColumnsText(e.target.value)}
                  onBlur={() => set({ columns: columnsText.split(",").map((c) => c.trim()).filter(Boolean) })}
                />
              )}
            </Field>
            <Field label="Record events for model" hint="optional: drifted columns become drift events">
              {(id) => <input id={id} value={s.model} onChange={(e) => set({ model: e.target.value.trim() })} />}
            </Field>
            <ActionButton type="submit" variant="primary" action={s.model ? "tracking.write" : undefined} disabled={!s.ref || !s.cur || compute.isPending}>
              {compute.isPending ? "Computing…" : "Run drift report"}
            </ActionButton>
          </div>
        )}
      </form>
      {compute.isError && <ErrorBox error={compute.error} />}
      {report && (
        <>
          <div className="row panel" data-testid="drift-summary">
            <strong>Drift share {fmtNum((report.drift_share ?? 0) * 100, 1)}%</strong>
            <Badge value={report.dataset_drift ? "dataset drifted" : "no dataset drift"} tone={report.dataset_drift ? "bad" : "ok"} />
            {(report.events ?? []).length > 0 && <span>{report.events?.length} drift events recorded</span>}
          </div>
          <div className="table-wrap" tabIndex={0}>
            <table className="data">
              <thead>
                <tr>
                  <th>column</th>
                  <th>type</th>
                  <th className="num">n ref / cur</th>
                  <th className="num">missing ref / cur</th>
                  <th className="num">KS (p)</th>
                  <th className="num">χ² (p)</th>
                  <th className="num">PSI</th>
                  <th className="num">JS</th>
                  <th className="num">Wasserstein</th>
                  <th>drifted</th>
                  <th>severity</th>
                </tr>
              </thead>
              <tbody>
                {Object.entries(report.columns ?? {}).map(([name, c]) => (
                  <tr key={name}>
                    <th scope="row">{name}</th>
                    <td>{c.type}</td>
                    <td className="num">
                      {c.n_reference} / {c.n_current}
                    </td>
                    <td className="num">
                      {c.missing_reference} / {c.missing_current}
                    </td>
                    <td className="num">{c.ks ? `${fmtNum(c.ks.statistic)} (${fmtNum(c.ks.p_value)})` : "—"}</td>
                    <td className="num">{c.chi2 ? `${fmtNum(c.chi2.statistic)} (${fmtNum(c.chi2.p_value)})` : "—"}</td>
                    <td className="num">{fmtNum(c.psi)}</td>
                    <td className="num">{fmtNum(c.js)}</td>
                    <td className="num">{fmtNum(c.wasserstein)}</td>
                    <td>
                      <Badge value={c.drifted ? "drifted" : "stable"} tone={c.drifted ? "bad" : "ok"} />
                    </td>
                    <td>
                      <Badge value={c.severity} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <h2>Reference vs current</h2>
          <div className="grid">
            {Object.entries(report.columns ?? {}).map(([name, c]) => (
              <div className="panel" key={name}>
                <h3>
                  {name} <Badge value={c.drifted ? "drifted" : "stable"} tone={c.drifted ? "bad" : "ok"} />
                </h3>
                <Histogram
                  bins={bins(c)}
                  ticks={c.histogram?.categories?.length ? undefined : bins(c).map((b) => b.slice(1, b.indexOf(",")))}
                  series={[
                    { label: "reference", counts: c.histogram?.reference ?? [] },
                    { label: "current", counts: c.histogram?.current ?? [] },
                  ]}
                  label={`Histogram of ${name}, reference against current`}
                />
              </div>
            ))}
          </div>
        </>
      )}
    </section>
  );
}
