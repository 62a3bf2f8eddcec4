// Experiments, runs, metric histories and artifacts.
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import { api, problemOf, rawFetch, unwrap } from "../client";
import type { components } from "../schema";

type S = components["schemas"];
const L = "/api/v1/ml/lifecycle" as const;

export interface ExperimentFilters {
  owner?: string;
  status?: string;
}

export function useExperiments(f: ExperimentFilters) {
  return useInfiniteQuery({
    queryKey: ["experiments", f],
    initialPageParam: "",
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET(`${L}/experiments`, {
          params: { query: { owner: f.owner || undefined, status: f.status || undefined, limit: 200, page_token: pageParam || undefined } },
        }),
      ),
    getNextPageParam: (last) => last.next_page_token ?? undefined,
  });
}

export function useExperiment(name: string) {
  return useQuery({
    queryKey: ["experiment", name],
    queryFn: () => unwrap(api.GET(`${L}/experiments/{name}`, { params: { path: { name } } })),
  });
}

export function useCreateExperiment() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: S["ExperimentCreate"]) => unwrap(api.POST(`${L}/experiments`, { body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["experiments"] }),
  });
}

export function usePatchExperiment(name: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { body: S["ExperimentPatch"]; revision?: number }) =>
      unwrap(
        api.PATCH(`${L}/experiments/{name}`, {
          params: { path: { name }, header: v.revision ? { "If-Match": String(v.revision) } : undefined },
          body: v.body,
        }),
      ),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ["experiment", name] });
      void qc.invalidateQueries({ queryKey: ["experiments"] });
    },
  });
}

export interface RunQuery {
  experiment_name?: string;
  status?: string;
  filter?: string;
  order_by?: string;
}

// The first page is small so the first rows show at once; later pages are larger.
export const FIRST_RUN_PAGE = 100;
export const RUN_PAGE = 500;

// Server-paged runs: pages are fetched as the table scrolls near their end.
export function useRunsInfinite(q: RunQuery, enabled = true) {
  return useInfiniteQuery({
    queryKey: ["runs", q],
    enabled,
    initialPageParam: { token: "", limit: FIRST_RUN_PAGE },
    placeholderData: keepPreviousData,
    queryFn: ({ pageParam, signal }) =>
      unwrap(
        api.GET(`${L}/runs`, {
          signal,
          params: {
            query: {
              experiment_name: q.experiment_name || undefined,
              status: q.status || undefined,
              filter: q.filter || undefined,
              order_by: q.order_by || undefined,
              limit: pageParam.limit,
              page_token: pageParam.token || undefined,
            },
          },
        }),
      ),
    getNextPageParam: (last) => (last.next_page_token ? { token: last.next_page_token, limit: RUN_PAGE } : undefined),
  });
}

export function useRun(runId: string) {
  return useQuery({
    queryKey: ["run", runId],
    queryFn: () => unwrap(api.GET(`${L}/runs/{run_id}`, { params: { path: { run_id: runId } } })),
  });
}

export function useRuns(runIds: string[]) {
  return useQuery({
    queryKey: ["runs-by-id", runIds],
    enabled: runIds.length > 0,
    queryFn: () =>
      Promise.all(runIds.map((id) => unwrap(api.GET(`${L}/runs/{run_id}`, { params: { path: { run_id: id } } })))),
  });
}

export interface HistoryWindow {
  min_step?: number;
  max_step?: number;
  max_points: number;
}

export function fetchMetricHistory(runId: string, key: string, w: HistoryWindow, signal?: AbortSignal) {
  return unwrap(
    api.GET(`${L}/runs/{run_id}/metrics/{key}`, {
      signal,
      params: { path: { run_id: runId, key }, query: { min_step: w.min_step, max_step: w.max_step, max_points: w.max_points } },
    }),
  );
}

export function useMetricHistory(runId: string, key: string, w: HistoryWindow) {
  return useQuery({
    queryKey: ["metric", runId, key, w],
    placeholderData: keepPreviousData,
    queryFn: ({ signal }) => fetchMetricHistory(runId, key, w, signal),
  });
}

export function useArtifacts(runId: string, enabled = true) {
  return useQuery({
    queryKey: ["artifacts", runId],
    enabled,
    queryFn: () => unwrap(api.GET(`${L}/runs/{run_id}/artifacts`, { params: { path: { run_id: runId } } })),
  });
}

export function artifactUrl(runId: string, path: string) {
  return `${L}/runs/${encodeURIComponent(runId)}/artifacts/${path.split("/").map(encodeURIComponent).join("/")}`;
}

const PREVIEW_LIMIT = 512 * 1024;

// The first bytes of a text artifact, for previews (the rest is a download away).
export function useArtifactText(runId: string, path: string, enabled: boolean) {
  return useQuery({
    queryKey: ["artifact-text", runId, path],
    enabled,
    queryFn: async () => {
      const r = await rawFetch(artifactUrl(runId, path), { headers: { Range: `bytes=0-${PREVIEW_LIMIT - 1}` } });
      if (!r.ok) throw await problemOf(r);
      const text = await r.text();
      return { text: text.slice(0, PREVIEW_LIMIT), truncated: r.status === 206 || text.length > PREVIEW_LIMIT };
    },
  });
}
