/**
 * Postgres `text` cannot hold the NUL character (U+0000): a value containing it fails the query with
 * "invalid byte sequence for encoding UTF8: 0x00" (SQLSTATE 22021). Inputs are checked for it up
 * front, so such a value is a clear 4xx for the caller instead of an internal error.
 */
export const NUL_MESSAGE = "Text cannot contain the NUL character (\\u0000).";

/** The path of the first string (or object key) holding U+0000 in a parsed JSON-like value, or null. */
export function nulPath(value: unknown, path: string[] = [], depth = 0): string | null {
  if (typeof value === "string") return value.includes("\u0000") ? path.join(".") || "_" : null;
  if (depth > 32 || value === null || typeof value !== "object") return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = nulPath(value[i], [...path, String(i)], depth + 1);
      if (found !== null) return found;
    }
    return null;
  }
  if (value instanceof Date) return null;
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    if (key.includes("\u0000")) return [...path, key.replaceAll("\u0000", "\\u0000")].join(".");
    const found = nulPath(item, [...path, key], depth + 1);
    if (found !== null) return found;
  }
  return null;
}
