import { env } from "@/env";
import { getDb } from "@/server/db";
import { handleApiRequest } from "@/server/api-v1/handler";
import { openApiDocument } from "@/server/api-v1/openapi";
import { apiRoutes } from "@/server/api-v1/routes";

export const dynamic = "force-dynamic";

async function handle(req: Request): Promise<Response> {
  return handleApiRequest(req, {
    db: await getDb(),
    routes: apiRoutes,
    rateLimit: { limit: env.API_RATE_LIMIT_PER_MINUTE, windowMs: 60_000 },
    publicRoutes: { "/openapi.json": openApiDocument },
  });
}

// Every method reaches the router, so an unsupported one is a problem+json 405, not Next's empty answer.
export const GET = handle;
export const POST = handle;
export const PUT = handle;
export const PATCH = handle;
export const DELETE = handle;
