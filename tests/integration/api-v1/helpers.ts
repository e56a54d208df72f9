import { randomUUID } from "node:crypto";
import { expect } from "vitest";
import type { Db } from "@/server/db/client";
import { handleApiRequest } from "@/server/api-v1/handler";
import { openApiDocument } from "@/server/api-v1/openapi";
import type { RateLimit } from "@/server/api-v1/rate-limit";
import { apiRoutes } from "@/server/api-v1/routes";
import { createApiKey } from "@/server/services/api-keys";
import { createUser } from "../helpers/factories";

export interface ApiAnswer<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

export interface CallOptions {
  body?: unknown;
  rawBody?: string;
  idempotencyKey?: string | null;
  token?: string | null;
  headers?: Record<string, string>;
}

/** Calls /api/v1 exactly as the route handler does (same function, same routes, a real Request). */
export function apiClient(db: Db, token: string | null, opts: { rateLimit?: RateLimit; now?: () => Date } = {}) {
  return async function call<T = any>(method: string, path: string, o: CallOptions = {}): Promise<ApiAnswer<T>> {
    const headers: Record<string, string> = { ...o.headers };
    const auth = o.token === undefined ? token : o.token;
    if (auth) headers.authorization = `Bearer ${auth}`;
    const hasBody = o.rawBody !== undefined || o.body !== undefined;
    if (hasBody) headers["content-type"] ??= "application/json";
    if (method === "POST" && o.idempotencyKey !== null) headers["idempotency-key"] = o.idempotencyKey ?? randomUUID();
    const req = new Request(`http://portal.test/api/v1${path}`, { method, headers, body: hasBody ? (o.rawBody ?? JSON.stringify(o.body)) : undefined });
    const res = await handleApiRequest(req, { db, routes: apiRoutes, publicRoutes: { "/openapi.json": openApiDocument }, ...opts });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
  };
}

/** An admin with a full and a read-only key. */
export async function adminWithKeys(db: Db) {
  const admin = await createUser(db, { role: "admin" });
  const full = await createApiKey(db, { name: `full-${randomUUID().slice(0, 6)}`, scope: "full", actorUserId: admin.id });
  const read = await createApiKey(db, { name: `read-${randomUUID().slice(0, 6)}`, scope: "read", actorUserId: admin.id });
  return { admin, full, read };
}

/** A problem+json answer with this status and no trace of a stack or an internal message. */
export function expectProblem(answer: ApiAnswer, status: number, slug?: string) {
  expect(answer.status, JSON.stringify(answer.body)).toBe(status);
  expect(answer.headers.get("content-type")).toBe("application/problem+json");
  expect(answer.body).toMatchObject({ status, title: expect.any(String), detail: expect.any(String), type: expect.stringMatching(/^\/api\/v1\/problems\//) });
  if (slug) expect(answer.body.type).toBe(`/api/v1/problems/${slug}`);
  expect(JSON.stringify(answer.body)).not.toMatch(/\bat .+:\d+:\d+|node_modules|Error:/);
}
