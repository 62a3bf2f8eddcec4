// The run search box (SPEC §2 filter language). The text is applied on Enter or blur; when the
// server refuses it, its detail is shown verbatim and a caret marks the position it names.
import { useEffect, useId, useState } from "react";

import { ApiError, errorPosition } from "../api/errors";

export interface FilterBoxProps {
  value: string;
  onApply: (text: string) => void;
  error: unknown; // the runs query's error, when it is about this field
  label?: string;
  field?: string; // "filter" or "order_by": which server field's errors belong here
  placeholder?: string;
}

// The server's message when it names this field (its `errors[]` or a detail starting with it).
export function fieldError(error: unknown, field: string): string | null {
  if (!(error instanceof ApiError) || error.status !== 400) return null;
  const own = error.problem.errors?.find((e) => e.field === field);
  if (own) return error.problem.detail ?? own.message ?? null;
  if (error.problem.detail?.startsWith(`${field}:`)) return error.problem.detail;
  return null;
}

export function FilterBox({ value, onApply, error, label = "Filter runs", field = "filter", placeholder }: FilterBoxProps) {
  const [text, setText] = useState(value);
  const id = useId();
  useEffect(() => setText(value), [value]);
  const message = fieldError(error, field);
  const pos = message ? errorPosition(message) : null;
  // The caret sits under character `pos` (1-based, code points) of the applied text.
  const caretPad = pos !== null ? [...value].slice(0, Math.max(0, pos - 1)).map((c) => (c === "\t" ? "\t" : " ")).join("") : "";
  return (
    <div className={`filter-box${message ? " invalid" : ""}`}>
      <label htmlFor={id} className="lbl">
        {label}
      </label>
      <input
        id={id}
        value={text}
        spellCheck={false}
        placeholder={placeholder ?? "metrics.auc > 0.8 and params.depth = '6' and tags.team = 'alpha'"}
        aria-invalid={message ? true : undefined}
        aria-describedby={message ? `${id}-err` : undefined}
        onChange={(e) => setText(e.target.value)}
        onBlur={() => text !== value && onApply(text)}
        onKeyDown={(e) => {
          if (e.key === "Enter") onApply(text);
          if (e.key === "Escape") setText(value);
        }}
      />
      {message && (
        <>
          {pos !== null && text === value && (
            <div className="filter-caret" aria-hidden="true" data-testid={`${field}-caret`}>
              {caretPad}^
            </div>
          )}
          <div id={`${id}-err`} className="filter-error" role="alert">
            {message}
          </div>
        </>
      )}
    </div>
  );
}
