import { IntegrationError, type IntegrationErrorCode } from "../errors";
import { scrubText } from "../logger";

export interface SinchErrorEnvelope {
  code?: number;
  status?: string;
  message?: string;
}

/**
 * Reads every Sinch error shape: Conversation wrapped `{error:{code,message,status}}`, the 2021
 * unwrapped top-level form, Provisioning `{errorCode,message,resolution}`, and the SDK's habit of
 * handing the body over as a JSON string.
 */
export function parseSinchErrorBody(body: unknown): SinchErrorEnvelope {
  let value = body;
  if (typeof value === "string") {
    try {
      value = JSON.parse(value) as unknown;
    } catch {
      return {};
    }
  }
  if (!isRecord(value)) return {};
  const inner = isRecord(value.error) ? value.error : value;
  const out: SinchErrorEnvelope = {};
  const code = typeof inner.code === "number" ? inner.code : Number.NaN;
  if (Number.isFinite(code)) out.code = code;
  if (typeof inner.status === "string") out.status = inner.status;
  else if (typeof inner.errorCode === "string") out.status = inner.errorCode;
  if (typeof inner.message === "string") out.message = inner.message;
  if (typeof inner.resolution === "string") out.message = `${out.message ?? ""} (${inner.resolution})`.trim();
  return out;
}

export interface SinchErrorContext {
  operation: string;
  httpStatus: number;
  body: unknown;
  wwwAuthenticate?: string | null;
  /** Caller asked to read a Conversation 404 as "app lives in another region" (catalogue S5). */
  notFoundInRegion?: boolean;
  /** Subprojects create/list: 403/404 means the closed beta is off for the account (S16). */
  subprojectsApi?: boolean;
  /** The project is a subproject created this long ago; < 60 s turns 403/404 into not_ready (S15). */
  projectAgeMs?: number;
  /** Values that must not survive into vendorMessage. */
  secrets?: ReadonlyArray<string | undefined>;
}

const STATUS_BY_ENVELOPE: Record<string, IntegrationErrorCode> = {
  INVALID_ARGUMENT: "invalid_argument",
  INVALID_REQUEST: "invalid_argument",
  FAILED_PRECONDITION: "invalid_argument",
  UNAUTHENTICATED: "unauthorized",
  PERMISSION_DENIED: "forbidden",
  UNAUTHORIZED: "forbidden",
  NOT_FOUND: "not_found",
  ALREADY_EXISTS: "conflict",
  ABORTED: "conflict",
  RESOURCE_EXHAUSTED: "rate_limited",
  UNAVAILABLE: "unavailable",
  INTERNAL: "unavailable",
  DEADLINE_EXCEEDED: "timeout",
};

const SUBPROJECT_WARMUP_MS = 60_000;

export function classifySinchError(ctx: SinchErrorContext): IntegrationError {
  const envelope = parseSinchErrorBody(ctx.body);
  const code = codeFor(ctx, envelope);
  return new IntegrationError({
    service: "sinch",
    code,
    operation: ctx.operation,
    httpStatus: ctx.httpStatus,
    vendorStatus: envelope.status,
    vendorCode: envelope.code,
    vendorMessage: scrubText(envelope.message, ctx.secrets ?? []),
    reason: code === "token_expired" ? "sinch_token_expired" : undefined,
  });
}

function codeFor(ctx: SinchErrorContext, envelope: SinchErrorEnvelope): IntegrationErrorCode {
  const s = ctx.httpStatus;
  const young = ctx.projectAgeMs !== undefined && ctx.projectAgeMs < SUBPROJECT_WARMUP_MS;
  if (s === 401) return /expired/i.test(ctx.wwwAuthenticate ?? "") ? "token_expired" : "unauthorized";
  if (s === 403 || s === 404) {
    if (ctx.subprojectsApi) return "subprojects_not_enabled";
    if (young) return "not_ready";
  }
  if (s === 403) return "forbidden";
  if (s === 404) return ctx.notFoundInRegion ? "not_found_in_region" : "not_found";
  if (s === 400 || s === 422) return "invalid_argument";
  if (s === 409) return "conflict";
  if (s === 429) return "rate_limited";
  if (s === 408 || s === 504) return "timeout";
  if (s >= 500) return "unavailable";
  return (envelope.status ? STATUS_BY_ENVELOPE[envelope.status] : undefined) ?? "unknown";
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
