import type { Db } from "@/server/db/client";
import { safeError, withDeadline } from "@/server/db/errors";
import type { SignatureFailureReason } from "@/server/db/schema";
import { logger } from "@/server/log";
import { parseSinchCallback, rawContentHash } from "@/server/webhooks/sinch/parse";
import type { ParsedCallback } from "@/server/webhooks/sinch/types";
import { verifySinchSignature, type VerifyResult } from "@/server/webhooks/sinch/verify";
import { appWebhookFor } from "./app-webhook";
import { countSignatureFailure } from "./failures";
import { createCommitQueue, type CommitQueue } from "./commit-queue";
import { DB_DEADLINE_MS, storeBatch, type PendingCallback, type StoredOutcome } from "./store-batch";
import { keptHeaders, type NewEvent } from "./store-events";
import { adoptOrphanActivity } from "./write-conversation";
import { callbackTime } from "./write-normalized";

export const MAX_CALLBACK_BYTES = 1024 * 1024;
export { DB_DEADLINE_MS };

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

/**
 * Batches of at most 64 (the in-flight limit), waiting at most 2 ms; two may be written at once, so
 * one batch forms while the other is written. bench:ingest measured 1, 2, 4 and 8 at once (README,
 * Benchmarks): 2 had the lowest database CPU per callback and the lowest p99 at 1,000 req/s.
 */
const QUEUE = { maxBatch: 64, maxWaitMs: 2, maxConcurrent: 2 };
const queues = new WeakMap<Db, CommitQueue<PendingCallback, StoredOutcome>>();

/** One commit queue per database: callbacks arriving together are written by one statement (one transaction). */
function queueFor(db: Db): CommitQueue<PendingCallback, StoredOutcome> {
  let queue = queues.get(db);
  if (!queue) {
    queue = createCommitQueue<PendingCallback, StoredOutcome>({
      ...QUEUE,
      // A batch never holds two callbacks with one nonce, one dedupe key or one message id: the
      // later one waits for the next batch and meets the first in the database.
      keys: ({ event, parsed }) => [
        ...(event.nonce === null ? [] : [`n:${event.appId}:${event.nonce}`]),
        `d:${event.appId}:${event.dedupeKey}`,
        ...(parsed?.normalized.message ? [`m:${parsed.normalized.message.sinchMessageId}`] : []),
      ],
      flush: async (items) => {
        const outcomes = await storeBatch(db, items);
        await afterCommit(db, items, outcomes);
        return outcomes;
      },
    });
    queues.set(db, queue);
  }
  return queue;
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

/** After the commit, before the answers: new conversations adopt their orphan delivery reports. */
async function afterCommit(db: Db, items: readonly PendingCallback[], outcomes: readonly StoredOutcome[]): Promise<void> {
  for (const [i, o] of outcomes.entries()) {
    if (o.outcome === "stored" && o.conversation?.inserted) await adoptOrphans(db, items[i]!.event.appId, o.conversation.id);
  }
}

/** A refused callback is counted for troubleshooting; best effort and bounded, never delaying the 401. */
async function countFailure(db: Db, appId: string, reason: SignatureFailureReason): Promise<void> {
  await withDeadline(countSignatureFailure(db, appId, reason), DB_DEADLINE_MS).catch(() => undefined);
}

/**
 * Receives one Sinch callback: verify (contract section 8), then store the raw event and its
 * normalised rows in one transaction, shared with the callbacks that arrived at the same moment
 * (group commit). 200 only after commit; 503 when the database cannot commit, so Sinch retries. A
 * body the portal cannot normalise is still stored raw (status `failed`).
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
  let stored: StoredOutcome;
  try {
    // The deadline counts from arrival, so time spent waiting for a batch is part of it.
    stored = await withDeadline(queueFor(db).submit({ event, parsed, at }), DB_DEADLINE_MS);
  } catch (err) {
    logger.warn({ appId: req.appId, err: safeError(err) }, "webhook not stored; answering 503");
    return SERVICE_UNAVAILABLE;
  }
  switch (stored.outcome) {
    case "unavailable":
      return SERVICE_UNAVAILABLE;
    case "replayed":
      await countFailure(db, req.appId, "replayed");
      return { status: 401, reason: "replayed" };
    case "duplicate":
      return { status: 200, outcome: "duplicate" };
    case "stored":
      return { status: 200, outcome: "stored", eventId: stored.eventId };
  }
}
