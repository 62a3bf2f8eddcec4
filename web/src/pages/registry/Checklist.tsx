// A model version's promotion checklist: tick or untick each item with a note; shows who did
// it and when. Sign-off items need the approver role.
import { useState } from "react";

import type { ChecklistItem } from "../../api/types";
import { useAuth } from "../../auth/AuthContext";
import { SIGNOFF_ITEMS } from "../../auth/roles";
import { ActionButton, Badge, Time } from "../../components/ui";

export interface ChecklistProps {
  items: ChecklistItem[];
  busy: boolean;
  onChange: (key: string, done: boolean, note: string) => void;
}

function Item({ item, busy, onChange }: { item: ChecklistItem; busy: boolean; onChange: ChecklistProps["onChange"] }) {
  const auth = useAuth();
  const [note, setNote] = useState("");
  const key = item.key ?? "";
  const action = SIGNOFF_ITEMS.has(key) ? "checklist.signoff" : "checklist.tick";
  const noteId = `note-${key}`;
  return (
    <li data-testid={`check-${key}`}>
      <div>
        <div className="row">
          <Badge value={item.done ? "done" : "open"} tone={item.done ? "ok" : item.required ? "warn" : "muted"} />
          <strong>{key}</strong>
          {item.required ? <span className="muted">required</span> : <span className="muted">optional</span>}
        </div>
        <div className="muted">{item.description}</div>
        {item.done && (
          <div>
            ticked by <strong>{item.done_by}</strong> <Time value={item.done_at} />
            {item.note ? <> — “{item.note}”</> : null}
          </div>
        )}
        <label htmlFor={noteId} className="sr-only">
          Note for {key}
        </label>
        <input id={noteId} placeholder="note (optional)" value={note} onChange={(e) => setNote(e.target.value)} disabled={auth.deny(action) !== null} />
      </div>
      <ActionButton
        action={action}
        disabled={busy}
        onClick={() => {
          onChange(key, !item.done, note);
          setNote("");
        }}
      >
        {item.done ? "Untick" : "Tick"} {key}
      </ActionButton>
    </li>
  );
}

export function Checklist({ items, busy, onChange }: ChecklistProps) {
  if (items.length === 0) return <p className="muted">This version has no checklist.</p>;
  return (
    <ul className="checklist" aria-label="Promotion checklist">
      {items.map((i) => (
        <Item key={i.key} item={i} busy={busy} onChange={onChange} />
      ))}
    </ul>
  );
}
