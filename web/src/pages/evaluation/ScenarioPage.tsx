import { useState } from "react";
import { Link, useNavigate, useParams } from "react-router";

import { useScenario, useStartEvaluation } from "../../api/hooks/evaluation";
import { ErrorBox, Loading } from "../../components/DataState";
import { ActionButton, KeyValues, PageHeader, Time } from "../../components/ui";
import { RunsTable } from "./EvaluationPage";

export function ScenarioPage() {
  const name = useParams().name ?? "";
  const q = useScenario(name);
  const start = useStartEvaluation();
  const navigate = useNavigate();
  const [model, setModel] = useState("");
  const [version, setVersion] = useState("");
  if (q.isPending) return <Loading />;
  if (q.isError) return <ErrorBox error={q.error} />;
  const sc = q.data;
  return (
    <section>
      <PageHeader
        title={
          <>
            <Link to="/evaluation">Evaluation</Link> / {sc.name}
          </>
        }
        subtitle={`${sc.task_type} · revision ${sc.revision}`}
      />
      <div className="grid">
        <div className="panel">
          <h2>Definition</h2>
          <dl className="kv">
            <div>
              <dt>dataset</dt>
              <dd>
                <Link to={`/datasets/${sc.dataset_id}`}>{sc.dataset_id}</Link>
              </dd>
            </div>
            <div>
              <dt>label</dt>
              <dd>{sc.label_column}</dd>
            </div>
            <div>
              <dt>score / prediction</dt>
              <dd>{sc.score_column ?? sc.prediction_column ?? "—"}</dd>
            </div>
            <div>
              <dt>model</dt>
              <dd>{sc.model_name ? `${sc.model_name} v${sc.version} (features ${(sc.feature_columns ?? []).join(", ")})` : "—"}</dd>
            </div>
            <div>
              <dt>slice</dt>
              <dd>{sc.slice_column ?? "—"}</dd>
            </div>
            <div>
              <dt>metrics</dt>
              <dd>{(sc.metrics ?? []).join(", ") || "all of the task's"}</dd>
            </div>
            <div>
              <dt>updated</dt>
              <dd>
                <Time value={sc.updated_at} /> by {sc.updated_by}
              </dd>
            </div>
          </dl>
        </div>
        <div className="panel">
          <h2>Thresholds</h2>
          <KeyValues data={Object.fromEntries(Object.entries(sc.thresholds ?? {}).map(([m, t]) => [m, `${t.op} ${t.value}`]))} />
        </div>
        <form
          className="panel stack"
          aria-label="Start an evaluation"
          onSubmit={(e) => {
            e.preventDefault();
            start.mutate(
              { scenario_name: name, model_name: model || undefined, version: version ? Number(version) : undefined },
              { onSuccess: (r) => navigate(`/evaluation/runs/${r.run_id}`) },
            );
          }}
        >
          <h2>Evaluate</h2>
          <p className="hint">Optionally against another model version. Small inline runs finish at once; others are queued and followed live.</p>
          <div className="filters">
            <div className="field">
              <label htmlFor="ev-model">Model name</label>
              <input id="ev-model" value={model} onChange={(e) => setModel(e.target.value)} placeholder={sc.model_name ?? ""} />
            </div>
            <div className="field">
              <label htmlFor="ev-version">Version</label>
              <input id="ev-version" type="number" min={1} value={version} onChange={(e) => setVersion(e.target.value)} />
            </div>
          </div>
          <ActionButton type="submit" variant="primary" action="evaluation.write" disabled={start.isPending}>
            Start evaluation
          </ActionButton>
          {start.isError && <ErrorBox error={start.error} />}
        </form>
      </div>
      <h2>Runs of this scenario</h2>
      <RunsTable scenario={name} />
    </section>
  );
}
