import { useMemo } from "react";
import { Link } from "react-router";

import { useTemplate, useTemplates } from "../../api/hooks/prompts";
import { Empty, ErrorBox, Loading } from "../../components/DataState";
import { Badge, PageHeader, Time } from "../../components/ui";
import { FindingsList, Highlighted } from "./Highlighted";
import { ReviewActions } from "./ReviewActions";

function Pending({ id }: { id: string }) {
  const t = useTemplate(id);
  if (t.isPending) return <Loading />;
  if (t.isError) return <ErrorBox error={t.error} />;
  const pending = (t.data.versions ?? []).filter((v) => v.status === "pending_review");
  return (
    <>
      {pending.map((v) => (
        <article className="panel stack" key={v.version} aria-label={`${t.data.name} v${v.version}`}>
          <div className="row">
            <h2 style={{ margin: 0 }}>
              <Link to={`/prompts/${id}?v=${v.version}`}>
                {t.data.name} v{v.version}
              </Link>
            </h2>
            <Badge value={v.status} />
            <span className="muted">
              by {v.created_by}, submitted by {v.submitted_by} <Time value={v.submitted_at} />
            </span>
          </div>
          <Highlighted body={v.body ?? ""} findings={v.evaluation?.findings ?? []} />
          <FindingsList findings={v.evaluation?.findings ?? []} />
          <ReviewActions templateId={id} v={v} />
        </article>
      ))}
    </>
  );
}

export function ReviewQueuePage() {
  const q = useTemplates({ status: "pending_review" });
  const items = useMemo(() => q.data?.pages.flatMap((p) => p.items ?? []) ?? [], [q.data]);
  return (
    <section>
      <PageHeader
        title={
          <>
            <Link to="/prompts">Prompts</Link> / review queue
          </>
        }
        subtitle="Versions waiting for a reviewer other than their author and submitter."
      />
      {q.isPending ? <Loading /> : q.isError ? <ErrorBox error={q.error} /> : items.length === 0 ? <Empty>Nothing waits for review.</Empty> : items.map((t) => <Pending key={t.id} id={t.id ?? ""} />)}
    </section>
  );
}
