import type { z } from "zod";
import type { Db } from "@/server/db/client";
import type { AuthenticatedApiKey } from "@/server/services/api-keys";
import type { Actor } from "@/server/services/audit";

export type HttpMethod = "GET" | "POST";

export interface ApiContext {
  db: Db;
  now: () => Date;
  key: AuthenticatedApiKey;
  actor: Actor;
  requestId: string;
}

type AnyObject = z.ZodObject;

export interface ApiRoute<P extends AnyObject = AnyObject, Q extends AnyObject = AnyObject, B extends z.ZodType = z.ZodType, R extends z.ZodType = z.ZodType> {
  method: HttpMethod;
  /** OpenAPI template, e.g. `/customers/{customerId}`; every `{name}` must be a key of `params`. */
  path: string;
  operationId: string;
  summary: string;
  tag: string;
  params?: P;
  query?: Q;
  body?: B;
  status: 200 | 201;
  response: R;
  /** Answers the route can give besides `status` (all problem+json). */
  errors: number[];
  handler: (ctx: ApiContext, input: { params: z.output<P>; query: z.output<Q>; body: z.output<B> }) => Promise<z.input<R>>;
}

/** Every authenticated route can answer these; writes add the idempotency answers. */
export const COMMON_ERRORS = [401, 404, 422, 429, 500];
export const WRITE_ERRORS = [400, 403, 409];

export function defineRoute<P extends AnyObject, Q extends AnyObject, B extends z.ZodType, R extends z.ZodType>(
  route: Omit<ApiRoute<P, Q, B, R>, "errors"> & { errors?: number[] },
): ApiRoute {
  const errors = [...new Set([...COMMON_ERRORS, ...(route.method === "POST" ? WRITE_ERRORS : [400]), ...(route.errors ?? [])])].sort();
  return { ...route, errors } as unknown as ApiRoute;
}

/** The path's parameter names in order (`/a/{x}/b/{y}` → x, y). */
export const pathParams = (path: string) => [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);

/** Matches a concrete path against a template; the decoded parameters, or null. */
export function matchPath(template: string, path: string): Record<string, string> | null {
  const t = template.split("/").filter(Boolean);
  const p = path.split("/").filter(Boolean);
  if (t.length !== p.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < t.length; i++) {
    const seg = t[i]!;
    const m = /^\{(\w+)\}$/.exec(seg);
    if (m) {
      try {
        params[m[1]!] = decodeURIComponent(p[i]!);
      } catch {
        return null;
      }
    } else if (seg !== p[i]) return null;
  }
  return params;
}
