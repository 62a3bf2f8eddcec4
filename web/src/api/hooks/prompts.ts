// Prompt governance: templates, versions, automatic evaluation, review, labels, usage, render.
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import { api, unwrap } from "../client";
import type { components } from "../schema";

type S = components["schemas"];
const P = "/api/v1/prompt-governance" as const;

type VersionStatus = NonNullable<S["PromptVersion"]["status"]>;

export function useTemplates(f: { status?: VersionStatus | ""; owner?: string; tag?: string }) {
  return useInfiniteQuery({
    queryKey: ["templates", f],
    initialPageParam: "",
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET(`${P}/templates`, {
          params: { query: { status: f.status || undefined, owner: f.owner || undefined, tag: f.tag || undefined, limit: 200, page_token: pageParam || undefined } },
        }),
      ),
    getNextPageParam: (last) => last.next_page_token ?? undefined,
  });
}

export function useTemplate(id: string) {
  return useQuery({
    queryKey: ["template", id],
    queryFn: () => unwrap(api.GET(`${P}/templates/{id}`, { params: { path: { id } } })),
  });
}

function useInvalidateTemplate() {
  const qc = useQueryClient();
  return (id?: string) => {
    if (id) void qc.invalidateQueries({ queryKey: ["template", id] });
    void qc.invalidateQueries({ queryKey: ["templates"] });
    void qc.invalidateQueries({ queryKey: ["audit"] });
  };
}

export function useCreateTemplate() {
  const inv = useInvalidateTemplate();
  return useMutation({
    mutationFn: (body: S["PromptTemplateCreate"]) => unwrap(api.POST(`${P}/templates`, { body })),
    onSuccess: () => inv(),
  });
}

export function useCreatePromptVersion(id: string) {
  const inv = useInvalidateTemplate();
  return useMutation({
    mutationFn: (body: S["PromptVersionCreate"]) => unwrap(api.POST(`${P}/templates/{id}/versions`, { params: { path: { id } }, body })),
    onSuccess: () => inv(id),
  });
}

export function usePatchPromptVersion(id: string, version: number) {
  const inv = useInvalidateTemplate();
  return useMutation({
    mutationFn: (v: { body: S["PromptVersionPatch"]; revision?: number }) =>
      unwrap(
        api.PATCH(`${P}/templates/{id}/versions/{version}`, {
          params: { path: { id, version }, header: v.revision ? { "If-Match": String(v.revision) } : undefined },
          body: v.body,
        }),
      ),
    onSuccess: () => inv(id),
  });
}

export function evaluatePrompt(body: S["PromptEvaluateRequest"], signal?: AbortSignal) {
  return unwrap(api.POST(`${P}/evaluate`, { body, signal }));
}

export function useEvaluatePrompt(body: S["PromptEvaluateRequest"], enabled: boolean) {
  return useQuery({
    queryKey: ["prompt-evaluate", body],
    enabled,
    queryFn: ({ signal }) => evaluatePrompt(body, signal),
  });
}

export type ReviewAction = "submit" | "approve" | "reject" | "deprecate";

export function useReview(id: string) {
  const inv = useInvalidateTemplate();
  return useMutation({
    mutationFn: (v: { version: number; action: ReviewAction; comment?: string }) => {
      const path = { id, version: v.version };
      const body = v.comment !== undefined ? { comment: v.comment } : undefined;
      switch (v.action) {
        case "submit":
          return unwrap(api.POST(`${P}/templates/{id}/{version}/submit`, { params: { path } }));
        case "approve":
          return unwrap(api.POST(`${P}/templates/{id}/{version}/approve`, { params: { path }, body }));
        case "reject":
          return unwrap(api.POST(`${P}/templates/{id}/{version}/reject`, { params: { path }, body: { comment: v.comment ?? "" } }));
        case "deprecate":
          return unwrap(api.POST(`${P}/templates/{id}/{version}/deprecate`, { params: { path } }));
      }
    },
    onSuccess: () => inv(id),
  });
}

export function useSetLabel(id: string) {
  const inv = useInvalidateTemplate();
  return useMutation({
    mutationFn: (v: { label: string; version: number | null }) =>
      v.version === null
        ? unwrap(api.DELETE(`${P}/templates/{id}/labels/{label}`, { params: { path: { id, label: v.label } } }))
        : unwrap(api.PUT(`${P}/templates/{id}/labels/{label}`, { params: { path: { id, label: v.label } }, body: { version: v.version } })),
    onSuccess: () => inv(id),
  });
}

export function useUsage(id: string, version: number, since?: string) {
  return useQuery({
    queryKey: ["prompt-usage", id, version, since ?? ""],
    queryFn: () =>
      unwrap(api.GET(`${P}/templates/{id}/{version}/usage`, { params: { path: { id, version }, query: { since: since || undefined, recent: 100 } } })),
  });
}

export function useRender(id: string) {
  return useMutation({
    mutationFn: (body: S["PromptRenderRequest"]) => unwrap(api.POST(`${P}/templates/{id}/render`, { params: { path: { id } }, body })),
  });
}
