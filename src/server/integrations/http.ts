import { IntegrationError, type IntegrationService } from "./errors";
import { silentLogger, scrubUrl, type IntegrationLogger } from "./logger";
import { isRetryableStatus, parseRetryAfter, resolveRetryOptions, withRetry, type RetryOptions } from "./retry";

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export interface HttpRequest {
  method: HttpMethod;
  url: string;
  /** Operation name used in logs and errors (never the URL, which may carry secrets). */
  operation: string;
  query?: Record<string, string | number | boolean | undefined>;
  headers?: Record<string, string>;
  json?: unknown;
  form?: Record<string, string>;
  /**
   * Retries are only safe when repeating the call cannot duplicate an effect. GET/PUT/DELETE are
   * idempotent by definition; POST/PATCH must opt in explicitly.
   */
  idempotent?: boolean;
  timeoutMs?: number;
}

export interface HttpResponse {
  status: number;
  ok: boolean;
  headers: Headers;
  /** Parsed JSON, or undefined for an empty / non-JSON body. */
  body: unknown;
  text: string;
}

export interface HttpClientOptions extends RetryOptions {
  service: IntegrationService;
  timeoutMs?: number;
  logger?: IntegrationLogger;
  /** Injectable for tests; defaults to the global fetch. */
  fetch?: typeof fetch;
}

export interface HttpClient {
  send(req: HttpRequest): Promise<HttpResponse>;
}

/**
 * Thin fetch wrapper: builds the URL, applies a per-attempt timeout, parses JSON and retries
 * 429/5xx/network failures on idempotent calls. Non-2xx answers are returned, not thrown: each
 * vendor client classifies its own error envelopes.
 */
export function createHttpClient(options: HttpClientOptions): HttpClient {
  const retry = resolveRetryOptions(options);
  const logger = options.logger ?? silentLogger;
  const doFetch = options.fetch ?? fetch;
  const defaultTimeout = options.timeoutMs ?? 15_000;

  async function once(req: HttpRequest): Promise<HttpResponse> {
    const url = buildUrl(req.url, req.query);
    const headers: Record<string, string> = { accept: "application/json", ...req.headers };
    let body: string | undefined;
    if (req.json !== undefined) {
      headers["content-type"] = "application/json";
      body = JSON.stringify(req.json);
    } else if (req.form !== undefined) {
      headers["content-type"] = "application/x-www-form-urlencoded";
      body = new URLSearchParams(req.form).toString();
    }
    const timeoutMs = req.timeoutMs ?? defaultTimeout;
    let res: Response;
    let text: string;
    try {
      res = await doFetch(url, { method: req.method, headers, body, signal: AbortSignal.timeout(timeoutMs) });
      text = await res.text();
    } catch (cause) {
      const timedOut = cause instanceof Error && (cause.name === "TimeoutError" || cause.name === "AbortError");
      throw new IntegrationError({
        service: options.service,
        code: timedOut ? "timeout" : "network",
        operation: req.operation,
        // undici's cause chain can include the full URL; keep only the error class name.
        vendorMessage: cause instanceof Error ? cause.name : undefined,
      });
    }
    return { status: res.status, ok: res.ok, headers: res.headers, body: parseJson(text), text };
  }

  return {
    async send(req) {
      const idempotent = req.idempotent ?? (req.method === "GET" || req.method === "PUT" || req.method === "DELETE");
      return withRetry(
        () => once(req),
        (outcome) => {
          if (!idempotent) return { retry: false };
          if (!outcome.ok) {
            const err = outcome.error;
            const transient = err instanceof IntegrationError && (err.code === "network" || err.code === "timeout");
            return transient ? { retry: true, why: err.code } : { retry: false };
          }
          if (!isRetryableStatus(outcome.value.status)) return { retry: false };
          return {
            retry: true,
            why: `http_${outcome.value.status}`,
            retryAfterMs: parseRetryAfter(outcome.value.headers.get("retry-after")),
          };
        },
        retry,
        ({ attempt, delayMs, why }) =>
          logger.warn(
            { service: options.service, operation: req.operation, method: req.method, url: scrubUrl(buildUrl(req.url, req.query)), attempt, delayMs, why },
            "integration call failed, retrying",
          ),
      );
    },
  };
}

export function buildUrl(base: string, query?: HttpRequest["query"]): string {
  if (!query) return base;
  const url = new URL(base);
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined) url.searchParams.set(key, String(value));
  }
  return url.toString();
}

function parseJson(text: string): unknown {
  if (text.length === 0) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Joins a configured base URL (which may carry a path prefix, as the emulator's do) and a path. */
export function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, "")}/${path.replace(/^\/+/, "")}`;
}
