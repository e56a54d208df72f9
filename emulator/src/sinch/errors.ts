import { HttpError } from "../http";
import type { World } from "../world";

/** Conversation/Subprojects style (`{ error: { code, message, status, details } }`) or Provisioning style. */
export type ErrorFlavor = "google" | "provisioning";

const STATUS_NAMES: Record<number, string> = {
  400: "INVALID_ARGUMENT",
  401: "UNAUTHENTICATED",
  403: "PERMISSION_DENIED",
  404: "NOT_FOUND",
  409: "ALREADY_EXISTS",
  429: "RESOURCE_EXHAUSTED",
  500: "INTERNAL",
  501: "NOT_IMPLEMENTED",
  503: "UNAVAILABLE",
  504: "DEADLINE_EXCEEDED",
};

const PROVISIONING_CODES: Record<number, string> = {
  400: "INVALID_PARAMETERS",
  401: "UNAUTHORIZED",
  403: "FORBIDDEN",
  404: "NOT_FOUND",
  409: "CONFLICT",
  429: "TOO_MANY_REQUESTS",
  500: "INTERNAL_ERROR",
  503: "SERVICE_UNAVAILABLE",
};

export function statusName(code: number): string {
  return STATUS_NAMES[code] ?? (code >= 500 ? "INTERNAL" : "UNKNOWN");
}

export function sinchError(
  code: number,
  message: string,
  opts: { flavor?: ErrorFlavor; headers?: Record<string, string>; resolution?: string } = {},
): HttpError {
  if (opts.flavor === "provisioning") {
    return new HttpError(
      code,
      {
        errorCode: PROVISIONING_CODES[code] ?? (code >= 500 ? "INTERNAL_ERROR" : "BAD_REQUEST"),
        message,
        resolution: opts.resolution ?? defaultResolution(code),
      },
      opts.headers,
    );
  }
  return new HttpError(code, { error: { code, message, status: statusName(code), details: [] } }, opts.headers);
}

function defaultResolution(code: number): string {
  if (code === 400) return "Correct the request and try again.";
  if (code === 401) return "Check the access key or fetch a new access token.";
  if (code === 403) return "Check that the access key belongs to this project or its parent.";
  if (code === 404) return "Check the resource id and project id.";
  if (code === 429) return "Slow down and retry later.";
  return "Retry later; contact Sinch support if the problem persists.";
}

export const invalid = (message: string, flavor: ErrorFlavor = "google") => sinchError(400, message, { flavor });
export const notFound = (message: string, flavor: ErrorFlavor = "google") => sinchError(404, message, { flavor });

/** Consumes a pending fault for this endpoint key and throws the configured status. */
export function checkFault(world: World, key: string, flavor: ErrorFlavor = "google"): void {
  const status = world.faults.take(key);
  if (status === undefined) return;
  const message =
    status === 429 ? "Too many requests (emulator fault)" : `Emulated failure of ${key} (HTTP ${status})`;
  throw sinchError(status, message, { flavor });
}

/** Parses a JSON object body; malformed JSON, arrays and scalars are INVALID_ARGUMENT. */
export function objectBody(raw: unknown, flavor: ErrorFlavor = "google"): Record<string, unknown> {
  if (raw === undefined) return {};
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) throw invalid("Request body must be a JSON object", flavor);
  return raw as Record<string, unknown>;
}

export function readJson(req: { json<T>(): T | undefined }, flavor: ErrorFlavor = "google"): Record<string, unknown> {
  let raw: unknown;
  try {
    raw = req.json();
  } catch {
    throw invalid("Invalid JSON payload received.", flavor);
  }
  return objectBody(raw, flavor);
}

export function optString(body: Record<string, unknown>, key: string, flavor: ErrorFlavor = "google"): string | undefined {
  const v = body[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "string") throw invalid(`Field ${key} must be a string`, flavor);
  return v;
}

export function reqString(body: Record<string, unknown>, key: string, flavor: ErrorFlavor = "google"): string {
  const v = optString(body, key, flavor);
  if (v === undefined || v.trim() === "") throw invalid(`Missing required field: ${key}`, flavor);
  return v;
}
