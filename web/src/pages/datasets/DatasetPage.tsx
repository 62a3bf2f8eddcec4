import { Link, useNavigate, useParams } from "react-router";

import { useDataset, useDatasetRows, useDeleteDataset } from "../../api/hooks/features";
import type { ColumnProfile } from "../../api/types";
import { BarList, Histogram } from "../../components/charts/simple";
import { Empty, ErrorBox, Loading } from "../../components/DataState";
import { ActionButton, fmtBytes, fmtNum, PageHeader, Tabs, Time } from "../../components/ui";
import { int, oneOf, str, useUrlState } from "../../lib/urlState";

const PAGE = 50;
const TABS = [
  { id: "profile", label: "Schema and profile" },
  { id: "rows", label: "Rows" },
] as const;
const schema = { tab: oneOf(["profile", "rows"] as const, "profile"), offset: int(0), column: str() };

function ProfileCard({ name, p }: { name: string; p: ColumnProfile }) {
  const hist = p.histogram;
  const top = Array.isArray(p.top_values) ? (p.top_values as unknown[]) : [];
  const quantiles = p.quantiles && typeof p.quantiles === "object" ? Object.entries(p.quantiles as Record<string, unknown>) : [];
  return (
    <div className="panel" data-testid={`profile-${name}`}>
      <h3>
        {name} <code>{p.type}</code>
      </h3>
      <dl className="kv">
        <div>
          <dt>count / missing</dt>
          <dd>
            {fmtNum(p.count)} / {fmtNum(p.missing)}
          </dd>
        </div>
        <div>
          <dt>distinct</dt>
          <dd>
            {fmtNum(p.distinct)}
            {p.distinct_exact ? "" : " (estimate)"}
          </dd>
        </div>
        {p.min !== null && p.min !== undefined && (
          <div>
            <dt>min / max</dt>
            <dd>
              {typeof p.min === "number" ? fmtNum(p.min) : p.min} / {typeof p.max === "number" ? fmtNum(p.max) : p.max}
            </dd>
          </div>
        )}
        {typeof p.mean === "number" && (
          <div>
            <dt>mean / std</dt>
            <dd>
              {fmtNum(p.mean)} / {fmtNum(p.std)}
            </dd>
          </div>
        )}
        {quantiles.length > 0 && (
          <div>
            <dt>quantiles</dt>
            <dd>{quantiles.map(([q, v]) => `${q}: ${typeof v === "number" ? fmtNum(v) : String(v)}`).join(" · ")}</dd>
          </div>
        )}
      </dl>
      {hist && (hist.counts ?? []).length > 0 && (
        <Histogram
          height={140}
          bins={(hist.counts ?? []).map((_, i) => `[${fmtNum(hist.edges?.[i], 3)}, ${fmtNum(hist.edges?.[i + 1], 3)})`)}
          ticks={(hist.counts ?? []).map((_, i) => fmtNum(hist.edges?.[i], 3))}
          series={[{ label: "count", counts: hist.counts ?? [] }]}
          label={`Histogram of ${name}`}
        />
      )}
      {top.length > 0 && (
        <BarList
          label={`Top values of ${name}`}
          items={top.slice(0, 10).map((t) => {
            const r = t as Record<string, unknown>;
            return { name: String(r.value ?? r[0] ?? ""), value: typeof r.count === "number" ? r.count : Number(r[1] ?? 0) };
          })}
        />
      )}
    </div>
  );
}

function Rows({ id, offset, onOffset }: { id: string; offset: number; onOffset: (o: number) => void }) {
  const q = useDatasetRows(id, offset, PAGE);
  if (q.isPending) return <Loading />;
  if (q.isError) return <ErrorBox error={q.error} />;
  const d = q.data;
  const total = d.total ?? 0;
  const cols = d.columns ?? [];
  return (
    <>
      <div className="row" role="navigation" aria-label="Row pages">
        <button type="button" className="btn" disabled={offset === 0} onClick={() => onOffset(Math.max(0, offset - PAGE))}>
          Previous
        </button>
        <span>
          rows {total === 0 ? 0 : offset + 1}–{Math.min(total, offset + PAGE)} of {total.toLocaleString()}
        </span>
        <button type="button" className="btn" disabled={offset + PAGE >= total} onClick={() => onOffset(offset + PAGE)}>
          Next
        </button>
      </div>
      {(d.rows ?? []).length === 0 ? (
        <Empty>No rows.</Empty>
      ) : (
        <div className="table-wrap" tabIndex={0} style={{ maxHeight: "65vh" }}>
          <table className="data">
            <thead>
              <tr>
                <th className="num">#</th>
                {cols.map((c) => (
                  <th key={c}>{c}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {(d.rows ?? []).map((r, i) => (
                <tr key={offset + i}>
                  <td className="num muted">{offset + i + 1}</td>
                  {cols.map((c) => {
                    const v = (r as Record<string, unknown>)[c];
                    return <td key={c}>{v === null || v === undefined ? <span className="muted">∅</span> : String(v)}</td>;
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

export function DatasetPage() {
  const id = useParams().id ?? "";
  const [s, set] = useUrlState(schema);
  const navigate = useNavigate();
  const q = useDataset(id);
  const del = useDeleteDataset();
  if (q.isPending) return <Loading />;
  if (q.isError) return <ErrorBox error={q.error} />;
  const d = q.data;
  const columns = d.columns ?? Object.entries(d.schema ?? {}).map(([name, type]) => ({ name, type }));
  return (
    <section>
      <PageHeader
        title={
          <>
            <Link to="/datasets">Datasets</Link> / {d.name}
          </>
        }
        subtitle={`${d.row_count?.toLocaleString()} rows · ${columns.length} columns · ${fmtBytes(d.size_bytes)} · sha256 ${d.sha256?.slice(0, 12)}…`}
      >
        <ActionButton variant="danger" action="datasets.write" disabled={del.isPending} onClick={() => del.mutate(id, { onSuccess: () => navigate("/datasets") })}>
          Delete
        </ActionButton>
      </PageHeader>
      {del.isError && <ErrorBox error={del.error} title="Not deleted" />}
      <p className="muted">
        Uploaded by {d.created_by} <Time value={d.created_at} /> · id <span className="mono">{d.id}</span>
      </p>
      <Tabs label="Dataset sections" tabs={TABS} value={s.tab} onChange={(tab) => set({ tab })} />
      {s.tab === "profile" && (
        <>
          <h2>Schema</h2>
          <div className="table-wrap" tabIndex={0}>
            <table className="data">
              <thead>
                <tr>
                  <th>column</th>
                  <th>type</th>
                  <th className="num">missing</th>
                  <th className="num">distinct</th>
                </tr>
              </thead>
              <tbody>
                {columns.map((c) => (
                  <tr key={c.name}>
                    <th scope="row">{c.name}</th>
                    <td>
                      <code>{c.type}</code>
                    </td>
                    <td className="num">{fmtNum(d.profile?.[c.name ?? ""]?.missing)}</td>
                    <td className="num">{fmtNum(d.profile?.[c.name ?? ""]?.distinct)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <h2>Profile</h2>
          <div className="grid">
            {columns.map((c) => {
              const p = d.profile?.[c.name ?? ""];
              return p ? <ProfileCard key={c.name} name={c.name ?? ""} p={p} /> : null;
            })}
          </div>
        </>
      )}
      {s.tab === "rows" && <Rows id={id} offset={s.offset} onOffset={(offset) => set({ offset })} />}
    </section>
  );
}
