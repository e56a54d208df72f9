import type { Db } from "@/server/db/client";
import { dbErrorCode, isTransientDbError, safeError, withDeadline } from "@/server/db/errors";
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
/**
 * The longest the database may take for one callback. postgres.js queues queries while it waits to
 * reconnect (with backoff), so without a deadline a database outage hangs every callback until the
 * sender times out; past the deadline the answer is 503 and Sinch retries. A query that still
 * commits later is harmless: the retry is a duplicate and answers 200.
 */
export const DB_DEADLINE_MS = 3_000;

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
// Serialization failure and deadlock: safe to run the whole transaction again at once.
const RETRYABLE = new Set(["40001", "40P01"]);

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
    if (stored.conversation?.inserted) await adoptOrphans(db, event.appId, stored.conversation.id);
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
 * Reports that arrived before their conversation existed are attached once it does. The callback
 * itself is already committed, so a failure here must not turn into a 503 (the retry would be a
 * duplicate) nor a raw re-store (the nonce is spent): it is logged, and replaying the event adopts
 * them later.
 */
async function adoptOrphans(db: Db, appId: string, conversationId: string): Promise<void> {
  try {
    await withDeadline(adoptOrphanActivity(db, appId, conversationId), DB_DEADLINE_MS);
  } catch (err) {
    logger.warn({ appId, conversationId, err: safeError(err) }, "orphan delivery reports not adopted yet");
  }
}

/** A refused callback is counted for troubleshooting; best effort and bounded, never delaying the 401. */
async function countFailure(db: Db, appId: string, reason: SignatureFailureReason): Promise<void> {
  await withDeadline(countSignatureFailure(db, appId, reason), DB_DEADLINE_MS).catch(() => undefined);
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
    checked = await withDeadline(verify(db, req, Math.floor(now.getTime() / 1000)), DB_DEADLINE_MS);
  } catch (err) {
    logger.warn({ appId: req.appId, err: safeError(err) }, "webhook app lookup failed; answering 503");
    return SERVICE_UNAVAILABLE;
  }
  if ("status" in checked) return checked;
  const { verdict, customerId } = checked;
  if (!verdict.ok) {
    await countFailure(db, req.appId, verdict.reason);
    return { status: 401, reason: verdict.reason };
  }
  const result = parseSinchCallback(req.rawBody, { receivedAt: now });
  const parsed = result.ok ? result : null;
  const event = eventFor(req, customerId, verdict, parsed);
  const at = parsed ? callbackTime(parsed, now) : now;
  try {
    const attempt = () => withDeadline(store(db, event, parsed, at), DB_DEADLINE_MS);
    const outcome = await attempt().catch((err: unknown) => {
      if (RETRYABLE.has(dbErrorCode(err) ?? "")) return attempt();
      throw err;
    });
    if (outcome.status === 401) await countFailure(db, req.appId, outcome.reason);
    return outcome;
  } catch (err) {
    // The database could not answer (down, restarting, connection cut, too slow): nothing was
    // committed that a retry would not find, so Sinch is asked to retry rather than a failure kept.
    if (isTransientDbError(err)) {
      logger.warn({ appId: req.appId, err: safeError(err) }, "webhook not stored; answering 503");
      return SERVICE_UNAVAILABLE;
    }
    return storeRawAfterFailure(db, event, err);
  }
}

/** Normalising failed: keep the raw event (never lose an acknowledged callback), marked failed. */
async function storeRawAfterFailure(db: Db, event: NewEvent, cause: unknown): Promise<IngestResult> {
  const failure = safeError(cause);
  try {
    const processingError = `${failure.pgCode ?? failure.name}: ${failure.message}`.slice(0, 500);
    const stored = await withDeadline(db.transaction((tx) => storeEvent(tx, { ...event, status: "failed", processingError })), DB_DEADLINE_MS);
    logger.error({ appId: event.appId, kind: event.kind, err: failure }, "webhook normalisation failed; stored raw");
    if (stored.outcome === "replayed") {
      await countFailure(db, event.appId, "replayed");
      return { status: 401, reason: "replayed" };
    }
    return { status: 200, outcome: stored.outcome === "stored" ? "stored" : "duplicate" };
  } catch (err) {
    logger.warn({ appId: event.appId, err: safeError(err) }, "webhook not stored; answering 503");
    return SERVICE_UNAVAILABLE;
  }
}
