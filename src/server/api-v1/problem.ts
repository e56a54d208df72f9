import { ZodError } from "zod";
import { AppError, GENERIC_MESSAGE, type AppErrorCode } from "@/server/errors";
import { IntegrationError } from "@/server/integrations/errors";

/** An RFC 9457 problem: what every /api/v1 error answers, never with a stack or vendor text. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: Record<string, string>;
  reason?: string;
  requestId?: string;
}

export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly slug: string,
    readonly detail: string,
    readonly extra: { errors?: Record<string, string>; reason?: string; headers?: Record<string, string> } = {},
  ) {
    super(detail);
    this.name = "ApiProblem";
  }
}

const titles: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  409: "Conflict",
  413: "Content Too Large",
  415: "Unsupported Media Type",
  422: "Unprocessable Content",
  429: "Too Many Requests",
  500: "Internal Server Error",
  502: "Bad Gateway",
};

const appStatus: Record<AppErrorCode, [number, string]> = {
  NOT_FOUND: [404, "not-found"],
  FORBIDDEN: [403, "forbidden"],
  UNAUTHORIZED: [401, "unauthorized"],
  BAD_REQUEST: [400, "bad-request"],
  CONFLICT: [409, "conflict"],
  TOO_MANY_REQUESTS: [429, "rate-limited"],
  PRECONDITION_FAILED: [409, "state-conflict"],
  UPSTREAM_FAILED: [502, "upstream-failed"],
  INTERNAL: [500, "internal"],
};

export const problemType = (slug: string) => `/api/v1/problems/${slug}`;

export function zodFieldErrors(err: ZodError, prefix?: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of err.issues) {
    const key = [prefix, ...issue.path.map(String)].filter(Boolean).join(".") || "_";
    out[key] ??= issue.message;
  }
  return out;
}

/** Maps whatever a handler threw to a problem; `internal` is true when it must be logged. */
export function toProblem(err: unknown): { problem: Problem; headers: Record<string, string>; internal: boolean } {
  const make = (status: number, slug: string, detail: string, extra: { errors?: Record<string, string>; reason?: string } = {}) => ({
    type: problemType(slug),
    title: titles[status] ?? "Error",
    status,
    detail,
    ...(extra.errors ? { errors: extra.errors } : {}),
    ...(extra.reason ? { reason: extra.reason } : {}),
  });
  if (err instanceof ApiProblem) return { problem: make(err.status, err.slug, err.detail, err.extra), headers: err.extra.headers ?? {}, internal: false };
  if (err instanceof AppError) {
    const [status, slug] = appStatus[err.code];
    // A refusal with field messages is a validation failure of the input: 422, like zod's.
    const finalStatus = status === 400 && err.fieldErrors ? 422 : status;
    if (finalStatus >= 500 && err.code === "INTERNAL") return { problem: make(500, "internal", GENERIC_MESSAGE), headers: {}, internal: true };
    return { problem: make(finalStatus, finalStatus === 422 ? "validation" : slug, err.userMessage, { errors: err.fieldErrors, reason: err.reason }), headers: {}, internal: false };
  }
  if (err instanceof IntegrationError) return { problem: make(502, "upstream-failed", err.userMessage, { reason: err.code }), headers: {}, internal: false };
  if (err instanceof ZodError) return { problem: make(422, "validation", "Some fields are not valid.", { errors: zodFieldErrors(err) }), headers: {}, internal: false };
  return { problem: make(500, "internal", GENERIC_MESSAGE), headers: {}, internal: true };
}

export function problemResponse(problem: Problem, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(problem), { status: problem.status, headers: { "content-type": "application/problem+json", "cache-control": "no-store", ...headers } });
}
