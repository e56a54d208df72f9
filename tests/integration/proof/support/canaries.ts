import { randomBytes } from "node:crypto";

/**
 * Canary strings: unique, lowercase (so email normalisation keeps them intact) and easy to spot in
 * any serialisation. `secret` canaries sit in secret columns and may appear in no response, no page
 * and no database dump in clear; `data` canaries are a customer's ordinary data (names, emails,
 * notes, message text) that only staff and that customer may see.
 */
export interface CanarySet {
  owner: string;
  data: Record<string, string>;
  secret: Record<string, string>;
}

export const canaryPrefix = "cnry";

export function canary(owner: string, kind: string): string {
  return `${canaryPrefix}-${owner.toLowerCase()}-${kind}-${randomBytes(6).toString("hex")}`;
}

export function allOf(set: CanarySet): string[] {
  return [...Object.values(set.data), ...Object.values(set.secret)];
}

/**
 * Flattens any value (tRPC output, an error, a buffer, a page's storage) into one searchable
 * string: buffers are read both as UTF-8 and as base64, so a canary hidden in bytes is still found.
 */
export function flatten(value: unknown, seen = new WeakSet<object>()): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") return String(value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "" : value.toISOString();
  if (Buffer.isBuffer(value) || value instanceof Uint8Array) {
    const buf = Buffer.from(value);
    return `${buf.toString("utf8")} ${buf.toString("base64")}`;
  }
  if (typeof value !== "object") return "";
  if (seen.has(value)) return "";
  seen.add(value);
  const parts: string[] = [];
  if (value instanceof Error) {
    parts.push(value.message);
    const extra = value as Error & { cause?: unknown; fieldErrors?: unknown; data?: unknown; shape?: unknown };
    parts.push(flatten(extra.fieldErrors, seen), flatten(extra.cause, seen), flatten(extra.data, seen), flatten(extra.shape, seen));
  }
  if (value instanceof Map) for (const [k, v] of value) parts.push(flatten(k, seen), flatten(v, seen));
  else if (value instanceof Set) for (const v of value) parts.push(flatten(v, seen));
  else for (const [k, v] of Object.entries(value)) parts.push(k, flatten(v, seen));
  return parts.join("\n");
}

/** The canaries found in `haystack` (case-insensitive). */
export function findCanaries(haystack: string, canaries: readonly string[]): string[] {
  const lower = haystack.toLowerCase();
  return canaries.filter((c) => lower.includes(c.toLowerCase()));
}
