// Model registry: versions, checklist, stages, artifacts, compare; deployments; drift.
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import { api, unwrap } from "../client";
import type { components } from "../schema";
import { upload } from "../upload";

type S = components["schemas"];
const L = "/api/v1/ml/lifecycle" as const;

export function useModelVersions(f: { model_name?: string; stage?: string }) {
  return useInfiniteQuery({
    queryKey: ["model-versions", f],
    initialPageParam: "",
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET(`${L}/models`, {
          params: { query: { model_name: f.model_name || undefined, stage: f.stage || undefined, limit: 200, page_token: pageParam || undefined } },
        }),
      ),
    getNextPageParam: (last) => last.next_page_token ?? undefined,
  });
}

export function useModel(name: string) {
  return useQuery({
    queryKey: ["model", name],
    queryFn: () => unwrap(api.GET(`${L}/models/{model_name}`, { params: { path: { model_name: name } } })),
  });
}

export function useModelVersion(name: string, version: number) {
  return useQuery({
    queryKey: ["model-version", name, version],
    queryFn: () =>
      unwrap(api.GET(`${L}/models/{model_name}/{version}`, { params: { path: { model_name: name, version } } })),
  });
}

export function useRegisterModel() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: S["ModelVersionCreate"]) => unwrap(api.POST(`${L}/models`, { body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["model-versions"] }),
  });
}

function invalidateModel(qc: ReturnType<typeof useQueryClient>, name: string) {
  void qc.invalidateQueries({ queryKey: ["model-version", name] });
  void qc.invalidateQueries({ queryKey: ["model", name] });
  void qc.invalidateQueries({ queryKey: ["model-versions"] });
  void qc.invalidateQueries({ queryKey: ["audit"] });
}

export function usePatchModelVersion(name: string, version: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { body: S["ModelVersionPatch"]; revision?: number }) =>
      unwrap(
        api.PATCH(`${L}/models/{model_name}/{version}`, {
          params: { path: { model_name: name, version }, header: v.revision ? { "If-Match": String(v.revision) } : undefined },
          body: v.body,
        }),
      ),
    onSuccess: () => invalidateModel(qc, name),
  });
}

export function useUploadModelArtifact(name: string, version: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { file: File; format: string; onProgress: (loaded: number, total: number) => void }) =>
      upload<S["ModelVersion"]>({
        method: "PUT",
        url: `${L}/models/${encodeURIComponent(name)}/${version}/artifact?format=${encodeURIComponent(v.format)}&filename=${encodeURIComponent(v.file.name)}`,
        body: v.file,
        contentType: "application/octet-stream",
        onProgress: v.onProgress,
      }),
    onSuccess: () => invalidateModel(qc, name),
  });
}

export function modelArtifactUrl(name: string, version: number) {
  return `${L}/models/${encodeURIComponent(name)}/${version}/artifact`;
}

export function useCompareModels(name: string, versions: number[], metrics: string[]) {
  return useQuery({
    queryKey: ["model-compare", name, versions, metrics],
    enabled: versions.length >= 1,
    queryFn: () =>
      unwrap(api.POST(`${L}/models/{model_name}/compare`, { params: { path: { model_name: name } }, body: { versions, metrics } })),
  });
}

export function useDeployments(f: { model_name?: string; environment?: string; status?: string }) {
  return useInfiniteQuery({
    queryKey: ["deployments", f],
    initialPageParam: "",
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET(`${L}/deployments`, {
          params: {
            query: {
              model_name: f.model_name || undefined,
              environment: f.environment || undefined,
              status: f.status || undefined,
              limit: 200,
              page_token: pageParam || undefined,
            },
          },
        }),
      ),
    getNextPageParam: (last) => last.next_page_token ?? undefined,
  });
}

export function useDeployment(id: string) {
  return useQuery({
    queryKey: ["deployment", id],
    queryFn: () => unwrap(api.GET(`${L}/deployments/{id}`, { params: { path: { id } } })),
  });
}

export function useCreateDeployment() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: S["DeploymentCreate"]) => unwrap(api.POST(`${L}/deployments`, { body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["deployments"] }),
  });
}

export function usePatchDeployment(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { body: S["DeploymentPatch"]; revision?: number }) =>
      unwrap(
        api.PATCH(`${L}/deployments/{id}`, {
          params: { path: { id }, header: v.revision ? { "If-Match": String(v.revision) } : undefined },
          body: v.body,
        }),
      ),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ["deployment", id] });
      void qc.invalidateQueries({ queryKey: ["deployments"] });
      void qc.invalidateQueries({ queryKey: ["audit"] });
    },
  });
}

export function useTerminateDeployment(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.DELETE(`${L}/deployments/{id}`, { params: { path: { id } } })),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ["deployment", id] });
      void qc.invalidateQueries({ queryKey: ["deployments"] });
      void qc.invalidateQueries({ queryKey: ["audit"] });
    },
  });
}

export function useDriftEvents(f: { model_name?: string; severity?: string; since?: string }) {
  return useInfiniteQuery({
    queryKey: ["drift-events", f],
    initialPageParam: "",
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET(`${L}/drift-events`, {
          params: {
            query: {
              model_name: f.model_name || undefined,
              severity: f.severity || undefined,
              since: f.since || undefined,
              limit: 200,
              page_token: pageParam || undefined,
            },
          },
        }),
      ),
    getNextPageParam: (last) => last.next_page_token ?? undefined,
  });
}

export function useDriftCompute() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: S["DriftComputeRequest"]) => unwrap(api.POST(`${L}/drift/compute`, { body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["drift-events"] }),
  });
}
