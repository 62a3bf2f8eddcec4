// The review workflow buttons for one version: only the transitions its status allows.
import { useState } from "react";

import { useReview } from "../../api/hooks/prompts";
import type { PromptVersion } from "../../api/types";
import { ErrorBox } from "../../components/DataState";
import { ActionButton } from "../../components/ui";

export function ReviewActions({ templateId, v }: { templateId: string; v: PromptVersion }) {
  const review = useReview(templateId);
  const [comment, setComment] = useState("");
  const version = v.version ?? 0;
  const commentId = `review-comment-${templateId}-${version}`;
  return (
    <div className="stack">
      <div className="row">
        {v.status === "draft" && (
          <ActionButton variant="primary" action="prompts.submit" disabled={review.isPending} onClick={() => review.mutate({ version, action: "submit" })}>
            Submit v{version} for review
          </ActionButton>
        )}
        {v.status === "pending_review" && (
          <>
            <label htmlFor={commentId} className="sr-only">
              Review comment for v{version}
            </label>
            <input id={commentId} value={comment} onChange={(e) => setComment(e.target.value)} placeholder="comment (required to reject)" size={30} />
            <ActionButton variant="primary" action="prompts.review" disabled={review.isPending} onClick={() => review.mutate({ version, action: "approve", comment: comment || undefined })}>
              Approve v{version}
            </ActionButton>
            <ActionButton
              variant="danger"
              action="prompts.review"
              disabled={review.isPending}
              reason={comment.trim() === "" ? "a comment is required to reject" : null}
              onClick={() => review.mutate({ version, action: "reject", comment })}
            >
              Reject v{version}
            </ActionButton>
          </>
        )}
        {v.status === "approved" && (
          <ActionButton action="prompts.review" disabled={review.isPending} onClick={() => review.mutate({ version, action: "deprecate" })}>
            Deprecate v{version}
          </ActionButton>
        )}
      </div>
      {review.isError && <ErrorBox error={review.error} title="Refused" />}
    </div>
  );
}
