// Uploads with real progress (fetch cannot report upload progress): XMLHttpRequest with the same
// identity headers and problem+json errors as the typed client.
import { ApiError, toProblem } from "./errors";
import { handleUnauthenticated, identityHeaders } from "./session";

export interface UploadOptions {
  method: "POST" | "PUT";
  url: string;
  body: Blob;
  contentType: string;
  onProgress?: (loaded: number, total: number) => void;
  signal?: AbortSignal;
}

export function upload<T>(opts: UploadOptions): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(opts.method, opts.url);
    xhr.withCredentials = true;
    xhr.setRequestHeader("Content-Type", opts.contentType);
    for (const [k, v] of Object.entries(identityHeaders(opts.method))) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) opts.onProgress?.(e.loaded, e.total);
    };
    xhr.onload = () => {
      let body: unknown = xhr.responseText;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        // not JSON: keep the text
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve(body as T);
        return;
      }
      if (xhr.status === 401) handleUnauthenticated();
      reject(new ApiError(xhr.status, toProblem(xhr.status, body, xhr.statusText)));
    };
    xhr.onerror = () => reject(new ApiError(0, { title: "network error", detail: "the upload could not reach the server" }));
    xhr.onabort = () => reject(new ApiError(0, { title: "aborted", detail: "upload cancelled" }));
    opts.signal?.addEventListener("abort", () => xhr.abort());
    xhr.send(opts.body);
  });
}
