import { useMemo } from "react";
import { Link } from "react-router";

import { useEvaluationRuns, useScenarios } from "../../api/hooks/evaluation";
import { Empty, ErrorBox, Loading } from "../../components/DataState";
import { Badge, Field, LoadMore, PageHeader, Tabs, Time } from "../../components/ui";
import { oneOf, str, useUrlState } from "../../lib/urlState";

const TABS = [
  { id: "scenarios", label: "Scenarios" },
  { id: "runs", label: "Runs" },
] as const;
const TASKS = ["", "binary_classification", "multiclass_classification", "regression"] as const;
const STATUS = ["", "queued", "running", "completed", "failed"] as const;
const schema = { tab: oneOf(["scenarios", "runs"] as const, "scenarios"), task_type: oneOf(TASKS, ""), scenario: str(), status: oneOf(STATUS, "") };

export function RunsTable({ scenario, status }: { scenario?: string; status?: string }) {
  const q = useEvaluationRuns({ scenario_name: scenario, status });
  const items = useMemo(() => q.data?.pages.flatMap((p) => p.items ?? []) ?? [], [q.data]);
  if (q.isPending) return <Loading />;
  if (q.isError) return <ErrorBox error={q.error} />;
  if (items.length === 0) return <Empty>No evaluation runs.</Empty>;
  return (
    <>
      <div className="table-wrap" tabIndex={0}>
        <table className="data">
          <thead>
            <tr>
              <th>Run</th>
              <th>Scenario</th>
              <th>Model</th>
              <th>Status</th>
              <th>Verdict</th>
              <th className="num">Rows</th>
              <th>By</th>
              <th>Created</th>
            </tr>
          </thead>
          <tbody>
            {items.map((r) => (
              <tr key={r.run_id}>
                <td>
                  <Link to={`/evaluation/runs/${r.run_id}`}>{r.run_id?.slice(0, 8)}</Link>
                </td>
                <td>
                  <Link to={`/evaluation/scenarios/${encodeURIComponent(r.scenario_name ?? "")}`}>{r.scenario_name}</Link>
                </td>
                <td>{r.model_name ? `${r.model_name} v${r.version}` : <span className="muted">predictions in dataset</span>}</td>
                <td>
                  <Badge value={r.status} />
                </td>
                <td>{r.verdict ? <Badge value={r.verdict} /> : <span className="muted">—</span>}</td>
                <td className="num">{r.n_rows ?? "—"}</td>
                <td>{r.created_by}</td>
                <td>
                  <Time value={r.created_at} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <LoadMore query={q} />
    </>
  );
}

export function EvaluationPage() {
  const [s, set] = useUrlState(schema);
  const scenarios = useScenarios({ task_type: s.task_type });
  const items = useMemo(() => scenarios.data?.pages.flatMap((p) => p.items ?? []) ?? [], [scenarios.data]);
  return (
    <section>
      <PageHeader title="Evaluation">
        <Link className="btn btn-primary" to="/evaluation/scenarios/new">
          New scenario
        </Link>
      </PageHeader>
      <Tabs label="Evaluation sections" tabs={TABS} value={s.tab} onChange={(tab) => set({ tab })} />
      {s.tab === "scenarios" && (
        <>
          <div className="filters" role="search">
            <Field label="Task">
              {(id) => (
                <select id={id} value={s.task_type} onChange={(e) => set({ task_type: e.target.value as typeof s.task_type })}>
                  {TASKS.map((t) => (
                    <option key={t} value={t}>
                      {t || "any"}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </div>
          {scenarios.isPending ? (
            <Loading />
          ) : scenarios.isError ? (
            <ErrorBox error={scenarios.error} />
          ) : items.length === 0 ? (
            <Empty>No scenarios yet.</Empty>
          ) : (
            <div className="table-wrap" tabIndex={0}>
              <table className="data">
                <thead>
                  <tr>
                    <th>Scenario</th>
                    <th>Task</th>
                    <th>Dataset</th>
                    <th>Model</th>
                    <th>Thresholds</th>
                    <th>Updated</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((sc) => (
                    <tr key={sc.name}>
                      <td>
                        <Link to={`/evaluation/scenarios/${encodeURIComponent(sc.name ?? "")}`}>{sc.name}</Link>
                      </td>
                      <td>{sc.task_type}</td>
                      <td>
                        <Link to={`/datasets/${sc.dataset_id}`}>{sc.dataset_id?.slice(0, 8)}</Link>
                      </td>
                      <td>{sc.model_name ? `${sc.model_name} v${sc.version}` : <span className="muted">—</span>}</td>
                      <td>
                        {Object.entries(sc.thresholds ?? {})
                          .map(([m, t]) => `${m} ${t.op} ${t.value}`)
                          .join(", ") || <span className="muted">none</span>}
                      </td>
                      <td>
                        <Time value={sc.updated_at} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <LoadMore query={scenarios} />
        </>
      )}
      {s.tab === "runs" && (
        <>
          <div className="filters" role="search">
            <Field label="Scenario">{(id) => <input id={id} value={s.scenario} onChange={(e) => set({ scenario: e.target.value.trim() })} />}</Field>
            <Field label="Status">
              {(id) => (
                <select id={id} value={s.status} onChange={(e) => set({ status: e.target.value as typeof s.status })}>
                  {STATUS.map((t) => (
                    <option key={t} value={t}>
                      {t || "any"}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </div>
          <RunsTable scenario={s.scenario} status={s.status} />
        </>
      )}
    </section>
  );
}
