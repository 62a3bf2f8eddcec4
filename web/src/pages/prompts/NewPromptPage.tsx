import { useState } from "react";
import { Link, useNavigate } from "react-router";

import { useCreateTemplate } from "../../api/hooks/prompts";
import type { PromptVariable } from "../../api/types";
import { ErrorBox } from "../../components/DataState";
import { ActionButton, Field, PageHeader } from "../../components/ui";
import { DraftEditor } from "./DraftEditor";

export function NewPromptPage() {
  const navigate = useNavigate();
  const create = useCreateTemplate();
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const [body, setBody] = useState("");
  const [variables, setVariables] = useState<PromptVariable[]>([]);
  return (
    <section>
      <PageHeader
        title={
          <>
            <Link to="/prompts">Prompts</Link> / new template
          </>
        }
        subtitle="Version 1 is created as a draft."
      />
      <div className="filters">
        <Field label="Name">{(id) => <input id={id} value={name} onChange={(e) => setName(e.target.value)} required />}</Field>
        <Field label="Description">{(id) => <input id={id} value={description} onChange={(e) => setDescription(e.target.value)} />}</Field>
      </div>
      <DraftEditor
        body={body}
        variables={variables}
        onChange={(b, v) => {
          setBody(b);
          setVariables(v);
        }}
      >
        <ActionButton
          variant="primary"
          action="prompts.draft"
          disabled={!name || !body || create.isPending}
          onClick={() =>
            create.mutate(
              { name, description: description || undefined, body, variables: variables.filter((v) => v.name) },
              { onSuccess: (t) => navigate(`/prompts/${t.id}?tab=editor&v=1`) },
            )
          }
        >
          Create template
        </ActionButton>
        {create.isError && <ErrorBox error={create.error} />}
      </DraftEditor>
    </section>
  );
}
