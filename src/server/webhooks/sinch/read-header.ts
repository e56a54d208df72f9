/**
 * Case-insensitive, duplicate-aware header lookup over the shapes a route handler may hold:
 * a Fetch `Headers` (or anything with `get`), or a plain record such as Node's
 * `IncomingHttpHeaders` whose values may be string arrays.
 */
export type HeadersLike =
  | { get(name: string): string | null | undefined }
  | Readonly<Record<string, unknown>>;

export type HeaderValue =
  | { state: "missing" }
  | { state: "duplicated" }
  | { state: "present"; value: string };

const MISSING: HeaderValue = { state: "missing" };
const DUPLICATED: HeaderValue = { state: "duplicated" };

function fromSingle(raw: unknown): HeaderValue {
  if (raw === undefined || raw === null) return MISSING;
  if (Array.isArray(raw)) {
    if (raw.length === 0) return MISSING;
    if (raw.length > 1) return DUPLICATED;
    return fromSingle(raw[0]);
  }
  if (typeof raw !== "string") return DUPLICATED;
  const value = raw.trim();
  return value === "" ? MISSING : { state: "present", value };
}

function hasGetter(headers: HeadersLike): headers is { get(name: string): string | null | undefined } {
  return typeof (headers as { get?: unknown }).get === "function";
}

/**
 * Never throws. A Fetch `Headers` joins repeated headers with ", "; callers reject such values
 * through their format checks, since none of the signature headers may contain a comma.
 */
export function readHeader(headers: HeadersLike | null | undefined, name: string): HeaderValue {
  try {
    if (headers === null || headers === undefined || typeof headers !== "object") return MISSING;
    const lower = name.toLowerCase();
    if (hasGetter(headers)) return fromSingle(headers.get(lower));
    let found: HeaderValue = MISSING;
    let matches = 0;
    for (const key of Object.keys(headers)) {
      if (key.toLowerCase() !== lower) continue;
      matches += 1;
      found = fromSingle(headers[key]);
    }
    // The same header under two spellings ("X-Foo" and "x-foo") is as ambiguous as a repeat.
    return matches > 1 ? DUPLICATED : found;
  } catch {
    return DUPLICATED;
  }
}
