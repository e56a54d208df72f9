import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ApiDocs } from "@/components/api-docs/api-docs";
import { operationsByTag, resolveRef, type OpenApiDocument } from "@/components/api-docs/openapi-types";
import { typeLabel } from "@/components/api-docs/schema-view";
import { openApiDocument } from "@/server/api-v1/openapi";
import { apiRoutes } from "@/server/api-v1/routes";

const doc: OpenApiDocument = {
  openapi: "3.1.0",
  info: { title: "Portal API", version: "1.0.0", description: "Drive onboarding." },
  servers: [{ url: "https://portal.example/api/v1" }],
  tags: [{ name: "Customers", description: "Your business customers." }, { name: "Unused" }],
  security: [{ bearer: [] }],
  paths: {
    "/customers": {
      get: {
        operationId: "listCustomers",
        tags: ["Customers"],
        summary: "List customers",
        parameters: [{ $ref: "#/components/parameters/Cursor" }, { name: "status", in: "query", schema: { type: "string", enum: ["ready", "failing"] } }],
        responses: { "200": { description: "A page", content: { "application/json": { schema: { $ref: "#/components/schemas/CustomerPage" } } } } },
      },
      post: {
        operationId: "createCustomer",
        tags: ["Customers"],
        security: [{ bearer: ["full"] }],
        parameters: [{ name: "Idempotency-Key", in: "header", required: true, description: "Same key, same answer.", schema: { type: "string", maxLength: 200 } }],
        requestBody: {
          required: true,
          content: { "application/json": { schema: { type: "object", required: ["businessName"], properties: { businessName: { type: "string", minLength: 1, maxLength: 200, description: "Shown to staff." } } } } },
        },
        responses: {
          "201": { description: "Created", headers: { Location: { description: "The customer", schema: { type: "string" } } } },
          "400": { $ref: "#/components/responses/Problem" },
        },
      },
    },
    "/health": { get: { responses: { "200": { description: "Up" } } } },
  },
  components: {
    securitySchemes: { bearer: { type: "http", scheme: "bearer", description: "An API key from Settings." } },
    parameters: { Cursor: { name: "cursor", in: "query", schema: { type: "string" } } },
    responses: { Problem: { description: "Bad input", content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } } } },
    schemas: {
      Problem: { type: "object", required: ["type", "title", "status"], properties: { type: { type: "string" }, title: { type: "string" }, status: { type: "integer" }, detail: { type: ["string", "null"] } } },
      Customer: { type: "object", properties: { id: { type: "string", format: "uuid" }, parent: { anyOf: [{ $ref: "#/components/schemas/Customer" }, { type: "null" }] } } },
      CustomerPage: { type: "object", properties: { items: { type: "array", items: { $ref: "#/components/schemas/Customer" } }, nextCursor: { type: ["string", "null"] } } },
    },
  },
};

describe("API docs rendering of an OpenAPI document", () => {
  it("groups operations by tag in the document's order, drops empty tags, merges referenced parameters", () => {
    const groups = operationsByTag(doc);
    expect(groups.map((g) => [g.tag, g.operations.map((o) => `${o.method} ${o.path}`)])).toEqual([
      ["Customers", ["get /customers", "post /customers"]],
      ["Other", ["get /health"]],
    ]);
    expect(groups[0]!.operations[0]!.parameters.map((p) => p.name)).toEqual(["cursor", "status"]);
  });

  it("names types in words, null alternatives included", () => {
    expect(typeLabel({ type: ["string", "null"] })).toBe("string or null");
    expect(typeLabel({ type: "array", items: { $ref: "#/components/schemas/Customer" } })).toBe("array of Customer");
    expect(typeLabel({ anyOf: [{ $ref: "#/components/schemas/Customer" }, { type: "null" }] })).toBe("Customer or null");
    expect(typeLabel({ type: "string", format: "uuid" })).toBe("string (uuid)");
    expect(resolveRef(doc, { $ref: "#/components/schemas/Nope" })).toBeNull();
  });

  it("renders every path, method, parameter, body field, response and the error shape; a self-referencing schema ends", () => {
    const html = renderToStaticMarkup(createElement(ApiDocs, { doc }));
    for (const text of ["/customers", "/health", "listCustomers", "createCustomer", "Idempotency-Key", "Same key, same answer.", "businessName", "Shown to staff.", "1 to 200 characters", "one of &quot;ready&quot;, &quot;failing&quot;", "Location", "application/problem+json", "An API key from Settings.", "scope full", "https://portal.example/api/v1", "/api/v1/openapi.json"]) {
      expect(html, text).toContain(text);
    }
    expect(html).toContain('href="#op-createCustomer"');
    expect(html).toContain('id="op-createCustomer"');
    expect(html).not.toContain("Unused");
    // Customer.parent refers to Customer: shown by name the second time, not expanded forever.
    expect(html.match(/<code class="font-mono font-semibold text-ink">parent<\/code>/g)?.length).toBe(1);
  });
});

describe("API docs page over the portal's own document", () => {
  it("shows every route of /api/v1 with its parameters, Idempotency-Key on every POST, and each documented status", () => {
    const real = openApiDocument() as unknown as OpenApiDocument;
    const groups = operationsByTag(real);
    const shown = groups.flatMap((g) => g.operations.map((o) => `${o.method.toUpperCase()} ${o.path}`)).sort();
    expect(shown).toEqual(apiRoutes.map((r) => `${r.method} ${r.path}`).sort());
    const html = renderToStaticMarkup(createElement(ApiDocs, { doc: real }));
    for (const entry of groups.flatMap((g) => g.operations)) {
      const start = html.indexOf(`id="${entry.id}"`);
      expect(start, entry.id).toBeGreaterThan(-1);
      const section = html.slice(start, html.indexOf("</section>", start));
      for (const p of entry.parameters) expect(section, `${entry.id} ${p.name}`).toContain(`>${p.name}</code>`);
      if (entry.method === "post") expect(section, entry.id).toContain(">idempotency-key</code>");
      for (const status of Object.keys(entry.operation.responses ?? {})) expect(section, `${entry.id} ${status}`).toContain(`>${status}</code>`);
    }
  });
});

describe("API docs page size", () => {
  it("shows each named schema once and links it, so the page stays small", () => {
    const html = renderToStaticMarkup(createElement(ApiDocs, { doc: openApiDocument() as unknown as OpenApiDocument }));
    expect(html.match(/id="schema-Problem"/g)?.length).toBe(1);
    expect(html).toContain('href="#schema-Problem"');
    expect(html.length).toBeLessThan(300_000);
  });
});
