import { getDb } from "@/server/db";
import { handleApiRequest } from "@/server/api-v1/handler";
import { openApiDocument } from "@/server/api-v1/openapi";
import { apiRoutes } from "@/server/api-v1/routes";

export const dynamic = "force-dynamic";

async function handle(req: Request): Promise<Response> {
  return handleApiRequest(req, { db: await getDb(), routes: apiRoutes, publicRoutes: { "/openapi.json": openApiDocument } });
}

export { handle as GET, handle as POST, handle as PUT, handle as PATCH, handle as DELETE };
