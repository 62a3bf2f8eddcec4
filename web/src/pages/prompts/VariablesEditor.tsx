import type { PromptVariable } from "../../api/types";

export function VariablesEditor({ value, onChange, disabled }: { value: PromptVariable[]; onChange: (v: PromptVariable[]) => void; disabled?: boolean }) {
  const set = (i: number, patch: Partial<PromptVariable>) => onChange(value.map((v, k) => (k === i ? { ...v, ...patch } : v)));
  return (
    <fieldset className="stack" disabled={disabled}>
      <legend>Declared variables</legend>
      {value.map((v, i) => (
        <div className="row" key={i}>
          <label>
            name <input value={v.name ?? ""} onChange={(e) => set(i, { name: e.target.value })} size={14} />
          </label>
          <label>
            <input type="checkbox" checked={v.required ?? false} onChange={(e) => set(i, { required: e.target.checked })} /> required
          </label>
          <label>
            default <input value={v.default ?? ""} onChange={(e) => set(i, { default: e.target.value === "" ? null : e.target.value })} size={12} />
          </label>
          <button type="button" className="btn btn-plain" onClick={() => onChange(value.filter((_, k) => k !== i))} aria-label={`Remove variable ${v.name || i + 1}`}>
            Remove
          </button>
        </div>
      ))}
      <div>
        <button type="button" className="btn" onClick={() => onChange([...value, { name: "", required: true, default: null }])}>
          Add variable
        </button>
      </div>
    </fieldset>
  );
}
