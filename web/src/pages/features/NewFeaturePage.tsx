import { useState, type FormEvent } from "react";
import { Link, useNavigate } from "react-router";

import { useCreateFeature } from "../../api/hooks/features";
import type { FeatureCreate } from "../../api/types";
import { ErrorBox } from "../../components/DataState";
import { ActionButton, Field, PageHeader } from "../../components/ui";

const TYPES = ["int64", "float64", "string", "bool", "timestamp", "float_vector"] as const;

export function NewFeaturePage() {
  const navigate = useNavigate();
  const create = useCreateFeature();
  const [name, setName] = useState("");
  const [entity, setEntity] = useState("");
  const [type, setType] = useState<(typeof TYPES)[number]>("float64");
  const [description, setDescription] = useState("");
  const [nullable, setNullable] = useState(true);
  const [min, setMin] = useState("");
  const [max, setMax] = useState("");
  const [datasetId, setDatasetId] = useState("");
  const [column, setColumn] = useState("");
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body: FeatureCreate = {
      name,
      entity,
      value_type: type,
      description: description || undefined,
      schema: { nullable, min: min === "" ? undefined : Number(min), max: max === "" ? undefined : Number(max) },
      source: datasetId ? { dataset_id: datasetId, column } : undefined,
    };
    create.mutate(body, { onSuccess: (f) => navigate(`/features/${encodeURIComponent(f.name ?? name)}`) });
  };
  return (
    <section>
      <PageHeader
        title={
          <>
            <Link to="/features">Features</Link> / new
          </>
        }
      />
      <form className="panel" onSubmit={submit} aria-label="New feature">
        <div className="filters">
          <Field label="Name">{(id) => <input id={id} value={name} onChange={(e) => setName(e.target.value)} required />}</Field>
          <Field label="Entity">{(id) => <input id={id} value={entity} onChange={(e) => setEntity(e.target.value)} required placeholder="symbol" />}</Field>
          <Field label="Value type">
            {(id) => (
              <select id={id} value={type} onChange={(e) => setType(e.target.value as typeof type)}>
                {TYPES.map((t) => (
                  <option key={t}>{t}</option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Description">{(id) => <input id={id} value={description} onChange={(e) => setDescription(e.target.value)} />}</Field>
        </div>
        <fieldset className="filters">
          <legend>Schema</legend>
          <label>
            <input type="checkbox" checked={nullable} onChange={(e) => setNullable(e.target.checked)} /> nullable
          </label>
          <Field label="Min">{(id) => <input id={id} type="number" step="any" value={min} onChange={(e) => setMin(e.target.value)} />}</Field>
          <Field label="Max">{(id) => <input id={id} type="number" step="any" value={max} onChange={(e) => setMax(e.target.value)} />}</Field>
        </fieldset>
        <fieldset className="filters">
          <legend>Source (optional)</legend>
          <Field label="Dataset id">{(id) => <input id={id} value={datasetId} onChange={(e) => setDatasetId(e.target.value)} />}</Field>
          <Field label="Column">{(id) => <input id={id} value={column} onChange={(e) => setColumn(e.target.value)} />}</Field>
        </fieldset>
        <ActionButton type="submit" variant="primary" action="features.write" disabled={create.isPending}>
          Create feature
        </ActionButton>
        {create.isError && <ErrorBox error={create.error} />}
      </form>
    </section>
  );
}
