import { describe, expect, it } from "vitest";
import { z } from "zod";
import { buildOpenApiDocument } from "@/server/api-v1/openapi";
import { defineRoute, matchPath, pathParams, type ApiRoute } from "@/server/api-v1/route";
import { apiRoutes } from "@/server/api-v1/routes";

type Param = { in: string; name: string; required?: boolean };
type Operation = { operationId: string; parameters?: Param[]; requestBody?: unknown; responses: Record<string, unknown> };
const METHODS = ["get", "post", "put", "patch", "delete"] as const;

/** Every disagreement between the routes and the document, as readable lines (empty when they agree). */
function disagreements(routes: ApiRoute[], doc: ReturnType<typeof buildOpenApiDocument>): string[] {
  const out: string[] = [];
  const paths = (doc.paths ?? {}) as Record<string, Partial<Record<(typeof METHODS)[number], Operation>>>;
  for (const route of routes) {
    const where = `${route.method} ${route.path}`;
    const op = paths[route.path]?.[route.method.toLowerCase() as "get"];
    if (!op) {
      out.push(`${where}: not documented`);
      continue;
    }
    if (op.operationId !== route.operationId) out.push(`${where}: operationId ${op.operationId} ≠ ${route.operationId}`);
    const names = (kind: string) => (op.parameters ?? []).filter((p) => p.in === kind).map((p) => p.name).sort();
    const templated = pathParams(route.path).sort();
    if (JSON.stringify(names("path")) !== JSON.stringify(templated)) out.push(`${where}: documented path params ${names("path")} ≠ template ${templated}`);
    const schemaParams = Object.keys(route.params?.shape ?? {}).sort();
    if (JSON.stringify(schemaParams) !== JSON.stringify(templated)) out.push(`${where}: params schema ${schemaParams} ≠ template ${templated}`);
    const query = Object.keys(route.query?.shape ?? {}).sort();
    if (JSON.stringify(names("query")) !== JSON.stringify(query)) out.push(`${where}: documented query ${names("query")} ≠ ${query}`);
    if (route.method === "POST" && !names("header").includes("idempotency-key")) out.push(`${where}: Idempotency-Key not documented`);
    if (!!op.requestBody !== !!route.body) out.push(`${where}: request body documented=${!!op.requestBody}, accepted=${!!route.body}`);
    const responses = Object.keys(op.responses).sort();
    const expected = [String(route.status), ...route.errors.map(String)].sort();
    if (JSON.stringify(responses) !== JSON.stringify(expected)) out.push(`${where}: responses ${responses} ≠ ${expected}`);
  }
  for (const [path, item] of Object.entries(paths)) {
    for (const method of METHODS) {
      if (!item[method]) continue;
      // A concrete request for the documented path must reach exactly that route, not a shadowing one.
      const concrete = path.replace(/\{(\w+)\}/g, "00000000-0000-4000-8000-000000000000");
      const first = routes.find((r) => r.method === method.toUpperCase() && matchPath(r.path, concrete));
      if (!first) out.push(`${method.toUpperCase()} ${path}: documented but not routed`);
      else if (first.path !== path) out.push(`${method.toUpperCase()} ${path}: requests reach ${first.path} instead`);
    }
  }
  return out;
}

describe("OpenAPI document ↔ routes", () => {
  const doc = buildOpenApiDocument();

  it("is OpenAPI 3.1 with a bearer scheme and one operation per route", () => {
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.components?.securitySchemes).toHaveProperty("bearer");
    const count = Object.values(doc.paths ?? {}).reduce((n, item) => n + METHODS.filter((m) => (item as Record<string, unknown>)[m]).length, 0);
    expect(count).toBe(apiRoutes.length);
    expect(new Set(apiRoutes.map((r) => r.operationId)).size).toBe(apiRoutes.length);
  });

  it("agrees with every registered route, and every documented path is routed", () => {
    expect(disagreements(apiRoutes, doc)).toEqual([]);
  });

  it("renders response dates as date-time strings", () => {
    const text = JSON.stringify(doc.paths?.["/customers/{customerId}"]);
    expect(text).toContain('"format":"date-time"');
  });

  it("fails when a route is added without being documented, or a documented path loses its route", () => {
    const extra = defineRoute({ method: "GET", path: "/customers/{customerId}/secret", operationId: "extra", summary: "x", tag: "x", params: z.object({ customerId: z.uuid() }), status: 200, response: z.object({}), handler: async () => ({}) });
    expect(disagreements([...apiRoutes, extra], doc)).toEqual(["GET /customers/{customerId}/secret: not documented"]);
    expect(disagreements(apiRoutes.slice(1), doc)).toContain(`${apiRoutes[0]!.method} ${apiRoutes[0]!.path}: documented but not routed`);
    const renamed = apiRoutes.map((r, i) => (i === 2 ? { ...r, query: z.object({ extra: z.string() }) } : r));
    expect(disagreements(renamed, doc).join("\n")).toContain("documented query");
  });
});
