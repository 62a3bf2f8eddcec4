import { useState } from "react";
import { Link, useParams } from "react-router";

import { useCreateFeatureVersion, useFeature, useFeatureVersions } from "../../api/hooks/features";
import type { FeatureVersion } from "../../api/types";
import { Empty, ErrorBox, Loading } from "../../components/DataState";
import { ActionButton, Badge, KeyValues, PageHeader, Tabs, Time } from "../../components/ui";
import { oneOf, optInt, useUrlState } from "../../lib/urlState";
import { diffVersions } from "./schemaDiff";

const TABS = [
  { id: "overview", label: "Overview" },
  { id: "versions", label: "Version history" },
  { id: "diff", label: "Schema diff" },
] as const;
const schema = { tab: oneOf(["overview", "versions", "diff"] as const, "overview"), a: optInt, b: optInt };

function NewVersion({ name, latest }: { name: string; latest: FeatureVersion | undefined }) {
  const create = useCreateFeatureVersion(name);
  const [schemaText, setSchemaText] = useState(JSON.stringify(latest?.schema ?? {}, null, 2));
  const [changelog, setChangelog] = useState("");
  const [parseError, setParseError] = useState<string | null>(null);
  return (
    <form
      className="panel stack"
      aria-label="New version"
      onSubmit={(e) => {
        e.preventDefault();
        try {
          const parsed = JSON.parse(schemaText) as FeatureVersion["schema"];
          setParseError(null);
          create.mutate({ value_type: latest?.value_type, schema: parsed, changelog });
        } catch (err) {
          setParseError(`schema is not valid JSON: ${(err as Error).message}`);
        }
      }}
    >
      <h2>New version</h2>
      <label htmlFor="nv-schema" className="lbl">
        Schema (JSON)
      </label>
      <textarea id="nv-schema" rows={6} value={schemaText} onChange={(e) => setSchemaText(e.target.value)} className="mono" />
      <label htmlFor="nv-changelog" className="lbl">
        Changelog
      </label>
      <input id="nv-changelog" value={changelog} onChange={(e) => setChangelog(e.target.value)} required />
      <ActionButton type="submit" variant="primary" action="features.write" disabled={create.isPending}>
        Create version
      </ActionButton>
      {parseError && <p className="state error">{parseError}</p>}
      {create.isError && <ErrorBox error={create.error} />}
    </form>
  );
}

export function FeaturePage() {
  const name = useParams().name ?? "";
  const [s, set] = useUrlState(schema);
  const f = useFeature(name);
  const versions = useFeatureVersions(name);
  if (f.isPending) return <Loading />;
  if (f.isError) return <ErrorBox error={f.error} />;
  const feat = f.data;
  const all = (versions.data?.items ?? []) as FeatureVersion[];
  const latest = feat.latest_version ?? feat.version ?? 1;
  const a = s.a ?? Math.max(1, latest - 1);
  const b = s.b ?? latest;
  const va = all.find((v) => v.version === a);
  const vb = all.find((v) => v.version === b);
  return (
    <section>
      <PageHeader
        title={
          <>
            <Link to="/features">Features</Link> / {feat.name}
          </>
        }
        subtitle={feat.description}
      >
        <Badge value={feat.status} />
        <span className="badge tone-info">v{latest}</span>
      </PageHeader>
      <Tabs label="Feature sections" tabs={TABS} value={s.tab} onChange={(tab) => set({ tab })} />
      {s.tab === "overview" && (
        <div className="grid">
          <div className="panel">
            <h2>Definition</h2>
            <dl className="kv">
              <div>
                <dt>entity</dt>
                <dd>{feat.entity}</dd>
              </div>
              <div>
                <dt>value type</dt>
                <dd>
                  <code>{feat.value_type}</code>
                </dd>
              </div>
              <div>
                <dt>owner</dt>
                <dd>{feat.owner}</dd>
              </div>
              <div>
                <dt>updated</dt>
                <dd>
                  <Time value={feat.updated_at} /> by {feat.updated_by}
                </dd>
              </div>
            </dl>
          </div>
          <div className="panel">
            <h2>Schema</h2>
            <KeyValues data={feat.schema as Record<string, unknown>} />
          </div>
          <div className="panel">
            <h2>Source</h2>
            {feat.source && typeof feat.source === "object" && "dataset_id" in feat.source && typeof feat.source.dataset_id === "string" ? (
              <p>
                <Link to={`/datasets/${feat.source.dataset_id}`}>dataset {feat.source.dataset_id.slice(0, 8)}</Link> column <code>{String((feat.source as Record<string, unknown>).column)}</code>
              </p>
            ) : (
              <KeyValues data={feat.source as Record<string, unknown> | null} />
            )}
          </div>
          <div className="panel">
            <h2>Tags</h2>
            <KeyValues data={feat.tags} />
          </div>
        </div>
      )}
      {s.tab === "versions" && (
        <>
          {versions.isPending ? (
            <Loading />
          ) : versions.isError ? (
            <ErrorBox error={versions.error} />
          ) : (
            <ol className="timeline">
              {all.map((v) => (
                <li key={v.version}>
                  <strong>v{v.version}</strong> <code>{v.value_type}</code> — {v.changelog || <span className="muted">no changelog</span>} · {v.created_by} <Time value={v.created_at} />
                </li>
              ))}
            </ol>
          )}
          <NewVersion name={name} latest={all[0]} />
        </>
      )}
      {s.tab === "diff" && (
        <div className="panel">
          <div className="filters">
            <label>
              From{" "}
              <select value={a} onChange={(e) => set({ a: Number(e.target.value) })}>
                {all.map((v) => (
                  <option key={v.version} value={v.version}>
                    v{v.version}
                  </option>
                ))}
              </select>
            </label>
            <label>
              To{" "}
              <select value={b} onChange={(e) => set({ b: Number(e.target.value) })}>
                {all.map((v) => (
                  <option key={v.version} value={v.version}>
                    v{v.version}
                  </option>
                ))}
              </select>
            </label>
          </div>
          {all.length < 2 ? (
            <Empty>Only one version so far: nothing to compare.</Empty>
          ) : !va || !vb ? (
            <Empty>Pick two versions.</Empty>
          ) : (
            <table className="data">
              <thead>
                <tr>
                  <th>field</th>
                  <th>v{a}</th>
                  <th>v{b}</th>
                </tr>
              </thead>
              <tbody>
                {diffVersions(va, vb).map((r) => (
                  <tr key={r.field}>
                    <th scope="row">
                      {r.field}
                      {r.changed && <span className="sr-only"> (changed)</span>}
                    </th>
                    <td className={r.changed ? "diff-cell" : undefined}>{r.a || "—"}</td>
                    <td className={r.changed ? "diff-cell" : undefined}>{r.b || "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}
    </section>
  );
}
