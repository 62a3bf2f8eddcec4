// The one typed client: openapi-fetch over the types generated from openapi.json. Every call
// carries the identity headers; non-2xx answers become ApiError (problem+json kept whole); a 401
// goes back to the login page.
import createClient, { type Middleware } from "openapi-fetch";

import { ApiError, toProblem } from "./errors";
import type { paths } from "./schema";
import { handleUnauthenticated, identityHeaders } from "./session";

const identity: Middleware = {
  onRequest({ request }) {
    for (const [k, v] of Object.entries(identityHeaders(request.method))) request.headers.set(k, v);
    return request;
  },
  onResponse({ response }) {
    if (response.status === 401) handleUnauthenticated();
    return response;
  },
};

export const api = createClient<paths>({ baseUrl: "", credentials: "same-origin" });
api.use(identity);

interface FetchResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

// Unwraps an openapi-fetch result: the data, or an ApiError with the server's problem.
export async function unwrap<T>(p: Promise<FetchResult<T>>): Promise<T> {
  const { data, error, response } = await p;
  if (!response.ok) throw new ApiError(response.status, toProblem(response.status, error, response.statusText));
  return data as T;
}

// For the few calls outside openapi.json (the identity endpoints of the auth work), and for
// reading artifacts as text: same headers, same errors.
export async function rawFetch(input: string, init: RequestInit = {}): Promise<Response> {
  const method = (init.method ?? "GET").toUpperCase();
  const headers = new Headers(init.headers);
  for (const [k, v] of Object.entries(identityHeaders(method))) headers.set(k, v);
  const response = await fetch(input, { ...init, method, headers, credentials: "same-origin" });
  if (response.status === 401) handleUnauthenticated();
  return response;
}

export async function problemOf(response: Response): Promise<ApiError> {
  let body: unknown = null;
  const text = await response.text();
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = text;
  }
  return new ApiError(response.status, toProblem(response.status, body, response.statusText));
}
