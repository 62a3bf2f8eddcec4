import { Link, useNavigate, useParams } from "react-router";

import { useModel } from "../../api/hooks/registry";
import { Empty, ErrorBox, Loading } from "../../components/DataState";
import { Badge, fmtNum, PageHeader, Time } from "../../components/ui";
import { list, useUrlState } from "../../lib/urlState";

const schema = { sel: list };

export function ModelPage() {
  const name = useParams().name ?? "";
  const [s, set] = useUrlState(schema);
  const navigate = useNavigate();
  const q = useModel(name);
  if (q.isPending) return <Loading />;
  if (q.isError) return <ErrorBox error={q.error} />;
  const m = q.data;
  const versions = m.versions ?? [];
  const metricKeys = [...new Set(versions.flatMap((v) => Object.keys(v.metrics ?? {})))].sort().slice(0, 6);
  const toggle = (v: string) => set({ sel: s.sel.includes(v) ? s.sel.filter((x) => x !== v) : [...s.sel, v] });
  return (
    <section>
      <PageHeader
        title={
          <>
            <Link to="/models">Models</Link> / {m.model_name}
          </>
        }
        subtitle={`latest v${m.latest_version}${m.production_version ? ` · production v${m.production_version}` : " · nothing in production"}`}
      >
        <button type="button" className="btn btn-primary" disabled={s.sel.length < 1} onClick={() => navigate(`/models/${encodeURIComponent(name)}/compare?versions=${s.sel.join(",")}`)}>
          Compare {s.sel.length} selected
        </button>
      </PageHeader>
      {versions.length === 0 ? (
        <Empty>This model has no versions.</Empty>
      ) : (
        <div className="table-wrap" tabIndex={0}>
          <table className="data">
            <thead>
              <tr>
                <th>
                  <span className="sr-only">Select</span>
                </th>
                <th className="num">Version</th>
                <th>Stage</th>
                {metricKeys.map((k) => (
                  <th key={k} className="num">
                    {k}
                  </th>
                ))}
                <th>Registered</th>
                <th>By</th>
              </tr>
            </thead>
            <tbody>
              {versions.map((v) => (
                <tr key={v.version}>
                  <td>
                    <input type="checkbox" aria-label={`Select version ${v.version}`} checked={s.sel.includes(String(v.version))} onChange={() => toggle(String(v.version))} />
                  </td>
                  <td className="num">
                    <Link to={`/models/${encodeURIComponent(name)}/versions/${v.version}`}>v{v.version}</Link>
                  </td>
                  <td>
                    <Badge value={v.stage} />
                  </td>
                  {metricKeys.map((k) => (
                    <td key={k} className="num">
                      {fmtNum(v.metrics?.[k])}
                    </td>
                  ))}
                  <td>
                    <Time value={v.created_at} />
                  </td>
                  <td>{v.created_by}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
