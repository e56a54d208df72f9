import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { Db } from "@/server/db/client";
import { safeError } from "@/server/db/errors";
import { NUL_MESSAGE, nulPath } from "@/server/lib/nul-text";
import { logger } from "@/server/log";
import { apiKeyActor, authenticateApiKeyWithOwner, type AuthenticatedApiKey } from "@/server/services/api-keys";
import { audit } from "@/server/services/audit";
import { claimIdempotency, completeIdempotency, readIdempotencyKey, requestHash } from "./idempotency";
import { ApiProblem, problemResponse, toProblem, zodFieldErrors } from "./problem";
import { DEFAULT_RATE_LIMIT, hitRateLimit, type RateLimit } from "./rate-limit";
import { matchPath, type ApiRoute } from "./route";

export const API_PREFIX = "/api/v1";
export const MAX_BODY_BYTES = 64 * 1024;

export interface ApiDeps {
  db: Db;
  routes: ApiRoute[];
  now?: () => Date;
  rateLimit?: RateLimit;
  /** Public, unauthenticated answers (the OpenAPI document). */
  publicRoutes?: Record<string, () => unknown>;
}

function findRoute(routes: ApiRoute[], method: string, path: string) {
  const allowed: string[] = [];
  for (const route of routes) {
    const params = matchPath(route.path, path);
    if (!params) continue;
    if (route.method === method) return { route, params };
    allowed.push(route.method);
  }
  if (allowed.length) throw new ApiProblem(405, "method-not-allowed", `Use ${allowed.join(" or ")} on this path.`, { headers: { allow: allowed.join(", ") } });
  throw new ApiProblem(404, "not-found", "There is no such endpoint. See /api/v1/openapi.json.");
}

function bearer(headers: Headers): string | null {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(headers.get("authorization") ?? "");
  return m ? m[1]! : null;
}

async function readJson(req: Request): Promise<unknown> {
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > MAX_BODY_BYTES) throw new ApiProblem(413, "too-large", `Send at most ${MAX_BODY_BYTES} bytes.`);
  const text = await req.text();
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) throw new ApiProblem(413, "too-large", `Send at most ${MAX_BODY_BYTES} bytes.`);
  if (!text.trim()) return {};
  const type = req.headers.get("content-type") ?? "";
  if (!/^application\/(.+\+)?json\b/i.test(type)) throw new ApiProblem(415, "unsupported-media-type", "Send the body as application/json.");
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiProblem(400, "malformed-json", "The body is not valid JSON.");
  }
}

function parsePart<T extends z.ZodType>(schema: T | undefined, value: unknown, where: string): z.output<T> {
  if (!schema) return {} as z.output<T>;
  const nulAt = nulPath(value);
  if (nulAt !== null) throw new ApiProblem(422, "validation", `Some ${where} values are not valid.`, { errors: { [[where === "body" ? undefined : where, ...nulAt].filter(Boolean).join(".") || "_"]: NUL_MESSAGE } });
  const result = schema.safeParse(value);
  if (!result.success) throw new ApiProblem(422, "validation", `Some ${where} values are not valid.`, { errors: zodFieldErrors(result.error, where === "body" ? undefined : where) });
  return result.data;
}

const json = (status: number, body: string, headers: Record<string, string> = {}) =>
  new Response(body, { status, headers: { "content-type": "application/json", "cache-control": "no-store", ...headers } });

/**
 * One request to /api/v1: route → key → rate limit → scope → input → idempotency → service →
 * output schema (which drops anything the schema does not name) → audit. Every error is problem+json.
 */
export async function handleApiRequest(req: Request, deps: ApiDeps): Promise<Response> {
  const now = deps.now ?? (() => new Date());
  const requestId = randomUUID();
  const url = new URL(req.url);
  const path = url.pathname.startsWith(API_PREFIX) ? url.pathname.slice(API_PREFIX.length) || "/" : url.pathname;
  const method = req.method.toUpperCase();
  const base = { "x-request-id": requestId };

  const publicAnswer = method === "GET" ? deps.publicRoutes?.[path] : undefined;
  if (publicAnswer) return json(200, JSON.stringify(publicAnswer()), { ...base, "cache-control": "public, max-age=300" });

  let key: AuthenticatedApiKey | null = null;
  let route: ApiRoute | undefined;
  let status = 500;
  let extraHeaders: Record<string, string> = {};
  let params: Record<string, string> = {};
  let response: Response;
  try {
    const found = findRoute(deps.routes, method, path);
    route = found.route;
    params = found.params;
    const token = bearer(req.headers);
    key = token ? await authenticateApiKeyWithOwner(deps.db, token, now()) : null;
    if (!key) throw new ApiProblem(401, "unauthorized", "Send a valid, unrevoked API key as `Authorization: Bearer rp_…`.", { headers: { "www-authenticate": 'Bearer realm="api"' } });

    const rate = await hitRateLimit(deps.db, key.id, deps.rateLimit ?? DEFAULT_RATE_LIMIT, now());
    extraHeaders = { "ratelimit-limit": String((deps.rateLimit ?? DEFAULT_RATE_LIMIT).limit), "ratelimit-remaining": String(rate.remaining) };
    if (!rate.ok) {
      // Refused calls are counted, not audited: a runaway client must not flood the audit log.
      const { problem } = toProblem(new ApiProblem(429, "rate-limited", `Too many calls for this key; retry in ${rate.retryAfterSeconds} s.`));
      return problemResponse({ ...problem, requestId }, { ...base, ...extraHeaders, "retry-after": String(rate.retryAfterSeconds) });
    }
    if (method !== "GET" && key.scope !== "full") throw new ApiProblem(403, "insufficient-scope", "This key is read-only; writes need a key with full scope.");

    const body = method === "POST" ? await readJson(req) : undefined;
    const input = {
      params: parsePart(route.params, params, "path"),
      query: parsePart(route.query, Object.fromEntries(url.searchParams), "query"),
      body: route.body ? parsePart(route.body, body, "body") : undefined,
    };
    const ctx = { db: deps.db, now, key, actor: apiKeyActor(key), requestId };
    const run = async () => {
      const result = route!.response.parse(await route!.handler(ctx, input as never));
      return { status: route!.status, body: JSON.stringify(result) };
    };

    if (method === "POST") {
      const idemKey = readIdempotencyKey(req.headers);
      const claim = await claimIdempotency(deps.db, key.id, idemKey, requestHash(method, path, body), now());
      if (claim.kind === "replay") {
        status = claim.status;
        const type = claim.status >= 400 ? "application/problem+json" : "application/json";
        response = new Response(claim.body, { status, headers: { "content-type": type, "cache-control": "no-store", "idempotent-replayed": "true", ...base, ...extraHeaders } });
      } else {
        let outcome: { status: number; body: string; headers?: Record<string, string> };
        try {
          outcome = await run();
        } catch (err) {
          const mapped = failure(err, requestId, route, key);
          outcome = { status: mapped.problem.status, body: JSON.stringify(mapped.problem), headers: mapped.headers };
        }
        await completeIdempotency(deps.db, key.id, idemKey, outcome.status, outcome.body, now());
        status = outcome.status;
        response = outcome.status >= 400 ? new Response(outcome.body, { status, headers: { "content-type": "application/problem+json", "cache-control": "no-store", ...base, ...extraHeaders, ...outcome.headers } }) : json(status, outcome.body, { ...base, ...extraHeaders });
      }
    } else {
      const outcome = await run();
      status = outcome.status;
      response = json(status, outcome.body, { ...base, ...extraHeaders });
    }
  } catch (err) {
    const mapped = failure(err, requestId, route, key);
    status = mapped.problem.status;
    response = problemResponse(mapped.problem, { ...base, ...extraHeaders, ...mapped.headers });
  }
  if (key && route) await auditCall(deps.db, key, route, params, method, status, requestId);
  return response;
}

function failure(err: unknown, requestId: string, route: ApiRoute | undefined, key: AuthenticatedApiKey | null) {
  const { problem, headers, internal } = toProblem(err);
  if (internal) logger.error({ requestId, route: route ? `${route.method} ${route.path}` : undefined, keyId: key?.id, err: safeError(err, { stack: true }) }, "api call failed");
  return { problem: { ...problem, requestId }, headers };
}

async function auditCall(db: Db, key: AuthenticatedApiKey, route: ApiRoute, params: Record<string, string>, method: string, status: number, requestId: string) {
  const customerId = z.uuid().safeParse(params.customerId).success ? params.customerId! : null;
  try {
    await audit(db, {
      actor: apiKeyActor(key),
      action: "api.request",
      target: { type: "api_key", id: key.id },
      customerId,
      metadata: { key: key.name, operation: route.operationId, method, path: route.path, params, status, requestId },
    });
  } catch (err) {
    // An audit failure after the answer is computed is logged; the caller still gets the answer.
    logger.error({ requestId, err: safeError(err) }, "api call audit failed");
  }
}
