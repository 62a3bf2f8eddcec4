import { useMemo, useState, type FormEvent } from "react";
import { Link } from "react-router";

import { useCreateExperiment, useExperiments } from "../../api/hooks/tracking";
import { Empty, ErrorBox, Loading } from "../../components/DataState";
import { ActionButton, Badge, Field, LoadMore, PageHeader, Time } from "../../components/ui";
import { oneOf, str, useUrlState } from "../../lib/urlState";

const schema = { owner: str(), status: oneOf(["", "active", "completed", "archived"] as const, ""), q: str(), create: str() };

function CreateExperiment({ onDone }: { onDone: () => void }) {
  const create = useCreateExperiment();
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const [owner, setOwner] = useState("");
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate({ name, description: description || undefined, owner: owner || undefined }, { onSuccess: onDone });
  };
  return (
    <form className="panel" onSubmit={submit} aria-label="New experiment">
      <h2>New experiment</h2>
      <div className="filters">
        <Field label="Name">{(id) => <input id={id} value={name} onChange={(e) => setName(e.target.value)} required />}</Field>
        <Field label="Owner">{(id) => <input id={id} value={owner} onChange={(e) => setOwner(e.target.value)} />}</Field>
        <Field label="Description">{(id) => <input id={id} value={description} onChange={(e) => setDescription(e.target.value)} />}</Field>
        <ActionButton type="submit" variant="primary" action="tracking.write" disabled={create.isPending}>
          Create
        </ActionButton>
      </div>
      {create.isError && <ErrorBox error={create.error} />}
    </form>
  );
}

export function ExperimentsPage() {
  const [s, set] = useUrlState(schema);
  const q = useExperiments({ owner: s.owner, status: s.status });
  const all = useMemo(() => q.data?.pages.flatMap((p) => p.items) ?? [], [q.data]);
  // The API has no name search: the loaded pages are filtered here.
  const shown = s.q ? all.filter((e) => (e.name ?? "").toLowerCase().includes(s.q.toLowerCase())) : all;
  return (
    <section>
      <PageHeader title="Experiments">
        <ActionButton variant="primary" action="tracking.write" onClick={() => set({ create: s.create ? "" : "1" })}>
          New experiment
        </ActionButton>
      </PageHeader>
      {s.create && <CreateExperiment onDone={() => set({ create: "" })} />}
      <div className="filters" role="search">
        <Field label="Name contains">{(id) => <input id={id} value={s.q} onChange={(e) => set({ q: e.target.value })} />}</Field>
        <Field label="Owner">{(id) => <input id={id} value={s.owner} onChange={(e) => set({ owner: e.target.value })} />}</Field>
        <Field label="Status">
          {(id) => (
            <select id={id} value={s.status} onChange={(e) => set({ status: e.target.value as typeof s.status })}>
              <option value="">any</option>
              <option value="active">active</option>
              <option value="completed">completed</option>
              <option value="archived">archived</option>
            </select>
          )}
        </Field>
      </div>
      {q.isPending ? (
        <Loading />
      ) : q.isError ? (
        <ErrorBox error={q.error} />
      ) : shown.length === 0 ? (
        <Empty>No experiments{s.q || s.owner || s.status ? " match these filters" : " yet: create one, or log from the API"}.</Empty>
      ) : (
        <div className="table-wrap" tabIndex={0}>
          <table className="data">
            <thead>
              <tr>
                <th>Name</th>
                <th>Status</th>
                <th>Owner</th>
                <th className="num">Runs</th>
                <th>Description</th>
                <th>Updated</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((e) => (
                <tr key={e.name}>
                  <td>
                    <Link to={`/experiments/${encodeURIComponent(e.name ?? "")}`}>{e.name}</Link>
                  </td>
                  <td>
                    <Badge value={e.status} />
                  </td>
                  <td>{e.owner}</td>
                  <td className="num">{e.run_count}</td>
                  <td>{e.description}</td>
                  <td>
                    <Time value={e.updated_at} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <LoadMore query={q} />
    </section>
  );
}
