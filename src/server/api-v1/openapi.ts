import { z } from "zod";
import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject } from "zod-openapi";
import { API_PREFIX } from "./handler";
import type { ApiRoute } from "./route";
import { apiRoutes } from "./routes";

const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    errors: z.record(z.string(), z.string()).optional().meta({ description: "Field → message, for validation problems." }),
    reason: z.string().optional(),
    requestId: z.string().optional(),
  })
  .meta({ id: "Problem", description: "RFC 9457 problem details." });

const errorDescriptions: Record<number, string> = {
  400: "Malformed request (bad JSON, cursor or missing Idempotency-Key)",
  401: "Missing, unknown or revoked API key",
  403: "The key's scope does not allow this",
  404: "No such resource for this customer",
  409: "The state does not allow it, or the same Idempotency-Key is still running",
  422: "Validation failed (`errors` names the fields), or an Idempotency-Key reused with another body",
  429: "Rate limit reached (see Retry-After)",
  500: "Unexpected failure (no detail; quote the request id)",
  502: "Sinch or Meta refused or failed",
};

function operation(route: ApiRoute): ZodOpenApiOperationObject {
  const header = route.method === "POST" ? z.object({ "idempotency-key": z.string().min(1).max(255).meta({ description: "Unique per intended operation; a retry with the same key and body gets the same answer." }) }) : undefined;
  return {
    operationId: route.operationId,
    summary: route.summary,
    tags: [route.tag],
    security: [{ bearer: [] }],
    requestParams: { ...(route.params ? { path: route.params } : {}), ...(route.query ? { query: route.query } : {}), ...(header ? { header } : {}) },
    ...(route.body ? { requestBody: { required: true, content: { "application/json": { schema: route.body } } } } : {}),
    responses: {
      [route.status]: { description: route.status === 201 ? "Created" : "OK", content: { "application/json": { schema: route.response } } },
      ...Object.fromEntries(route.errors.map((s) => [s, { description: errorDescriptions[s] ?? "Error", content: { "application/problem+json": { schema: problemSchema } } }])),
    },
  };
}

/** The OpenAPI 3.1 document of /api/v1, generated from the routes' own zod schemas. */
export function buildOpenApiDocument(routes: ApiRoute[] = apiRoutes) {
  const paths: ZodOpenApiPathsObject = {};
  for (const route of routes) {
    const item = (paths[route.path] ??= {});
    (item as Record<string, ZodOpenApiOperationObject>)[route.method.toLowerCase()] = operation(route);
  }
  return createDocument(
    {
      openapi: "3.1.0",
      info: { title: "Reseller portal API", version: "1.0.0", description: "Automate customer onboarding: customers, access links, channels, diagnostics, inbox and webhook events. Every POST needs an Idempotency-Key." },
      servers: [{ url: API_PREFIX }],
      components: { securitySchemes: { bearer: { type: "http", scheme: "bearer", description: "An API key from Settings → API keys (`rp_…`)." } } },
      paths,
    },
    {
      // Responses are JSON: dates travel as ISO 8601 strings.
      override: ({ jsonSchema, zodSchema, io }) => {
        if (zodSchema._zod.def.type === "date" && io === "output") {
          jsonSchema.type = "string";
          jsonSchema.format = "date-time";
        }
      },
    },
  );
}

let cached: ReturnType<typeof buildOpenApiDocument> | undefined;
export const openApiDocument = () => (cached ??= buildOpenApiDocument());
