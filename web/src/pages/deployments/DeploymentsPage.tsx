import { useMemo } from "react";
import { Link } from "react-router";

import { useDeployments } from "../../api/hooks/registry";
import { Empty, ErrorBox, Loading } from "../../components/DataState";
import { Badge, Field, fmtNum, LoadMore, PageHeader, Time } from "../../components/ui";
import { oneOf, str, useUrlState } from "../../lib/urlState";

const STATUSES = ["", "pending", "validating", "deploying", "active", "failed", "rollback", "terminated"] as const;
const ENVS = ["", "development", "staging", "production"] as const;
const schema = { status: oneOf(STATUSES, ""), environment: oneOf(ENVS, ""), model_name: str() };

export function DeploymentsPage() {
  const [s, set] = useUrlState(schema);
  const q = useDeployments(s);
  const items = useMemo(() => q.data?.pages.flatMap((p) => p.items ?? []) ?? [], [q.data]);
  return (
    <section>
      <PageHeader title="Deployments">
        <Link className="btn btn-primary" to="/deployments/new">
          New deployment
        </Link>
      </PageHeader>
      <div className="filters" role="search">
        <Field label="Model">{(id) => <input id={id} value={s.model_name} onChange={(e) => set({ model_name: e.target.value.trim() })} />}</Field>
        <Field label="Status">
          {(id) => (
            <select id={id} value={s.status} onChange={(e) => set({ status: e.target.value as typeof s.status })}>
              {STATUSES.map((x) => (
                <option key={x} value={x}>
                  {x || "any"}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Environment">
          {(id) => (
            <select id={id} value={s.environment} onChange={(e) => set({ environment: e.target.value as typeof s.environment })}>
              {ENVS.map((x) => (
                <option key={x} value={x}>
                  {x || "any"}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      {q.isPending ? (
        <Loading />
      ) : q.isError ? (
        <ErrorBox error={q.error} />
      ) : items.length === 0 ? (
        <Empty>No deployments match.</Empty>
      ) : (
        <div className="table-wrap" tabIndex={0}>
          <table className="data">
            <thead>
              <tr>
                <th>Deployment</th>
                <th>Model</th>
                <th>Environment</th>
                <th>Status</th>
                <th>Health</th>
                <th className="num">Error rate</th>
                <th className="num">p95 ms</th>
                <th>Updated</th>
              </tr>
            </thead>
            <tbody>
              {items.map((d) => (
                <tr key={d.id}>
                  <td>
                    <Link to={`/deployments/${d.id}`}>{d.endpoint || d.id?.slice(0, 8)}</Link>
                  </td>
                  <td>
                    <Link to={`/models/${encodeURIComponent(d.model_name ?? "")}/versions/${d.model_version}`}>
                      {d.model_name} v{d.model_version}
                    </Link>
                  </td>
                  <td>{d.environment}</td>
                  <td>
                    <Badge value={d.status} />
                  </td>
                  <td>
                    <Badge value={d.health_status} />
                  </td>
                  <td className="num">{fmtNum(d.metrics?.error_rate)}</td>
                  <td className="num">{fmtNum(d.metrics?.latency_p95_ms)}</td>
                  <td>
                    <Time value={d.updated_at} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <LoadMore query={q} />
    </section>
  );
}
