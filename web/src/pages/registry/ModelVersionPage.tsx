import { useMemo, useState } from "react";
import { Link, useParams } from "react-router";

import { useAudit } from "../../api/hooks/audit";
import { useEvaluationRuns } from "../../api/hooks/evaluation";
import { modelArtifactUrl, useDeployments, useModelVersion, usePatchModelVersion, useUploadModelArtifact } from "../../api/hooks/registry";
import { useAuth } from "../../auth/AuthContext";
import { Empty, ErrorBox, Loading } from "../../components/DataState";
import { ActionButton, Badge, fmtBytes, fmtNum, KeyValues, PageHeader, Tabs, Time } from "../../components/ui";
import { oneOf, useUrlState } from "../../lib/urlState";
import { Checklist } from "./Checklist";

const TABS = [
  { id: "checklist", label: "Checklist and stage" },
  { id: "artifact", label: "Artifact" },
  { id: "lineage", label: "Lineage" },
  { id: "history", label: "Stage history" },
] as const;
const schema = { tab: oneOf(["checklist", "artifact", "lineage", "history"] as const, "checklist") };
const STAGES = ["none", "staging", "production", "archived"] as const;

function ArtifactUpload({ name, version }: { name: string; version: number }) {
  const up = useUploadModelArtifact(name, version);
  const [file, setFile] = useState<File | null>(null);
  const [format, setFormat] = useState("xgboost-json");
  const [progress, setProgress] = useState<{ loaded: number; total: number } | null>(null);
  return (
    <form
      className="stack"
      aria-label="Upload the model file"
      onSubmit={(e) => {
        e.preventDefault();
        if (!file) return;
        setProgress({ loaded: 0, total: file.size });
        up.mutate({ file, format, onProgress: (loaded, total) => setProgress({ loaded, total }) });
      }}
    >
      <div className="filters">
        <div className="field">
          <label htmlFor="artifact-file">Model file</label>
          <input id="artifact-file" type="file" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        </div>
        <div className="field">
          <label htmlFor="artifact-format">Format</label>
          <select id="artifact-format" value={format} onChange={(e) => setFormat(e.target.value)}>
            <option value="xgboost-json">xgboost-json</option>
            <option value="onnx">onnx</option>
            <option value="other">other</option>
          </select>
        </div>
        <ActionButton type="submit" variant="primary" action="registry.write" disabled={!file || up.isPending}>
          Upload
        </ActionButton>
      </div>
      {progress && (
        <div>
          <progress className="progress" max={progress.total || 1} value={progress.loaded} aria-label="Upload progress" />
          <span className="muted">
            {fmtBytes(progress.loaded)} of {fmtBytes(progress.total)}
            {up.isSuccess ? " — stored" : ""}
          </span>
        </div>
      )}
      {up.isError && <ErrorBox error={up.error} title="Upload refused" />}
    </form>
  );
}

export function ModelVersionPage() {
  const params = useParams();
  const name = params.name ?? "";
  const version = Number(params.version);
  const [s, set] = useUrlState(schema);
  const auth = useAuth();
  const q = useModelVersion(name, version);
  const patch = usePatchModelVersion(name, version);
  const history = useAudit({ resource: `model_version/${name}/${version}` }, 200);
  const deployments = useDeployments({ model_name: name });
  const evals = useEvaluationRuns({});
  const [stageTarget, setStageTarget] = useState<(typeof STAGES)[number]>("staging");

  const myDeployments = useMemo(() => (deployments.data?.pages.flatMap((p) => p.items ?? []) ?? []).filter((d) => d.model_version === version), [deployments.data, version]);
  // Evaluation runs cannot be filtered by model on the server: the loaded page is filtered here.
  const myEvals = useMemo(() => (evals.data?.pages.flatMap((p) => p.items ?? []) ?? []).filter((r) => r.model_name === name && r.version === version), [evals.data, name, version]);

  if (q.isPending) return <Loading />;
  if (q.isError) return <ErrorBox error={q.error} />;
  const v = q.data;
  const stageAction = stageTarget === "production" ? "registry.promote" : "registry.write";
  const stageRecords = (history.data?.pages.flatMap((p) => p.items ?? []) ?? []).filter((r) => r.action === "model_version.create" || (r.summary && ("to" in r.summary || "stage" in r.summary)));

  return (
    <section>
      <PageHeader
        title={
          <>
            <Link to="/models">Models</Link> / <Link to={`/models/${encodeURIComponent(name)}`}>{name}</Link> / v{version}
          </>
        }
        subtitle={v.description}
      >
        <Badge value={v.stage} />
      </PageHeader>
      <Tabs label="Model version sections" tabs={TABS} value={s.tab} onChange={(tab) => set({ tab })} />
      {s.tab === "checklist" && (
        <div className="grid-2">
          <div className="panel">
            <h2>Promotion checklist</h2>
            <Checklist
              items={v.checklist ?? []}
              busy={patch.isPending}
              onChange={(key, done, note) => patch.mutate({ body: { checklist: [{ key, done, note }] }, revision: v.revision })}
            />
          </div>
          <div className="stack">
            <div className="panel stack">
              <h2>Stage</h2>
              <p>
                Current stage <Badge value={v.stage} />
              </p>
              <div className="row">
                <label htmlFor="stage-target">Move to</label>
                <select id="stage-target" value={stageTarget} onChange={(e) => setStageTarget(e.target.value as (typeof STAGES)[number])}>
                  {STAGES.filter((st) => st !== v.stage).map((st) => (
                    <option key={st}>{st}</option>
                  ))}
                </select>
                <ActionButton
                  variant="primary"
                  action={stageAction}
                  disabled={patch.isPending || stageTarget === v.stage}
                  onClick={() => patch.mutate({ body: { stage: stageTarget }, revision: v.revision })}
                >
                  {stageTarget === "production" ? "Promote to production" : `Move to ${stageTarget}`}
                </ActionButton>
              </div>
              {patch.isError && <ErrorBox error={patch.error} title="Refused" />}
              {auth.mode === "off" && <p className="hint">Four-eyes: the server refuses a promotion by the version's registrar.</p>}
            </div>
            <div className="panel">
              <h2>Metrics</h2>
              <KeyValues data={v.metrics} />
              <h2>Params</h2>
              <KeyValues data={v.params} />
              <h2>Tags</h2>
              <KeyValues data={v.tags} />
            </div>
          </div>
        </div>
      )}
      {s.tab === "artifact" && (
        <div className="panel stack">
          <h2>Model file</h2>
          {v.artifact ? (
            <dl className="kv">
              <div>
                <dt>format</dt>
                <dd>{v.artifact.format}</dd>
              </div>
              <div>
                <dt>size</dt>
                <dd>{fmtBytes(v.artifact.size_bytes)}</dd>
              </div>
              <div>
                <dt>sha256</dt>
                <dd className="mono">{v.artifact.sha256}</dd>
              </div>
              <div>
                <dt>file</dt>
                <dd>
                  <a href={modelArtifactUrl(name, version)} download>
                    Download
                  </a>
                </dd>
              </div>
            </dl>
          ) : (
            <>
              <p className="muted">No model file yet (write-once: it cannot be replaced after upload).</p>
              <ArtifactUpload name={name} version={version} />
            </>
          )}
        </div>
      )}
      {s.tab === "lineage" && (
        <div className="grid">
          <div className="panel">
            <h2>Source run</h2>
            {v.run_id ? <Link to={`/runs/${v.run_id}`}>{v.run_id}</Link> : <span className="muted">registered without a run</span>}
          </div>
          <div className="panel">
            <h2>Evaluations</h2>
            {evals.isPending ? (
              <Loading />
            ) : evals.isError ? (
              <ErrorBox error={evals.error} />
            ) : myEvals.length === 0 ? (
              <Empty>No evaluation run on this version (among the latest 200).</Empty>
            ) : (
              <ul>
                {myEvals.map((r) => (
                  <li key={r.run_id}>
                    <Link to={`/evaluation/runs/${r.run_id}`}>{r.scenario_name}</Link> <Badge value={r.verdict || r.status} /> <Time value={r.created_at} />
                  </li>
                ))}
              </ul>
            )}
          </div>
          <div className="panel">
            <h2>Deployments</h2>
            {deployments.isPending ? (
              <Loading />
            ) : deployments.isError ? (
              <ErrorBox error={deployments.error} />
            ) : myDeployments.length === 0 ? (
              <Empty>
                Not deployed. <Link to={`/deployments/new?model_name=${encodeURIComponent(name)}&model_version=${version}`}>Deploy it</Link>
              </Empty>
            ) : (
              <ul>
                {myDeployments.map((d) => (
                  <li key={d.id}>
                    <Link to={`/deployments/${d.id}`}>{d.environment}</Link> <Badge value={d.status} /> {d.endpoint}
                  </li>
                ))}
              </ul>
            )}
          </div>
        </div>
      )}
      {s.tab === "history" && (
        <div className="panel">
          <h2>Stage history</h2>
          {history.isPending ? (
            <Loading />
          ) : history.isError ? (
            <ErrorBox error={history.error} />
          ) : stageRecords.length === 0 ? (
            <Empty>No stage change yet.</Empty>
          ) : (
            <ol className="timeline">
              {stageRecords.map((r) => {
                const sm = r.summary ?? {};
                const from = typeof sm.from === "string" ? sm.from : null;
                const to = typeof sm.to === "string" ? sm.to : typeof sm.stage === "string" ? sm.stage : null;
                return (
                  <li key={r.id}>
                    {from ? (
                      <>
                        <Badge value={from} /> → <Badge value={to} />
                      </>
                    ) : (
                      <>
                        registered in <Badge value={to} />
                      </>
                    )}{" "}
                    by <strong>{r.actor}</strong> <Time value={r.at} />
                    {typeof sm.changed === "string" && <span className="muted"> ({sm.changed})</span>}
                  </li>
                );
              })}
            </ol>
          )}
          <p className="hint">From the audit log (model_version/{name}/{version}). Checklist ticks:</p>
          <ul>
            {(v.checklist ?? [])
              .filter((c) => c.done)
              .map((c) => (
                <li key={c.key}>
                  {c.key}: {c.done_by} <Time value={c.done_at} />
                </li>
              ))}
          </ul>
        </div>
      )}
      <p className="muted">
        Registered by {v.created_by} <Time value={v.created_at} /> · revision {v.revision} · {fmtNum(Object.keys(v.metrics ?? {}).length)} metrics
      </p>
    </section>
  );
}
