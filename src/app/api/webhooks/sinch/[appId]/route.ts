import { getDb } from "@/server/db";
import { safeError } from "@/server/db/errors";
import { logger } from "@/server/log";
import { createAdmission, MAX_CALLBACKS_IN_FLIGHT } from "@/server/services/inbox/admission";
import { ingestSinchCallback, MAX_CALLBACK_BYTES } from "@/server/services/inbox/ingest";
import { readBodyCapped } from "@/server/services/inbox/read-body";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const APP_ID = /^[A-Za-z0-9_-]{1,64}$/;
const admission = createAdmission(MAX_CALLBACKS_IN_FLIGHT);

// Answers carry no detail: a prober learns nothing about why a callback was refused.
function answer(status: number, headers: Record<string, string> = {}): Response {
  return new Response(null, { status, headers: { "cache-control": "no-store", ...headers } });
}

/** Sinch Conversation callbacks for one app (design flow 5). Bodies and secrets are never logged. */
export async function POST(request: Request, { params }: { params: Promise<{ appId: string }> }): Promise<Response> {
  if (!admission.tryEnter()) return answer(503, { "retry-after": "1" });
  try {
    const { appId } = await params;
    const read = await readBodyCapped(request, MAX_CALLBACK_BYTES);
    if (!read.ok) return answer(read.tooLarge ? 413 : 400);
    if (!APP_ID.test(appId)) return answer(404);
    let db;
    try {
      db = await getDb();
    } catch (err) {
      logger.warn({ appId, err: safeError(err) }, "database unavailable for webhook");
      return answer(503);
    }
    const result = await ingestSinchCallback(db, { appId, rawBody: read.body, headers: request.headers });
    if (result.status === 401) logger.info({ appId, reason: result.reason }, "webhook rejected");
    return answer(result.status);
  } finally {
    admission.leave();
  }
}
