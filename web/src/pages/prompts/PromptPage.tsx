import { useEffect, useState } from "react";
import { Link, useParams } from "react-router";

import { useCreatePromptVersion, usePatchPromptVersion, useRender, useSetLabel, useTemplate } from "../../api/hooks/prompts";
import type { PromptTemplate, PromptVariable, PromptVersion } from "../../api/types";
import { Empty, ErrorBox, Loading } from "../../components/DataState";
import { ActionButton, Badge, PageHeader, Tabs, Time } from "../../components/ui";
import { diffLines } from "../../lib/diff";
import { oneOf, optInt, useUrlState } from "../../lib/urlState";
import { DraftEditor } from "./DraftEditor";
import { FindingsList, Highlighted } from "./Highlighted";
import { ReviewActions } from "./ReviewActions";
import { UsageCharts } from "./UsageCharts";

const TABS = [
  { id: "versions", label: "Versions" },
  { id: "diff", label: "Diff" },
  { id: "editor", label: "Draft editor" },
  { id: "labels", label: "Labels" },
  { id: "render", label: "Render" },
  { id: "usage", label: "Usage" },
] as const;
const schema = { tab: oneOf(["versions", "diff", "editor", "labels", "render", "usage"] as const, "versions"), v: optInt, a: optInt, b: optInt };

function Versions({ t, selected, onSelect }: { t: PromptTemplate; selected: number; onSelect: (v: number) => void }) {
  const versions = t.versions ?? [];
  const v = versions.find((x) => x.version === selected) ?? versions[0];
  return (
    <div className="grid-2">
      <div className="table-wrap" tabIndex={0}>
        <table className="data">
          <thead>
            <tr>
              <th>Version</th>
              <th>Status</th>
              <th>Labels</th>
              <th>By</th>
              <th>Created</th>
            </tr>
          </thead>
          <tbody>
            {versions.map((x) => (
              <tr key={x.version} aria-selected={x.version === v?.version}>
                <td>
                  <button type="button" className="btn btn-plain" onClick={() => onSelect(x.version ?? 1)} aria-pressed={x.version === v?.version}>
                    v{x.version}
                  </button>
                </td>
                <td>
                  <Badge value={x.status} />
                </td>
                <td>{(x.labels ?? []).join(", ")}</td>
                <td>{x.created_by}</td>
                <td>
                  <Time value={x.created_at} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {v && (
        <div className="panel stack">
          <div className="row">
            <h2 style={{ margin: 0 }}>v{v.version}</h2>
            <Badge value={v.status} />
            {v.evaluation && <span>score {v.evaluation.score}</span>}
          </div>
          <Highlighted body={v.body ?? ""} findings={v.evaluation?.findings ?? []} />
          <FindingsList findings={v.evaluation?.findings ?? []} />
          <dl className="kv">
            <div>
              <dt>variables</dt>
              <dd>{(v.variables ?? []).map((x) => `${x.name}${x.required ? "*" : ""}${x.default ? `=${x.default}` : ""}`).join(", ") || "none"}</dd>
            </div>
            <div>
              <dt>submitted</dt>
              <dd>{v.submitted_by ? <>by {v.submitted_by} <Time value={v.submitted_at} /></> : "—"}</dd>
            </div>
            <div>
              <dt>reviewed</dt>
              <dd>{v.reviewed_by ? <>by {v.reviewed_by} <Time value={v.reviewed_at} /> {v.review_comment ? `— “${v.review_comment}”` : ""}</> : "—"}</dd>
            </div>
          </dl>
          <ReviewActions templateId={t.id ?? ""} v={v} />
        </div>
      )}
    </div>
  );
}

function Diff({ t, a, b, onChange }: { t: PromptTemplate; a: number; b: number; onChange: (p: { a?: number; b?: number }) => void }) {
  const versions = t.versions ?? [];
  const va = versions.find((x) => x.version === a);
  const vb = versions.find((x) => x.version === b);
  const pick = (value: number, set: (n: number) => void, label: string) => (
    <label>
      {label}{" "}
      <select value={value} onChange={(e) => set(Number(e.target.value))}>
        {versions.map((x) => (
          <option key={x.version} value={x.version}>
            v{x.version}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <div className="stack">
      <div className="row">
        {pick(a, (n) => onChange({ a: n }), "Left")}
        {pick(b, (n) => onChange({ b: n }), "Right")}
      </div>
      {versions.length < 2 ? (
        <Empty>Only one version: nothing to compare.</Empty>
      ) : !va || !vb ? (
        <Empty>Pick two versions.</Empty>
      ) : (
        <div className="diff" role="table" aria-label={`Diff of v${a} and v${b}`}>
          {diffLines(va.body ?? "", vb.body ?? "").map((l, i) => (
            <div key={i} style={{ display: "contents" }} role="row">
              <div role="cell" className={l.kind === "del" || l.kind === "change" ? "del" : undefined}>
                {l.left ?? ""}
              </div>
              <div role="cell" className={l.kind === "add" || l.kind === "change" ? "add" : undefined}>
                {l.right ?? ""}
              </div>
            </div>
          ))}
        </div>
      )}
    </div>
  );
}

function Editor({ t, draft }: { t: PromptTemplate; draft: PromptVersion | undefined }) {
  const id = t.id ?? "";
  const latest = (t.versions ?? [])[0];
  const base = draft ?? latest;
  const [body, setBody] = useState(base?.body ?? "");
  const [variables, setVariables] = useState<PromptVariable[]>(base?.variables ?? []);
  useEffect(() => {
    setBody(base?.body ?? "");
    setVariables(base?.variables ?? []);
  }, [base?.version, base?.revision, base?.body, base?.variables]);
  const patch = usePatchPromptVersion(id, draft?.version ?? 0);
  const create = useCreatePromptVersion(id);
  const dirty = body !== (base?.body ?? "") || JSON.stringify(variables) !== JSON.stringify(base?.variables ?? []);
  return (
    <div className="stack">
      <p className="hint">
        {draft ? `Editing draft v${draft.version}.` : `No draft: saving creates a new draft from v${latest?.version}.`}
      </p>
      <DraftEditor
        body={body}
        variables={variables}
        onChange={(b, v) => {
          setBody(b);
          setVariables(v);
        }}
      >
        <div className="row">
          {draft ? (
            <ActionButton variant="primary" action="prompts.draft" disabled={!dirty || patch.isPending} onClick={() => patch.mutate({ body: { body, variables: variables.filter((v) => v.name) }, revision: draft.revision })}>
              Save draft v{draft.version}
            </ActionButton>
          ) : (
            <ActionButton variant="primary" action="prompts.draft" disabled={create.isPending} onClick={() => create.mutate({ body, variables: variables.filter((v) => v.name) })}>
              Save as new draft
            </ActionButton>
          )}
          {draft && !dirty && <ReviewActions templateId={id} v={draft} />}
        </div>
        {patch.isError && <ErrorBox error={patch.error} />}
        {create.isError && <ErrorBox error={create.error} />}
      </DraftEditor>
    </div>
  );
}

function Labels({ t }: { t: PromptTemplate }) {
  const set = useSetLabel(t.id ?? "");
  const approved = (t.versions ?? []).filter((v) => v.status === "approved");
  const [label, setLabel] = useState("production");
  const [version, setVersion] = useState<number>(approved[0]?.version ?? 0);
  return (
    <div className="stack">
      <table className="data">
        <thead>
          <tr>
            <th>Label</th>
            <th>Version</th>
            <th>
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {Object.entries(t.labels ?? {}).length === 0 && (
            <tr>
              <td colSpan={3} className="muted">
                No labels.
              </td>
            </tr>
          )}
          {Object.entries(t.labels ?? {}).map(([l, v]) => (
            <tr key={l}>
              <th scope="row">{l}</th>
              <td>v{v}</td>
              <td>
                <ActionButton action="prompts.review" variant="danger" disabled={set.isPending} onClick={() => set.mutate({ label: l, version: null })}>
                  Remove {l}
                </ActionButton>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form
        className="inline panel"
        aria-label="Point a label at a version"
        onSubmit={(e) => {
          e.preventDefault();
          set.mutate({ label, version });
        }}
      >
        <div className="field">
          <label htmlFor="label-name">Label</label>
          <input id="label-name" value={label} onChange={(e) => setLabel(e.target.value)} required />
        </div>
        <div className="field">
          <label htmlFor="label-version">Approved version</label>
          <select id="label-version" value={version} onChange={(e) => setVersion(Number(e.target.value))}>
            {approved.length === 0 && <option value={0}>no approved version</option>}
            {approved.map((v) => (
              <option key={v.version} value={v.version}>
                v{v.version}
              </option>
            ))}
          </select>
        </div>
        <ActionButton type="submit" variant="primary" action="prompts.review" disabled={approved.length === 0 || set.isPending}>
          Set label
        </ActionButton>
      </form>
      {set.isError && <ErrorBox error={set.error} title="Refused" />}
    </div>
  );
}

function Render({ t }: { t: PromptTemplate }) {
  const render = useRender(t.id ?? "");
  const labels = Object.keys(t.labels ?? {});
  const approved = (t.versions ?? []).filter((v) => v.status === "approved");
  const [target, setTarget] = useState(labels[0] ? `label:${labels[0]}` : approved[0] ? `version:${approved[0].version}` : "");
  const vnum = target.startsWith("version:") ? Number(target.slice(8)) : t.labels?.[target.slice(6)];
  const vars = (t.versions ?? []).find((v) => v.version === vnum)?.variables ?? [];
  const [values, setValues] = useState<Record<string, string>>({});
  return (
    <form
      className="stack"
      aria-label="Render preview"
      onSubmit={(e) => {
        e.preventDefault();
        const body = target.startsWith("label:") ? { label: target.slice(6), variables: values } : { version: Number(target.slice(8)), variables: values };
        render.mutate(body);
      }}
    >
      {labels.length === 0 && approved.length === 0 ? (
        <Empty>Only approved versions render: approve one first.</Empty>
      ) : (
        <>
          <div className="filters">
            <div className="field">
              <label htmlFor="render-target">Render</label>
              <select id="render-target" value={target} onChange={(e) => setTarget(e.target.value)}>
                {labels.map((l) => (
                  <option key={l} value={`label:${l}`}>
                    label {l}
                  </option>
                ))}
                {approved.map((v) => (
                  <option key={v.version} value={`version:${v.version}`}>
                    v{v.version}
                  </option>
                ))}
              </select>
            </div>
            {vars.map((v) => (
              <div className="field" key={v.name}>
                <label htmlFor={`var-${v.name}`}>
                  {v.name}
                  {v.required ? " *" : ""}
                </label>
                <input id={`var-${v.name}`} value={values[v.name ?? ""] ?? ""} placeholder={v.default ?? ""} onChange={(e) => setValues({ ...values, [v.name ?? ""]: e.target.value })} />
              </div>
            ))}
            <button type="submit" className="btn btn-primary" disabled={render.isPending}>
              Render
            </button>
          </div>
          {render.isError && <ErrorBox error={render.error} />}
          {render.data && <pre className="block" data-testid="rendered">{(render.data as { text?: string }).text ?? JSON.stringify(render.data, null, 2)}</pre>}
        </>
      )}
    </form>
  );
}

export function PromptPage() {
  const id = useParams().id ?? "";
  const [s, set] = useUrlState(schema);
  const q = useTemplate(id);
  if (q.isPending) return <Loading />;
  if (q.isError) return <ErrorBox error={q.error} />;
  const t = q.data;
  const versions = t.versions ?? [];
  const latest = t.latest_version ?? versions[0]?.version ?? 1;
  const selected = s.v ?? latest;
  const draft = versions.find((v) => v.status === "draft" && (s.v === null || v.version === s.v)) ?? versions.find((v) => v.status === "draft");
  return (
    <section>
      <PageHeader
        title={
          <>
            <Link to="/prompts">Prompts</Link> / {t.name}
          </>
        }
        subtitle={[t.description, `owner ${t.owner}`].filter(Boolean).join(" · ")}
      />
      <Tabs label="Template sections" tabs={TABS} value={s.tab} onChange={(tab) => set({ tab })} />
      {s.tab === "versions" && <Versions t={t} selected={selected} onSelect={(v) => set({ v })} />}
      {s.tab === "diff" && <Diff t={t} a={s.a ?? Math.max(1, latest - 1)} b={s.b ?? latest} onChange={(p) => set(p)} />}
      {s.tab === "editor" && <Editor t={t} draft={draft} />}
      {s.tab === "labels" && <Labels t={t} />}
      {s.tab === "render" && <Render t={t} />}
      {s.tab === "usage" && (
        <div className="stack">
          <label>
            Version{" "}
            <select value={selected} onChange={(e) => set({ v: Number(e.target.value) })}>
              {versions.map((v) => (
                <option key={v.version} value={v.version}>
                  v{v.version} ({v.status})
                </option>
              ))}
            </select>
          </label>
          <UsageCharts templateId={id} version={selected} />
        </div>
      )}
    </section>
  );
}
