/**
 * Postgres `text` cannot hold the NUL character (U+0000): a value containing it fails the query with
 * "invalid byte sequence for encoding UTF8: 0x00" (SQLSTATE 22021). Inputs are checked for it up
 * front, so such a value is a clear 4xx for the caller instead of an internal error.
 */
export const NUL_MESSAGE = "Text cannot contain the NUL character (\\u0000).";

/** The path (keys and indexes) of the first string or object key holding U+0000, or null. */
export function nulPath(value: unknown, path: string[] = [], depth = 0): string[] | null {
  if (typeof value === "string") return value.includes("\u0000") ? path : null;
  if (depth > 32 || value === null || typeof value !== "object" || value instanceof Date) return null;
  const entries: Array<[string, unknown]> = Array.isArray(value) ? value.map((item, i) => [String(i), item]) : Object.entries(value as Record<string, unknown>);
  for (const [key, item] of entries) {
    if (key.includes("\u0000")) return [...path, key.replaceAll("\u0000", "\\u0000")];
    const found = nulPath(item, [...path, key], depth + 1);
    if (found !== null) return found;
  }
  return null;
}
