// Feature store and datasets.
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import { api, unwrap } from "../client";
import type { components } from "../schema";
import { upload } from "../upload";

type S = components["schemas"];
const F = "/api/v1/features" as const;

export interface FeatureFilters {
  entity?: string;
  owner?: string;
  tag?: string;
  status?: string;
  q?: string;
}

export function useFeatures(f: FeatureFilters) {
  return useInfiniteQuery({
    queryKey: ["features", f],
    initialPageParam: "",
    placeholderData: keepPreviousData,
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET(F, {
          params: {
            query: {
              entity: f.entity || undefined,
              owner: f.owner || undefined,
              tag: f.tag || undefined,
              status: f.status || undefined,
              q: f.q || undefined,
              limit: 200,
              page_token: pageParam || undefined,
            },
          },
        }),
      ),
    getNextPageParam: (last) => last.next_page_token ?? undefined,
  });
}

export function useFeature(name: string) {
  return useQuery({
    queryKey: ["feature", name],
    queryFn: () => unwrap(api.GET(`${F}/{name}`, { params: { path: { name } } })),
  });
}

export function useFeatureVersions(name: string) {
  return useQuery({
    queryKey: ["feature-versions", name],
    queryFn: () => unwrap(api.GET(`${F}/{name}/versions`, { params: { path: { name } } })),
  });
}

export function useCreateFeature() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: S["FeatureCreate"]) => unwrap(api.POST(F, { body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["features"] }),
  });
}

export function useCreateFeatureVersion(name: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: S["FeatureVersionCreate"]) =>
      unwrap(api.POST(`${F}/{name}/versions`, { params: { path: { name } }, body })),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ["feature", name] });
      void qc.invalidateQueries({ queryKey: ["feature-versions", name] });
      void qc.invalidateQueries({ queryKey: ["features"] });
    },
  });
}

export function useDatasets(name?: string) {
  return useInfiniteQuery({
    queryKey: ["datasets", name ?? ""],
    initialPageParam: "",
    queryFn: ({ pageParam }) =>
      unwrap(api.GET(`${F}/datasets`, { params: { query: { name: name || undefined, limit: 200, page_token: pageParam || undefined } } })),
    getNextPageParam: (last) => last.next_page_token ?? undefined,
  });
}

export function useDataset(id: string) {
  return useQuery({
    queryKey: ["dataset", id],
    enabled: id !== "",
    queryFn: () => unwrap(api.GET(`${F}/datasets/{id}`, { params: { path: { id } } })),
  });
}

export function useDatasetRows(id: string, offset: number, limit: number) {
  return useQuery({
    queryKey: ["dataset-rows", id, offset, limit],
    placeholderData: keepPreviousData,
    queryFn: () => unwrap(api.GET(`${F}/datasets/{id}/rows`, { params: { path: { id }, query: { offset, limit } } })),
  });
}

export function useUploadDataset() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { file: Blob; name: string; description?: string; onProgress: (loaded: number, total: number) => void }) => {
      const q = new URLSearchParams({ name: v.name });
      if (v.description) q.set("description", v.description);
      return upload<S["Dataset"]>({
        method: "POST",
        url: `${F}/datasets?${q.toString()}`,
        body: v.file,
        contentType: "text/csv",
        onProgress: v.onProgress,
      });
    },
    onSuccess: () => qc.invalidateQueries({ queryKey: ["datasets"] }),
  });
}

export function useDeleteDataset() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE(`${F}/datasets/{id}`, { params: { path: { id } } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["datasets"] }),
  });
}
