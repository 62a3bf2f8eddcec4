// Errors from the server: RFC 9457 problem+json, kept whole so pages can show `detail` verbatim.

export interface ProblemField {
  field?: string;
  message?: string;
}

export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  instance?: string;
  code?: string;
  errors?: ProblemField[];
}

export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;

  constructor(status: number, problem: Problem) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
    this.name = "ApiError";
    this.status = status;
    this.problem = problem;
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

// Reads a problem body (or anything else the server answered) into a Problem.
export function toProblem(status: number, body: unknown, statusText = ""): Problem {
  if (isRecord(body)) {
    const p: Problem = { status };
    if (typeof body.type === "string") p.type = body.type;
    if (typeof body.title === "string") p.title = body.title;
    if (typeof body.detail === "string") p.detail = body.detail;
    if (typeof body.instance === "string") p.instance = body.instance;
    if (typeof body.code === "string") p.code = body.code;
    if (Array.isArray(body.errors)) {
      p.errors = body.errors.filter(isRecord).map((e) => ({
        field: typeof e.field === "string" ? e.field : undefined,
        message: typeof e.message === "string" ? e.message : undefined,
      }));
    }
    return p;
  }
  if (typeof body === "string" && body.trim() !== "") return { status, detail: body.trim() };
  return { status, title: statusText || `HTTP ${status}` };
}

export function errorMessage(e: unknown): string {
  if (e instanceof ApiError) return e.message;
  if (e instanceof Error) return e.message;
  return String(e);
}

// 1-based character position named by the server's filter/order_by errors ("… at position 12").
export function errorPosition(detail: string | undefined): number | null {
  if (!detail) return null;
  const m = /at position (\d+)/.exec(detail);
  return m ? Number(m[1]) : null;
}
