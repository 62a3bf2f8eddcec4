import { useMemo } from "react";
import { Link } from "react-router";

import { useTemplates } from "../../api/hooks/prompts";
import { Empty, ErrorBox, Loading } from "../../components/DataState";
import { Badge, Field, LoadMore, PageHeader, Time } from "../../components/ui";
import { oneOf, str, useUrlState } from "../../lib/urlState";

const STATUS = ["", "draft", "pending_review", "approved", "rejected", "deprecated"] as const;
const schema = { status: oneOf(STATUS, ""), owner: str(), tag: str() };

export function PromptsPage() {
  const [s, set] = useUrlState(schema);
  const q = useTemplates(s);
  const items = useMemo(() => q.data?.pages.flatMap((p) => p.items ?? []) ?? [], [q.data]);
  return (
    <section>
      <PageHeader title="Prompt templates">
        <Link className="btn" to="/prompts/review">
          Review queue
        </Link>
        <Link className="btn btn-primary" to="/prompts/new">
          New template
        </Link>
      </PageHeader>
      <div className="filters" role="search">
        <Field label="Has a version in status">
          {(id) => (
            <select id={id} value={s.status} onChange={(e) => set({ status: e.target.value as typeof s.status })}>
              {STATUS.map((x) => (
                <option key={x} value={x}>
                  {x ? x.replace("_", " ") : "any"}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Owner">{(id) => <input id={id} value={s.owner} onChange={(e) => set({ owner: e.target.value.trim() })} />}</Field>
        <Field label="Tag">{(id) => <input id={id} value={s.tag} onChange={(e) => set({ tag: e.target.value.trim() })} />}</Field>
      </div>
      {q.isPending ? (
        <Loading />
      ) : q.isError ? (
        <ErrorBox error={q.error} />
      ) : items.length === 0 ? (
        <Empty>No templates match.</Empty>
      ) : (
        <div className="table-wrap" tabIndex={0}>
          <table className="data">
            <thead>
              <tr>
                <th>Template</th>
                <th>Owner</th>
                <th className="num">Versions</th>
                <th>Latest status</th>
                <th>Labels</th>
                <th>Updated</th>
              </tr>
            </thead>
            <tbody>
              {items.map((t) => {
                const latest = (t.versions ?? []).find((v) => v.version === t.latest_version) ?? t.versions?.[0];
                return (
                  <tr key={t.id}>
                    <td>
                      <Link to={`/prompts/${t.id}`}>{t.name}</Link>
                    </td>
                    <td>{t.owner}</td>
                    <td className="num">{t.latest_version}</td>
                    <td>
                      <Badge value={latest?.status} />
                    </td>
                    <td>
                      {Object.entries(t.labels ?? {})
                        .map(([l, v]) => `${l} → v${v}`)
                        .join(", ") || <span className="muted">none</span>}
                    </td>
                    <td>
                      <Time value={t.updated_at} />
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
