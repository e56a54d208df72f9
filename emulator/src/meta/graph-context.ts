import type { Req, Res } from "../http";
import type { World } from "../world";
import { E, graphError } from "./errors";
import type { MetaState } from "./state";
import { requireToken } from "./tokens";
import type { Grant, TokenRecord } from "./types";

export interface GraphCtx {
  state: MetaState;
  world: World;
  req: Req;
  res: Res;
  method: "GET" | "POST" | "DELETE";
  version: string;
  /** Query string merged with a form or JSON body (Graph accepts parameters in either place). */
  params: URLSearchParams;
}

export function buildParams(req: Req): URLSearchParams {
  const params = new URLSearchParams(req.query);
  if (req.rawBody.length === 0) return params;
  const type = String(req.headers["content-type"] ?? "");
  if (type.includes("application/json")) {
    let body: unknown;
    try {
      body = JSON.parse(req.rawBody.toString("utf8"));
    } catch {
      throw graphError(E.param("Invalid JSON in request body"));
    }
    if (body === null || typeof body !== "object" || Array.isArray(body)) throw graphError(E.param("Request body must be a JSON object"));
    for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
      if (v === undefined || v === null) continue;
      params.set(k, Array.isArray(v) ? v.join(",") : typeof v === "object" ? JSON.stringify(v) : String(v));
    }
  } else {
    for (const [k, v] of new URLSearchParams(req.rawBody.toString("utf8"))) params.set(k, v);
  }
  return params;
}

export function accessTokenOf(ctx: GraphCtx): string | undefined {
  const fromParam = ctx.params.get("access_token");
  if (fromParam) return fromParam;
  const auth = String(ctx.req.headers.authorization ?? "");
  const m = /^(?:Bearer|OAuth)\s+(.+)$/i.exec(auth);
  return m?.[1]?.trim();
}

export function auth(ctx: GraphCtx): { rec: TokenRecord; grant: Grant } {
  return requireToken(ctx.state, accessTokenOf(ctx));
}

/** Top-level names of a `fields` parameter, with any `{...}` sub-selection kept per name. */
export function parseFields(raw: string | null, defaults: string[]): Map<string, string[] | undefined> {
  const out = new Map<string, string[] | undefined>();
  if (!raw || raw.trim() === "") {
    for (const f of defaults) out.set(f, undefined);
    return out;
  }
  let depth = 0;
  let cur = "";
  const parts: string[] = [];
  for (const ch of raw) {
    if (ch === "{") depth += 1;
    if (ch === "}") depth = Math.max(0, depth - 1);
    if (ch === "," && depth === 0) {
      parts.push(cur);
      cur = "";
    } else cur += ch;
  }
  parts.push(cur);
  for (const part of parts) {
    const m = /^\s*([a-zA-Z0-9_.]+)\s*(?:\{(.*)\})?\s*$/.exec(part);
    if (!m) continue;
    out.set(m[1]!, m[2] ? m[2].split(",").map((s) => s.trim()).filter(Boolean) : undefined);
  }
  return out;
}

/** Keeps `id` plus the requested fields that the object has. */
export function pick(obj: Record<string, unknown>, fields: Map<string, string[] | undefined>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of fields.keys()) if (obj[name] !== undefined) out[name] = obj[name];
  if (obj.id !== undefined) out.id = obj.id;
  return out;
}

export const PAGE_SIZE = 2;

/** Cursor paging with `paging.next` as a full URL, so clients must follow it to see everything. */
export function paged(ctx: GraphCtx, items: unknown[]): { data: unknown[]; paging?: Record<string, unknown> } {
  const limitRaw = Number(ctx.params.get("limit") ?? PAGE_SIZE);
  const limit = Number.isInteger(limitRaw) && limitRaw > 0 ? Math.min(limitRaw, 100) : PAGE_SIZE;
  const after = ctx.params.get("after");
  let offset = 0;
  if (after) {
    const decoded = /^[A-Za-z0-9_-]+$/.test(after) ? Buffer.from(after, "base64url").toString("utf8") : "";
    if (!/^\d{1,6}$/.test(decoded)) throw graphError(E.param("Invalid cursor in parameter after"));
    offset = Number(decoded);
  }
  const data = items.slice(offset, offset + limit);
  if (items.length === 0) return { data };
  const cursor = (n: number) => Buffer.from(String(n)).toString("base64url");
  const paging: Record<string, unknown> = { cursors: { before: cursor(offset), after: cursor(offset + data.length) } };
  if (offset + limit < items.length) {
    const next = new URL(ctx.req.path, baseUrl(ctx));
    for (const [k, v] of ctx.params) if (k !== "after") next.searchParams.set(k, v);
    next.searchParams.set("limit", String(limit));
    next.searchParams.set("after", cursor(offset + limit));
    paging.next = next.toString();
  }
  if (offset > 0) {
    const prev = new URL(ctx.req.path, baseUrl(ctx));
    for (const [k, v] of ctx.params) if (k !== "after") prev.searchParams.set(k, v);
    prev.searchParams.set("limit", String(limit));
    prev.searchParams.set("after", cursor(Math.max(0, offset - limit)));
    paging.previous = prev.toString();
  }
  return { data, paging };
}

/** Base URL the client used (Host header), falling back to the configured origin. */
export function baseUrl(ctx: { req: Req; world: World }): string {
  const host = ctx.req.headers.host;
  return host && /^[A-Za-z0-9.\-:[\]]+$/.test(host) ? `http://${host}` : ctx.world.config.origin;
}

/** Consumes a configured fault for a Graph endpoint: 429 → code 4, anything else → code 1. */
export function applyFault(ctx: GraphCtx, key: string): void {
  const status = ctx.world.faults.take(`meta.${key}`);
  if (status === undefined) return;
  if (status === 429) throw graphError(E.rateLimited());
  throw graphError({ ...E.transient(), status });
}
