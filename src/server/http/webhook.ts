import type { IncomingMessage, ServerResponse } from "node:http";
import type { Db } from "@/server/db/client";
import { safeError } from "@/server/db/errors";
import { logger } from "@/server/log";
import { createAdmission, MAX_CALLBACKS_IN_FLIGHT, type Admission } from "@/server/services/inbox/admission";
import { ingestSinchCallback, MAX_CALLBACK_BYTES } from "@/server/services/inbox/ingest";
import { readBody } from "./body";

const APP_ID = /^[A-Za-z0-9_-]{1,64}$/;

// Answers carry no detail: a prober learns nothing about why a callback was refused.
function answer(res: ServerResponse, status: number, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "cache-control": "no-store", "content-length": "0", ...headers }).end();
}

export interface WebhookOptions {
  db: () => Promise<Db>;
  admission?: Admission;
}

export type WebhookHandler = (req: IncomingMessage, res: ServerResponse, appId: string) => Promise<void>;

/**
 * `POST /api/webhooks/sinch/:appId`, answered by the production server itself (design flow 5):
 * at most 64 callbacks in flight per process, the next one refused at once with 503 + Retry-After.
 * Bodies and secrets are never logged.
 */
export function createWebhookHandler(opts: WebhookOptions): WebhookHandler {
  const admission = opts.admission ?? createAdmission(MAX_CALLBACKS_IN_FLIGHT);
  return async (req, res, appId) => {
    if (!admission.tryEnter()) return answer(res, 503, { "retry-after": "1" });
    try {
      const read = await readBody(req, MAX_CALLBACK_BYTES);
      // An oversized body is not read to its end: the connection is closed after the answer.
      if (!read.ok) return answer(res, read.tooLarge ? 413 : 400, { connection: "close" });
      if (!APP_ID.test(appId)) return answer(res, 404);
      let db: Db;
      try {
        db = await opts.db();
      } catch (err) {
        logger.warn({ appId, err: safeError(err) }, "database unavailable for webhook");
        return answer(res, 503);
      }
      const headers = { get: (name: string) => headerValue(req, name) };
      const result = await ingestSinchCallback(db, { appId, rawBody: read.body, headers });
      if (result.status === 401) logger.info({ appId, reason: result.reason }, "webhook rejected");
      answer(res, result.status);
    } finally {
      admission.leave();
    }
  };
}

function headerValue(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(", ") : value;
}
