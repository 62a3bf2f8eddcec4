import { useMemo } from "react";
import { Link } from "react-router";

import { useFeatures } from "../../api/hooks/features";
import { Empty, ErrorBox, Loading } from "../../components/DataState";
import { Badge, Field, LoadMore, PageHeader, Time } from "../../components/ui";
import { oneOf, str, useUrlState } from "../../lib/urlState";

const schema = { q: str(), entity: str(), owner: str(), tag: str(), status: oneOf(["", "active", "deprecated", "archived"] as const, "") };

export function FeaturesPage() {
  const [s, set] = useUrlState(schema);
  const q = useFeatures(s);
  const items = useMemo(() => q.data?.pages.flatMap((p) => p.items ?? []) ?? [], [q.data]);
  return (
    <section>
      <PageHeader title="Feature catalog">
        <Link className="btn btn-primary" to="/features/new">
          New feature
        </Link>
      </PageHeader>
      <div className="filters" role="search">
        <Field label="Search">{(id) => <input id={id} value={s.q} onChange={(e) => set({ q: e.target.value })} placeholder="name or description" />}</Field>
        <Field label="Entity">{(id) => <input id={id} value={s.entity} onChange={(e) => set({ entity: e.target.value.trim() })} />}</Field>
        <Field label="Owner">{(id) => <input id={id} value={s.owner} onChange={(e) => set({ owner: e.target.value.trim() })} />}</Field>
        <Field label="Tag" hint="key or key=value">
          {(id) => <input id={id} value={s.tag} onChange={(e) => set({ tag: e.target.value.trim() })} />}
        </Field>
        <Field label="Status">
          {(id) => (
            <select id={id} value={s.status} onChange={(e) => set({ status: e.target.value as typeof s.status })}>
              <option value="">any</option>
              <option value="active">active</option>
              <option value="deprecated">deprecated</option>
              <option value="archived">archived</option>
            </select>
          )}
        </Field>
      </div>
      {q.isPending ? (
        <Loading />
      ) : q.isError ? (
        <ErrorBox error={q.error} />
      ) : items.length === 0 ? (
        <Empty>No features match.</Empty>
      ) : (
        <div className="table-wrap" tabIndex={0}>
          <table className="data">
            <thead>
              <tr>
                <th>Name</th>
                <th>Entity</th>
                <th>Type</th>
                <th className="num">Version</th>
                <th>Status</th>
                <th>Owner</th>
                <th>Description</th>
                <th>Updated</th>
              </tr>
            </thead>
            <tbody>
              {items.map((f) => (
                <tr key={f.name}>
                  <td>
                    <Link to={`/features/${encodeURIComponent(f.name ?? "")}`}>{f.name}</Link>
                  </td>
                  <td>{f.entity}</td>
                  <td>
                    <code>{f.value_type}</code>
                  </td>
                  <td className="num">{f.version}</td>
                  <td>
                    <Badge value={f.status} />
                  </td>
                  <td>{f.owner}</td>
                  <td>{f.description}</td>
                  <td>
                    <Time value={f.updated_at} />
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
