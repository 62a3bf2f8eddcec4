// The audit log.
import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";

import { api, unwrap } from "../client";

export interface AuditFilters {
  resource?: string;
  actor?: string;
  since?: string;
}

export function useAudit(f: AuditFilters, limit = 100) {
  return useInfiniteQuery({
    queryKey: ["audit", f, limit],
    initialPageParam: "",
    placeholderData: keepPreviousData,
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET("/api/v1/audit", {
          params: { query: { resource: f.resource || undefined, actor: f.actor || undefined, since: f.since || undefined, limit, page_token: pageParam || undefined } },
        }),
      ),
    getNextPageParam: (last) => last.next_page_token ?? undefined,
  });
}
