// The draft editor: every pause in typing (debounced) re-runs POST /evaluate on the text, and
// the findings are highlighted where the server found them.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useEffect, useState, type ReactNode } from "react";

import { evaluatePrompt } from "../../api/hooks/prompts";
import type { PromptVariable } from "../../api/types";
import { ErrorBox } from "../../components/DataState";
import { Badge } from "../../components/ui";
import { FindingsList, Highlighted } from "./Highlighted";
import { VariablesEditor } from "./VariablesEditor";

export const EVALUATE_DEBOUNCE_MS = 400;

export function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

export interface DraftEditorProps {
  body: string;
  variables: PromptVariable[];
  onChange: (body: string, variables: PromptVariable[]) => void;
  readOnly?: boolean;
  children?: ReactNode; // actions (save, submit)
}

export function DraftEditor({ body, variables, onChange, readOnly, children }: DraftEditorProps) {
  const input = useDebounced({ body, variables: variables.filter((v) => v.name) }, EVALUATE_DEBOUNCE_MS);
  const evaluation = useQuery({
    queryKey: ["prompt-evaluate", input],
    enabled: input.body.trim() !== "", // the server refuses an empty body
    placeholderData: keepPreviousData,
    queryFn: ({ signal }) => evaluatePrompt(input, signal),
  });
  const e = evaluation.data;
  const fresh = input.body === body && !evaluation.isFetching;
  return (
    <div className="grid-2">
      <div className="stack">
        <label htmlFor="draft-body" className="lbl">
          Template body ({"{{variable}}"} placeholders)
        </label>
        <textarea id="draft-body" rows={12} value={body} readOnly={readOnly} onChange={(ev) => onChange(ev.target.value, variables)} spellCheck={false} className="mono" />
        <VariablesEditor value={variables} onChange={(v) => onChange(body, v)} disabled={readOnly} />
        {children}
      </div>
      <div className="stack" aria-live="polite">
        <div className="row">
          <strong>Automatic evaluation</strong>
          {e && <Badge value={e.passed ? "pass" : "fail"} />}
          {e && <span>score {e.score}</span>}
          {e && (
            <span className="muted">
              ~{e.estimated_tokens} tokens of {e.token_budget} · {e.body_bytes} bytes
            </span>
          )}
          <span className="muted" data-testid="evaluate-state">
            {fresh ? "up to date" : "checking…"}
          </span>
        </div>
        {evaluation.isError && <ErrorBox error={evaluation.error} />}
        {body.trim() === "" && <p className="muted">Type a template to see its evaluation.</p>}
        {e && body.trim() !== "" && (
          <>
            <Highlighted body={input.body} findings={e.findings ?? []} />
            <FindingsList findings={e.findings ?? []} />
            {e.truncated && <p className="hint">Showing {e.findings?.length} of {e.findings_total} findings.</p>}
          </>
        )}
      </div>
    </div>
  );
}
