import { useMemo } from "react";
import { Link, useParams } from "react-router";

import { artifactUrl, useArtifacts, useArtifactText, useRun } from "../../api/hooks/tracking";
import type { Artifact } from "../../api/types";
import { ChartControls, MetricChart, type ChartSettings } from "../../components/charts/MetricChart";
import { Empty, ErrorBox, Loading, QueryState } from "../../components/DataState";
import { Badge, fmtBytes, fmtNum, KeyValues, PageHeader, Tabs, Time } from "../../components/ui";
import { chartControlsPatch, type StepWindow } from "../../lib/chart";
import { bool, list, oneOf, str, useUrlState } from "../../lib/urlState";
import { buildTree, previewKind, type TreeNode } from "./artifacts";
import { parseZoom, formatZoom } from "./zoom";

const TABS = [
  { id: "overview", label: "Overview" },
  { id: "metrics", label: "Metrics" },
  { id: "artifacts", label: "Artifacts" },
] as const;
type Tab = (typeof TABS)[number]["id"];

const schema = {
  tab: oneOf(["overview", "metrics", "artifacts"] as const, "overview"),
  axis: oneOf(["step", "time"] as const, "step"),
  log: bool(false),
  smooth: str("0"),
  zoom: list,
  keys: list,
  artifact: str(),
};

function Tree({ node, onPick, selected }: { node: TreeNode; onPick: (p: string) => void; selected: string }) {
  return (
    <ul className="tree">
      {node.children.map((c) =>
        c.artifact ? (
          <li key={c.path}>
            <button type="button" className="link" aria-current={selected === c.path ? "true" : undefined} onClick={() => onPick(c.path)}>
              {selected === c.path ? <strong>{c.name}</strong> : c.name}
            </button>{" "}
            <span className="muted">{fmtBytes(c.artifact.size_bytes)}</span>
          </li>
        ) : (
          <li key={c.path}>
            <details open>
              <summary>{c.name}/</summary>
              <Tree node={c} onPick={onPick} selected={selected} />
            </details>
          </li>
        ),
      )}
    </ul>
  );
}

function CsvPreview({ text }: { text: string }) {
  const rows = text
    .split(/\r?\n/)
    .filter((l) => l !== "")
    .slice(0, 51)
    .map((l) => l.split(","));
  const [head, ...body] = rows;
  return (
    <div className="table-wrap preview" tabIndex={0}>
      <table className="data">
        <thead>
          <tr>{head?.map((h, i) => <th key={i}>{h}</th>)}</tr>
        </thead>
        <tbody>
          {body.map((r, i) => (
            <tr key={i}>
              {r.map((c, j) => (
                <td key={j}>{c}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Preview({ runId, artifact }: { runId: string; artifact: Artifact }) {
  const path = artifact.path ?? "";
  const kind = previewKind(path, artifact.size_bytes ?? 0);
  const text = useArtifactText(runId, path, kind === "text" || kind === "json" || kind === "csv");
  const url = artifactUrl(runId, path);
  return (
    <div className="panel stack">
      <div className="row">
        <strong>{path}</strong>
        <span className="muted">
          {fmtBytes(artifact.size_bytes)} · sha256 {artifact.sha256?.slice(0, 12)}…
        </span>
        <a className="btn btn-plain" href={url} download>
          Download
        </a>
      </div>
      {kind === "image" && <img src={url} alt={`artifact ${path}`} className="preview" />}
      {kind === "none" && <p className="muted">No preview for this file type or size; download it instead.</p>}
      {(kind === "text" || kind === "json" || kind === "csv") && (
        <QueryState query={text}>
          {(t) => {
            if (kind === "csv") return <CsvPreview text={t.text} />;
            let body = t.text;
            if (kind === "json") {
              try {
                body = JSON.stringify(JSON.parse(t.text), null, 2);
              } catch {
                // not valid JSON (or truncated): show as text
              }
            }
            return (
              <>
                <pre className="block">{body}</pre>
                {t.truncated && <p className="hint">Showing the first 512 KB.</p>}
              </>
            );
          }}
        </QueryState>
      )}
    </div>
  );
}

export function RunPage() {
  const runId = useParams().runId ?? "";
  const [s, set] = useUrlState(schema);
  const run = useRun(runId);
  const artifacts = useArtifacts(runId, run.isSuccess && s.tab === "artifacts");
  const settings: ChartSettings = { axis: s.axis, log: s.log, smoothing: Math.min(0.99, Math.max(0, Number(s.smooth) || 0)) };
  const zoom = useMemo(() => parseZoom(s.zoom), [s.zoom]);
  const tree = useMemo(() => buildTree(artifacts.data?.items ?? []), [artifacts.data]);
  const runRef = useMemo(() => [{ id: runId, label: run.data?.name || runId.slice(0, 8) }], [runId, run.data?.name]);

  if (run.isPending) return <Loading />;
  if (run.isError) return <ErrorBox error={run.error} />;
  const r = run.data;
  const metricKeys = Object.keys(r.metrics ?? {}).sort();
  const shownKeys = s.keys.length > 0 ? s.keys.filter((k) => metricKeys.includes(k)) : metricKeys;
  const setWindow = (key: string, w: StepWindow | null) => set({ zoom: formatZoom({ ...zoom, [key]: w }) });
  const picked = (artifacts.data?.items ?? []).find((a) => a.path === s.artifact);

  return (
    <section>
      <PageHeader
        title={
          <>
            <Link to={`/experiments/${encodeURIComponent(r.experiment_name ?? "")}`}>{r.experiment_name}</Link> / {r.name || r.run_id}
          </>
        }
        subtitle={<span className="mono">{r.run_id}</span>}
      >
        <Badge value={r.status} />
      </PageHeader>
      <Tabs label="Run sections" tabs={TABS} value={s.tab as Tab} onChange={(tab) => set({ tab })} />
      {s.tab === "overview" && (
        <div className="grid">
          <div className="panel">
            <h2>Run</h2>
            <dl className="kv">
              <div>
                <dt>status</dt>
                <dd>
                  <Badge value={r.status} />
                </dd>
              </div>
              <div>
                <dt>started</dt>
                <dd>
                  <Time value={r.start_time} />
                </dd>
              </div>
              <div>
                <dt>ended</dt>
                <dd>
                  <Time value={r.end_time} />
                </dd>
              </div>
              <div>
                <dt>created by</dt>
                <dd>{r.created_by}</dd>
              </div>
              <div>
                <dt>revision</dt>
                <dd>{r.revision}</dd>
              </div>
            </dl>
          </div>
          <div className="panel">
            <h2>Params</h2>
            <KeyValues data={r.params} />
          </div>
          <div className="panel">
            <h2>Latest metrics</h2>
            {metricKeys.length === 0 ? (
              <span className="muted">none</span>
            ) : (
              <dl className="kv">
                {metricKeys.map((k) => (
                  <div key={k}>
                    <dt>{k}</dt>
                    <dd>
                      {fmtNum(r.metrics?.[k]?.value)} <span className="muted">@ step {r.metrics?.[k]?.step}</span>
                    </dd>
                  </div>
                ))}
              </dl>
            )}
          </div>
          <div className="panel">
            <h2>Tags</h2>
            <KeyValues data={r.tags} />
          </div>
          <div className="panel">
            <h2>Source</h2>
            <KeyValues data={r.source} />
          </div>
          <div className="panel">
            <h2>Inputs</h2>
            {(r.inputs ?? []).length === 0 ? (
              <span className="muted">none</span>
            ) : (
              <ul>
                {(r.inputs ?? []).map((d) => (
                  <li key={d}>
                    <Link to={`/datasets/${d}`}>{d}</Link>
                  </li>
                ))}
              </ul>
            )}
          </div>
        </div>
      )}
      {s.tab === "metrics" && (
        <>
          <ChartControls settings={settings} onChange={(c) => set(chartControlsPatch(c))} />
          {metricKeys.length === 0 ? (
            <Empty>This run has no metrics yet.</Empty>
          ) : (
            <>
              <details className="panel">
                <summary>Metrics shown ({shownKeys.length} of {metricKeys.length})</summary>
                {metricKeys.map((k) => (
                  <label key={k} style={{ marginRight: 12 }}>
                    <input
                      type="checkbox"
                      checked={shownKeys.includes(k)}
                      onChange={() => set({ keys: shownKeys.includes(k) ? shownKeys.filter((x) => x !== k) : [...shownKeys, k] })}
                    />{" "}
                    {k}
                  </label>
                ))}
              </details>
              <div className="grid-2">
                {shownKeys.map((k) => (
                  <div className="panel" key={k}>
                    <MetricChart metricKey={k} runs={runRef} settings={settings} window={zoom[k] ?? null} onWindow={(w) => setWindow(k, w)} />
                  </div>
                ))}
              </div>
            </>
          )}
        </>
      )}
      {s.tab === "artifacts" && (
        <QueryState query={artifacts} empty={(a) => (a.items ?? []).length === 0} emptyText="This run has no artifacts.">
          {() => (
            <div className="grid-2">
              <div className="panel">
                <h2>Files</h2>
                <Tree node={tree} onPick={(artifact) => set({ artifact })} selected={s.artifact} />
              </div>
              <div>{picked ? <Preview runId={runId} artifact={picked} /> : <Empty>Pick a file to preview it.</Empty>}</div>
            </div>
          )}
        </QueryState>
      )}
    </section>
  );
}
