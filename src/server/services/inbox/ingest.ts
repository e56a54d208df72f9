import type { Db } from "@/server/db/client";
import type { SignatureFailureReason } from "@/server/db/schema";
import { logger } from "@/server/log";
import { parseSinchCallback, rawContentHash } from "@/server/webhooks/sinch/parse";
import type { ParsedCallback } from "@/server/webhooks/sinch/types";
import { verifySinchSignature, type VerifyResult } from "@/server/webhooks/sinch/verify";
import { appWebhookFor } from "./app-webhook";
import { countSignatureFailure } from "./failures";
import { inboundMessageCtes } from "./inbound-statement";
import { adoptOrphanActivity } from "./write-conversation";
import { keptHeaders, storeEvent, type NewEvent } from "./store-event";
import { callbackTime, writeNormalized } from "./write-normalized";

export const MAX_CALLBACK_BYTES = 1024 * 1024;

export interface IngestRequest {
  appId: string;
  rawBody: Buffer;
  headers: { get(name: string): string | null | undefined };
  now?: Date;
}

export type IngestResult =
  | { status: 200; outcome: "stored" | "duplicate"; eventId?: string }
  | { status: 401; reason: SignatureFailureReason }
  | { status: 404 | 413 | 503 };

const SERVICE_UNAVAILABLE = { status: 503 } as const;
// Serialization failure and deadlock: safe to run the whole transaction again.
const RETRYABLE = new Set(["40001", "40P01"]);

function pgCode(err: unknown): string | undefined {
  const e = err as { code?: unknown; cause?: { code?: unknown } } | null;
  const code = e?.code ?? e?.cause?.code;
  return typeof code === "string" ? code : undefined;
}

async function verify(db: Db, req: IngestRequest, nowSeconds: number): Promise<{ verdict: VerifyResult; customerId: string } | { status: 404 }> {
  const first = await appWebhookFor(db, req.appId);
  if (!first.value) return { status: 404 };
  const verdict = verifySinchSignature({ rawBody: req.rawBody, headers: req.headers, secret: first.value.secret, nowSeconds });
  if (verdict.ok || !first.cached || verdict.reason !== "bad_signature") return { verdict, customerId: first.value.customerId };
  // The cached secret may predate a rotation: check once more against the stored one.
  const fresh = await appWebhookFor(db, req.appId, { fresh: true });
  if (!fresh.value) return { status: 404 };
  return { verdict: verifySinchSignature({ rawBody: req.rawBody, headers: req.headers, secret: fresh.value.secret, nowSeconds }), customerId: fresh.value.customerId };
}

function eventFor(req: IngestRequest, customerId: string, verdict: VerifyResult & { ok: true }, parsed: ParsedCallback | null): NewEvent {
  return {
    appId: req.appId,
    customerId,
    nonce: verdict.nonce,
    typeKey: parsed?.typeKey ?? "invalid_json",
    kind: parsed?.kind ?? "unknown",
    dedupeKey: parsed?.dedupeKey ?? rawContentHash(req.rawBody),
    raw: req.rawBody,
    headers: keptHeaders((name) => req.headers.get(name)),
    verdict: verdict.signed ? "signed" : "unsigned",
    status: parsed && parsed.kind !== "unknown" ? "processed" : "stored_raw",
  };
}

async function store(db: Db, event: NewEvent, parsed: ParsedCallback | null, at: Date): Promise<IngestResult> {
  const message = parsed?.kind === "message_inbound" ? parsed.normalized.message : undefined;
  if (parsed && message && event.status === "processed") {
    // The hot path: nonce, event, contact, conversation and message in one atomic statement.
    const stored = await storeEvent(db, event, inboundMessageCtes(event, { ...parsed.normalized, message }));
    if (stored.outcome === "replayed") return { status: 401, reason: "replayed" };
    if (stored.outcome === "duplicate") return { status: 200, outcome: "duplicate" };
    if (stored.conversation?.inserted) await adoptOrphanActivity(db, event.appId, stored.conversation.id);
    return { status: 200, outcome: "stored", eventId: stored.eventId };
  }
  return db.transaction(async (tx) => {
    const stored = await storeEvent(tx, event);
    if (stored.outcome === "replayed") return { status: 401, reason: "replayed" } as const;
    if (stored.outcome === "duplicate") return { status: 200, outcome: "duplicate" } as const;
    if (parsed && event.status === "processed") {
      await writeNormalized({ tx, appId: event.appId, customerId: event.customerId, eventId: stored.eventId, at }, parsed);
    }
    return { status: 200, outcome: "stored", eventId: stored.eventId } as const;
  });
}

/**
 * Receives one Sinch callback: verify (contract section 8), then store the raw event and its
 * normalised rows in one transaction. 200 only after commit; 503 when the database cannot commit,
 * so Sinch retries. A body the portal cannot normalise is still stored raw (status `failed`).
 */
export async function ingestSinchCallback(db: Db, req: IngestRequest): Promise<IngestResult> {
  if (req.rawBody.length > MAX_CALLBACK_BYTES) return { status: 413 };
  const now = req.now ?? new Date();
  let checked: Awaited<ReturnType<typeof verify>>;
  try {
    checked = await verify(db, req, Math.floor(now.getTime() / 1000));
  } catch (err) {
    logger.warn({ appId: req.appId, err: { message: (err as Error).message } }, "webhook app lookup failed");
    return SERVICE_UNAVAILABLE;
  }
  if ("status" in checked) return checked;
  const { verdict, customerId } = checked;
  if (!verdict.ok) {
    await countSignatureFailure(db, req.appId, verdict.reason);
    return { status: 401, reason: verdict.reason };
  }
  const result = parseSinchCallback(req.rawBody, { receivedAt: now });
  const parsed = result.ok ? result : null;
  const event = eventFor(req, customerId, verdict, parsed);
  const at = parsed ? callbackTime(parsed, now) : now;
  try {
    const outcome = await store(db, event, parsed, at).catch((err: unknown) => {
      if (RETRYABLE.has(pgCode(err) ?? "")) return store(db, event, parsed, at);
      throw err;
    });
    if (outcome.status === 401) await countSignatureFailure(db, req.appId, outcome.reason);
    return outcome;
  } catch (err) {
    return storeRawAfterFailure(db, event, err);
  }
}

/** Normalising failed: keep the raw event (never lose an acknowledged callback), marked failed. */
async function storeRawAfterFailure(db: Db, event: NewEvent, cause: unknown): Promise<IngestResult> {
  const message = (cause as Error)?.message ?? "unknown error";
  try {
    const stored = await db.transaction((tx) => storeEvent(tx, { ...event, status: "failed", processingError: `${pgCode(cause) ?? "error"}: ${message}`.slice(0, 500) }));
    logger.error({ appId: event.appId, kind: event.kind, code: pgCode(cause), err: { message } }, "webhook normalisation failed; stored raw");
    if (stored.outcome === "replayed") {
      await countSignatureFailure(db, event.appId, "replayed");
      return { status: 401, reason: "replayed" };
    }
    return { status: 200, outcome: stored.outcome === "stored" ? "stored" : "duplicate" };
  } catch (err) {
    logger.warn({ appId: event.appId, code: pgCode(err), err: { message: (err as Error).message } }, "webhook not stored; answering 503");
    return SERVICE_UNAVAILABLE;
  }
}
