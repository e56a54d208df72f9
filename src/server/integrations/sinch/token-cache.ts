import { IntegrationError } from "../errors";
import { createHttpClient, joinUrl, type HttpClient } from "../http";
import type { IntegrationLogger } from "../logger";
import type { RetryOptions } from "../retry";
import { classifySinchError } from "./errors";

export interface SinchTokenCacheConfig extends RetryOptions {
  authUrl: string;
  keyId: string;
  keySecret: string;
  logger?: IntegrationLogger;
  timeoutMs?: number;
  /** Injectable clock (ms since epoch) for tests. */
  now?: () => number;
  fetch?: typeof fetch;
}

export interface SinchTokenCache {
  readonly keyId: string;
  /** A valid bearer token, fetched at most once concurrently. */
  getToken(): Promise<string>;
  /** Forgets `token` if it is still the cached one (another caller may already have refreshed it). */
  invalidate(token?: string): void;
  /** How many token requests reached the auth server (for diagnostics and tests). */
  readonly fetchCount: number;
}

const SAFETY_MARGIN_MS = 60_000;

interface Cached {
  value: string;
  /** undefined = no known expiry; reused until a 401 "expired" says otherwise. */
  expiresAt: number | undefined;
}

export function createSinchTokenCache(config: SinchTokenCacheConfig): SinchTokenCache {
  const now = config.now ?? Date.now;
  // The token endpoint is safe to repeat (client credentials), so it retries like a GET.
  const http: HttpClient = createHttpClient({ ...config, service: "sinch" });
  const basic = Buffer.from(`${config.keyId}:${config.keySecret}`, "utf8").toString("base64");
  let cached: Cached | undefined;
  let inflight: Promise<string> | undefined;
  let fetchCount = 0;

  async function fetchToken(): Promise<string> {
    fetchCount += 1;
    const res = await http.send({
      method: "POST",
      url: joinUrl(config.authUrl, "oauth2/token"),
      operation: "auth.token",
      headers: { authorization: `Basic ${basic}` },
      form: { grant_type: "client_credentials" },
      idempotent: true,
    });
    if (!res.ok) {
      throw classifySinchError({
        operation: "auth.token",
        httpStatus: res.status,
        body: res.body,
        wwwAuthenticate: res.headers.get("www-authenticate"),
        secrets: [config.keySecret],
      });
    }
    const body = (res.body ?? {}) as { access_token?: unknown; expires_in?: unknown };
    if (typeof body.access_token !== "string" || body.access_token.length === 0) {
      throw new IntegrationError({ service: "sinch", code: "unknown", operation: "auth.token", httpStatus: res.status, vendorMessage: "no access_token in response" });
    }
    const issuedAt = now();
    const jwtExp = decodeJwtExp(body.access_token);
    const expiresAt =
      jwtExp !== undefined
        ? jwtExp * 1000
        : typeof body.expires_in === "number" && body.expires_in > 0
          ? issuedAt + body.expires_in * 1000
          : undefined;
    cached = { value: body.access_token, expiresAt };
    config.logger?.info({ service: "sinch", keyId: config.keyId, expiresAt: expiresAt === undefined ? null : new Date(expiresAt).toISOString() }, "sinch access token refreshed");
    return body.access_token;
  }

  return {
    keyId: config.keyId,
    get fetchCount() {
      return fetchCount;
    },
    async getToken() {
      if (cached && (cached.expiresAt === undefined || cached.expiresAt - SAFETY_MARGIN_MS > now())) return cached.value;
      if (!inflight) {
        cached = undefined;
        inflight = fetchToken().finally(() => {
          inflight = undefined;
        });
      }
      return inflight;
    },
    invalidate(token) {
      if (token === undefined || cached?.value === token) cached = undefined;
    },
  };
}

/** Reads `exp` from a JWT payload without verifying it; opaque tokens return undefined. */
export function decodeJwtExp(token: string): number | undefined {
  const parts = token.split(".");
  if (parts.length !== 3 || !parts[1]) return undefined;
  try {
    const payload = JSON.parse(Buffer.from(parts[1], "base64url").toString("utf8")) as { exp?: unknown };
    return typeof payload.exp === "number" ? payload.exp : undefined;
  } catch {
    return undefined;
  }
}

const registry = new Map<string, { secret: string; cache: SinchTokenCache }>();

/**
 * Process-wide registry: one cache per (auth host, key id), shared by every region and by the
 * Conversation, Provisioning and Subprojects clients, so a key never holds two live tokens.
 * A changed secret for the same key id replaces the entry (key rotation in settings).
 */
export function sharedSinchTokenCache(config: SinchTokenCacheConfig): SinchTokenCache {
  const id = `${config.authUrl}\u0000${config.keyId}`;
  const entry = registry.get(id);
  if (entry && entry.secret === config.keySecret) return entry.cache;
  const cache = createSinchTokenCache(config);
  registry.set(id, { secret: config.keySecret, cache });
  return cache;
}
