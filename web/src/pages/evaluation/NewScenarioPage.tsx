import { useMemo, useState, type FormEvent } from "react";
import { Link, useNavigate } from "react-router";

import { useDataset, useDatasets } from "../../api/hooks/features";
import { useCreateScenario } from "../../api/hooks/evaluation";
import type { ScenarioCreate } from "../../api/types";
import { ErrorBox, Loading } from "../../components/DataState";
import { ActionButton, Field, PageHeader } from "../../components/ui";
import { oneOf, str, useUrlState } from "../../lib/urlState";

const TASKS = ["binary_classification", "multiclass_classification", "regression"] as const;
const OPS = [">=", ">", "<=", "<", "=="] as const;
const schema = { dataset: str(), task: oneOf(TASKS, "binary_classification") };

export function NewScenarioPage() {
  const [s, set] = useUrlState(schema);
  const navigate = useNavigate();
  const create = useCreateScenario();
  const datasets = useDatasets();
  const dataset = useDataset(s.dataset);
  const all = useMemo(() => datasets.data?.pages.flatMap((p) => p.items ?? []) ?? [], [datasets.data]);
  const cols = Object.keys(dataset.data?.schema ?? {});
  const [name, setName] = useState("");
  const [label, setLabel] = useState("");
  const [score, setScore] = useState("");
  const [slice, setSlice] = useState("");
  const [model, setModel] = useState("");
  const [version, setVersion] = useState("");
  const [features, setFeatures] = useState<string[]>([]);
  const [tMetric, setTMetric] = useState("");
  const [tOp, setTOp] = useState<(typeof OPS)[number]>(">=");
  const [tValue, setTValue] = useState("");
  const usesModel = model !== "";
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body: ScenarioCreate = { name, task_type: s.task, dataset_id: s.dataset, label_column: label };
    if (usesModel) {
      body.model_name = model;
      body.version = Number(version);
      body.feature_columns = features;
    } else if (s.task === "binary_classification") body.score_column = score;
    else body.prediction_column = score;
    if (slice) body.slice_column = slice;
    if (tMetric && tValue !== "") body.thresholds = { [tMetric]: { op: tOp, value: Number(tValue) } };
    create.mutate(body, { onSuccess: (sc) => navigate(`/evaluation/scenarios/${encodeURIComponent(sc.name ?? name)}`) });
  };
  const colSelect = (id: string, value: string, onChange: (v: string) => void, optional = false) => (
    <select id={id} value={value} onChange={(e) => onChange(e.target.value)} required={!optional}>
      <option value="">{optional ? "none" : "choose…"}</option>
      {cols.map((c) => (
        <option key={c}>{c}</option>
      ))}
    </select>
  );
  return (
    <section>
      <PageHeader
        title={
          <>
            <Link to="/evaluation">Evaluation</Link> / new scenario
          </>
        }
      />
      <form className="panel" onSubmit={submit} aria-label="New scenario">
        <div className="filters">
          <Field label="Name">{(id) => <input id={id} value={name} onChange={(e) => setName(e.target.value)} required />}</Field>
          <Field label="Task">
            {(id) => (
              <select id={id} value={s.task} onChange={(e) => set({ task: e.target.value as (typeof TASKS)[number] })}>
                {TASKS.map((t) => (
                  <option key={t}>{t}</option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Dataset">
            {(id) =>
              datasets.isPending ? (
                <Loading />
              ) : (
                <select id={id} value={s.dataset} onChange={(e) => set({ dataset: e.target.value })} required>
                  <option value="">choose…</option>
                  {all.map((d) => (
                    <option key={d.id} value={d.id}>
                      {d.name}
                    </option>
                  ))}
                </select>
              )
            }
          </Field>
        </div>
        {s.dataset && (
          <>
            <div className="filters">
              <Field label="Label column">{(id) => colSelect(id, label, setLabel)}</Field>
              {!usesModel && <Field label={s.task === "binary_classification" ? "Score column (P(class 1))" : "Prediction column"}>{(id) => colSelect(id, score, setScore)}</Field>}
              <Field label="Slice column">{(id) => colSelect(id, slice, setSlice, true)}</Field>
            </div>
            <fieldset className="filters">
              <legend>Or execute a registered model (xgboost-json)</legend>
              <Field label="Model name">{(id) => <input id={id} value={model} onChange={(e) => setModel(e.target.value)} />}</Field>
              <Field label="Version">{(id) => <input id={id} type="number" min={1} value={version} onChange={(e) => setVersion(e.target.value)} required={usesModel} />}</Field>
              {usesModel && (
                <div className="field">
                  <span className="lbl">Feature columns</span>
                  {cols.map((c) => (
                    <label key={c}>
                      <input type="checkbox" checked={features.includes(c)} onChange={() => setFeatures(features.includes(c) ? features.filter((x) => x !== c) : [...features, c])} /> {c}
                    </label>
                  ))}
                </div>
              )}
            </fieldset>
            <fieldset className="filters">
              <legend>Threshold (optional)</legend>
              <Field label="Metric">{(id) => <input id={id} value={tMetric} onChange={(e) => setTMetric(e.target.value)} placeholder="roc_auc" />}</Field>
              <Field label="Operator">
                {(id) => (
                  <select id={id} value={tOp} onChange={(e) => setTOp(e.target.value as (typeof OPS)[number])}>
                    {OPS.map((o) => (
                      <option key={o}>{o}</option>
                    ))}
                  </select>
                )}
              </Field>
              <Field label="Value">{(id) => <input id={id} type="number" step="any" value={tValue} onChange={(e) => setTValue(e.target.value)} />}</Field>
            </fieldset>
          </>
        )}
        <ActionButton type="submit" variant="primary" action="evaluation.write" disabled={create.isPending || !s.dataset}>
          Create scenario
        </ActionButton>
        {create.isError && <ErrorBox error={create.error} />}
      </form>
    </section>
  );
}
