import { useState, type FormEvent } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";

import { useCreateDeployment } from "../../api/hooks/registry";
import { ErrorBox } from "../../components/DataState";
import { ActionButton, Field, PageHeader } from "../../components/ui";

export function NewDeploymentPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const create = useCreateDeployment();
  const [model, setModel] = useState(params.get("model_name") ?? "");
  const [version, setVersion] = useState(params.get("model_version") ?? "1");
  const [environment, setEnvironment] = useState<"development" | "staging" | "production">("staging");
  const [endpoint, setEndpoint] = useState("");
  const [replicas, setReplicas] = useState("1");
  const [traffic, setTraffic] = useState("100");
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate(
      {
        model_name: model,
        model_version: Number(version),
        environment,
        endpoint: endpoint || undefined,
        config: { replicas: Number(replicas), traffic_percent: Number(traffic), timeout_ms: 30000, max_batch_size: 1 },
      },
      { onSuccess: (d) => navigate(`/deployments/${d.id}`) },
    );
  };
  return (
    <section>
      <PageHeader
        title={
          <>
            <Link to="/deployments">Deployments</Link> / new
          </>
        }
      />
      <form className="panel" onSubmit={submit} aria-label="New deployment">
        <div className="filters">
          <Field label="Model name">{(id) => <input id={id} value={model} onChange={(e) => setModel(e.target.value)} required />}</Field>
          <Field label="Version">{(id) => <input id={id} type="number" min={1} value={version} onChange={(e) => setVersion(e.target.value)} required />}</Field>
          <Field label="Environment">
            {(id) => (
              <select id={id} value={environment} onChange={(e) => setEnvironment(e.target.value as typeof environment)}>
                <option>development</option>
                <option>staging</option>
                <option>production</option>
              </select>
            )}
          </Field>
          <Field label="Endpoint path">{(id) => <input id={id} value={endpoint} onChange={(e) => setEndpoint(e.target.value)} placeholder="/models/churn" />}</Field>
          <Field label="Replicas">{(id) => <input id={id} type="number" min={1} value={replicas} onChange={(e) => setReplicas(e.target.value)} />}</Field>
          <Field label="Traffic %">{(id) => <input id={id} type="number" min={0} max={100} value={traffic} onChange={(e) => setTraffic(e.target.value)} />}</Field>
        </div>
        <ActionButton type="submit" variant="primary" action={environment === "production" ? "deployments.production" : "deployments.write"} disabled={create.isPending}>
          Create deployment
        </ActionButton>
        {create.isError && <ErrorBox error={create.error} title="Refused" />}
      </form>
    </section>
  );
}
