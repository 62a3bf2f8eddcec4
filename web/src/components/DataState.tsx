// Loading, error and empty states, the same on every page. Errors show the server's
// problem+json `detail` verbatim.
import type { ReactNode } from "react";

import { ApiError } from "../api/errors";

export function Loading({ what = "Loading" }: { what?: string }) {
  return (
    <p className="state loading" role="status" aria-live="polite">
      {what}…
    </p>
  );
}

export function ErrorBox({ error, title }: { error: unknown; title?: string }) {
  const isApi = error instanceof ApiError;
  const detail = isApi ? (error.problem.detail ?? error.problem.title ?? error.message) : error instanceof Error ? error.message : String(error);
  const fields = isApi ? (error.problem.errors ?? []) : [];
  return (
    <div className="state error" role="alert">
      <strong>{title ?? (isApi && error.status ? `Error ${error.status}` : "Error")}</strong>
      <p className="detail">{detail}</p>
      {fields.length > 0 && (
        <ul className="field-errors">
          {fields.map((f, i) => (
            <li key={i}>
              {f.field ? <code>{f.field}</code> : null} {f.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="state empty">{children}</p>;
}

interface QueryLike<T> {
  isPending: boolean;
  isError: boolean;
  error: unknown;
  data: T | undefined;
}

// Renders loading/error for a query, then `children(data)`; `empty(data)` picks the empty state.
export function QueryState<T>({
  query,
  children,
  empty,
  emptyText = "Nothing here yet.",
  loadingText,
}: {
  query: QueryLike<T>;
  children: (data: T) => ReactNode;
  empty?: (data: T) => boolean;
  emptyText?: ReactNode;
  loadingText?: string;
}) {
  if (query.isPending) return <Loading what={loadingText} />;
  if (query.isError) return <ErrorBox error={query.error} />;
  const data = query.data as T;
  if (empty?.(data)) return <Empty>{emptyText}</Empty>;
  return <>{children(data)}</>;
}
