import { useMemo, useState, type FormEvent } from "react";
import { Link, useNavigate } from "react-router";

import { useModelVersions, useRegisterModel } from "../../api/hooks/registry";
import { Empty, ErrorBox, Loading } from "../../components/DataState";
import { ActionButton, Badge, Field, LoadMore, PageHeader, Time } from "../../components/ui";
import { oneOf, str, useUrlState } from "../../lib/urlState";

const schema = { stage: oneOf(["", "none", "staging", "production", "archived"] as const, ""), model: str(), register: str() };

function Register() {
  const reg = useRegisterModel();
  const navigate = useNavigate();
  const [name, setName] = useState("");
  const [runId, setRunId] = useState("");
  const [description, setDescription] = useState("");
  const submit = (e: FormEvent) => {
    e.preventDefault();
    reg.mutate(
      { model_name: name, run_id: runId || undefined, description: description || undefined },
      { onSuccess: (v) => navigate(`/models/${encodeURIComponent(v.model_name ?? "")}/versions/${v.version}`) },
    );
  };
  return (
    <form className="panel" onSubmit={submit} aria-label="Register a model version">
      <h2>Register a model version</h2>
      <div className="filters">
        <Field label="Model name">{(id) => <input id={id} value={name} onChange={(e) => setName(e.target.value)} required />}</Field>
        <Field label="Source run id" hint="copies the run's latest metrics and params">
          {(id) => <input id={id} value={runId} onChange={(e) => setRunId(e.target.value)} />}
        </Field>
        <Field label="Description">{(id) => <input id={id} value={description} onChange={(e) => setDescription(e.target.value)} />}</Field>
        <ActionButton type="submit" variant="primary" action="registry.write" disabled={reg.isPending}>
          Register
        </ActionButton>
      </div>
      {reg.isError && <ErrorBox error={reg.error} />}
    </form>
  );
}

export function ModelsPage() {
  const [s, set] = useUrlState(schema);
  const q = useModelVersions({ stage: s.stage, model_name: s.model });
  const versions = useMemo(() => q.data?.pages.flatMap((p) => p.items ?? []) ?? [], [q.data]);
  return (
    <section>
      <PageHeader title="Model registry">
        <ActionButton variant="primary" action="registry.write" onClick={() => set({ register: s.register ? "" : "1" })}>
          Register version
        </ActionButton>
      </PageHeader>
      {s.register && <Register />}
      <div className="filters" role="search">
        <Field label="Model name">{(id) => <input id={id} value={s.model} onChange={(e) => set({ model: e.target.value.trim() })} />}</Field>
        <Field label="Stage">
          {(id) => (
            <select id={id} value={s.stage} onChange={(e) => set({ stage: e.target.value as typeof s.stage })}>
              <option value="">any</option>
              <option value="none">none</option>
              <option value="staging">staging</option>
              <option value="production">production</option>
              <option value="archived">archived</option>
            </select>
          )}
        </Field>
      </div>
      {q.isPending ? (
        <Loading />
      ) : q.isError ? (
        <ErrorBox error={q.error} />
      ) : versions.length === 0 ? (
        <Empty>No model versions{s.stage || s.model ? " match" : " registered yet"}.</Empty>
      ) : (
        <div className="table-wrap" tabIndex={0}>
          <table className="data">
            <thead>
              <tr>
                <th>Model</th>
                <th className="num">Version</th>
                <th>Stage</th>
                <th>Checklist</th>
                <th>Registered by</th>
                <th>Updated</th>
              </tr>
            </thead>
            <tbody>
              {versions.map((v) => {
                const done = (v.checklist ?? []).filter((c) => c.done).length;
                return (
                  <tr key={`${v.model_name}/${v.version}`}>
                    <td>
                      <Link to={`/models/${encodeURIComponent(v.model_name ?? "")}`}>{v.model_name}</Link>
                    </td>
                    <td className="num">
                      <Link to={`/models/${encodeURIComponent(v.model_name ?? "")}/versions/${v.version}`}>v{v.version}</Link>
                    </td>
                    <td>
                      <Badge value={v.stage} />
                    </td>
                    <td>
                      {done}/{(v.checklist ?? []).length}
                    </td>
                    <td>{v.created_by}</td>
                    <td>
                      <Time value={v.updated_at} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <LoadMore query={q} />
    </section>
  );
}
