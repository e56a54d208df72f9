import { performance } from "node:perf_hooks";

export const SEND_TIMEOUT_MS = 15_000;
/** What is read of an answer at most; the rest is dropped (only the status matters). */
export const MAX_RESPONSE_BYTES = 64 * 1024;

export interface SendResult {
  ok: boolean;
  statusCode: number | null;
  /** Our own words for a failure, never the receiver's body. */
  error: string | null;
  durationMs: number;
  /** Seconds from a `Retry-After` answer, when it had one. */
  retryAfterSeconds: number | null;
}

export interface SendOptions {
  timeoutMs?: number;
  maxResponseBytes?: number;
}

/** Only http(s) URLs without credentials in them; anything else is refused before a request is made. */
export function isAllowedTarget(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  return (url.protocol === "https:" || url.protocol === "http:") && !url.username && !url.password && !!url.hostname;
}

export async function readAtMost(body: ReadableStream<Uint8Array> | null, limit: number): Promise<void> {
  if (!body) return;
  const reader = body.getReader();
  let read = 0;
  try {
    while (read <= limit) {
      const chunk = await reader.read();
      if (chunk.done) return;
      read += chunk.value.byteLength;
    }
    await reader.cancel();
  } catch {
    // The answer's status is already known; a body cut off by the timeout changes nothing.
  }
}

function retryAfter(value: string | null): number | null {
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.floor(seconds);
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - Date.now()) / 1000));
}

function describe(err: unknown): string {
  const name = err instanceof Error ? err.name : "";
  if (name === "TimeoutError" || name === "AbortError") return "Timed out";
  const code = (err as { cause?: { code?: unknown } })?.cause?.code;
  // undici puts the system error (ECONNREFUSED, ENOTFOUND…) in `cause`; its message can carry the URL.
  return typeof code === "string" ? `Connection failed (${code})` : "Connection failed";
}

/**
 * POSTs one signed event. Redirects are never followed (a 3xx is a failure, as Standard Webhooks
 * recommends), the whole exchange has a deadline, and at most `maxResponseBytes` of the answer
 * are read.
 */
export async function sendEvent(url: string, headers: Record<string, string>, body: string, opts: SendOptions = {}): Promise<SendResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  if (!isAllowedTarget(url)) return { ok: false, statusCode: null, error: "Only http and https URLs are allowed", durationMs: 0, retryAfterSeconds: null };
  const signal = AbortSignal.timeout(opts.timeoutMs ?? SEND_TIMEOUT_MS);
  try {
    const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body, redirect: "manual", signal });
    await readAtMost(res.body, opts.maxResponseBytes ?? MAX_RESPONSE_BYTES);
    const ok = res.status >= 200 && res.status < 300;
    const redirect = res.status >= 300 && res.status < 400;
    return {
      ok,
      statusCode: res.status,
      error: ok ? null : redirect ? `Redirect not followed (HTTP ${res.status})` : `HTTP ${res.status}`,
      durationMs: elapsed(),
      retryAfterSeconds: retryAfter(res.headers.get("retry-after")),
    };
  } catch (err) {
    return { ok: false, statusCode: null, error: describe(err), durationMs: elapsed(), retryAfterSeconds: null };
  }
}
