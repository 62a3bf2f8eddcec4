import { useMemo } from "react";
import { Link, useParams } from "react-router";

import { useCompareModels, useModel } from "../../api/hooks/registry";
import { BarList } from "../../components/charts/simple";
import { Empty, ErrorBox, Loading } from "../../components/DataState";
import { fmtNum, PageHeader } from "../../components/ui";
import { list, useUrlState } from "../../lib/urlState";

const schema = { versions: list, metrics: list };

export function ModelComparePage() {
  const name = useParams().name ?? "";
  const [s, set] = useUrlState(schema);
  const model = useModel(name);
  const versions = useMemo(() => s.versions.map(Number).filter((n) => Number.isInteger(n) && n > 0), [s.versions]);
  const all = model.data?.versions ?? [];
  const metricNames = [...new Set(all.flatMap((v) => Object.keys(v.metrics ?? {})))].sort();
  const metrics = s.metrics.length > 0 ? s.metrics : metricNames;
  const cmp = useCompareModels(name, versions, metrics);
  const toggle = (v: number) => set({ versions: (versions.includes(v) ? versions.filter((x) => x !== v) : [...versions, v]).map(String) });

  return (
    <section>
      <PageHeader
        title={
          <>
            <Link to="/models">Models</Link> / <Link to={`/models/${encodeURIComponent(name)}`}>{name}</Link> / compare
          </>
        }
      />
      <fieldset className="panel">
        <legend>Versions</legend>
        {all.map((v) => (
          <label key={v.version} style={{ marginRight: 12 }}>
            <input type="checkbox" checked={versions.includes(v.version ?? 0)} onChange={() => toggle(v.version ?? 0)} /> v{v.version}
          </label>
        ))}
      </fieldset>
      {versions.length === 0 ? (
        <Empty>Pick at least one version.</Empty>
      ) : cmp.isPending ? (
        <Loading />
      ) : cmp.isError ? (
        <ErrorBox error={cmp.error} />
      ) : (
        <>
          <h2>Metrics</h2>
          <p className="hint">★ marks the best version; deltas are against v{cmp.data.versions?.[0]}.</p>
          <div className="table-wrap" tabIndex={0}>
            <table className="data">
              <thead>
                <tr>
                  <th>metric</th>
                  {(cmp.data.versions ?? []).map((v) => (
                    <th key={v} className="num">
                      v{v}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {Object.entries(cmp.data.metrics ?? {}).map(([m, r]) => (
                  <tr key={m}>
                    <th scope="row">
                      {m} <span className="muted">{r.higher_is_better ? "↑ better" : "↓ better"}</span>
                    </th>
                    {(cmp.data.versions ?? []).map((v) => {
                      const best = r.best_version === v;
                      const delta = r.deltas?.[String(v)];
                      return (
                        <td key={v} className={`num${best ? " best" : ""}`}>
                          {fmtNum(r.values?.[String(v)])}
                          {best ? " ★" : ""}
                          {delta !== null && delta !== undefined && delta !== 0 ? <span className="muted"> ({delta > 0 ? "+" : ""}{fmtNum(delta)})</span> : null}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="grid">
            {Object.entries(cmp.data.metrics ?? {}).map(([m, r]) => (
              <div className="panel" key={m}>
                <h3>{m}</h3>
                <BarList
                  label={`${m} per version`}
                  items={(cmp.data.versions ?? []).map((v) => ({ name: `v${v}`, value: r.values?.[String(v)] ?? null, best: r.best_version === v }))}
                />
              </div>
            ))}
          </div>
          <h2>Params that differ</h2>
          {Object.keys(cmp.data.params_diff ?? {}).length === 0 ? (
            <Empty>The params are the same.</Empty>
          ) : (
            <div className="table-wrap" tabIndex={0}>
              <table className="data">
                <thead>
                  <tr>
                    <th>param</th>
                    {(cmp.data.versions ?? []).map((v) => (
                      <th key={v}>v{v}</th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {Object.entries(cmp.data.params_diff ?? {}).map(([p, vals]) => (
                    <tr key={p}>
                      <th scope="row">{p}</th>
                      {(cmp.data.versions ?? []).map((v) => (
                        <td key={v} className="diff-cell">
                          {vals[String(v)] ?? "—"}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </section>
  );
}
