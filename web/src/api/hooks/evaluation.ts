// Evaluation scenarios, runs (followed live while queued or running) and reports.
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import { api, unwrap } from "../client";
import type { components } from "../schema";

type S = components["schemas"];
const E = "/api/v1/ml/evaluation" as const;
const LIVE_MS = 1000;

const isLive = (status: string | undefined) => status === "queued" || status === "running";

export function useScenarios(f: { task_type?: string; dataset_id?: string }) {
  return useInfiniteQuery({
    queryKey: ["scenarios", f],
    initialPageParam: "",
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET(`${E}/scenarios`, {
          params: { query: { task_type: f.task_type || undefined, dataset_id: f.dataset_id || undefined, limit: 200, page_token: pageParam || undefined } },
        }),
      ),
    getNextPageParam: (last) => last.next_page_token ?? undefined,
  });
}

export function useScenario(name: string) {
  return useQuery({
    queryKey: ["scenario", name],
    queryFn: () => unwrap(api.GET(`${E}/scenarios/{name}`, { params: { path: { name } } })),
  });
}

export function useCreateScenario() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: S["ScenarioCreate"]) => unwrap(api.POST(`${E}/scenarios`, { body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["scenarios"] }),
  });
}

export function useEvaluationRuns(f: { scenario_name?: string; status?: string }) {
  return useInfiniteQuery({
    queryKey: ["evaluation-runs", f],
    initialPageParam: "",
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET(`${E}/runs`, {
          params: { query: { scenario_name: f.scenario_name || undefined, status: f.status || undefined, limit: 200, page_token: pageParam || undefined } },
        }),
      ),
    getNextPageParam: (last) => last.next_page_token ?? undefined,
    // Keep following while any listed run is still queued or running.
    refetchInterval: (q) => (q.state.data?.pages.some((p) => p.items.some((r) => isLive(r.status))) ? LIVE_MS : false),
  });
}

export function useEvaluationRun(runId: string) {
  return useQuery({
    queryKey: ["evaluation-run", runId],
    queryFn: () => unwrap(api.GET(`${E}/runs/{run_id}`, { params: { path: { run_id: runId } } })),
    refetchInterval: (q) => (isLive(q.state.data?.status) ? LIVE_MS : false),
  });
}

export function useEvaluationReport(runId: string, enabled: boolean) {
  return useQuery({
    queryKey: ["evaluation-report", runId],
    enabled,
    queryFn: () => unwrap(api.GET(`${E}/runs/{run_id}/report`, { params: { path: { run_id: runId } } })),
  });
}

export function useStartEvaluation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: S["EvaluationRunCreate"]) => unwrap(api.POST(`${E}/runs`, { body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["evaluation-runs"] }),
  });
}
