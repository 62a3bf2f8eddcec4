import { useMemo } from "react";
import { Link } from "react-router";

import { useAudit } from "../../api/hooks/audit";
import type { AuditRecord } from "../../api/types";
import { Empty, ErrorBox, Loading } from "../../components/DataState";
import { Field, LoadMore, PageHeader, Time } from "../../components/ui";
import { str, useUrlState } from "../../lib/urlState";

const schema = { resource: str(), actor: str(), since: str() };

// Console link for an audited resource, when it has a page.
export function resourceLink(type: string | undefined, id: string | undefined): string | null {
  if (!type || !id) return null;
  const e = encodeURIComponent;
  switch (type) {
    case "experiment":
      return `/experiments/${e(id)}`;
    case "run":
      return `/runs/${e(id)}`;
    case "model_version": {
      const at = id.lastIndexOf("/");
      return at > 0 ? `/models/${e(id.slice(0, at))}/versions/${e(id.slice(at + 1))}` : null;
    }
    case "deployment":
      return `/deployments/${e(id)}`;
    case "feature":
      return `/features/${e(id)}`;
    case "dataset":
      return `/datasets/${e(id)}`;
    case "scenario":
      return `/evaluation/scenarios/${e(id)}`;
    case "evaluation_run":
      return `/evaluation/runs/${e(id)}`;
    case "prompt_template":
      return `/prompts/${e(id.split("/")[0] ?? id)}`;
    default:
      return null;
  }
}

export function AuditTable({ records }: { records: AuditRecord[] }) {
  return (
    <div className="table-wrap" tabIndex={0}>
      <table className="data">
        <thead>
          <tr>
            <th>When</th>
            <th>Who</th>
            <th>Action</th>
            <th>Resource</th>
            <th>Summary</th>
          </tr>
        </thead>
        <tbody>
          {records.map((r) => {
            const to = resourceLink(r.resource_type, r.resource_id);
            return (
              <tr key={r.id}>
                <td>
                  <Time value={r.at} />
                </td>
                <td>{r.actor}</td>
                <td>
                  <code>{r.action}</code>
                </td>
                <td>
                  {r.resource_type}/{to ? <Link to={to}>{r.resource_id}</Link> : r.resource_id}
                </td>
                <td className="mono" title={JSON.stringify(r.summary)}>
                  {JSON.stringify(r.summary)}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

// datetime-local value (local time) → RFC 3339 UTC for the API.
function toRfc3339(local: string): string {
  if (!local) return "";
  const d = new Date(local);
  return Number.isNaN(d.getTime()) ? "" : d.toISOString();
}

function toLocalInput(rfc: string): string {
  if (!rfc) return "";
  const d = new Date(rfc);
  if (Number.isNaN(d.getTime())) return "";
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function AuditPage() {
  const [s, set] = useUrlState(schema);
  const q = useAudit({ resource: s.resource, actor: s.actor, since: s.since });
  const records = useMemo(() => q.data?.pages.flatMap((p) => p.items ?? []) ?? [], [q.data]);
  return (
    <section>
      <PageHeader title="Audit log" subtitle="Every change, who made it and when; newest first." />
      <div className="filters" role="search">
        <Field label="Resource" hint="type or type/id, e.g. run/<id>">
          {(id) => <input id={id} value={s.resource} onChange={(e) => set({ resource: e.target.value.trim() })} placeholder="model_version" />}
        </Field>
        <Field label="Actor">{(id) => <input id={id} value={s.actor} onChange={(e) => set({ actor: e.target.value.trim() })} />}</Field>
        <Field label="Since">{(id) => <input id={id} type="datetime-local" value={toLocalInput(s.since)} onChange={(e) => set({ since: toRfc3339(e.target.value) })} />}</Field>
      </div>
      {q.isPending ? <Loading /> : q.isError ? <ErrorBox error={q.error} /> : records.length === 0 ? <Empty>No audit records match.</Empty> : <AuditTable records={records} />}
      <LoadMore query={q} />
    </section>
  );
}
