/**
 * Last line of defence before anything leaves a diagnosis (stored run, tRPC output, support bundle):
 * every secret value the run touched is cut out, and so is anything shaped like a Meta or bearer
 * token, whatever text a vendor put it in.
 */
const TOKEN_SHAPES = [/\bEAA[A-Za-z0-9_-]{12,}/g, /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/g, /\b(?:access_token|client_secret|secret)=[^&\s"']+/gi];
const MIN_SECRET = 8;

export function redactText(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const s of secrets) if (s.length >= MIN_SECRET) out = out.split(s).join("[redacted]");
  for (const re of TOKEN_SHAPES) out = out.replace(re, "[redacted]");
  return out;
}

/** Deep copy with every string redacted; Dates and numbers pass through. */
export function redactDeep<T>(value: T, secrets: readonly string[] = []): T {
  const walk = (v: unknown): unknown => {
    if (typeof v === "string") return redactText(v, secrets);
    if (Array.isArray(v)) return v.map(walk);
    if (v instanceof Date) return v;
    if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(value) as T;
}
