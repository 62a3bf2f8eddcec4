import { useMemo } from "react";
import { Link } from "react-router";

import { useDriftEvents } from "../../api/hooks/registry";
import { Empty, ErrorBox, Loading } from "../../components/DataState";
import { Badge, Field, fmtNum, LoadMore, PageHeader, Time } from "../../components/ui";
import { oneOf, str, useUrlState } from "../../lib/urlState";

const SEV = ["", "low", "medium", "high", "critical"] as const;
const schema = { model_name: str(), severity: oneOf(SEV, ""), since: str() };

export function DriftPage() {
  const [s, set] = useUrlState(schema);
  const q = useDriftEvents(s);
  const items = useMemo(() => q.data?.pages.flatMap((p) => p.items ?? []) ?? [], [q.data]);
  return (
    <section>
      <PageHeader title="Drift">
        <Link className="btn btn-primary" to="/drift/new">
          New drift report
        </Link>
      </PageHeader>
      <div className="filters" role="search">
        <Field label="Model">{(id) => <input id={id} value={s.model_name} onChange={(e) => set({ model_name: e.target.value.trim() })} />}</Field>
        <Field label="Severity">
          {(id) => (
            <select id={id} value={s.severity} onChange={(e) => set({ severity: e.target.value as typeof s.severity })}>
              {SEV.map((x) => (
                <option key={x} value={x}>
                  {x || "any"}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Since (date)">
          {(id) => <input id={id} type="date" value={s.since.slice(0, 10)} onChange={(e) => set({ since: e.target.value ? `${e.target.value}T00:00:00.000Z` : "" })} />}
        </Field>
      </div>
      {q.isPending ? (
        <Loading />
      ) : q.isError ? (
        <ErrorBox error={q.error} />
      ) : items.length === 0 ? (
        <Empty>No drift events match.</Empty>
      ) : (
        <div className="table-wrap" tabIndex={0}>
          <table className="data">
            <thead>
              <tr>
                <th>Detected</th>
                <th>Model</th>
                <th>Feature</th>
                <th>Method</th>
                <th className="num">Score</th>
                <th className="num">p-value</th>
                <th className="num">Threshold</th>
                <th>Severity</th>
              </tr>
            </thead>
            <tbody>
              {items.map((e) => (
                <tr key={e.id}>
                  <td>
                    <Time value={e.detected_at} />
                  </td>
                  <td>
                    {e.model_name}
                    {e.model_version ? ` v${e.model_version}` : ""}
                    {e.deployment_id ? (
                      <>
                        {" "}
                        · <Link to={`/deployments/${e.deployment_id}`}>deployment</Link>
                      </>
                    ) : null}
                  </td>
                  <td>{e.feature}</td>
                  <td>{e.method}</td>
                  <td className="num">{fmtNum(e.score)}</td>
                  <td className="num">{fmtNum(e.p_value)}</td>
                  <td className="num">{fmtNum(e.threshold)}</td>
                  <td>
                    <Badge value={e.severity} />
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
